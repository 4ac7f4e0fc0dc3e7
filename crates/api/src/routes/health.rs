//! Liveness and readiness probes.

use actix_web::{HttpResponse, get, http::StatusCode, web};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::startup::AppState;

#[derive(Serialize, ToSchema)]
pub struct HealthResponse {
    /// `ok` or `ready`.
    pub status: String,
}

/// Liveness: the process answers.
///
/// **Who may call:** anyone.
#[utoipa::path(tag = "operations", responses((status = 200, body = HealthResponse)))]
#[get("/health")]
pub async fn get_health() -> HttpResponse {
    HttpResponse::Ok().json(HealthResponse {
        status: "ok".into(),
    })
}

/// Readiness: the database answers a query.
///
/// **Who may call:** anyone.
#[utoipa::path(tag = "operations", responses((status = 200, body = HealthResponse), (status = 503, description = "The database is unreachable", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/ready")]
pub async fn get_ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => Ok(HttpResponse::Ok().json(HealthResponse {
            status: "ready".into(),
        })),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "Service unavailable",
                "the database is not reachable",
            ))
        }
    }
}
