//! Org units: the tree of OPDs, divisions, UPTs and service units inside each agency.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use pembina_domain::accounts::ApiScope;
use pembina_domain::org::{NewOrgUnit, OrgUnitInput};
use pembina_domain::page::{PageRequest, Sort};
use pembina_persistence::entities::org_units;
use pembina_persistence::repositories::org::{self, UNIT_SORT_KEYS, UnitFilter, UnitSort};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{OrgUnitKind, Page, present, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgUnitResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The unit above this one; none for a top-level unit.
    pub parent_id: Option<Uuid>,
    /// Unique inside the agency.
    #[schema(example = "DINKES.PKM-LB")]
    pub code: String,
    #[schema(example = "Puskesmas Lingkar Barat")]
    pub name: String,
    pub kind: OrgUnitKind,
    pub active: bool,
    /// Distance from the top of the tree (0 for a top-level unit).
    pub depth: i32,
    /// Number of units directly below this one.
    pub child_count: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Responses for `units`, with their child counts (one query for all of them).
async fn respond_all(
    state: &AppState,
    units: Vec<org_units::Model>,
) -> Result<Vec<OrgUnitResponse>, ApiError> {
    let ids: Vec<Uuid> = units.iter().map(|u| u.id).collect();
    let counts = org::child_counts(&state.db, &ids).await?;
    units
        .into_iter()
        .map(|m| OrgUnitResponse::new(m, &counts))
        .collect()
}

async fn respond(state: &AppState, unit: org_units::Model) -> Result<OrgUnitResponse, ApiError> {
    respond_all(state, vec![unit])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("unit vanished while responding"))
}

impl OrgUnitResponse {
    fn new(
        m: org_units::Model,
        counts: &std::collections::HashMap<Uuid, u64>,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            child_count: counts.get(&m.id).copied().unwrap_or(0),
            id: m.id,
            agency_id: m.agency_id,
            parent_id: m.parent_id,
            kind: stored(&m.kind)?,
            code: m.code,
            name: m.name,
            active: m.active,
            depth: m.depth,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListOrgUnitsQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    /// Only the direct children of this unit.
    pub parent_id: Option<Uuid>,
    /// Only top-level units.
    pub roots: Option<bool>,
    /// This unit and every unit below it.
    pub within: Option<Uuid>,
    pub kind: Option<OrgUnitKind>,
    pub active: Option<bool>,
    /// Name contains (case-insensitive), or code starts with.
    pub q: Option<String>,
    /// `code`, `name` or `tree` (depth-first order); prefix `-` to reverse. Default `tree`.
    pub sort: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrgUnitRequest {
    /// Super admins must name the agency; agency admins always create in their own.
    pub agency_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub code: String,
    pub name: String,
    pub kind: OrgUnitKind,
    /// Default true.
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrgUnitRequest {
    /// A new parent moves the unit with its whole subtree; `null` makes it top-level.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<OrgUnitKind>,
    /// `false` deactivates the unit (it is never deleted).
    pub active: Option<bool>,
}

/// List org units.
///
/// **Who may call:** any signed-in user; results are limited to the caller's agency unless
/// they are a super admin. API keys with `org:read` (their agency).
#[utoipa::path(tag = "org", params(ListOrgUnitsQuery), responses((status = 200, body = Page<OrgUnitResponse>)), security(("bearer" = [])))]
#[get("/org-units")]
pub async fn list_org_units(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListOrgUnitsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let sort = Sort::parse(q.sort.as_deref(), &UNIT_SORT_KEYS, UnitSort::Path)?;
    let filter = UnitFilter {
        agency_id: q.agency_id,
        parent_id: q.parent_id,
        roots_only: q.roots.unwrap_or(false),
        within: q.within,
        kind: q.kind.map(Into::into),
        active: q.active,
        q: q.q,
    };
    let result = org::list_units(&state.db, auth.scope(), filter, sort, page).await?;
    let items = respond_all(&state, result.items).await?;
    Ok(HttpResponse::Ok().json(Page {
        items,
        total: result.total,
        page: result.page,
        per_page: result.per_page,
    }))
}

/// Get one org unit.
///
/// **Who may call:** any signed-in user of the unit's agency; super admins; API keys with
/// `org:read`.
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), responses((status = 200, body = OrgUnitResponse)), security(("bearer" = [])))]
#[get("/org-units/{id}")]
pub async fn get_org_unit(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let m = org::get_unit(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(respond(&state, m).await?))
}

/// The units from the top of the tree down to this one.
///
/// **Who may call:** any signed-in user of the unit's agency; super admins; API keys with
/// `org:read`.
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<OrgUnitResponse>)), security(("bearer" = [])))]
#[get("/org-units/{id}/ancestry")]
pub async fn get_org_unit_ancestry(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::OrgRead, &[])?;
    let units = org::unit_ancestry(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(respond_all(&state, units).await?))
}

/// Create an org unit.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "org", request_body = CreateOrgUnitRequest, responses((status = 201, body = OrgUnitResponse)), security(("bearer" = [])))]
#[post("/org-units")]
pub async fn create_org_unit(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateOrgUnitRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let unit = NewOrgUnit::parse(OrgUnitInput {
        agency_id,
        parent_id: b.parent_id,
        code: b.code,
        name: b.name,
        kind: b.kind.into(),
        active: b.active.unwrap_or(true),
    })?;
    let m = org::create_unit(&state.db, &actor(&auth, &req), unit).await?;
    Ok(HttpResponse::Created().json(respond(&state, m).await?))
}

/// Change, move or deactivate an org unit.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "org", params(("id" = Uuid, Path)), request_body = UpdateOrgUnitRequest, responses((status = 200, body = OrgUnitResponse)), security(("bearer" = [])))]
#[patch("/org-units/{id}")]
pub async fn update_org_unit(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateOrgUnitRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let m = org::update_unit(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        |cur| {
            NewOrgUnit::parse(OrgUnitInput {
                agency_id: cur.agency_id,
                parent_id: b.parent_id.unwrap_or(cur.parent_id),
                code: b.code.unwrap_or_else(|| cur.code.clone()),
                name: b.name.unwrap_or_else(|| cur.name.clone()),
                kind: match b.kind {
                    Some(k) => k.into(),
                    None => cur.kind.parse().map_err(|_| {
                        pembina_domain::DomainError::Internal("stored unit kind".into())
                    })?,
                },
                active: b.active.unwrap_or(cur.active),
            })
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(respond(&state, m).await?))
}
