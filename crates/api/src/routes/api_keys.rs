//! API keys for scripts (nightly imports): created by administrators with scopes and an
//! expiry, shown once, stored hashed, revocable.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{DateTime, Duration, Utc};
use pembina_domain::accounts::{ApiScope as DScope, MAX_KEY_DAYS};
use pembina_domain::page::PageRequest;
use pembina_persistence::entities::api_keys as keys_table;
use pembina_persistence::repositories::api_keys::{self, NewApiKey};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::common::{Page, PageParams};
use crate::auth::{Auth, hash_refresh_token, new_api_key};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum ApiScope {
    /// Run imports and read their reports.
    #[serde(rename = "imports:write")]
    ImportsWrite,
    /// Read and export employees.
    #[serde(rename = "employees:read")]
    EmployeesRead,
    /// Read and export agencies, org units and positions.
    #[serde(rename = "org:read")]
    OrgRead,
    /// Read the competency dictionary, standards, assessments and gaps.
    #[serde(rename = "competencies:read")]
    CompetenciesRead,
    /// Read programmes, sessions, participants, JP ledgers and their dashboards.
    #[serde(rename = "learning:read")]
    LearningRead,
    /// Read citizens' satisfaction indexes (SKM/IKM) and their trends.
    #[serde(rename = "ratings:read")]
    RatingsRead,
}

impl From<ApiScope> for DScope {
    fn from(s: ApiScope) -> Self {
        match s {
            ApiScope::ImportsWrite => DScope::ImportsWrite,
            ApiScope::EmployeesRead => DScope::EmployeesRead,
            ApiScope::OrgRead => DScope::OrgRead,
            ApiScope::CompetenciesRead => DScope::CompetenciesRead,
            ApiScope::LearningRead => DScope::LearningRead,
            ApiScope::RatingsRead => DScope::RatingsRead,
        }
    }
}

impl From<DScope> for ApiScope {
    fn from(s: DScope) -> Self {
        match s {
            DScope::ImportsWrite => ApiScope::ImportsWrite,
            DScope::EmployeesRead => ApiScope::EmployeesRead,
            DScope::OrgRead => ApiScope::OrgRead,
            DScope::CompetenciesRead => ApiScope::CompetenciesRead,
            DScope::LearningRead => ApiScope::LearningRead,
            DScope::RatingsRead => ApiScope::RatingsRead,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub name: String,
    /// The first characters of the key, to recognise it.
    #[schema(example = "pmb_Xk3v")]
    pub prefix: String,
    pub scopes: Vec<ApiScope>,
    /// The administrator who created the key.
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<keys_table::Model> for ApiKeyResponse {
    fn from(m: keys_table::Model) -> Self {
        Self {
            scopes: api_keys::scopes_of(&m)
                .into_iter()
                .map(Into::into)
                .collect(),
            id: m.id,
            agency_id: m.agency_id,
            name: m.name,
            prefix: m.prefix,
            created_by: m.created_by,
            created_at: m.created_at,
            expires_at: m.expires_at,
            last_used_at: m.last_used_at,
            revoked_at: m.revoked_at,
        }
    }
}

/// A new key, with its secret: shown this once, never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiKeyResponse {
    #[serde(flatten)]
    pub key: ApiKeyResponse,
    /// Send as `Authorization: Bearer <key>`. Store it now: Pembina keeps only its hash.
    pub secret: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    /// What the key is for, e.g. "SIMPEG nightly import".
    #[validate(length(min = 1, max = 100, message = "must be 1-100 characters"))]
    pub name: String,
    #[schema(min_items = 1)]
    pub scopes: Vec<ApiScope>,
    /// Days until the key expires: 1-366, default 90.
    #[validate(range(min = 1, max = 366, message = "must be between 1 and 366 days"))]
    pub expires_in_days: Option<i64>,
    /// Super admins must name the agency; agency admins always create keys of their own.
    pub agency_id: Option<Uuid>,
}

/// List API keys (never their secrets).
///
/// **Who may call:** super_admin (all agencies); agency_admin (their agency). Not API keys.
#[utoipa::path(tag = "accounts", params(PageParams), responses((status = 200, body = Page<ApiKeyResponse>)), security(("bearer" = [])))]
#[get("/api-keys")]
pub async fn list_api_keys(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<PageParams>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let page = PageRequest::parse(q.0.page, q.0.per_page)?;
    let result = api_keys::list_keys(&state.db, auth.scope(), page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |m| Ok(ApiKeyResponse::from(m)))?))
}

/// Create an API key. The response carries the secret, this once.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (for their agency). Not API
/// keys.
#[utoipa::path(tag = "accounts", request_body = CreateApiKeyRequest, responses((status = 201, body = CreatedApiKeyResponse)), security(("bearer" = [])))]
#[post("/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateApiKeyRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    if b.scopes.is_empty() {
        return Err(ApiError::field(
            "scopes",
            "required",
            "give the key at least one scope",
        ));
    }
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let mut scopes: Vec<DScope> = b.scopes.into_iter().map(Into::into).collect();
    scopes.sort();
    scopes.dedup();
    let secret = new_api_key();
    let days = b.expires_in_days.unwrap_or(90).clamp(1, MAX_KEY_DAYS);
    let new = NewApiKey {
        agency_id,
        name: b.name.trim().to_owned(),
        prefix: secret.chars().take(8).collect(),
        key_hash: hash_refresh_token(&secret),
        scopes,
        expires_at: Utc::now() + Duration::days(days),
    };
    let m = api_keys::create_key(&state.db, &actor(&auth, &req), new).await?;
    Ok(HttpResponse::Created().json(CreatedApiKeyResponse {
        key: m.into(),
        secret,
    }))
}

/// Revoke an API key at once (scripts using it get 401 from the next request).
///
/// **Who may call:** super_admin; agency_admin (keys of their agency). Not API keys.
#[utoipa::path(tag = "accounts", params(("id" = Uuid, Path)), responses((status = 200, body = ApiKeyResponse)), security(("bearer" = [])))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let m = api_keys::revoke_key(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ApiKeyResponse::from(m)))
}
