//! The yearly development plan (AKPK): training needs turned into activities, exported in the
//! usual spreadsheet layout.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::competency::plan::{
    ActivityKind as DActivityKind, DevelopmentForm as DDevelopmentForm, NewPlanItem, PlanItemInput,
};
use pembina_domain::page::PageRequest;
use pembina_persistence::repositories::plans::{self as repo, PlanFilter, PlanItem};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{ActivityKind, DevelopmentForm, Page, stored};
use super::imports::{FileFormat, download, format_of_file};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanItemResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub year: i32,
    pub competency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub activity_kind: ActivityKind,
    /// Follows from the kind: classical (klasikal) or non_classical (nonklasikal).
    pub form: DevelopmentForm,
    pub provider: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// Rupiah.
    pub budget: Option<i64>,
    /// Learning hours (JP) per participant.
    pub jp: Option<i32>,
    /// The need's score when the activity was planned.
    pub need_score: Option<f64>,
    pub employee_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<PlanItem> for PlanItemResponse {
    type Error = ApiError;
    fn try_from(p: PlanItem) -> Result<Self, ApiError> {
        let m = p.item;
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            year: m.year,
            competency_id: m.competency_id,
            org_unit_id: m.org_unit_id,
            activity_kind: stored::<DActivityKind>(&m.activity_kind)?.into(),
            form: stored::<DDevelopmentForm>(&m.form)?.into(),
            title: m.title,
            provider: m.provider,
            planned_start: m.planned_start,
            planned_end: m.planned_end,
            budget: m.budget,
            jp: m.jp,
            need_score: m.need_score,
            employee_ids: p.employee_ids,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItemRequest {
    /// Super admins must name the agency (on create); agency admins always use their own.
    pub agency_id: Option<Uuid>,
    #[schema(example = 2027)]
    pub year: i64,
    pub competency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    #[schema(example = "Pelatihan Manajemen Proyek")]
    pub title: String,
    pub activity_kind: ActivityKind,
    #[schema(example = "BPSDM Provinsi Bengkulu")]
    pub provider: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// Rupiah, not negative.
    pub budget: Option<i64>,
    /// Learning hours (JP) per participant, 1-1000.
    pub jp: Option<i64>,
    /// The score of the need it answers (from `GET /training-needs`).
    pub need_score: Option<f64>,
    /// The target employees (e.g. a need's `employees_below`).
    #[serde(default)]
    pub employee_ids: Vec<Uuid>,
}

impl PlanItemRequest {
    fn parse(self) -> Result<NewPlanItem, ApiError> {
        Ok(NewPlanItem::parse(PlanItemInput {
            year: self.year,
            competency_id: self.competency_id,
            org_unit_id: self.org_unit_id,
            title: self.title,
            activity_kind: self.activity_kind.into(),
            provider: self.provider,
            planned_start: self.planned_start,
            planned_end: self.planned_end,
            budget: self.budget,
            jp: self.jp,
            need_score: self.need_score,
            employee_ids: self.employee_ids,
        })?)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPlanQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    pub year: Option<i32>,
    pub org_unit_id: Option<Uuid>,
    pub competency_id: Option<Uuid>,
}

/// The development plan's activities, by year and schedule.
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(ListPlanQuery), responses((status = 200, body = Page<PlanItemResponse>)), security(("bearer" = [])))]
#[get("/development-plan")]
pub async fn list_plan(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListPlanQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::CompetenciesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let filter = PlanFilter {
        agency_id: q.agency_id,
        year: q.year,
        org_unit_id: q.org_unit_id,
        competency_id: q.competency_id,
    };
    let result = repo::list_plan(&state.db, auth.scope(), filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, PlanItemResponse::try_from)?))
}

/// One activity of the plan.
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), responses((status = 200, body = PlanItemResponse)), security(("bearer" = [])))]
#[get("/development-plan/{id}")]
pub async fn get_plan_item(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::CompetenciesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let p = repo::get_plan_item(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(PlanItemResponse::try_from(p)?))
}

