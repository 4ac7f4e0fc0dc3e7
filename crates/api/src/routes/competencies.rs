//! The competency dictionary, position standards, assessments and gaps (needs analysis).

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::competency::assessment::{
    AssessmentInput, AssessmentMethod as DAssessmentMethod, NewAssessment, Recorder, method_for,
};
use pembina_domain::competency::gap::{EmployeeGap, tally};
use pembina_domain::competency::needs::NeedWeights;
use pembina_domain::competency::standard::ManagerialDefaults;
use pembina_domain::competency::{
    CompetencyGroup as DCompetencyGroup, CompetencyInput, LevelDescription, NewCompetency,
};
use pembina_domain::page::PageRequest;
use pembina_persistence::entities::{competencies, competency_assessments, employees};
use pembina_persistence::repositories::competency::{
    self as repo, AssessmentFilter, CompetencyFilter, Settings, StandardEntry,
};
use pembina_persistence::repositories::people;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{AssessmentMethod, CompetencyGroup, MatchCategory, NeedSignal, Page, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

/// The date rules are checked against (assessments cannot be in the future, expiry).
fn today() -> NaiveDate {
    Utc::now().date_naive()
}

// ---------------------------------------------------------------- dictionary

/// One of the five levels of a competency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelBody {
    /// 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    pub level: u8,
    pub description: String,
    /// Behavioural indicators (at most 20).
    #[serde(default)]
    pub indicators: Vec<String>,
}

impl From<LevelBody> for LevelDescription {
    fn from(l: LevelBody) -> Self {
        Self {
            level: l.level,
            description: l.description,
            indicators: l.indicators,
        }
    }
}

