//! `make bench`: the import of employees against the raw baseline of loading the same rows
//! into a bare table, on SQLite and on PostgreSQL, with peak memory per run.
//!
//! Each measurement runs in a child process of its own, so its peak memory (VmHWM) is its own.
//! Settings (environment): `PEMBINA_BENCH_ROWS` (default 100000), `PEMBINA_BENCH_MEMORY_ROWS`
//! (rows of the large run for the memory comparison, default 1000000; 0 skips it),
//! `PEMBINA_BENCH_POSTGRES_URL` (default postgres://postgres@127.0.0.1:5432/test; `none` skips
//! PostgreSQL). Results: a table on stdout and `target/bench/imports.json`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use pembina_api::imports::read::{CsvSource, Spooled};
use pembina_domain::imports::ImportKind;
use pembina_persistence::audit::Actor;
use pembina_persistence::imports::{FileInfo, ImportMode, ImportOptions, OnError, run_import};
use pembina_persistence::repositories::org;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};

const UNITS: usize = 200;

type StatementStats = std::collections::HashMap<String, (u64, f64)>;
static STATEMENTS: std::sync::LazyLock<std::sync::Mutex<StatementStats>> =
    std::sync::LazyLock::new(Default::default);
const COLUMNS: &str = "nip,employment_type,name,title_prefix,title_suffix,sex,birth_date,rank,unit_code,position_code,supervisor_nip,email,phone,status";
const COPY: &str = "COPY bench_raw (nip,employment_type,name,title_prefix,title_suffix,sex,birth_date,rank,unit_code,position_code,supervisor_nip,email,phone,status) FROM STDIN WITH (FORMAT csv, HEADER true)";
const INSERT: &str = "INSERT INTO bench_raw (nip,employment_type,name,title_prefix,title_suffix,sex,birth_date,rank,unit_code,position_code,supervisor_nip,email,phone,status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

