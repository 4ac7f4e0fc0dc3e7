//! Employees (PNS and PPPK). Never deleted: `DELETE` sets the status to `inactive`.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::{ApiScope, Principal, Role as DRole};
use pembina_domain::page::{PageRequest, Sort};
use pembina_domain::people::{EmployeeInput, EmployeeStatus as DEmployeeStatus, NewEmployee};
use pembina_persistence::entities::{employees, org_units, positions};
use pembina_persistence::repositories::people::{
    self, EMPLOYEE_SORT_KEYS, EmployeeFilter, EmployeeSort,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{EmployeeStatus, EmploymentType, Page, PositionKind, Sex, present, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

#[derive(Debug, Serialize, ToSchema)]
pub struct EmployeeResponse {
    pub id: Uuid,
    /// NIP (PNS) or NI PPPK, 18 digits.
    #[schema(example = "198507152010011003")]
    pub nip: String,
    pub employment_type: EmploymentType,
    /// Name without titles.
    #[schema(example = "Ahmad Fauzi")]
    pub name: String,
    #[schema(example = "dr.")]
    pub title_prefix: Option<String>,
    #[schema(example = "M.Kes.")]
    pub title_suffix: Option<String>,
    /// Name with academic titles, as written on documents.
    #[schema(example = "dr. Ahmad Fauzi, M.Kes.")]
    pub full_name: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    /// Golongan/ruang (PNS, e.g. `III/a`) or golongan (PPPK, e.g. `IX`).
    pub rank: Option<String>,
    pub agency_id: Uuid,
    pub org_unit_id: Uuid,
    pub org_unit_name: Option<String>,
    pub position_id: Option<Uuid>,
    pub position_title: Option<String>,
    pub position_kind: Option<PositionKind>,
    pub supervisor_id: Option<Uuid>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: EmployeeStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn respond(
    m: employees::Model,
    units: &HashMap<Uuid, org_units::Model>,
    positions: &HashMap<Uuid, positions::Model>,
) -> Result<EmployeeResponse, ApiError> {
    let position = m.position_id.and_then(|p| positions.get(&p));
    let name = pembina_domain::people::PersonName {
        name: m.name.clone(),
        title_prefix: m.title_prefix.clone(),
        title_suffix: m.title_suffix.clone(),
    };
    Ok(EmployeeResponse {
        id: m.id,
        full_name: name.display(),
        employment_type: stored(&m.employment_type)?,
        sex: stored(&m.sex)?,
        status: stored(&m.status)?,
        org_unit_name: units.get(&m.org_unit_id).map(|u| u.name.clone()),
        position_title: position.map(|p| p.title.clone()),
        position_kind: position.map(|p| stored(&p.kind)).transpose()?,
        nip: m.nip,
        name: m.name,
        title_prefix: m.title_prefix,
        title_suffix: m.title_suffix,
        birth_date: m.birth_date,
        rank: m.rank,
        agency_id: m.agency_id,
        org_unit_id: m.org_unit_id,
        position_id: m.position_id,
        supervisor_id: m.supervisor_id,
        email: m.email,
        phone: m.phone,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

async fn respond_all(
    state: &AppState,
    items: Vec<employees::Model>,
) -> Result<Vec<EmployeeResponse>, ApiError> {
    let (units, positions) = people::names_for(&state.db, &items).await?;
    items
        .into_iter()
        .map(|m| respond(m, &units, &positions))
        .collect()
}

async fn respond_one(state: &AppState, m: employees::Model) -> Result<EmployeeResponse, ApiError> {
    respond_all(state, vec![m])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("employee vanished while responding"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListEmployeesQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    /// Employees of this unit and of every unit below it.
    pub org_unit_id: Option<Uuid>,
    pub position_kind: Option<PositionKind>,
    pub status: Option<EmployeeStatus>,
    /// Direct reports of this employee.
    pub supervisor_id: Option<Uuid>,
    /// Name contains (case-insensitive), or NIP starts with.
    pub q: Option<String>,
    /// `name`, `nip` or `created_at`; prefix `-` to reverse. Default `name`.
    pub sort: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEmployeeRequest {
    /// NIP for PNS or NI PPPK for PPPK: 18 digits whose birth date, appointment, sex and
    /// sequence must be plausible.
    #[schema(example = "198507152010011003")]
    pub nip: String,
    pub employment_type: EmploymentType,
    #[schema(example = "Ahmad Fauzi")]
    pub name: String,
    pub title_prefix: Option<String>,
    pub title_suffix: Option<String>,
    /// Optional: derived from the NIP; when given it must agree with it.
    pub sex: Option<Sex>,
    /// Optional: derived from the NIP; when given it must agree with it.
    pub birth_date: Option<NaiveDate>,
    pub rank: Option<String>,
    /// Super admins must name the agency; agency admins always create in their own.
    pub agency_id: Option<Uuid>,
    pub org_unit_id: Uuid,
    pub position_id: Option<Uuid>,
    /// Another employee of the same agency.
    pub supervisor_id: Option<Uuid>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Default `active`.
    pub status: Option<EmployeeStatus>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEmployeeRequest {
    pub nip: Option<String>,
    pub employment_type: Option<EmploymentType>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub title_prefix: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub title_suffix: Option<Option<String>>,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub rank: Option<Option<String>>,
    pub org_unit_id: Option<Uuid>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub position_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub supervisor_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    pub status: Option<EmployeeStatus>,
}

/// The stored record as input, so an update runs the same rules as a creation.
fn input_of(m: &employees::Model) -> Result<EmployeeInput, DomainError> {
    let bad = |_| DomainError::Internal("stored employee value".into());
    Ok(EmployeeInput {
        nip: m.nip.clone(),
        employment_type: m.employment_type.parse().map_err(bad)?,
        name: m.name.clone(),
        title_prefix: m.title_prefix.clone(),
        title_suffix: m.title_suffix.clone(),
        sex: None,
        birth_date: None,
        rank: m.rank.clone(),
        agency_id: m.agency_id,
        org_unit_id: m.org_unit_id,
        position_id: m.position_id,
        supervisor_id: m.supervisor_id,
        email: m.email.clone(),
        phone: m.phone.clone(),
        status: m.status.parse().map_err(bad)?,
    })
}

impl UpdateEmployeeRequest {
    fn apply(self, mut i: EmployeeInput) -> EmployeeInput {
        fn set<T>(slot: &mut T, v: Option<T>) {
            if let Some(v) = v {
                *slot = v;
            }
        }
        set(&mut i.nip, self.nip);
        set(&mut i.employment_type, self.employment_type.map(Into::into));
        set(&mut i.name, self.name);
        set(&mut i.title_prefix, self.title_prefix);
        set(&mut i.title_suffix, self.title_suffix);
        i.sex = self.sex.map(Into::into);
        i.birth_date = self.birth_date;
        set(&mut i.rank, self.rank);
        set(&mut i.org_unit_id, self.org_unit_id);
        set(&mut i.position_id, self.position_id);
        set(&mut i.supervisor_id, self.supervisor_id);
        set(&mut i.email, self.email);
        set(&mut i.phone, self.phone);
        set(&mut i.status, self.status.map(Into::into));
        i
    }
}

/// Whether the caller may read employee records of their scope (not only their own).
fn reads_others(p: &Principal) -> bool {
    match &p.api_key {
        Some((_, scopes)) => scopes.contains(&ApiScope::EmployeesRead),
        None => p.is_admin() || p.has(DRole::Supervisor),
    }
}

/// List employees.
///
/// **Who may call:** super_admin (all agencies); agency_admin and supervisor (their agency); API
/// keys with `employees:read`.
#[utoipa::path(tag = "people", params(ListEmployeesQuery), responses((status = 200, body = Page<EmployeeResponse>)), security(("bearer" = [])))]
#[get("/employees")]
pub async fn list_employees(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListEmployeesQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::EmployeesRead,
        &[DRole::SuperAdmin, DRole::AgencyAdmin, DRole::Supervisor],
    )?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let sort = Sort::parse(q.sort.as_deref(), &EMPLOYEE_SORT_KEYS, EmployeeSort::Name)?;
    let filter = EmployeeFilter {
        agency_id: q.agency_id,
        org_unit_id: q.org_unit_id,
        position_kind: q.position_kind.map(Into::into),
        status: q.status.map(Into::into),
        supervisor_id: q.supervisor_id,
        q: q.q,
    };
    let result = people::list_employees(&state.db, auth.scope(), filter, sort, page).await?;
    let items = respond_all(&state, result.items).await?;
    Ok(HttpResponse::Ok().json(Page {
        items,
        total: result.total,
        page: result.page,
        per_page: result.per_page,
    }))
}

/// Get one employee.
///
/// **Who may call:** super_admin; agency_admin and supervisor (their agency); any user for the
/// employee record linked to their own account; API keys with `employees:read`.
#[utoipa::path(tag = "people", params(("id" = Uuid, Path)), responses((status = 200, body = EmployeeResponse)), security(("bearer" = [])))]
#[get("/employees/{id}")]
pub async fn get_employee(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if !reads_others(&auth) && auth.employee_id != Some(id) {
        return Err(ApiError::not_found("employee"));
    }
    let m = people::get_employee(&state.db, auth.scope(), id).await?;
    Ok(HttpResponse::Ok().json(respond_one(&state, m).await?))
}

/// The employee's supervisors, nearest first.
///
/// **Who may call:** as for `GET /employees/{id}`.
#[utoipa::path(tag = "people", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<EmployeeResponse>)), security(("bearer" = [])))]
#[get("/employees/{id}/supervisor-chain")]
pub async fn get_employee_supervisor_chain(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if !reads_others(&auth) && auth.employee_id != Some(id) {
        return Err(ApiError::not_found("employee"));
    }
    let chain = people::supervisor_chain(&state.db, auth.scope(), id).await?;
    Ok(HttpResponse::Ok().json(respond_all(&state, chain).await?))
}

/// Register an employee.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "people", request_body = CreateEmployeeRequest, responses((status = 201, body = EmployeeResponse)), security(("bearer" = [])))]
#[post("/employees")]
pub async fn create_employee(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateEmployeeRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let e = NewEmployee::parse(EmployeeInput {
        nip: b.nip,
        employment_type: b.employment_type.into(),
        name: b.name,
        title_prefix: b.title_prefix,
        title_suffix: b.title_suffix,
        sex: b.sex.map(Into::into),
        birth_date: b.birth_date,
        rank: b.rank,
        agency_id,
        org_unit_id: b.org_unit_id,
        position_id: b.position_id,
        supervisor_id: b.supervisor_id,
        email: b.email,
        phone: b.phone,
        status: b.status.map_or(DEmployeeStatus::Active, Into::into),
    })?;
    let m = people::create_employee(&state.db, &actor(&auth, &req), e).await?;
    Ok(HttpResponse::Created().json(respond_one(&state, m).await?))
}

/// Change an employee's record (any field; the same rules as for a new one apply).
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "people", params(("id" = Uuid, Path)), request_body = UpdateEmployeeRequest, responses((status = 200, body = EmployeeResponse)), security(("bearer" = [])))]
#[patch("/employees/{id}")]
pub async fn update_employee(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateEmployeeRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let m = people::update_employee(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        "update",
        |cur| NewEmployee::parse(body.0.apply(input_of(cur)?)),
    )
    .await?;
    Ok(HttpResponse::Ok().json(respond_one(&state, m).await?))
}

/// Deactivate an employee: the status becomes `inactive`; the record and its history stay.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "people", params(("id" = Uuid, Path)), responses((status = 200, body = EmployeeResponse)), security(("bearer" = [])))]
#[delete("/employees/{id}")]
pub async fn deactivate_employee(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let m = people::update_employee(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        "deactivate",
        |cur| {
            let mut i = input_of(cur)?;
            i.status = DEmployeeStatus::Inactive;
            NewEmployee::parse(i)
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(respond_one(&state, m).await?))
}