impl From<LevelDescription> for LevelBody {
    fn from(l: LevelDescription) -> Self {
        Self {
            level: l.level,
            description: l.description,
            indicators: l.indicators,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyResponse {
    pub id: Uuid,
    /// `null` for the national catalogue (PermenPANRB 38/2017).
    pub agency_id: Option<Uuid>,
    #[schema(example = "M1")]
    pub code: String,
    pub group: CompetencyGroup,
    #[schema(example = "Integritas")]
    pub name: String,
    pub description: String,
    pub levels: Vec<LevelBody>,
    /// Whether this is part of the national catalogue (read-only).
    pub national: bool,
    pub retired: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<competencies::Model> for CompetencyResponse {
    type Error = ApiError;
    fn try_from(m: competencies::Model) -> Result<Self, ApiError> {
        let levels = repo::levels_of(&m)?;
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            group: stored::<DCompetencyGroup>(&m.competency_group)?.into(),
            national: m.agency_id.is_none(),
            retired: m.retired_at.is_some(),
            code: m.code,
            name: m.name,
            description: m.description,
            levels: levels.into_iter().map(Into::into).collect(),
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

/// A competency as referred to from standards, gaps and assessments.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompetencyRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub group: CompetencyGroup,
}

impl TryFrom<&competencies::Model> for CompetencyRef {
    type Error = ApiError;
    fn try_from(m: &competencies::Model) -> Result<Self, ApiError> {
        Ok(Self {
            id: m.id,
            code: m.code.clone(),
            name: m.name.clone(),
            group: stored::<DCompetencyGroup>(&m.competency_group)?.into(),
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListCompetenciesQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: the technical competencies of this agency only.
    pub agency_id: Option<Uuid>,
    pub group: Option<CompetencyGroup>,
    /// Name contains (case-insensitive), or code starts with.
    pub q: Option<String>,
    /// Include retired technical competencies (default false).
    pub include_retired: Option<bool>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCompetencyRequest {
    /// Super admins must name the agency; agency admins always create in their own.
    pub agency_id: Option<Uuid>,
    #[schema(example = "T-PM")]
    pub code: String,
    #[schema(example = "Manajemen Proyek")]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Exactly five levels, 1 to 5.
    pub levels: Vec<LevelBody>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCompetencyRequest {
    pub code: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub levels: Option<Vec<LevelBody>>,
    /// Retire (true) or reinstate (false). Retired competencies leave standards and gaps but
    /// keep their history.
    pub retired: Option<bool>,
}

/// List competencies: the national catalogue and the agency's technical competencies.
///
/// **Who may call:** any signed-in user (the caller's agency; super admins all); API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(ListCompetenciesQuery), responses((status = 200, body = Page<CompetencyResponse>)), security(("bearer" = [])))]
#[get("/competencies")]
pub async fn list_competencies(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListCompetenciesQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::CompetenciesRead, &[])?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let filter = CompetencyFilter {
        agency_id: q.agency_id,
        group: q.group.map(Into::into),
        q: q.q,
        include_retired: q.include_retired.unwrap_or(false),
    };
    let result = repo::list_competencies(&state.db, auth.scope(), filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, CompetencyResponse::try_from)?))
}

/// Get one competency with its five levels.
///
/// **Who may call:** any signed-in user (national ones, and technical ones of their agency);
/// API keys with `competencies:read`.
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), responses((status = 200, body = CompetencyResponse)), security(("bearer" = [])))]
#[get("/competencies/{id}")]
pub async fn get_competency(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::CompetenciesRead, &[])?;
    let m = repo::get_competency(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(CompetencyResponse::try_from(m)?))
}

/// Define a technical competency of an agency.
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "competencies", request_body = CreateCompetencyRequest, responses((status = 201, body = CompetencyResponse)), security(("bearer" = [])))]
#[post("/competencies")]
pub async fn create_competency(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateCompetencyRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let c = NewCompetency::parse(CompetencyInput {
        code: b.code,
        group: DCompetencyGroup::Technical,
        name: b.name,
        description: b.description,
        levels: b.levels.into_iter().map(Into::into).collect(),
    })?;
    let m = repo::create_competency(&state.db, &actor(&auth, &req), agency_id, c).await?;
    Ok(HttpResponse::Created().json(CompetencyResponse::try_from(m)?))
}

/// Change, retire or reinstate a technical competency. The national catalogue is read-only
/// (403).
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), request_body = UpdateCompetencyRequest, responses((status = 200, body = CompetencyResponse)), security(("bearer" = [])))]
#[patch("/competencies/{id}")]
pub async fn update_competency(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateCompetencyRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let m = repo::update_competency(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        |cur| {
            let levels = match b.levels {
                Some(l) => l.into_iter().map(Into::into).collect(),
                None => repo::levels_of(cur)?,
            };
            let c = NewCompetency::parse(CompetencyInput {
                code: b.code.unwrap_or_else(|| cur.code.clone()),
                group: DCompetencyGroup::Technical,
                name: b.name.unwrap_or_else(|| cur.name.clone()),
                description: b.description.unwrap_or_else(|| cur.description.clone()),
                levels,
            })?;
            Ok((c, b.retired.unwrap_or(cur.retired_at.is_some())))
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(CompetencyResponse::try_from(m)?))
}

// ---------------------------------------------------------------- settings

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagerialDefaultsBody {
    pub jpt_madya: u8,
    pub jpt_pratama: u8,
    pub administrator: u8,
    pub pengawas: u8,
    pub pelaksana: u8,
    pub ahli_utama: u8,
    pub ahli_madya: u8,
    pub ahli_muda: u8,
    pub ahli_pertama: u8,
    /// Functional posts of the skill track (penyelia, mahir, terampil, pemula).
    pub skilled: u8,
}

/// Weights of a training need's signals, each 0-1; missing signals' weights are shared out
/// among the present ones.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedWeightsBody {
    /// Share of staff below the standard.
    pub gap: f64,
    /// How far below they are.
    pub depth: f64,
    /// Needs surveys.
    pub survey: f64,
    /// Appraisal (SKP) results.
    pub performance: f64,
    /// Citizens' ratings of the unit.
    pub citizen: f64,
}

/// The needs-analysis settings of an agency. The default managerial levels by post are the
/// commonly used ones; PermenPANRB 38/2017 leaves them to each agency's standards, so they are
/// configurable here.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetencySettingsBody {
    /// Super admins name the agency; ignored for agency admins.
    #[serde(default)]
    pub agency_id: Option<Uuid>,
    pub managerial_defaults: ManagerialDefaultsBody,
    pub need_weights: NeedWeightsBody,
}