fn rows_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Deterministic, valid data: units, positions and `n` employees with supervisors (each
/// unit's first employee heads it; the rest report to their unit's head).
fn generate(dir: &Path, n: usize) -> (PathBuf, PathBuf, PathBuf) {
    let units = dir.join("units.csv");
    let positions = dir.join("positions.csv");
    let employees = dir.join(format!("employees-{n}.csv"));
    let mut u = std::fs::File::create(&units).expect("units");
    writeln!(u, "code,name,kind,parent_code,active").expect("write");
    writeln!(u, "DINKES,Dinas Kesehatan,agency,,true").expect("write");
    for i in 0..UNITS {
        writeln!(u, "U{i:04},Unit {i},service_unit,DINKES,true").expect("write");
    }
    let mut p = std::fs::File::create(&positions).expect("positions");
    writeln!(p, "code,title,kind,functional_level,unit_code,active").expect("write");
    writeln!(p, "KEPALA,Kepala Unit,administrator,,,true").expect("write");
    writeln!(p, "PRWT,Perawat,fungsional,ahli_pertama,,true").expect("write");
    let mut e = std::io::BufWriter::new(std::fs::File::create(&employees).expect("employees"));
    writeln!(e, "nip,employment_type,name,title_prefix,title_suffix,sex,birth_date,rank,unit_code,position_code,supervisor_nip,email,phone,status").expect("write");
    let nip = |i: usize| {
        // Birth 1970-01-01 + i days (bounded), appointment 2000-01, sex alternating, sequence from i.
        let birth = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("date")
            + chrono::Duration::days((i / 999 % 4000) as i64);
        format!(
            "{}{}{}{:03}",
            birth.format("%Y%m%d"),
            "200001",
            1 + i % 2,
            1 + i % 999
        )
    };
    for i in 0..n {
        let unit = i % UNITS;
        let head = i < UNITS;
        let sup = if head { String::new() } else { nip(unit) };
        let position = if head { "KEPALA" } else { "PRWT" };
        writeln!(e, "{},pns,Pegawai {i},,S.Kep.,,,III/a,U{unit:04},{position},{sup},pegawai{i}@kotabengkulu.go.id,0812{:08},active", nip(i), i % 100_000_000).expect("write");
    }
    e.flush().expect("flush");
    (units, positions, employees)
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

async fn fresh_db(backend: &str, dir: &Path, tag: &str) -> (DatabaseConnection, String) {
    let url = if backend == "sqlite" {
        let _ = std::fs::remove_file(dir.join(format!("{tag}.db")));
        format!("sqlite://{}/{tag}.db?mode=rwc", dir.display())
    } else {
        let base = std::env::var("PEMBINA_BENCH_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let admin = pembina_persistence::connect(&base, 1)
            .await
            .expect("postgres");
        let name = format!("pembina_bench_{tag}");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await
            .expect("drop");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create");
        let (root, _) = base.rsplit_once('/').expect("url");
        format!("{root}/{name}")
    };
    let mut db = pembina_persistence::connect(&url, 4)
        .await
        .expect("connect");
    pembina_persistence::migrate(&db).await.expect("migrate");
    if std::env::var("PEMBINA_BENCH_STATEMENTS").is_ok() {
        // Time per statement shape as the client sees it, printed when the child ends.
        db.set_metric_callback(|info| {
            let sql = &info.statement.sql;
            let shape: String = sql.chars().take(70).collect();
            let mut stats = STATEMENTS.lock().expect("lock");
            let e = stats.entry(shape).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += info.elapsed.as_secs_f64();
        });
    }
    (db, url)
}

async fn import_file(
    db: &DatabaseConnection,
    kind: ImportKind,
    mode: ImportMode,
    path: &Path,
) -> Value {
    let agency = org::find_agency_by_code(db, "1771")
        .await
        .expect("query")
        .expect("agency");
    let spooled = Spooled::from_path(path).expect("spool");
    let mut source = CsvSource::open(&spooled).expect("csv");
    let opts = ImportOptions {
        kind,
        mode,
        on_error: OnError::Abort,
        full_sync: false,
        agency_id: agency.id,
        actor: Actor::system(),
        file: FileInfo {
            name: None,
            sha256: spooled.sha256.clone(),
            bytes: spooled.bytes,
            format: "csv",
        },
    };
    let report = run_import(db, opts, &mut source)
        .await
        .unwrap_or_else(|e| panic!("import failed: {e:?}"));
    let r = report.record;
    assert_eq!(
        r.rejected,
        0,
        "bench data must be valid: {:?}",
        report.errors.first()
    );
    json!({"created": r.created, "updated": r.updated, "unchanged": r.unchanged})
}

/// The baseline: the same rows into a bare table with no checks — `COPY` on PostgreSQL, a
/// prepared-insert loop in one transaction on SQLite.
async fn baseline(db: &DatabaseConnection, backend: &str, path: &Path) {
    let cols = COLUMNS;
    let ddl = format!(
        "CREATE TABLE bench_raw ({})",
        cols.split(',')
            .map(|c| format!("{c} TEXT"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    db.execute_unprepared(&ddl).await.expect("create table");
    if backend == "postgres" {
        let pool = db.get_postgres_connection_pool();
        let mut conn = pool.acquire().await.expect("conn");
        let mut copy = conn.copy_in_raw(COPY).await.expect("copy");
        copy.send(std::fs::read(path).expect("read"))
            .await
            .expect("send");
        copy.finish().await.expect("finish");
    } else {
        let pool = db.get_sqlite_connection_pool();
        let mut tx = pool.begin().await.expect("begin");
        let mut reader = csv::Reader::from_path(path).expect("csv");
        for rec in reader.records() {
            let rec = rec.expect("record");
            let mut q = sea_orm::sqlx::query(INSERT);
            for f in &rec {
                q = q.bind(f.to_owned());
            }
            q.execute(&mut *tx).await.expect("insert");
        }
        tx.commit().await.expect("commit");
    }
}

/// One measurement, in this (child) process.
async fn child(backend: &str, what: &str, rows: usize, dir: &Path) {
    let (units, positions, employees) = generate(dir, rows);
    let (db, _) = fresh_db(backend, dir, &format!("{what}_{rows}")).await;
    let seconds = match what {
        "baseline" => {
            let t = Instant::now();
            baseline(&db, backend, &employees).await;
            t.elapsed().as_secs_f64()
        }
        _ => {
            import_file(&db, ImportKind::OrgUnits, ImportMode::Commit, &units).await;
            import_file(&db, ImportKind::Positions, ImportMode::Commit, &positions).await;
            let (mode, first) = match what {
                "dry_run" => (ImportMode::DryRun, None),
                "commit" => (ImportMode::Commit, None),
                _ => (ImportMode::Commit, Some(())),
            };
            if first.is_some() {
                import_file(&db, ImportKind::Employees, ImportMode::Commit, &employees).await;
            }
            STATEMENTS.lock().expect("lock").clear();
            let t = Instant::now();
            let counts = import_file(&db, ImportKind::Employees, mode, &employees).await;
            let s = t.elapsed().as_secs_f64();
            let mut stats: Vec<_> = STATEMENTS.lock().expect("lock").drain().collect();
            stats.sort_by(|a, b| b.1.1.total_cmp(&a.1.1));
            for (shape, (n, secs)) in stats.iter().take(15) {
                eprintln!("{secs:8.3}s {n:6} {shape}");
            }
            eprintln!("{backend} {what} {rows}: {counts}");
            s
        }
    };
    println!(
        "{}",
        json!({"backend": backend, "what": what, "rows": rows, "seconds": seconds, "peak_rss_kib": peak_rss_kib()})
    );
}

fn run_child(backend: &str, what: &str, rows: usize, dir: &Path) -> Value {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--child",
            backend,
            what,
            &rows.to_string(),
            &dir.display().to_string(),
        ])
        .output()
        .expect("child");
    assert!(
        out.status.success(),
        "{backend} {what} {rows} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    serde_json::from_str(&line).expect("child json")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        // RUST_LOG=pembina::import=debug shows how long each phase of the import took.
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let rows: usize = args[i + 3].parse().expect("rows");
        rt.block_on(child(
            &args[i + 1],
            &args[i + 2],
            rows,
            Path::new(&args[i + 4]),
        ));
        return;
    }
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this file without it, and
    // must not start a benchmark of several minutes.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let rows = rows_env("PEMBINA_BENCH_ROWS", 100_000);
    let big = rows_env("PEMBINA_BENCH_MEMORY_ROWS", 1_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut backends = vec!["sqlite"];
    if std::env::var("PEMBINA_BENCH_POSTGRES_URL").map_or(true, |u| u != "none") {
        backends.push("postgres");
    }
    let mut results = Vec::new();
    println!(
        "\nimport of {rows} employees (rows/s, ratio of time to the raw baseline, peak memory)\n"
    );
    println!("| database | run | seconds | rows/s | × baseline | peak RSS |");
    println!("|---|---|---:|---:|---:|---:|");
    for backend in &backends {
        let base = run_child(backend, "baseline", rows, dir.path());
        let base_s = base["seconds"].as_f64().unwrap_or(f64::NAN);
        for what in ["baseline", "dry_run", "commit", "reimport"] {
            let r = if what == "baseline" {
                base.clone()
            } else {
                run_child(backend, what, rows, dir.path())
            };
            let s = r["seconds"].as_f64().unwrap_or(f64::NAN);
            let mib = r["peak_rss_kib"].as_f64().unwrap_or(0.0) / 1024.0;
            println!(
                "| {backend} | {what} | {s:.2} | {:.0} | {:.2} | {mib:.0} MiB |",
                rows as f64 / s,
                s / base_s
            );
            results.push(json!({"backend": backend, "run": what, "rows": rows, "seconds": s, "rows_per_second": rows as f64 / s, "ratio_to_baseline": s / base_s, "peak_rss_mib": mib}));
        }
    }
    if big > 0 {
        println!("\npeak memory of a commit, {rows} vs {big} rows (SQLite)\n");
        let small = run_child("sqlite", "commit", rows, dir.path());
        let large = run_child("sqlite", "commit", big, dir.path());
        let (a, b) = (
            small["peak_rss_kib"].as_f64().unwrap_or(1.0),
            large["peak_rss_kib"].as_f64().unwrap_or(0.0),
        );
        println!("| rows | seconds | peak RSS |\n|---:|---:|---:|");
        println!(
            "| {rows} | {:.2} | {:.0} MiB |",
            small["seconds"].as_f64().unwrap_or(0.0),
            a / 1024.0
        );
        println!(
            "| {big} | {:.2} | {:.0} MiB |",
            large["seconds"].as_f64().unwrap_or(0.0),
            b / 1024.0
        );
        println!("\nratio of peak memory: {:.2}", b / a);
        results.push(json!({"memory": {"rows_small": rows, "rows_large": big, "peak_rss_mib_small": a / 1024.0, "peak_rss_mib_large": b / 1024.0, "ratio": b / a}}));
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("dir");
    std::fs::write(
        out.join("imports.json"),
        serde_json::to_string_pretty(&results).expect("json"),
    )
    .expect("write");
    println!("\nJSON: target/bench/imports.json");
}
