//! The built SPA is served at `/` with history-mode fallback, without shadowing the API.

use serde_json::Value;

use crate::helpers::{Backend, problem, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spa_is_served_with_deep_link_fallback_and_the_api_keeps_its_404s() {
    let dir = std::env::temp_dir().join(format!("pembina-spa-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).expect("dir");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Pembina</title><div id=root></div>",
    )
    .expect("index");
    std::fs::write(dir.join("assets/app.js"), "console.log('pembina')").expect("asset");
    std::fs::write(
        dir.join("rate.html"),
        "<!doctype html><title>Penilaian Layanan</title><form id=rate></form>",
    )
    .expect("rate page");
    let app = spawn_app_with(
        Backend::Sqlite,
        &[("frontend_dir", dir.display().to_string())],
    )
    .await
    .expect("app");
    let get = |path: &str| app.client.get(format!("{}{path}", app.address)).send();

    let root = get("/").await.expect("send");
    assert_eq!(root.status(), 200);
    assert!(
        root.text()
            .await
            .expect("text")
            .contains("<title>Pembina</title>")
    );
    let deep = get("/employees/123/edit").await.expect("send");
    assert_eq!(deep.status(), 200);
    assert!(deep.text().await.expect("text").contains("id=root"));
    // The public survey form opens straight from its link, without signing in.
    let public = get("/s/0a1b2c3d4e").await.expect("send");
    assert_eq!(public.status(), 200);
    assert!(public.text().await.expect("text").contains("id=root"));
    // A unit's QR link opens the small rating page, not the SPA, revalidated on every visit.
    let rate = get("/r/PKM-SAWAH-LEBAR?t=abc").await.expect("send");
    assert_eq!(rate.status(), 200);
    assert_eq!(rate.headers()["cache-control"], "no-cache");
    assert!(rate.text().await.expect("text").contains("id=rate"));
    let asset = get("/assets/app.js").await.expect("send");
    assert_eq!(asset.text().await.expect("text"), "console.log('pembina')");

    problem(
        get("/api/v1/no-such-thing").await.expect("send"),
        404,
        "not_found",
    )
    .await;
    let health: Value = get("/api/v1/health")
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(health["status"], "ok");
    let _ = std::fs::remove_dir_all(dir);
}