impl CompetencySettingsBody {
    fn from_settings(agency_id: Uuid, s: Settings) -> Self {
        let d = s.managerial_defaults;
        let w = s.need_weights;
        Self {
            agency_id: Some(agency_id),
            managerial_defaults: ManagerialDefaultsBody {
                jpt_madya: d.jpt_madya,
                jpt_pratama: d.jpt_pratama,
                administrator: d.administrator,
                pengawas: d.pengawas,
                pelaksana: d.pelaksana,
                ahli_utama: d.ahli_utama,
                ahli_madya: d.ahli_madya,
                ahli_muda: d.ahli_muda,
                ahli_pertama: d.ahli_pertama,
                skilled: d.skilled,
            },
            need_weights: NeedWeightsBody {
                gap: w.gap,
                depth: w.depth,
                survey: w.survey,
                performance: w.performance,
                citizen: w.citizen,
            },
        }
    }

    fn into_settings(self) -> Settings {
        let d = self.managerial_defaults;
        let w = self.need_weights;
        Settings {
            managerial_defaults: ManagerialDefaults {
                jpt_madya: d.jpt_madya,
                jpt_pratama: d.jpt_pratama,
                administrator: d.administrator,
                pengawas: d.pengawas,
                pelaksana: d.pelaksana,
                ahli_utama: d.ahli_utama,
                ahli_madya: d.ahli_madya,
                ahli_muda: d.ahli_muda,
                ahli_pertama: d.ahli_pertama,
                skilled: d.skilled,
            },
            need_weights: NeedWeights {
                gap: w.gap,
                depth: w.depth,
                survey: w.survey,
                performance: w.performance,
                citizen: w.citizen,
            },
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgencyQuery {
    /// Super admins: the agency (required for them); others: their own.
    pub agency_id: Option<Uuid>,
}

/// The agency's needs-analysis settings: default managerial levels by post, signal weights.
///
/// **Who may call:** super_admin; agency_admin (their own agency).
#[utoipa::path(tag = "competencies", params(AgencyQuery), responses((status = 200, body = CompetencySettingsBody)), security(("bearer" = [])))]
#[get("/competency-settings")]
pub async fn get_competency_settings(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<AgencyQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let agency_id = target_agency(&state, &auth, q.0.agency_id).await?;
    let s = repo::settings(&state.db, agency_id).await?;
    Ok(HttpResponse::Ok().json(CompetencySettingsBody::from_settings(agency_id, s)))
}

/// Change the agency's needs-analysis settings.
///
/// **Who may call:** super_admin; agency_admin (their own agency).
#[utoipa::path(tag = "competencies", request_body = CompetencySettingsBody, responses((status = 200, body = CompetencySettingsBody)), security(("bearer" = [])))]
#[put("/competency-settings")]
pub async fn put_competency_settings(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CompetencySettingsBody>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let s =
        repo::save_settings(&state.db, &actor(&auth, &req), agency_id, b.into_settings()).await?;
    Ok(HttpResponse::Ok().json(CompetencySettingsBody::from_settings(agency_id, s)))
}

// ---------------------------------------------------------------- standards

#[derive(Debug, Serialize, ToSchema)]
pub struct StandardEntryResponse {
    pub competency: CompetencyRef,
    #[schema(minimum = 1, maximum = 5)]
    pub required_level: u8,
    /// Set for this position (true) or the agency's default for the post's kind (false).
    pub explicit: bool,
}

impl TryFrom<&StandardEntry> for StandardEntryResponse {
    type Error = ApiError;
    fn try_from(s: &StandardEntry) -> Result<Self, ApiError> {
        Ok(Self {
            competency: CompetencyRef::try_from(&s.competency)?,
            required_level: s.required_level,
            explicit: s.explicit,
        })
    }
}

/// A position's competency standard (Standar Kompetensi Jabatan).
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionStandardResponse {
    pub position_id: Uuid,
    pub entries: Vec<StandardEntryResponse>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardItem {
    pub competency_id: Uuid,
    #[schema(minimum = 1, maximum = 5)]
    pub required_level: i64,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutStandardRequest {
    /// The explicit levels of this position; they replace the previous ones. National
    /// competencies not listed keep the agency's default for the post's kind.
    pub standards: Vec<StandardItem>,
}

fn standard_response(
    position_id: Uuid,
    entries: &[StandardEntry],
) -> Result<PositionStandardResponse, ApiError> {
    Ok(PositionStandardResponse {
        position_id,
        entries: entries
            .iter()
            .map(StandardEntryResponse::try_from)
            .collect::<Result<_, _>>()?,
    })
}

/// A position's competency standard: the level required of each competency.
///
/// **Who may call:** any signed-in user of the position's agency; super admins; API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), responses((status = 200, body = PositionStandardResponse)), security(("bearer" = [])))]
#[get("/positions/{id}/competency-standard")]
pub async fn get_position_standard(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::CompetenciesRead, &[])?;
    let (p, entries) = repo::position_standard(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(standard_response(p.id, &entries)?))
}

/// Set a position's competency standard.
///
/// **Who may call:** super_admin; agency_admin (positions of their own agency).
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), request_body = PutStandardRequest, responses((status = 200, body = PositionStandardResponse)), security(("bearer" = [])))]
#[put("/positions/{id}/competency-standard")]
pub async fn put_position_standard(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<PutStandardRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let entries = body
        .0
        .standards
        .into_iter()
        .map(|s| (s.competency_id, s.required_level.clamp(0, 6) as u8))
        .collect();
    let (p, entries) = repo::set_position_standard(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        entries,
    )
    .await?;
    Ok(HttpResponse::Ok().json(standard_response(p.id, &entries)?))
}

// ---------------------------------------------------------------- assessments

#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub competency_id: Uuid,
    #[schema(minimum = 1, maximum = 5)]
    pub level: i16,
    pub assessed_on: NaiveDate,
    pub method: AssessmentMethod,
    /// The user who recorded it.
    pub assessor_user_id: Option<Uuid>,
    pub assessor_name: Option<String>,
    pub evidence: Option<String>,
    pub valid_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
}

