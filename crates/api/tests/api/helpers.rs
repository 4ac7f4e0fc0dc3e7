//! The test harness: every test gets its own server on a free port and its own database —
//! in-memory SQLite, and a fresh PostgreSQL database cloned from a migrated template when
//! `PEMBINA_TEST_POSTGRES_URL` is set — so tests run in parallel without seeing each other.

use std::sync::LazyLock;

use pembina_api::config::Settings;
use pembina_api::startup::Application;
use pembina_domain::accounts::Role;
use pembina_persistence::audit::Actor;
use pembina_persistence::repositories::accounts;
use reqwest::{Client, Method, Response};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use tokio::sync::OnceCell;
use uuid::Uuid;

pub const PASSWORD: &str = "correct horse battery";

/// One hash for every test account: argon2 is slow on purpose, and the tests sign in a lot.
static PASSWORD_HASH: LazyLock<String> =
    LazyLock::new(|| pembina_api::auth::hash_password(PASSWORD).expect("hash"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub db: DatabaseConnection,
    /// Access token of the super admin `root@test.local`.
    pub root: String,
    server: actix_web::dev::ServerHandle,
    pg_database: Option<String>,
}

/// Spawns the app on `backend`. Returns `None` for PostgreSQL when it is not configured, in
/// which case the PostgreSQL variant of a test has nothing to run against.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[]).await
}

pub async fn spawn_app_with(backend: Backend, extra: &[(&str, String)]) -> Option<TestApp> {
    let (url, pg_database) = match backend {
        Backend::Sqlite => ("sqlite::memory:".to_owned(), None),
        Backend::Postgres => {
            let base = match std::env::var("PEMBINA_TEST_POSTGRES_URL") {
                Ok(u) if !u.is_empty() => u,
                _ => {
                    assert!(
                        std::env::var("PEMBINA_TEST_REQUIRE_POSTGRES").is_err(),
                        "PEMBINA_TEST_REQUIRE_POSTGRES is set but PEMBINA_TEST_POSTGRES_URL is not"
                    );
                    return None;
                }
            };
            let name = fresh_pg_database(&base).await;
            (with_database(&base, &name), Some(name))
        }
    };
    let mut overrides: Vec<(&str, String)> = vec![
        ("bind", "127.0.0.1:0".into()),
        ("database_url", url.clone()),
        ("workers", "1".into()),
        ("database_max_connections", "5".into()),
        ("storage.url", "memory://".into()),
    ];
    overrides.extend(extra.iter().cloned());
    let settings = Settings::load(&overrides).expect("settings");
    let app = Application::build(settings, false)
        .await
        .expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let server = app.handle();
    // The app's own pool: for in-memory SQLite the only way to reach the same database.
    let db = app.db();
    tokio::spawn(app.run_until_stopped());
    // reqwest is built without a bundled crypto provider (object storage uses ring): pick it.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut app = TestApp {
        address,
        client,
        db,
        root: String::new(),
        server,
        pg_database,
    };
    app.create_root().await;
    Some(app)
}

impl Drop for TestApp {
    fn drop(&mut self) {
        drop(self.server.stop(false));
        if let Some(name) = self.pg_database.take() {
            let base = std::env::var("PEMBINA_TEST_POSTGRES_URL").unwrap_or_default();
            // Drop runs outside async; a short-lived runtime on another thread does the I/O.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    if let Ok(admin) = Database::connect(&base).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

fn with_database(base: &str, name: &str) -> String {
    let (prefix, query) = match base.split_once('?') {
        Some((p, q)) => (p, format!("?{q}")),
        None => (base, String::new()),
    };
    let root = prefix.rsplit_once('/').map_or(prefix, |(r, _)| r);
    format!("{root}/{name}{query}")
}

/// The per-process template, migrated once; test databases are cheap copies of it.
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

async fn fresh_pg_database(base: &str) -> String {
    let template = TEMPLATE
        .get_or_init(|| async {
            let admin = Database::connect(base)
                .await
                .expect("connect to PEMBINA_TEST_POSTGRES_URL");
            drop_stale(&admin).await;
            let name = format!("pembina_tpl_{}", std::process::id());
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .expect("drop template");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create template");
            let tpl = pembina_persistence::connect(&with_database(base, &name), 1)
                .await
                .expect("connect template");
            pembina_persistence::migrate(&tpl)
                .await
                .expect("migrate template");
            tpl.close().await.expect("close template");
            let _ = admin.close().await;
            name
        })
        .await;
    let name = format!(
        "pembina_t_{}_{}",
        std::process::id(),
        Uuid::new_v4().simple()
    );
    let admin = Database::connect(base).await.expect("connect");
    admin
        .execute_unprepared(&format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        ))
        .await
        .expect("create test database");
    let _ = admin.close().await;
    name
}

/// Drops databases left by test processes that no longer run (their pid is in the name).
async fn drop_stale(admin: &DatabaseConnection) {
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'pembina_t%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !std::path::Path::new(&format!("/proc/{p}")).exists()) {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
        }
    }
}

