//! Wiring, in one place: configuration → database → migrations → (demo data) → HTTP server.
//! `main` and the tests build the application the same way.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::{App, HttpMessage, HttpRequest, HttpResponse, HttpServer, guard, web};
use anyhow::Context;
use futures_util::future::LocalBoxFuture;
use pembina_persistence::audit::Actor;
use pembina_persistence::{Db, redact};
use secrecy::ExposeSecret;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::{Auth, TokenKeys};
use crate::config::Settings;
use crate::error::ApiError;
use crate::openapi::{ApiDoc, RouteTable};
use crate::routes;

/// Largest JSON body accepted.
const MAX_JSON_BODY: usize = 1 << 20;

/// Shared, read-only state of every worker.
pub struct AppState {
    pub db: Db,
    pub keys: TokenKeys,
    pub settings: Settings,
    /// Uploaded files (training materials): local disk or S3-compatible object storage.
    pub storage: crate::storage::Storage,
    /// Signs citizens' rating links and hashes their addresses.
    pub rating_keys: crate::rating_keys::RatingKeys,
}

/// The actor of a write: the signed-in user and the request id (for the audit trail).
pub fn actor(auth: &Auth, req: &HttpRequest) -> Actor {
    Actor {
        user_id: Some(auth.user_id),
        api_key_id: auth.api_key.as_ref().map(|(id, _)| *id),
        request_id: req.extensions().get::<RequestId>().map(ToString::to_string),
    }
}

/// The agency a new object goes into: the caller's own, or for a super admin the one named,
/// which must exist.
pub async fn target_agency(
    state: &AppState,
    auth: &Auth,
    requested: Option<uuid::Uuid>,
) -> Result<uuid::Uuid, ApiError> {
    let id = auth.target_agency(requested)?;
    if requested.is_some() {
        pembina_persistence::repositories::org::get_agency(&state.db, auth.scope(), id)
            .await
            .map_err(|_| ApiError::field("agency_id", "unknown_reference", "no such agency"))?;
    }
    Ok(id)
}

/// The OpenAPI document of every route, exactly as the server registers them.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(utoipa_actix_web::scope("/api/v1").configure(routes::configure))
        .split_for_parts();
    crate::openapi::complete(api)
}

/// Creates the directory of a SQLite database file, so the first start needs no set-up.
fn ensure_sqlite_dir(url: &str) -> anyhow::Result<()> {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Ok(());
    };
    let file = rest.split('?').next().unwrap_or("");
    if file.is_empty() || file == ":memory:" || url.contains("mode=memory") {
        return Ok(());
    }
    if let Some(dir) = Path::new(file)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Ok(())
}

/// Connects and migrates.
pub async fn database(settings: &Settings) -> anyhow::Result<Db> {
    ensure_sqlite_dir(&settings.database_url)?;
    let db =
        pembina_persistence::connect(&settings.database_url, settings.database_max_connections)
            .await
            .with_context(|| format!("connecting to {}", redact(&settings.database_url)))?;
    pembina_persistence::migrate(&db)
        .await
        .context("running migrations")?;
    Ok(db)
}

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
}

impl Application {
    /// Builds the server on `settings.bind` (port 0 picks a free port). With `demo`, seeds the
    /// demo data first (idempotent).
    pub async fn build(settings: Settings, demo: bool) -> anyhow::Result<Self> {
        let db = database(&settings).await?;
        if demo {
            let hash = crate::auth::hash_password(settings.demo_password.expose_secret())
                .map_err(anyhow::Error::msg)?;
            let summary = crate::demo::seed(&db, &hash)
                .await
                .map_err(|e| anyhow::anyhow!("seeding demo data: {e}"))?;
            crate::demo_learning::seed(&db, crate::routes::learning::today())
                .await
                .map_err(|e| anyhow::anyhow!("seeding demo learning data: {e}"))?;
            crate::demo_appraisal::seed(&db, crate::routes::learning::today())
                .await
                .map_err(|e| anyhow::anyhow!("seeding demo appraisal data: {e}"))?;
            crate::demo_ratings::seed(&db, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("seeding demo citizen ratings: {e}"))?;
            if summary.skipped {
                tracing::info!("demo data already present");
            } else {
                tracing::info!(
                    units = summary.units,
                    positions = summary.positions,
                    employees = summary.employees,
                    users = summary.users,
                    "demo data seeded"
                );
            }
        }
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("binding {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let keys = TokenKeys::new(
            settings.auth.jwt_secret.expose_secret().as_bytes(),
            settings.auth.access_ttl_seconds,
        );
        let frontend = settings.frontend_dir.clone();
        let workers = match settings.workers {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n,
        };
        let storage = crate::storage::Storage::from_url(
            &settings.storage.url,
            settings.storage.max_upload_bytes(),
        )
        .context("opening file storage (PEMBINA_STORAGE__URL)")?;
        tracing::info!(storage = storage.describe(), "file storage ready");
        let rating_keys = crate::rating_keys::RatingKeys::new(
            settings.rating_secret().expose_secret().as_bytes(),
        );
        let state = web::Data::new(AppState {
            db: db.clone(),
            keys,
            settings,
            storage,
            rating_keys,
        });
        let routes = web::Data::new(RouteTable::from_openapi(&openapi()));
        let server = HttpServer::new(move || app(state.clone(), routes.clone(), frontend.clone()))
            .listen(listener)?
            .workers(workers)
            .shutdown_timeout(5)
            .run();
        Ok(Self { port, server, db })
    }