impl TryFrom<competency_assessments::Model> for AssessmentResponse {
    type Error = ApiError;
    fn try_from(m: competency_assessments::Model) -> Result<Self, ApiError> {
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            employee_id: m.employee_id,
            competency_id: m.competency_id,
            level: m.level,
            assessed_on: m.assessed_on,
            method: stored::<DAssessmentMethod>(&m.method)?.into(),
            assessor_user_id: m.assessor_user_id,
            assessor_name: m.assessor_name,
            evidence: m.evidence,
            valid_until: m.valid_until,
            created_at: m.created_at,
            voided_at: m.voided_at,
            void_reason: m.void_reason,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAssessmentRequest {
    pub employee_id: Uuid,
    pub competency_id: Uuid,
    #[schema(minimum = 1, maximum = 5)]
    pub level: i64,
    /// Default today.
    pub assessed_on: Option<NaiveDate>,
    /// Admins choose; employees always record `self`, supervisors `supervisor`.
    pub method: Option<AssessmentMethod>,
    pub assessor_name: Option<String>,
    pub evidence: Option<String>,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListAssessmentsQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Required for callers who are not admins (themselves or one of their reports).
    pub employee_id: Option<Uuid>,
    pub competency_id: Option<Uuid>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    /// Include voided assessments (default false).
    pub include_voided: Option<bool>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidAssessmentRequest {
    #[validate(length(min = 1, max = 500))]
    pub reason: String,
}

/// Whether the caller may see `employee_id`'s competency data: admins (their agency), API keys
/// with `competencies:read`, the employee themselves, and their direct supervisor. Anyone else
/// is told the employee does not exist.
async fn visible_employee(
    state: &AppState,
    auth: &Auth,
    employee_id: Uuid,
) -> Result<employees::Model, ApiError> {
    auth.require(ApiScope::CompetenciesRead, &[])?;
    let e = people::get_employee(&state.db, auth.scope(), employee_id).await?;
    if auth.is_admin() || auth.api_key.is_some() {
        return Ok(e);
    }
    match auth.employee_id {
        Some(me) if me == e.id || e.supervisor_id == Some(me) => Ok(e),
        _ => Err(DomainError::NotFound("employee").into()),
    }
}

/// An employee's competency assessments, newest first (history included).
///
/// **Who may call:** super_admin and agency_admin (their agency, any employee); other users
/// only with `employee_id` set to themselves or one of their direct reports; API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(ListAssessmentsQuery), responses((status = 200, body = Page<AssessmentResponse>)), security(("bearer" = [])))]
#[get("/competency-assessments")]
pub async fn list_assessments(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListAssessmentsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::CompetenciesRead, &[])?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    if !auth.is_admin() && auth.api_key.is_none() {
        let Some(e) = q.employee_id else {
            return Err(ApiError::field(
                "employee_id",
                "required",
                "name yourself or one of your reports",
            ));
        };
        visible_employee(&state, &auth, e).await?;
    }
    let filter = AssessmentFilter {
        agency_id: q.agency_id,
        employee_id: q.employee_id,
        competency_id: q.competency_id,
        supervisor_id: None,
        include_voided: q.include_voided.unwrap_or(false),
    };
    let result = repo::list_assessments(&state.db, auth.scope(), filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, AssessmentResponse::try_from)?))
}