/// Plan an activity (typically from a training need).
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "competencies", request_body = PlanItemRequest, responses((status = 201, body = PlanItemResponse)), security(("bearer" = [])))]
#[post("/development-plan")]
pub async fn create_plan_item(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<PlanItemRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let p = b.parse()?;
    let out = repo::create_plan_item(&state.db, &actor(&auth, &req), agency_id, p).await?;
    Ok(HttpResponse::Created().json(PlanItemResponse::try_from(out)?))
}

/// Replace an activity of the plan (its targets too).
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), request_body = PlanItemRequest, responses((status = 200, body = PlanItemResponse)), security(("bearer" = [])))]
#[put("/development-plan/{id}")]
pub async fn put_plan_item(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<PlanItemRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let p = b.parse()?;
    let out = repo::update_plan_item(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        |_| Ok(p),
    )
    .await?;
    Ok(HttpResponse::Ok().json(PlanItemResponse::try_from(out)?))
}

/// Remove an activity from the plan.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), responses((status = 204, description = "Removed")), security(("bearer" = [])))]
#[delete("/development-plan/{id}")]
pub async fn delete_plan_item(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    repo::delete_plan_item(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportPlanQuery {
    /// Default: the current year.
    pub year: Option<i32>,
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
    /// Super admins: the agency (required for them).
    pub agency_id: Option<Uuid>,
}

/// The year's plan as a spreadsheet (AKPK layout): one row per activity with competency,
/// unit, form, kind, provider, schedule, JP, participants, budget, and the participants' NIPs.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency); API keys
/// with `competencies:read`.
#[utoipa::path(tag = "competencies", params(ExportPlanQuery), responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)), security(("bearer" = [])))]
#[get("/development-plan/export")]
pub async fn export_plan(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ExportPlanQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::CompetenciesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let q = q.0;
    let agency_id = target_agency(&state, &auth, q.agency_id).await?;
    let year = q.year.unwrap_or_else(|| Utc::now().year());
    let repo::PlanExport {
        items,
        competencies: comps,
        unit_names: units,
        nips,
    } = repo::plan_export(&state.db, agency_id, year).await?;
    let mut rows = vec![
        [
            "No",
            "Kode Kompetensi",
            "Kompetensi",
            "Unit",
            "Kegiatan",
            "Bentuk",
            "Jenis",
            "Penyelenggara",
            "Mulai",
            "Selesai",
            "JP",
            "Jumlah Peserta",
            "Anggaran (Rp)",
            "Skor Kebutuhan",
            "NIP Peserta",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for (n, p) in items.iter().enumerate() {
        let m = &p.item;
        let c = comps.get(&m.competency_id);
        let form = if m.form == "classical" {
            "Klasikal"
        } else {
            "Nonklasikal"
        };
        let mut participants: Vec<&str> = p
            .employee_ids
            .iter()
            .filter_map(|e| nips.get(e).map(String::as_str))
            .collect();
        participants.sort_unstable();
        rows.push(vec![
            (n + 1).to_string(),
            c.map(|c| c.code.clone()).unwrap_or_default(),
            c.map(|c| c.name.clone()).unwrap_or_default(),
            m.org_unit_id
                .and_then(|u| units.get(&u).cloned())
                .unwrap_or_default(),
            m.title.clone(),
            form.to_owned(),
            m.activity_kind.clone(),
            m.provider.clone().unwrap_or_default(),
            m.planned_start.map(|d| d.to_string()).unwrap_or_default(),
            m.planned_end.map(|d| d.to_string()).unwrap_or_default(),
            m.jp.map(|j| j.to_string()).unwrap_or_default(),
            p.employee_ids.len().to_string(),
            m.budget.map(|b| b.to_string()).unwrap_or_default(),
            m.need_score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            participants.join(" "),
        ]);
    }
    download(
        format_of_file(q.format.unwrap_or(FileFormat::Xlsx)),
        &format!("akpk-{year}"),
        &format!("AKPK {year}"),
        &rows,
    )
}
