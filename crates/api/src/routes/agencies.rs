//! Agencies: the province, regencies and cities that use Pembina (the tenants).

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use pembina_domain::accounts::ApiScope;
use pembina_domain::accounts::Role as DRole;
use pembina_domain::org::{AgencyInput, NewAgency};
use pembina_domain::page::PageRequest;
use pembina_persistence::entities::agencies;
use pembina_persistence::repositories::org;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::common::{AgencyKind, Page, PageParams, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor};

#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyResponse {
    pub id: Uuid,
    /// Regional code: 2 digits for a province, 4 for a regency or city.
    #[schema(example = "1771")]
    pub code: String,
    #[schema(example = "Pemerintah Kota Bengkulu")]
    pub name: String,
    pub kind: AgencyKind,
    /// Seat of government.
    pub seat: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<agencies::Model> for AgencyResponse {
    type Error = ApiError;
    fn try_from(m: agencies::Model) -> Result<Self, ApiError> {
        Ok(Self {
            id: m.id,
            kind: stored(&m.kind)?,
            code: m.code,
            name: m.name,
            seat: m.seat,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAgencyRequest {
    #[schema(example = "1772")]
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub seat: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgencyRequest {
    pub name: Option<String>,
    pub seat: Option<String>,
}

/// List agencies.
///
/// **Who may call:** any signed-in user. Super admins see every agency; everyone else sees
/// only their own. API keys with `org:read` (their agency).
#[utoipa::path(tag = "org", params(PageParams), responses((status = 200, body = Page<AgencyResponse>)), security(("bearer" = [])))]
#[get("/agencies")]
pub async fn list_agencies(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<PageParams>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let page = PageRequest::parse(q.0.page, q.0.per_page)?;
    let result = org::list_agencies(&state.db, auth.scope(), page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, AgencyResponse::try_from)?))
}

/// Get one agency.
///
/// **Who may call:** any signed-in user, for their own agency; super admins for any; API keys
/// with `org:read`.
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), responses((status = 200, body = AgencyResponse)), security(("bearer" = [])))]
#[get("/agencies/{id}")]
pub async fn get_agency(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let a = org::get_agency(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(AgencyResponse::try_from(a)?))
}

/// Register an agency (a new province, regency or city).
///
/// **Who may call:** super_admin.
#[utoipa::path(tag = "org", request_body = CreateAgencyRequest, responses((status = 201, body = AgencyResponse)), security(("bearer" = [])))]
#[post("/agencies")]
pub async fn create_agency(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateAgencyRequest>,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(&[DRole::SuperAdmin])?;
    let b = body.0;
    let a = NewAgency::parse(AgencyInput {
        code: b.code,
        name: b.name,
        kind: b.kind.into(),
        seat: b.seat,
    })?;
    let m = org::create_agency(&state.db, &actor(&auth, &req), a).await?;
    Ok(HttpResponse::Created().json(AgencyResponse::try_from(m)?))
}

/// Rename an agency or change its seat.
///
/// **Who may call:** super_admin; agency_admin for their own agency.
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), request_body = UpdateAgencyRequest, responses((status = 200, body = AgencyResponse)), security(("bearer" = [])))]
#[patch("/agencies/{id}")]
pub async fn update_agency(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateAgencyRequest>,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let m = org::update_agency(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        |cur| {
            NewAgency::parse(AgencyInput {
                code: cur.code.clone(),
                name: b.name.unwrap_or_else(|| cur.name.clone()),
                kind: cur.kind.parse().map_err(|_| {
                    pembina_domain::DomainError::Internal("stored agency kind".into())
                })?,
                seat: b.seat.unwrap_or_else(|| cur.seat.clone()),
            })
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(AgencyResponse::try_from(m)?))
}