/// Record an assessment. History is kept: the latest valid assessment of a competency counts.
///
/// **Who may call:** super_admin and agency_admin (any method, their agency); a supervisor for
/// their direct reports (method `supervisor`); an employee for themselves (method `self`).
#[utoipa::path(tag = "competencies", request_body = CreateAssessmentRequest, responses((status = 201, body = AssessmentResponse)), security(("bearer" = [])))]
#[post("/competency-assessments")]
pub async fn create_assessment(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateAssessmentRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let b = body.0;
    let recorder = if auth.is_admin() {
        Recorder::Admin
    } else {
        let e = visible_employee(&state, &auth, b.employee_id).await?;
        if auth.employee_id == Some(e.id) {
            Recorder::Themselves
        } else {
            // Visible and not themselves: their direct report.
            auth.require_any(&[Role::Supervisor])?;
            Recorder::Supervisor
        }
    };
    let method = method_for(recorder, b.method.map(Into::into))?;
    let a = NewAssessment::parse(AssessmentInput {
        employee_id: b.employee_id,
        competency_id: b.competency_id,
        level: b.level,
        assessed_on: b.assessed_on.unwrap_or_else(today),
        method,
        assessor_name: b.assessor_name,
        evidence: b.evidence,
        valid_until: b.valid_until,
        today: today(),
    })?;
    let m = repo::create_assessment(&state.db, &actor(&auth, &req), auth.scope(), a).await?;
    Ok(HttpResponse::Created().json(AssessmentResponse::try_from(m)?))
}

