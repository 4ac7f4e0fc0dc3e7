//! Positions (jabatan) of each agency.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::ApiScope;
use pembina_domain::org::{NewPosition, PositionInput};
use pembina_domain::page::{PageRequest, Sort};
use pembina_persistence::entities::positions;
use pembina_persistence::repositories::org::{
    self, POSITION_SORT_KEYS, PositionFilter, PositionSort,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{FunctionalLevel, Page, PositionKind, present, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The unit the position sits in, when it belongs to one.
    pub org_unit_id: Option<Uuid>,
    #[schema(example = "PRWT-AP")]
    pub code: String,
    #[schema(example = "Perawat Ahli Pertama")]
    pub title: String,
    pub kind: PositionKind,
    /// Only for functional positions.
    pub functional_level: Option<FunctionalLevel>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<positions::Model> for PositionResponse {
    type Error = ApiError;
    fn try_from(m: positions::Model) -> Result<Self, ApiError> {
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            org_unit_id: m.org_unit_id,
            kind: stored(&m.kind)?,
            functional_level: m.functional_level.as_deref().map(stored).transpose()?,
            code: m.code,
            title: m.title,
            active: m.active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPositionsQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    pub org_unit_id: Option<Uuid>,
    pub kind: Option<PositionKind>,
    pub active: Option<bool>,
    /// Title contains (case-insensitive), or code starts with.
    pub q: Option<String>,
    /// `code` or `title`; prefix `-` to reverse. Default `title`.
    pub sort: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePositionRequest {
    /// Super admins must name the agency; agency admins always create in their own.
    pub agency_id: Option<Uuid>,
    pub org_unit_id: Option<Uuid>,
    pub code: String,
    pub title: String,
    pub kind: PositionKind,
    /// Required exactly when `kind` is `fungsional`.
    pub functional_level: Option<FunctionalLevel>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePositionRequest {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub org_unit_id: Option<Option<Uuid>>,
    pub code: Option<String>,
    pub title: Option<String>,
    pub kind: Option<PositionKind>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<FunctionalLevel>)]
    pub functional_level: Option<Option<FunctionalLevel>>,
    pub active: Option<bool>,
}

/// List positions.
///
/// **Who may call:** any signed-in user; results are limited to the caller's agency unless
/// they are a super admin. API keys with `org:read` (their agency).
#[utoipa::path(tag = "org", params(ListPositionsQuery), responses((status = 200, body = Page<PositionResponse>)), security(("bearer" = [])))]
#[get("/positions")]
pub async fn list_positions(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListPositionsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let sort = Sort::parse(q.sort.as_deref(), &POSITION_SORT_KEYS, PositionSort::Title)?;
    let filter = PositionFilter {
        agency_id: q.agency_id,
        org_unit_id: q.org_unit_id,
        kind: q.kind.map(Into::into),
        active: q.active,
        q: q.q,
    };
    let result = org::list_positions(&state.db, auth.scope(), filter, sort, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, PositionResponse::try_from)?))
}

/// Get one position.
///
/// **Who may call:** any signed-in user of the position's agency; super admins; API keys with
/// `org:read`.
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), responses((status = 200, body = PositionResponse)), security(("bearer" = [])))]
#[get("/positions/{id}")]
pub async fn get_position(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let m = org::get_position(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(PositionResponse::try_from(m)?))
}

/// Create a position.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "org", request_body = CreatePositionRequest, responses((status = 201, body = PositionResponse)), security(("bearer" = [])))]
#[post("/positions")]
pub async fn create_position(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreatePositionRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let p = NewPosition::parse(PositionInput {
        agency_id,
        org_unit_id: b.org_unit_id,
        code: b.code,
        title: b.title,
        kind: b.kind.into(),
        functional_level: b.functional_level.map(Into::into),
    })?;
    let m = org::create_position(&state.db, &actor(&auth, &req), p).await?;
    Ok(HttpResponse::Created().json(PositionResponse::try_from(m)?))
}

/// Change or deactivate a position.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), request_body = UpdatePositionRequest, responses((status = 200, body = PositionResponse)), security(("bearer" = [])))]
#[patch("/positions/{id}")]
pub async fn update_position(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<UpdatePositionRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let m = org::update_position(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        |cur| {
            let stored_err = |_| DomainError::Internal("stored position value".into());
            let p = NewPosition::parse(PositionInput {
                agency_id: cur.agency_id,
                org_unit_id: b.org_unit_id.unwrap_or(cur.org_unit_id),
                code: b.code.unwrap_or_else(|| cur.code.clone()),
                title: b.title.unwrap_or_else(|| cur.title.clone()),
                kind: match b.kind {
                    Some(k) => k.into(),
                    None => cur.kind.parse().map_err(stored_err)?,
                },
                functional_level: match b.functional_level {
                    Some(l) => l.map(Into::into),
                    None => cur
                        .functional_level
                        .as_deref()
                        .map(str::parse)
                        .transpose()
                        .map_err(stored_err)?,
                },
            })?;
            Ok((p, b.active.unwrap_or(cur.active)))
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(PositionResponse::try_from(m)?))
}
