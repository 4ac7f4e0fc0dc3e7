//! The `pembina` command as operators use it.

use std::process::Command;

fn pembina() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pembina"));
    c.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    // Only what each test sets: nothing from the developer's environment.
    for (k, _) in std::env::vars() {
        if k.starts_with("PEMBINA_") {
            c.env_remove(k);
        }
    }
    c
}

fn temp_db(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("pembina-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.display());
    (dir, url)
}

#[test]
fn serve_refuses_the_built_in_jwt_secret_outside_demo_mode() {
    let (dir, url) = temp_db("secret");
    let out = pembina()
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", &url])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PEMBINA_AUTH__JWT_SECRET"), "{err}");
    assert!(
        !dir.join("p.db").exists(),
        "nothing should be created before the refusal"
    );
}

#[test]
fn openapi_check_passes_on_the_committed_spec_and_fails_on_a_stale_one() {
    let ok = pembina()
        .args(["openapi", "--check"])
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stale = std::env::temp_dir().join(format!("pembina-stale-{}.json", std::process::id()));
    std::fs::write(&stale, "{}").expect("write");
    let out = pembina()
        .args(["openapi", "--check", "--output"])
        .arg(&stale)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("make openapi"));
    let _ = std::fs::remove_file(stale);
}

#[test]
fn migrate_creates_the_sqlite_file_and_create_admin_adds_a_super_admin_once() {
    let (dir, url) = temp_db("admin");
    let out = pembina()
        .args(["migrate", "--database-url", &url])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("p.db").exists());
    let create = || {
        pembina()
            .args([
                "create-admin",
                "--email",
                "ops@bengkuluprov.go.id",
                "--database-url",
                &url,
            ])
            .env("PEMBINA_ADMIN_PASSWORD", "a long admin password")
            .output()
            .expect("run")
    };
    let first = create();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("super_admin"));
    let second = create();
    assert!(
        !second.status.success(),
        "a second account with the same e-mail must be refused"
    );
    let short = pembina()
        .args([
            "create-admin",
            "--email",
            "x@y.id",
            "--password",
            "short",
            "--database-url",
            &url,
        ])
        .output()
        .expect("run");
    assert!(!short.status.success());
    let agency = pembina()
        .args([
            "create-admin",
            "--email",
            "ops@kotabengkulu.go.id",
            "--agency",
            "1771",
            "--database-url",
            &url,
        ])
        .env("PEMBINA_ADMIN_PASSWORD", "a long admin password")
        .output()
        .expect("run");
    assert!(
        String::from_utf8_lossy(&agency.stdout).contains("agency_admin"),
        "{}",
        String::from_utf8_lossy(&agency.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}