/// Void an assessment: it stays in the history and stops counting.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), request_body = VoidAssessmentRequest, responses((status = 200, body = AssessmentResponse)), security(("bearer" = [])))]
#[post("/competency-assessments/{id}/void")]
pub async fn void_assessment(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<VoidAssessmentRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let m = repo::void_assessment(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        body.0.reason.trim().to_owned(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(AssessmentResponse::try_from(m)?))
}

// ---------------------------------------------------------------- gaps

#[derive(Debug, Serialize, ToSchema)]
pub struct GapItemResponse {
    pub competency: CompetencyRef,
    pub required: u8,
    /// The level of the latest valid assessment; `null` when never assessed.
    pub achieved: Option<u8>,
    /// achieved − required (an unassessed competency counts as 0).
    pub gap: i8,
    pub meets: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobPersonMatchResponse {
    /// Σ min(achieved, required) ÷ Σ required × 100, two decimals.
    pub percent: f64,
    pub category: MatchCategory,
    pub achieved_points: u32,
    pub required_points: u32,
}

/// An employee's competency gap against their position's standard.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmployeeGapResponse {
    pub employee_id: Uuid,
    pub name: String,
    pub position_id: Option<Uuid>,
    pub position_title: Option<String>,
    pub items: Vec<GapItemResponse>,
    /// `null` when the employee has no position (so no standard).
    pub job_person_match: Option<JobPersonMatchResponse>,
    /// Competencies of the standard never assessed.
    pub unassessed: usize,
}

fn match_response(g: &EmployeeGap) -> Option<JobPersonMatchResponse> {
    g.matching.as_ref().map(|m| JobPersonMatchResponse {
        percent: m.percent,
        category: m.category.into(),
        achieved_points: m.achieved_points,
        required_points: m.required_points,
    })
}

fn gap_items(
    g: &EmployeeGap,
    comps: &HashMap<Uuid, CompetencyRef>,
) -> Result<Vec<GapItemResponse>, ApiError> {
    g.items
        .iter()
        .map(|i| {
            Ok(GapItemResponse {
                competency: comps
                    .get(&i.competency_id)
                    .cloned()
                    .ok_or_else(|| ApiError::internal("gap of an unknown competency"))?,
                required: i.required,
                achieved: i.achieved,
                gap: i.gap,
                meets: i.meets,
            })
        })
        .collect()
}

/// An employee's competency profile: required vs current level per competency, and the
/// job-person match.
///
/// **Who may call:** super_admin and agency_admin (their agency); the employee; their direct
/// supervisor; API keys with `competencies:read`.
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), responses((status = 200, body = EmployeeGapResponse)), security(("bearer" = [])))]
#[get("/employees/{id}/competency-gap")]
pub async fn get_employee_gap(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let e = visible_employee(&state, &auth, id.into_inner()).await?;
    let r = repo::employee_gap_report(&state.db, auth.scope(), e.id, today()).await?;
    let comps = r
        .standard
        .iter()
        .map(|s| Ok((s.competency.id, CompetencyRef::try_from(&s.competency)?)))
        .collect::<Result<HashMap<_, _>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(EmployeeGapResponse {
        employee_id: r.employee.id,
        name: r.employee.name.clone(),
        position_id: r.position.as_ref().map(|p| p.id),
        position_title: r.position.as_ref().map(|p| p.title.clone()),
        items: gap_items(&r.gap, &comps)?,
        job_person_match: match_response(&r.gap),
        unassessed: r.gap.unassessed,
    }))
}

/// One cell of the heat map: an employee's standing in one competency.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeatCell {
    pub competency_id: Uuid,
    pub required: u8,
    pub achieved: Option<u8>,
    pub gap: i8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeatRow {
    pub employee_id: Uuid,
    pub name: String,
    pub nip: String,
    pub job_person_match: Option<JobPersonMatchResponse>,
    /// Only the competencies of the employee's standard.
    pub cells: Vec<HeatCell>,
}

/// How the staff stand in one competency.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencySummary {
    pub competency: CompetencyRef,
    /// Staff whose standard includes it.
    pub with_standard: u32,
    /// Of those, below the required level (unassessed counts as below).
    pub below: u32,
    /// below ÷ with_standard, 0-1.
    pub share_below: f64,
    /// Mean shortfall in levels among those below.
    pub mean_gap: f64,
}

/// A unit's heat map: competencies × employees.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitGapsResponse {
    pub org_unit_id: Uuid,
    pub competencies: Vec<CompetencyRef>,
    pub employees: Vec<HeatRow>,
    /// One per competency, in the order of `competencies`.
    pub summary: Vec<CompetencySummary>,
}

pub(crate) fn summarise(
    comps: &[competencies::Model],
    rows: &[(employees::Model, EmployeeGap)],
) -> Result<Vec<CompetencySummary>, ApiError> {
    let tallies = tally(rows.iter().map(|(_, g)| g));
    comps
        .iter()
        .map(|c| {
            let t = tallies.get(&c.id).copied().unwrap_or_default();
            Ok(CompetencySummary {
                competency: CompetencyRef::try_from(c)?,
                with_standard: t.with_standard,
                below: t.below,
                share_below: (t.share_below() * 10_000.0).round() / 10_000.0,
                mean_gap: (t.mean_gap() * 100.0).round() / 100.0,
            })
        })
        .collect()
}

