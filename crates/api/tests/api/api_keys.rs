//! API keys for scripts: shown once, hashed, scoped, tenant-bound, expiring and revocable.

use serde_json::{Value, json};

use crate::helpers::{TestApp, db_test, problem};

async fn key(app: &TestApp, token: &str, scopes: Value) -> (String, String) {
    let res = app
        .post(
            "/api-keys",
            Some(token),
            json!({"name": "SIMPEG nightly", "scopes": scopes}),
        )
        .await;
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let body: Value = res.json().await.expect("json");
    (
        body["id"].as_str().expect("id").to_owned(),
        body["secret"].as_str().expect("secret").to_owned(),
    )
}

const CSV: &str = "nip,employment_type,name,unit_code\r\n199001012015011001,pns,Budi,DINKES\r\n";

async fn import(app: &TestApp, secret: &str) -> reqwest::Response {
    app.client
        .post(app.url("/imports/employees?mode=commit"))
        .bearer_auth(secret)
        .header("content-type", "text/csv")
        .body(CSV)
        .send()
        .await
        .expect("send")
}

db_test!(
    async fn a_key_is_shown_once_stored_hashed_and_imports_into_its_own_agency(app) {
        let admin = app.agency_admin("1771").await;
        app.unit(&admin.token, None, None, "DINKES").await;
        let (id, secret) = key(&app, &admin.token, json!(["imports:write"])).await;
        assert!(secret.starts_with("pmb_") && secret.len() > 40);
        let list: Value = app.get("/api-keys", &admin.token).await.json().await.expect("json");
        assert_eq!(list["items"][0]["id"], id);
        assert!(!list.to_string().contains(&secret[8..]), "the secret is never shown again");
        assert_eq!(list["items"][0]["prefix"], secret[..8]);
        assert!(list["items"][0]["last_used_at"].is_null());

        let res = import(&app, &secret).await;
        assert_eq!(res.status(), 200);
        let report: Value = res.json().await.expect("json");
        assert_eq!(report["created"], 1);
        assert_eq!(report["agency_id"], json!(app.agency("1771").await));
        let used: Value = app.get("/api-keys", &admin.token).await.json().await.expect("json");
        assert!(used["items"][0]["last_used_at"].is_string());
        // The audit trail names the key.
        let events: Value = app.get("/audit-events?entity_type=employee", &admin.token).await.json().await.expect("json");
        assert_eq!(events["items"][0]["action"], "import_create");
    }
);