/// A signed-in test user.
#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub token: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    async fn create_root(&mut self) {
        self.root = self
            .create_user_direct("root@test.local", None, vec![Role::SuperAdmin], None)
            .await
            .token;
    }

    /// Creates an account straight through the repository (the API's own user creation is
    /// tested separately) and signs it in.
    pub async fn create_user_direct(
        &self,
        email: &str,
        agency: Option<Uuid>,
        roles: Vec<Role>,
        employee: Option<Uuid>,
    ) -> User {
        let account = accounts::create_user(
            &self.db,
            &Actor::system(),
            accounts::NewUser {
                email: email.into(),
                display_name: email.into(),
                password_hash: PASSWORD_HASH.clone(),
                agency_id: agency,
                employee_id: employee,
                roles,
            },
        )
        .await
        .expect("create user");
        let token = self.login(email, PASSWORD).await;
        User {
            id: account.user.id,
            token,
        }
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let res = self
            .post(
                "/auth/login",
                None,
                json!({"username": username, "password": password}),
            )
            .await;
        assert_eq!(res.status(), 200, "login of {username} failed");
        res.json::<Value>().await.expect("json")["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Response {
        self.request(Method::PUT, path, Some(token), Some(body))
            .await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Response {
        self.request(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    /// The id of a seeded agency by its code ("17", "1771", ...).
    pub async fn agency(&self, code: &str) -> Uuid {
        let res: Value = self
            .get("/agencies?per_page=200", &self.root)
            .await
            .json()
            .await
            .expect("json");
        let id = res["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|a| a["code"] == code)
            .expect("agency")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        id.parse().expect("uuid")
    }

    /// An agency admin of `code`, signed in.
    pub async fn agency_admin(&self, code: &str) -> User {
        let agency = self.agency(code).await;
        self.create_user_direct(
            &format!("admin.{code}@test.local"),
            Some(agency),
            vec![Role::AgencyAdmin],
            None,
        )
        .await
    }

    /// Creates a unit through the API as `token` and returns its id.
    pub async fn unit(
        &self,
        token: &str,
        agency: Option<Uuid>,
        parent: Option<Uuid>,
        code: &str,
    ) -> Uuid {
        let res = self.post("/org-units", Some(token), json!({"agency_id": agency, "parent_id": parent, "code": code, "name": format!("Unit {code}"), "kind": "agency"})).await;
        assert_eq!(
            res.status(),
            201,
            "create unit {code}: {}",
            res.text().await.unwrap_or_default()
        );
        id_of(res).await
    }

    /// Creates an employee through the API as `token` and returns its JSON.
    pub async fn employee(
        &self,
        token: &str,
        agency: Option<Uuid>,
        unit: Uuid,
        nip: &str,
        name: &str,
        supervisor: Option<Uuid>,
    ) -> Value {
        let res = self
            .post("/employees", Some(token), json!({"agency_id": agency, "org_unit_id": unit, "nip": nip, "employment_type": "pns", "name": name, "supervisor_id": supervisor}))
            .await;
        assert_eq!(
            res.status(),
            201,
            "create employee {nip}: {}",
            res.text().await.unwrap_or_default()
        );
        res.json().await.expect("json")
    }
}

pub async fn id_of(res: Response) -> Uuid {
    let v: Value = res.json().await.expect("json");
    v["id"].as_str().expect("id").parse().expect("uuid")
}

/// Asserts a problem+json answer and returns its body.
pub async fn problem(res: Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert_eq!(ct, "application/problem+json");
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    body
}

/// Generates one test per backend from one body: `<name>::on_sqlite` and `<name>::on_postgres`.
macro_rules! db_test {
    ($(#[$m:meta])* async fn $name:ident($app:ident) $body:block) => {
        $(#[$m])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await.expect("sqlite app");
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let Some($app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await else {
                    eprintln!("PEMBINA_TEST_POSTGRES_URL is not set: PostgreSQL variant not run");
                    return;
                };
                $body
            }
        }
    };
}
pub(crate) use db_test;

/// [`db_test!`] with settings overridden for the test (`("public_rate_limit", "2")`, ...).
macro_rules! db_test_with {
    ($(#[$m:meta])* async fn $name:ident($app:ident) with [$($setting:expr),* $(,)?] $body:block) => {
        $(#[$m])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn config() -> Vec<(&'static str, String)> {
                let settings: Vec<(&'static str, &str)> = vec![$($setting),*];
                settings.into_iter().map(|(k, v)| (k, v.to_owned())).collect()
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let $app = $crate::helpers::spawn_app_with($crate::helpers::Backend::Sqlite, &config()).await.expect("sqlite app");
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let Some($app) = $crate::helpers::spawn_app_with($crate::helpers::Backend::Postgres, &config()).await else {
                    eprintln!("PEMBINA_TEST_POSTGRES_URL is not set: PostgreSQL variant not run");
                    return;
                };
                $body
            }
        }
    };
}
pub(crate) use db_test_with;