    /// A handle to stop the server (tests stop theirs when they end).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// The application's pool (the same in-memory SQLite database, for tests).
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn app(
    state: web::Data<AppState>,
    routes: web::Data<RouteTable>,
    frontend: PathBuf,
) -> App<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (app, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .app_data(state)
        .app_data(routes)
        .app_data(web::PayloadConfig::new(MAX_JSON_BODY))
        .app_data(
            web::PathConfig::default().error_handler(|_, _| ApiError::not_found("resource").into()),
        )
        .service(
            utoipa_actix_web::scope("/api/v1")
                .configure(routes::configure)
                .route("/openapi.json", web::get().to(get_openapi)),
        )
        .split_for_parts();
    let spec = web::Data::new(SpecJson(
        crate::openapi::complete(api).to_json().unwrap_or_default(),
    ));
    let mut app = app
        .app_data(spec)
        .service(
            SwaggerUi::new("/docs/{_:.*}")
                .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")),
        )
        .route(
            "/docs",
            web::get().to(|| async {
                HttpResponse::PermanentRedirect()
                    .insert_header((header::LOCATION, "/docs/"))
                    .finish()
            }),
        );
    if frontend.join("rate.html").is_file() {
        app = app.service(rating_page(frontend.join("rate.html")));
    }
    if frontend.join("index.html").is_file() {
        app = app.service(spa(frontend));
    }
    app.default_service(web::to(fallback))
        .wrap(
            DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("Referrer-Policy", "no-referrer"))
                .add(("X-Frame-Options", "DENY")),
        )
        .wrap_fn(add_request_id)
        .wrap(TracingLogger::default())
}

/// The OpenAPI document as served (rendered once per worker).
struct SpecJson(String);

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 document (left out of the document itself).
async fn get_openapi(spec: web::Data<SpecJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(spec.0.clone())
}

/// The citizens' rating page `/r/{unit_code}`: its own small page (`rate.html`), not the
/// administrators' SPA, so a cheap phone on a slow network loads a few kilobytes. Never cached
/// without revalidation, so a new build reaches phones; its service worker keeps it offline.
fn rating_page(file: PathBuf) -> actix_web::Resource {
    web::resource("/r/{unit_code}").route(
        web::route()
            .guard(guard::Any(guard::Get()).or(guard::Head()))
            .to(move |req: HttpRequest| {
                let file = file.clone();
                async move {
                    actix_files::NamedFile::open(file).map(|f| {
                        let mut res = f.into_response(&req);
                        res.headers_mut().insert(
                            header::CACHE_CONTROL,
                            header::HeaderValue::from_static("no-cache"),
                        );
                        res
                    })
                }
            }),
    )
}

/// The built SPA at `/`, with every unknown non-API path answered by `index.html` so deep links
/// work (history-mode routing).
fn spa(dir: PathBuf) -> actix_files::Files {
    let index = dir.join("index.html");
    actix_files::Files::new("/", dir)
        .index_file("index.html")
        .guard(guard::fn_guard(|ctx| {
            !ctx.head().uri.path().starts_with("/api/")
        }))
        .default_handler(web::to(move |req: HttpRequest| {
            let index = index.clone();
            async move { actix_files::NamedFile::open(index).map(|f| f.into_response(&req)) }
        }))
}

/// Unknown routes: 405 with `Allow` when the path exists with other methods, otherwise 404.
async fn fallback(
    req: HttpRequest,
    routes: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    Err(match routes.allowed(req.path()) {
        Some(methods) if !methods.is_empty() => {
            let allow = methods
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method not allowed",
                format!("{} is not allowed here; use {allow}", req.method()),
            )
            .with_header(header::ALLOW, &allow)
        }
        _ => ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Not found",
            format!("no route for {}", req.path()),
        ),
    })
}

/// Echoes the request id in the `x-request-id` response header, so a user's report can be
/// matched to the log line.
fn add_request_id<S, B>(
    req: ServiceRequest,
    srv: &S,
) -> LocalBoxFuture<'static, Result<ServiceResponse<B>, actix_web::Error>>
where
    S: actix_web::dev::Service<
            ServiceRequest,
            Response = ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    S::Future: 'static,
{
    let id = req.extensions().get::<RequestId>().map(ToString::to_string);
    let fut = srv.call(req);
    Box::pin(async move {
        let mut res = fut.await?;
        if let Some(v) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
            res.headers_mut()
                .insert(HeaderName::from_static("x-request-id"), v);
        }
        Ok(res)
    })
}