db_test!(
    async fn a_key_can_do_only_what_its_scopes_say(app) {
        let admin = app.agency_admin("1771").await;
        app.unit(&admin.token, None, None, "DINKES").await;
        let (_, reader) = key(&app, &admin.token, json!(["employees:read"])).await;
        problem(import(&app, &reader).await, 403, "forbidden").await;
        assert_eq!(app.get("/employees", &reader).await.status(), 200);
        assert_eq!(app.get("/employees/export", &reader).await.status(), 200);
        problem(app.get("/org-units", &reader).await, 403, "forbidden").await;
        problem(app.get("/users", &reader).await, 403, "forbidden").await;
        problem(app.get("/me", &reader).await, 403, "forbidden").await;
        problem(app.get("/audit-events", &reader).await, 403, "forbidden").await;
        problem(app.post("/api-keys", Some(&reader), json!({"name": "x", "scopes": ["imports:write"]})).await, 403, "forbidden").await;
        let res = app.post("/employees", Some(&reader), json!({"nip": "199001012015011001", "employment_type": "pns", "name": "X", "org_unit_id": uuid::Uuid::now_v7()})).await;
        problem(res, 403, "forbidden").await;
        let (_, org) = key(&app, &admin.token, json!(["org:read"])).await;
        assert_eq!(app.get("/org-units", &org).await.status(), 200);
        problem(app.get("/employees", &org).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn a_key_sees_only_its_agency(app) {
        let admin = app.agency_admin("1771").await;
        let other = app.agency_admin("1702").await;
        let unit = app.unit(&other.token, None, None, "SETDA").await;
        let theirs = app.employee(&other.token, None, unit, "199001012015011001", "Orang Curup", None).await;
        let (_, secret) = key(&app, &admin.token, json!(["employees:read", "imports:write"])).await;
        let list: Value = app.get("/employees", &secret).await.json().await.expect("json");
        assert_eq!(list["total"], 0);
        problem(app.get(&format!("/employees/{}", theirs["id"].as_str().expect("id")), &secret).await, 404, "not_found").await;
        let res = app.client.post(app.url(&format!("/imports/employees?agency_id={}", app.agency("1702").await))).bearer_auth(&secret).header("content-type", "text/csv").body(CSV).send().await.expect("send");
        problem(res, 404, "not_found").await;
        // Admins of another agency cannot see or revoke the key either.
        let keys: Value = app.get("/api-keys", &other.token).await.json().await.expect("json");
        assert_eq!(keys["total"], 0);
    }
);

db_test!(
    async fn revoked_and_expired_keys_stop_working(app) {
        let admin = app.agency_admin("1771").await;
        let (id, secret) = key(&app, &admin.token, json!(["org:read"])).await;
        assert_eq!(app.get("/org-units", &secret).await.status(), 200);
        let other = app.agency_admin("1702").await;
        problem(app.request(reqwest::Method::DELETE, &format!("/api-keys/{id}"), Some(&other.token), None).await, 404, "not_found").await;
        let res = app.request(reqwest::Method::DELETE, &format!("/api-keys/{id}"), Some(&admin.token), None).await;
        assert_eq!(res.status(), 200);
        assert!(res.json::<Value>().await.expect("json")["revoked_at"].is_string());
        problem(app.get("/org-units", &secret).await, 401, "unauthorized").await;

        let (expiring, secret) = key(&app, &admin.token, json!(["org:read"])).await;
        // Let it expire: move its expiry into the past.
        use sea_orm::{ConnectionTrait, Statement};
        let sql = match app.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "UPDATE api_keys SET expires_at = NOW() - INTERVAL '1 minute' WHERE id = $1",
            _ => "UPDATE api_keys SET expires_at = '2000-01-01T00:00:00+00:00' WHERE id = $1",
        };
        let id: uuid::Uuid = expiring.parse().expect("uuid");
        app.db.execute_raw(Statement::from_sql_and_values(app.db.get_database_backend(), sql, [id.into()])).await.expect("expire");
        problem(app.get("/org-units", &secret).await, 401, "unauthorized").await;
        problem(app.get("/org-units", "pmb_not-a-real-key").await, 401, "unauthorized").await;
    }
);

db_test!(
    async fn keys_need_a_scope_and_a_sane_lifetime_and_only_admins_make_them(app) {
        let admin = app.agency_admin("1771").await;
        let body = problem(app.post("/api-keys", Some(&admin.token), json!({"name": "x", "scopes": []})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "scopes");
        let body = problem(app.post("/api-keys", Some(&admin.token), json!({"name": "x", "scopes": ["imports:write"], "expires_in_days": 1000})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "expires_in_days");
        let body = problem(app.post("/api-keys", Some(&admin.token), json!({"name": "x", "scopes": ["root"]})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "scopes[0]");
        let agency = app.agency("1771").await;
        let staff = app.create_user_direct("staff@test.local", Some(agency), vec![pembina_domain::accounts::Role::Employee], None).await;
        problem(app.post("/api-keys", Some(&staff.token), json!({"name": "x", "scopes": ["org:read"]})).await, 403, "forbidden").await;
        let created: Value = app.post("/api-keys", Some(&admin.token), json!({"name": "x", "scopes": ["org:read"], "expires_in_days": 7})).await.json().await.expect("json");
        let expires: chrono::DateTime<chrono::Utc> = created["expires_at"].as_str().expect("expires").parse().expect("date");
        let days = (expires - chrono::Utc::now()).num_days();
        assert!((6..=7).contains(&days), "{days}");
    }
);