/// The heat map of a unit and the units below it: each active employee's gap per competency,
/// and per competency the share of staff below standard.
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(("id" = Uuid, Path)), responses((status = 200, body = UnitGapsResponse)), security(("bearer" = [])))]
#[get("/org-units/{id}/competency-gaps")]
pub async fn get_unit_gaps(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::CompetenciesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let u = repo::unit_gaps(&state.db, auth.scope(), id.into_inner(), today()).await?;
    let refs = u
        .competencies
        .iter()
        .map(CompetencyRef::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let summary = summarise(&u.competencies, &u.employees)?;
    let employees = u
        .employees
        .iter()
        .map(|(e, g)| HeatRow {
            employee_id: e.id,
            name: e.name.clone(),
            nip: e.nip.clone(),
            job_person_match: match_response(g),
            cells: g
                .items
                .iter()
                .map(|i| HeatCell {
                    competency_id: i.competency_id,
                    required: i.required,
                    achieved: i.achieved,
                    gap: i.gap,
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(UnitGapsResponse {
        org_unit_id: u.unit.id,
        competencies: refs,
        employees,
        summary,
    }))
}

// ---------------------------------------------------------------- training needs

#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionResponse {
    pub signal: NeedSignal,
    /// The signal's value, normalised to 0-1.
    pub value: f64,
    /// Its effective weight (weights of signals without data are shared out).
    pub weight: f64,
    /// 100 × weight × value: its share of the score.
    pub points: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShortfallResponse {
    pub employee_id: Uuid,
    pub name: String,
    pub nip: String,
    pub required: u8,
    pub achieved: Option<u8>,
}

/// A training need: a competency the staff lack, scored from its signals.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingNeedResponse {
    /// 1 for the most pressing.
    pub rank: usize,
    pub competency: CompetencyRef,
    /// 0-100.
    pub score: f64,
    /// Why it ranks here: each signal's share of the score, largest first.
    pub contributions: Vec<ContributionResponse>,
    /// Signals without data (not part of the score).
    pub missing: Vec<NeedSignal>,
    /// Staff whose standard includes the competency.
    pub with_standard: u32,
    /// Staff below the required level (unassessed counts as below).
    pub below_count: usize,
    pub share_below: f64,
    pub mean_gap: f64,
    /// The staff below the standard (the first 200), the targets of a plan.
    pub employees_below: Vec<ShortfallResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingNeedsResponse {
    pub agency_id: Uuid,
    /// Set when the list is for one unit (and the units below it).
    pub org_unit_id: Option<Uuid>,
    pub weights: NeedWeightsBody,
    pub items: Vec<TrainingNeedResponse>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrainingNeedsQuery {
    /// A unit (with the units below it); without it, the whole agency.
    pub org_unit_id: Option<Uuid>,
    /// Super admins: the agency (required without `org_unit_id`).
    pub agency_id: Option<Uuid>,
}

/// The ranked training needs of a unit or an agency, each with an explanation of its score.
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(TrainingNeedsQuery), responses((status = 200, body = TrainingNeedsResponse)), security(("bearer" = [])))]
#[get("/training-needs")]
pub async fn list_training_needs(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<TrainingNeedsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::CompetenciesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let q = q.0;
    let agency_id = match (q.org_unit_id, q.agency_id) {
        (Some(u), _) => {
            pembina_persistence::repositories::org::get_unit(&state.db, auth.scope(), u)
                .await?
                .agency_id
        }
        (None, requested) => auth.target_agency(requested)?,
    };
    let unit = match q.org_unit_id {
        Some(u) => Some(
            pembina_persistence::repositories::org::get_unit(&state.db, auth.scope(), u).await?,
        ),
        None => None,
    };
    let surveys = pembina_persistence::repositories::surveys::survey_signals(
        &state.db,
        agency_id,
        unit.as_ref(),
    )
    .await?;
    let (settings, needs) = repo::training_needs(
        &state.db,
        auth.scope(),
        agency_id,
        q.org_unit_id,
        &surveys,
        today(),
    )
    .await?;
    let items = needs
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            Ok(TrainingNeedResponse {
                rank: i + 1,
                competency: CompetencyRef::try_from(&n.competency)?,
                score: n.score.score,
                contributions: n
                    .score
                    .contributions
                    .iter()
                    .map(|c| ContributionResponse {
                        signal: c.signal.into(),
                        value: (c.value * 10_000.0).round() / 10_000.0,
                        weight: (c.weight * 10_000.0).round() / 10_000.0,
                        points: (c.points * 10.0).round() / 10.0,
                    })
                    .collect(),
                missing: n.score.missing.iter().map(|s| (*s).into()).collect(),
                with_standard: n.with_standard,
                below_count: n.below.len(),
                share_below: (n.signals.gap_share * 10_000.0).round() / 10_000.0,
                mean_gap: (n.signals.mean_gap * 100.0).round() / 100.0,
                employees_below: n
                    .below
                    .iter()
                    .take(200)
                    .map(|s| ShortfallResponse {
                        employee_id: s.employee.id,
                        name: s.employee.name.clone(),
                        nip: s.employee.nip.clone(),
                        required: s.required,
                        achieved: s.achieved,
                    })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let s = CompetencySettingsBody::from_settings(agency_id, settings);
    Ok(HttpResponse::Ok().json(TrainingNeedsResponse {
        agency_id,
        org_unit_id: q.org_unit_id,
        weights: s.need_weights,
        items,
    }))
}

// ---------------------------------------------------------------- agency gaps

/// One unit's standing in a competency.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitShareResponse {
    pub org_unit_id: Uuid,
    pub code: String,
    pub name: String,
    pub with_standard: u32,
    pub below: u32,
    pub share_below: f64,
}

/// How the agency's staff stand in one competency, and where most are below.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyGapResponse {
    pub competency: CompetencyRef,
    pub with_standard: u32,
    pub below: u32,
    pub share_below: f64,
    /// Mean shortfall in levels among those below.
    pub mean_gap: f64,
    /// Units with someone below standard, most affected first (the first 10).
    pub units: Vec<UnitShareResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyGapsResponse {
    pub agency_id: Uuid,
    /// Competencies the staff lack most first (by share below standard).
    pub items: Vec<AgencyGapResponse>,
}

fn share(below: u32, with: u32) -> f64 {
    if with == 0 {
        0.0
    } else {
        (f64::from(below) / f64::from(with) * 10_000.0).round() / 10_000.0
    }
}

/// An agency's competency gaps: which competencies its staff lack most, and in which units.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency); API keys with
/// `competencies:read`.
#[utoipa::path(tag = "competencies", params(AgencyQuery), responses((status = 200, body = AgencyGapsResponse)), security(("bearer" = [])))]
#[get("/competency-gaps")]
pub async fn get_agency_gaps(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<AgencyQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(
        ApiScope::CompetenciesRead,
        &[Role::SuperAdmin, Role::AgencyAdmin],
    )?;
    let agency_id = target_agency(&state, &auth, q.0.agency_id).await?;
    let gaps = pembina_persistence::repositories::gaps::agency_gaps(
        &state.db,
        auth.scope(),
        agency_id,
        today(),
    )
    .await?;
    let items = gaps
        .into_iter()
        .map(|g| {
            Ok(AgencyGapResponse {
                competency: CompetencyRef::try_from(&g.competency)?,
                share_below: share(g.tally.below, g.tally.with_standard),
                mean_gap: (g.tally.mean_gap() * 100.0).round() / 100.0,
                with_standard: g.tally.with_standard,
                below: g.tally.below,
                units: g
                    .units
                    .into_iter()
                    .take(10)
                    .map(|u| UnitShareResponse {
                        org_unit_id: u.unit.id,
                        share_below: share(u.tally.below, u.tally.with_standard),
                        code: u.unit.code,
                        name: u.unit.name,
                        with_standard: u.tally.with_standard,
                        below: u.tally.below,
                    })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(AgencyGapsResponse { agency_id, items }))
}
