//! The yearly performance plan (SKP, PermenPANRB 6/2022): the employee writes their work
//! results, their direct supervisor (the rater, fixed when the plan is created) agrees them,
//! follows the quarterly realisations with feedback, and rates the year.
//!
//! A plan is visible to its owner, its rater, administrators of its agency and super admins;
//! to anyone else — another supervisor of the agency included — it does not exist (404). The
//! same holds for everything in it: realisations, evidence files, history and the printed
//! document.

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use pembina_domain::DomainError;
use pembina_domain::appraisal::behaviour::{
    CoreValue, Expectation, ExpectationInput, all_with, parse_expectations,
};
use pembina_domain::appraisal::credit::year_credit;
use pembina_domain::appraisal::periodic::NewPeriodicRating;
use pembina_domain::appraisal::plan::{
    NewRealisation, ResultInput, actor_of, allowed_steps, parse_feedback, parse_quarter,
    parse_results, parse_year, step_ratings,
};
use pembina_domain::appraisal::predikat::{Predikat as DPredikat, Rating as DRating};
use pembina_domain::appraisal::workflow::{
    self, Actor as PlanActor, PlanState as DPlanState, check_periodic, may_edit, may_give_feedback,
    may_rate_periodic, may_record_realisation,
};
use pembina_persistence::entities::{
    skp_behaviours, skp_evidence, skp_feedback, skp_periodic_ratings, skp_plans,
};
use pembina_persistence::repositories::skp::{
    self as repo, HistoryEvent, NewEvidence, NewFeedback, PlanDetail, PlanDocument,
    RealisationDetail, ResultDetail,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{
    BerakhlakValue, Predikat, Rating, SkpApproach, SkpSection, SkpState, SkpStep, stored,
};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::pdf::skp as skp_pdf;
use crate::startup::{AppState, actor};
use crate::storage::StorageError;

// ---------------------------------------------------------------- responses

/// An evidence file (bukti dukung) of a realisation; its content is at
/// `GET /skp-evidence/{id}/content`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkpEvidenceResponse {
    pub id: Uuid,
    pub realisation_id: Uuid,
    #[schema(example = "notulen-rapat-triwulan-1.pdf")]
    pub file_name: String,
    #[schema(example = "application/pdf")]
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

impl From<skp_evidence::Model> for SkpEvidenceResponse {
    fn from(m: skp_evidence::Model) -> Self {
        Self {
            id: m.id,
            realisation_id: m.realisation_id,
            file_name: m.file_name,
            content_type: m.content_type,
            size_bytes: m.size_bytes,
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpRealisationResponse {
    pub id: Uuid,
    /// 1-4.
    pub quarter: i16,
    pub realisation: String,
    pub evidence_url: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// Uploaded evidence files, oldest first.
    pub evidence: Vec<SkpEvidenceResponse>,
}

impl From<RealisationDetail> for SkpRealisationResponse {
    fn from(d: RealisationDetail) -> Self {
        let m = d.realisation;
        Self {
            id: m.id,
            quarter: m.quarter,
            realisation: m.realisation,
            evidence_url: m.evidence_url,
            recorded_at: m.recorded_at,
            evidence: d.evidence.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpFeedbackResponse {
    pub id: Uuid,
    /// The result it is about; null for the plan as a whole.
    pub result_id: Option<Uuid>,
    pub author_employee_id: Uuid,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

impl From<skp_feedback::Model> for SkpFeedbackResponse {
    fn from(m: skp_feedback::Model) -> Self {
        Self {
            id: m.id,
            result_id: m.result_id,
            author_employee_id: m.author_employee_id,
            text: m.text,
            created_at: m.created_at,
        }
    }
}

/// A result of the rater's plan, as offered for linking.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkpRaterResultResponse {
    pub id: Uuid,
    pub section: SkpSection,
    pub seq: i32,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpResultResponse {
    pub id: Uuid,
    pub section: SkpSection,
    /// Position in the plan, from 1.
    pub seq: i32,
    /// The work result (rencana hasil kerja, RHK).
    pub description: String,
    /// The result of the rater's plan this one supports (intervensi).
    pub supports_result_id: Option<Uuid>,
    pub indicator: String,
    pub target: String,
    pub approach: SkpApproach,
    /// By quarter.
    pub realisations: Vec<SkpRealisationResponse>,
    /// Oldest first.
    pub feedback: Vec<SkpFeedbackResponse>,
}

impl TryFrom<ResultDetail> for SkpResultResponse {
    type Error = ApiError;
    fn try_from(d: ResultDetail) -> Result<Self, ApiError> {
        let r = d.result;
        Ok(Self {
            id: r.id,
            section: stored(&r.section)?,
            seq: r.seq,
            description: r.description,
            supports_result_id: r.supports_result_id,
            indicator: r.indicator,
            target: r.target,
            approach: stored(&r.approach)?,
            realisations: d.realisations.into_iter().map(Into::into).collect(),
            feedback: d.feedback.into_iter().map(Into::into).collect(),
        })
    }
}

/// One BerAKHLAK core value of the plan's work behaviour.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkpBehaviourResponse {
    pub value: BerakhlakValue,
    /// The value's name on the form, e.g. "Berorientasi Pelayanan".
    pub label: String,
    /// The leader's specific expectation (ekspektasi khusus pimpinan); null when none.
    pub expectation: Option<String>,
}

/// The rater's evaluation of one quarter (Triwulan).
#[derive(Debug, Serialize, ToSchema)]
pub struct SkpPeriodicResponse {
    /// 1-4.
    pub quarter: i16,
    pub results_rating: Rating,
    pub behaviour_rating: Rating,
    /// From the two ratings, by the PermenPANRB 6/2022 matrix.
    pub predikat: Predikat,
    pub note: Option<String>,
    pub rater_employee_id: Uuid,
    pub rated_at: DateTime<Utc>,
}

impl TryFrom<skp_periodic_ratings::Model> for SkpPeriodicResponse {
    type Error = ApiError;
    fn try_from(m: skp_periodic_ratings::Model) -> Result<Self, ApiError> {
        Ok(Self {
            quarter: m.quarter,
            results_rating: stored(&m.results_rating)?,
            behaviour_rating: stored(&m.behaviour_rating)?,
            predikat: stored(&m.predikat)?,
            note: m.note,
            rater_employee_id: m.rater_employee_id,
            rated_at: m.rated_at,
        })
    }
}

/// The functional credit (angka kredit, PermenPANRB 1/2023) a rated year earns.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkpCreditResponse {
    /// The functional level's yearly coefficient.
    #[schema(example = 12.5)]
    pub coefficient: f64,
    /// Of the coefficient, by predikat: 150, 100, 75, 50 or 25.
    #[schema(example = 100)]
    pub percent: i64,
    /// Months served in the year (a whole year: 12).
    #[schema(example = 12)]
    pub months: u8,
    /// coefficient × percent × months / 12, to three decimals.
    #[schema(example = 12.5)]
    pub amount: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpPlanResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The employee whose plan it is.
    pub employee_id: Uuid,
    pub employee_name: String,
    /// Their direct supervisor when the plan was created (pejabat penilai).
    pub rater_employee_id: Uuid,
    pub rater_name: String,
    /// The results of the rater's plan of the same year, which this plan's results may support
    /// (`supports_result_id`); empty while the rater has no plan.
    pub rater_results: Vec<SkpRaterResultResponse>,
    pub year: i32,
    pub state: SkpState,
    pub results_rating: Option<Rating>,
    pub behaviour_rating: Option<Rating>,
    /// From the two ratings, set by `evaluate`.
    pub predikat: Option<Predikat>,
    pub evaluated_at: Option<DateTime<Utc>>,
    pub finalised_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub results: Vec<SkpResultResponse>,
    /// Feedback on the plan as a whole, oldest first.
    pub feedback: Vec<SkpFeedbackResponse>,
    /// Work behaviour: the seven BerAKHLAK values in the official order, always all seven.
    pub behaviours: Vec<SkpBehaviourResponse>,
    /// The rater's quarterly evaluations, by quarter.
    pub periodic: Vec<SkpPeriodicResponse>,
    /// The credit the year earns, when the plan has a predikat and the employee's current
    /// position is functional with a level; null otherwise.
    pub credit: Option<SkpCreditResponse>,
    /// The workflow steps the caller may take now.
    pub allowed_steps: Vec<SkpStep>,
    /// Whether the caller may replace the results now.
    pub may_edit: bool,
    /// Whether the caller may record realisations now.
    pub may_record_realisation: bool,
    /// Whether the caller may give feedback now.
    pub may_give_feedback: bool,
    /// Whether the caller may rate a quarter now.
    pub may_rate_periodic: bool,
}

fn state_of(p: &skp_plans::Model) -> Result<DPlanState, ApiError> {
    stored(&p.state)
}

/// Stored expectations as domain values (a value the code does not know is a server fault).
fn expectations(rows: &[skp_behaviours::Model]) -> Result<Vec<Expectation>, ApiError> {
    rows.iter()
        .map(|b| {
            Ok(Expectation {
                value: stored(&b.value)?,
                text: b.expectation.clone(),
            })
        })
        .collect()
}

fn behaviours(rows: &[skp_behaviours::Model]) -> Result<Vec<SkpBehaviourResponse>, ApiError> {
    let stored = expectations(rows)?;
    Ok(all_with(&stored)
        .into_iter()
        .map(|(v, e)| SkpBehaviourResponse {
            value: v.into(),
            label: v.label().to_owned(),
            expectation: e.map(str::to_owned),
        })
        .collect())
}

fn credit(d: &PlanDetail) -> Result<Option<SkpCreditResponse>, ApiError> {
    let predikat: Option<DPredikat> = d.plan.predikat.as_deref().map(stored).transpose()?;
    Ok(predikat.zip(d.functional_level).map(|(p, level)| {
        let c = year_credit(level, p);
        SkpCreditResponse {
            coefficient: c.coefficient.as_f64(),
            percent: c.percent,
            months: c.months,
            amount: c.amount.as_f64(),
        }
    }))
}

fn response(d: PlanDetail, who: PlanActor) -> Result<SkpPlanResponse, ApiError> {
    let behaviours = behaviours(&d.behaviours)?;
    let credit = credit(&d)?;
    let periodic = d
        .periodic
        .into_iter()
        .map(SkpPeriodicResponse::try_from)
        .collect::<Result<_, _>>()?;
    let p = d.plan;
    let state = state_of(&p)?;
    Ok(SkpPlanResponse {
        id: p.id,
        agency_id: p.agency_id,
        employee_id: p.employee_id,
        employee_name: d.employee_name,
        rater_employee_id: p.rater_employee_id,
        rater_name: d.rater_name,
        rater_results: d
            .rater_results
            .into_iter()
            .map(|r| {
                Ok(SkpRaterResultResponse {
                    id: r.id,
                    section: stored::<pembina_domain::appraisal::plan::Section>(&r.section)?.into(),
                    seq: r.seq,
                    description: r.description,
                })
            })
            .collect::<Result<_, ApiError>>()?,
        year: p.year,
        state: state.into(),
        results_rating: p.results_rating.as_deref().map(stored).transpose()?,
        behaviour_rating: p.behaviour_rating.as_deref().map(stored).transpose()?,
        predikat: p.predikat.as_deref().map(stored).transpose()?,
        evaluated_at: p.evaluated_at,
        finalised_at: p.finalised_at,
        created_at: p.created_at,
        updated_at: p.updated_at,
        results: d
            .results
            .into_iter()
            .map(SkpResultResponse::try_from)
            .collect::<Result<_, _>>()?,
        feedback: d.feedback.into_iter().map(Into::into).collect(),
        behaviours,
        periodic,
        credit,
        allowed_steps: allowed_steps(state, who)
            .into_iter()
            .map(Into::into)
            .collect(),
        may_edit: may_edit(state, who),
        may_record_realisation: may_record_realisation(state, who),
        may_give_feedback: may_give_feedback(state, who),
        may_rate_periodic: may_rate_periodic(state, who),
    })
}

/// The caller's role on `plan` (rows outside their agency never reach here: the queries are
/// scoped). Anyone who is neither owner, rater nor administrator is told it does not exist.
fn who(auth: &Auth, plan: &skp_plans::Model) -> Result<PlanActor, DomainError> {
    actor_of(
        plan.employee_id,
        plan.rater_employee_id,
        auth.employee_id,
        auth.is_admin(),
    )
    .ok_or(DomainError::NotFound("skp plan"))
}

async fn plan_response(
    state: &AppState,
    auth: &Auth,
    plan: skp_plans::Model,
) -> Result<SkpPlanResponse, ApiError> {
    let w = who(auth, &plan)?;
    response(repo::detail(&state.db, plan).await?, w)
}

// ---------------------------------------------------------------- plans

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSkpPlanRequest {
    #[schema(example = 2027)]
    pub year: i64,
}

/// Start your own plan (SKP) for a year, in `draft`. Its rater is your direct supervisor as your
/// employee record names them now (409 `no_supervisor` when it names none); 409 `duplicate` when
/// you already have a plan for that year.
///
/// **Who may call:** any signed-in user linked to an employee record (for their own plan).
#[utoipa::path(tag = "skp", request_body = CreateSkpPlanRequest, responses((status = 201, body = SkpPlanResponse)), security(("bearer" = [])))]
#[post("/skp-plans")]
pub async fn create_skp_plan(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateSkpPlanRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let me = auth.employee_id.ok_or_else(|| {
        DomainError::Forbidden("only an account linked to an employee has a plan".into())
    })?;
    let year = parse_year(body.0.year)?;
    let plan = repo::create_plan(&state.db, &actor(&auth, &req), me, year).await?;
    Ok(HttpResponse::Created().json(plan_response(&state, &auth, plan).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SkpYearQuery {
    /// The plan's year (2000-2100).
    pub year: i64,
}

/// Your own plan of a year; 404 when you have none.
///
/// **Who may call:** any signed-in user linked to an employee record.
#[utoipa::path(tag = "skp", params(SkpYearQuery), responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[get("/me/skp")]
pub async fn get_my_skp(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<SkpYearQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let year = parse_year(q.0.year)?;
    let plan = match auth.employee_id {
        Some(me) => repo::plan_of(&state.db, me, year).await?,
        None => None,
    }
    .ok_or(DomainError::NotFound("skp plan"))?;
    Ok(HttpResponse::Ok().json(plan_response(&state, &auth, plan).await?))
}

/// One plan with its results, each result's realisations and feedback, the plan-level
/// feedback, and the steps the caller may take.
///
/// **Who may call:** the owner; the rater; agency_admin (their agency); super_admin. Anyone
/// else — another supervisor or another agency's admin included — is told it does not exist
/// (404).
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[get("/skp-plans/{id}")]
pub async fn get_skp_plan(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let plan = repo::get_plan(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(plan_response(&state, &auth, plan).await?))
}

// ---------------------------------------------------------------- results

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkpResultRequest {
    pub section: SkpSection,
    /// The work result (RHK), 1-1000 characters.
    #[schema(example = "Tersusunnya laporan kinerja bidang yang tepat waktu")]
    pub description: String,
    /// A result of the rater's plan of the same year that this one supports.
    pub supports_result_id: Option<Uuid>,
    /// 1-1000 characters.
    #[schema(example = "Jumlah laporan kinerja yang disampaikan tepat waktu")]
    pub indicator: String,
    /// 1-500 characters.
    #[schema(example = "12 laporan")]
    pub target: String,
    pub approach: SkpApproach,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutSkpResultsRequest {
    /// The whole list, in order (at most 100); it replaces the plan's results.
    pub results: Vec<SkpResultRequest>,
}

/// Replace the plan's work results. Errors name `results[i].field`; a `supports_result_id` that
/// is not a result of the rater's plan of the same year is `unknown_reference`; 409
/// `result_supported` when a report's result supports one of the results being replaced.
/// Realisations of replaced results go with them; feedback on them stays, on the plan.
///
/// **Who may call:** the owner or the rater, while the plan is `draft`; others who can see the
/// plan get 403.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), request_body = PutSkpResultsRequest, responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[put("/skp-plans/{id}/results")]
pub async fn put_skp_results(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<PutSkpResultsRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let results = parse_results(
        body.0
            .results
            .into_iter()
            .map(|r| ResultInput {
                section: r.section.into(),
                description: r.description,
                supports_result_id: r.supports_result_id,
                indicator: r.indicator,
                target: r.target,
                approach: r.approach.into(),
            })
            .collect(),
    )?;
    let mut caller = None;
    let d = repo::replace_results(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        results,
        |p| {
            let w = who(&auth, p)?;
            caller = Some(w);
            if may_edit(plan_state(p)?, w) {
                Ok(())
            } else {
                Err(DomainError::Forbidden(format!(
                    "the results of a plan that is {} cannot be changed by this caller",
                    p.state
                )))
            }
        },
    )
    .await?;
    let w = caller.ok_or_else(|| ApiError::internal("caller not resolved"))?;
    Ok(HttpResponse::Ok().json(response(d, w)?))
}

fn plan_state(p: &skp_plans::Model) -> Result<DPlanState, DomainError> {
    p.state
        .parse()
        .map_err(|_| DomainError::Internal(format!("unknown plan state {:?}", p.state)))
}

// ---------------------------------------------------------------- steps

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkpStepRequest {
    pub step: SkpStep,
    /// Required with `evaluate`, refused with other steps.
    pub results_rating: Option<Rating>,
    /// Required with `evaluate`, refused with other steps.
    pub behaviour_rating: Option<Rating>,
}

/// Take a workflow step: `agree` (draft → agreed), `reopen` (agreed → draft), `start` (agreed →
/// in_progress), `evaluate` (in_progress → evaluated; both ratings required, the predikat is
/// read from the PermenPANRB 6/2022 matrix), `return_evaluation` (evaluated → in_progress,
/// clearing the ratings), `finalise` (evaluated → final). 409 `invalid_transition` when the
/// plan's state does not allow the step; 403 when the caller may not take it (nobody rates their
/// own plan). Each step is audited.
///
/// **Who may call:** agree, reopen, evaluate, return_evaluation: the rater. start: the owner or
/// the rater. finalise: the rater, or agency_admin (their agency) / super_admin. Callers who
/// cannot see the plan (another supervisor, another agency) get 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), request_body = SkpStepRequest, responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[post("/skp-plans/{id}/steps")]
pub async fn take_skp_step(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<SkpStepRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let b = body.0;
    let step = b.step.into();
    let mut caller = None;
    let ratings = step_ratings(
        step,
        b.results_rating.map(Into::into),
        b.behaviour_rating.map(Into::into),
    );
    let plan = repo::take_step(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        step,
        ratings.as_ref().ok().copied().flatten(),
        |p| {
            let w = who(&auth, p)?;
            caller = Some(w);
            // Who may act and whether the state allows it come before the body's ratings.
            workflow::next(plan_state(p)?, step, w)?;
            ratings.map(|_| w)
        },
    )
    .await?;
    let w = caller.ok_or_else(|| ApiError::internal("caller not resolved"))?;
    Ok(HttpResponse::Ok().json(response(repo::detail(&state.db, plan).await?, w)?))
}

// ---------------------------------------------------------------- realisations and feedback

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutRealisationRequest {
    /// What was achieved in the quarter, 1-2000 characters.
    #[schema(example = "3 laporan disampaikan tepat waktu")]
    pub realisation: String,
    /// A link (http or https) to the evidence (bukti dukung).
    #[schema(example = "https://drive.example.go.id/bukti/q1.pdf")]
    pub evidence_url: Option<String>,
}

/// Record a result's realisation of a quarter (1-4), replacing what was recorded for that
/// quarter. An `agreed` plan moves to `in_progress` with its first realisation. Answers the plan.
///
/// **Who may call:** the owner, while the plan is `agreed` or `in_progress`; others who can see
/// the plan get 403, anyone else 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path, description = "The result"), ("quarter" = i64, Path, description = "1-4")), request_body = PutRealisationRequest, responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[put("/skp-results/{id}/realisations/{quarter}")]
pub async fn put_skp_realisation(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(Uuid, i64)>,
    body: ValidJson<PutRealisationRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let (result_id, quarter) = path.into_inner();
    let quarter = parse_quarter(quarter)?;
    let b = body.0;
    let r = NewRealisation::parse(&b.realisation, b.evidence_url.as_deref())?;
    let mut caller = None;
    let plan = repo::record_realisation(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        result_id,
        quarter,
        r,
        |p| {
            let w = who(&auth, p).map_err(|_| DomainError::NotFound("skp result"))?;
            caller = Some(w);
            if may_record_realisation(plan_state(p)?, w) {
                Ok(w)
            } else {
                Err(DomainError::Forbidden(format!(
                    "realisations of a plan that is {} cannot be recorded by this caller",
                    p.state
                )))
            }
        },
    )
    .await?;
    let w = caller.ok_or_else(|| ApiError::internal("caller not resolved"))?;
    Ok(HttpResponse::Ok().json(response(repo::detail(&state.db, plan).await?, w)?))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkpFeedbackRequest {
    /// 1-2000 characters.
    #[schema(example = "Target triwulan I tercapai; lampirkan notulen rapat.")]
    pub text: String,
    /// A result of this plan; absent for feedback on the plan as a whole.
    pub result_id: Option<Uuid>,
}

/// Give feedback on the plan or one of its results; the owner sees it at once in the plan.
///
/// **Who may call:** the rater, while the plan is `agreed`, `in_progress` or `evaluated`;
/// others who can see the plan get 403, anyone else 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), request_body = SkpFeedbackRequest, responses((status = 201, body = SkpFeedbackResponse)), security(("bearer" = [])))]
#[post("/skp-plans/{id}/feedback")]
pub async fn add_skp_feedback(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<SkpFeedbackRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let b = body.0;
    let text = parse_feedback(&b.text)?;
    // Only a rater gives feedback, and a rater is an employee.
    let author = auth.employee_id.unwrap_or_default();
    let f = repo::add_feedback(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        NewFeedback {
            author,
            result_id: b.result_id,
            text,
        },
        |p| {
            let w = who(&auth, p)?;
            if may_give_feedback(plan_state(p)?, w) {
                Ok(())
            } else {
                Err(DomainError::Forbidden(format!(
                    "feedback on a plan that is {} is not for this caller",
                    p.state
                )))
            }
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(SkpFeedbackResponse::from(f)))
}

// ---------------------------------------------------------------- behaviour expectations

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkpExpectationRequest {
    /// A BerAKHLAK core value by its name; an unknown or repeated one is named in the error
    /// (`expectations[i].value`).
    #[schema(value_type = BerakhlakValue, example = "akuntabel")]
    pub value: String,
    /// The leader's specific expectation, at most 2000 characters; absent, null or blank for
    /// none.
    #[schema(example = "Menyampaikan laporan kinerja bidang paling lambat tanggal 5 setiap bulan")]
    pub expectation: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutSkpBehavioursRequest {
    /// At most one entry per value (seven); values left out have no specific expectation.
    pub expectations: Vec<SkpExpectationRequest>,
}

/// Replace the leader's specific expectations for the seven BerAKHLAK core values (work
/// behaviour). The answer lists all seven values in the official order, each with its
/// expectation or null. Errors name `expectations[i].value` (`unknown_value`, `duplicate`) and
/// `expectations[i].expectation` (`too_long`).
///
/// **Who may call:** the owner or the rater, while the plan is `draft` (as for results); others
/// who can see the plan get 403, anyone else — another agency included — 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), request_body = PutSkpBehavioursRequest, responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[put("/skp-plans/{id}/behaviours")]
pub async fn put_skp_behaviours(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<PutSkpBehavioursRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let expectations = parse_expectations(
        body.0
            .expectations
            .into_iter()
            .map(|e| ExpectationInput {
                value: e.value,
                expectation: e.expectation,
            })
            .collect(),
    )?;
    let mut caller = None;
    let d = repo::replace_behaviours(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        expectations,
        |p| {
            let w = who(&auth, p)?;
            caller = Some(w);
            if may_edit(plan_state(p)?, w) {
                Ok(())
            } else {
                Err(DomainError::Forbidden(format!(
                    "the expectations of a plan that is {} cannot be changed by this caller",
                    p.state
                )))
            }
        },
    )
    .await?;
    let w = caller.ok_or_else(|| ApiError::internal("caller not resolved"))?;
    Ok(HttpResponse::Ok().json(response(d, w)?))
}

// ---------------------------------------------------------------- evidence files

/// Whether `auth` may add or remove evidence files of `plan`: the owner while realisations may
/// be recorded (403 for others who can see the plan, 404 for the rest).
fn may_change_evidence(
    auth: &Auth,
    plan: &skp_plans::Model,
    what: &'static str,
) -> Result<(), DomainError> {
    let w = who(auth, plan).map_err(|_| DomainError::NotFound(what))?;
    if may_record_realisation(plan_state(plan)?, w) {
        Ok(())
    } else {
        Err(DomainError::Forbidden(format!(
            "evidence of a plan that is {} cannot be changed by this caller",
            plan.state
        )))
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvidenceUploadQuery {
    /// The file's name, e.g. `notulen-rapat.pdf`; required when the body is the file itself,
    /// optional with a multipart form (whose file part names it).
    pub file_name: Option<String>,
}

/// The `multipart/form-data` form of an evidence upload (documentation only: the form is read
/// part by part as it streams in).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SkpEvidenceForm {
    /// The file, with its file name and Content-Type in the part's headers.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A file received in a request, within the size limit.
struct Upload {
    bytes: web::Bytes,
    content_type: String,
    file_name: Option<String>,
}

fn too_large(max: u64) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        "File too large",
        format!("files may be at most {} MB", max / (1024 * 1024)),
    )
}

/// Reads `stream` whole, refusing it (413) as soon as it passes `max` bytes.
async fn read_limited<S, E>(mut stream: S, max: u64) -> Result<web::Bytes, ApiError>
where
    S: Stream<Item = Result<web::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut body = web::BytesMut::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ApiError::bad_request("bad_body", e.to_string()))?;
        if (body.len() + chunk.len()) as u64 > max {
            return Err(too_large(max));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The media type without parameters, lower case.
fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The uploaded file: the `file` part of a `multipart/form-data` form, or the body itself with
/// its `Content-Type`.
async fn receive_file(
    req: &HttpRequest,
    payload: web::Payload,
    max: u64,
) -> Result<Upload, ApiError> {
    let header = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(essence)
        .unwrap_or_default();
    if header != "multipart/form-data" {
        return Ok(Upload {
            bytes: read_limited(payload, max).await?,
            content_type: header,
            file_name: None,
        });
    }
    let mut form = actix_multipart::Multipart::new(req.headers(), payload);
    while let Some(field) = form.next().await {
        let field =
            field.map_err(|e| ApiError::bad_request("malformed_multipart", e.to_string()))?;
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        if field.name() != Some("file") && file_name.is_none() {
            continue;
        }
        let content_type = field
            .content_type()
            .map(|m| essence(m.essence_str()))
            .unwrap_or_default();
        return Ok(Upload {
            bytes: read_limited(field, max).await?,
            content_type,
            file_name,
        });
    }
    Err(ApiError::field(
        "file",
        "required",
        "the form has no file part (name it \"file\")",
    ))
}

/// A file name safe to put in a Content-Disposition header: 1-255 characters, no path.
fn clean_file_name(name: Option<String>) -> Result<String, ApiError> {
    let Some(name) = name else {
        return Err(ApiError::field(
            "file_name",
            "required",
            "name the file: ?file_name=… or the multipart part's filename",
        ));
    };
    let name = name.trim().replace(['/', '\\', '"'], "_");
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(ApiError::field(
            "file_name",
            "invalid",
            "needs 1 to 255 printable characters",
        ));
    }
    Ok(name)
}

async fn remove_file(state: &AppState, key: &str) {
    if let Err(e) = state.storage.delete(key).await {
        // The row is gone or marked deleted; an orphaned file wastes space but exposes nothing.
        tracing::warn!(key, error = %e, "could not delete a stored evidence file");
    }
}

/// Upload an evidence file (bukti dukung) to a quarterly realisation: either the `file` part of
/// a `multipart/form-data` form, or the body itself with its `Content-Type` and
/// `?file_name=`. Accepted types and the size limit are those of training materials (PDF,
/// office documents, MP4/WebM, MP3, PNG/JPEG, plain text; `PEMBINA_STORAGE__MAX_UPLOAD_MB`,
/// default 200 MB): 415 and 413 otherwise. A realisation holds at most 10 files (409
/// `too_many_files`).
///
/// **Who may call:** the owner, while the plan is `agreed` or `in_progress` (as for recording
/// realisations); others who can see the plan get 403, anyone else — another agency included —
/// 404.
#[utoipa::path(
    tag = "skp",
    params(("id" = Uuid, Path, description = "The realisation"), EvidenceUploadQuery),
    request_body(content(
        (SkpEvidenceForm = "multipart/form-data"),
        (Vec<u8> = "application/octet-stream"),
    ), description = "The file"),
    responses((status = 201, body = SkpEvidenceResponse), (status = 404), (status = 409), (status = 413), (status = 415), (status = 422)),
    security(("bearer" = []))
)]
#[post("/skp-realisations/{id}/evidence")]
pub async fn upload_skp_evidence(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    q: ValidQuery<EvidenceUploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    // The realisation must be the caller's to change before anything is read or stored.
    let (_, plan) = repo::realisation_with_plan(&state.db, auth.scope(), *id).await?;
    may_change_evidence(&auth, &plan, "skp realisation")?;
    let upload = receive_file(&req, payload, state.storage.max_bytes()).await?;
    if !super::programmes::ACCEPTED.contains(&upload.content_type.as_str()) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Unsupported file type",
            format!("accepted types: {}", super::programmes::ACCEPTED.join(", ")),
        ));
    }
    let file_name = clean_file_name(q.0.file_name.or(upload.file_name))?;
    if upload.bytes.is_empty() {
        return Err(ApiError::bad_request("empty_body", "the file is empty"));
    }
    let size_bytes = upload.bytes.len() as i64;
    let key = format!("skp-evidence/{}", Uuid::now_v7());
    state
        .storage
        .put(&key, upload.bytes)
        .await
        .map_err(ApiError::internal)?;
    let result = repo::add_evidence(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        *id,
        NewEvidence {
            storage_key: key.clone(),
            file_name,
            content_type: upload.content_type,
            size_bytes,
        },
        |p| may_change_evidence(&auth, p, "skp realisation"),
    )
    .await;
    match result {
        Ok(m) => Ok(HttpResponse::Created().json(SkpEvidenceResponse::from(m))),
        Err(e) => {
            // Nothing refers to the stored file: remove it so a refused upload leaves nothing.
            remove_file(&state, &key).await;
            Err(e.into())
        }
    }
}

/// Stream an evidence file.
///
/// **Who may call:** whoever may see the plan: the owner, the rater, agency_admin (their
/// agency), super_admin. Anyone else gets 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404)), security(("bearer" = [])))]
#[get("/skp-evidence/{id}/content")]
pub async fn download_skp_evidence(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let (e, plan) = repo::get_evidence(&state.db, auth.scope(), *id).await?;
    who(&auth, &plan).map_err(|_| ApiError::not_found("skp evidence"))?;
    let (size, stream) = state
        .storage
        .get(&e.storage_key)
        .await
        .map_err(|err| match err {
            StorageError::NotFound => ApiError::not_found("skp evidence"),
            other => ApiError::internal(other),
        })?;
    Ok(HttpResponse::Ok()
        .content_type(e.content_type)
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", e.file_name.replace('"', "_")),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .no_chunking(size)
        .streaming(
            stream
                .map(|r| r.map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))),
        ))
}

/// Delete an evidence file; it leaves the realisation at once and its content is removed
/// (the plan's history keeps the record of it).
///
/// **Who may call:** the owner, while the plan is `agreed` or `in_progress`; others who can see
/// the plan get 403, anyone else — another agency included — 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
#[delete("/skp-evidence/{id}")]
pub async fn delete_skp_evidence(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let key = repo::delete_evidence(&state.db, &actor(&auth, &req), auth.scope(), *id, |p| {
        may_change_evidence(&auth, p, "skp evidence")
    })
    .await?;
    remove_file(&state, &key).await;
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------- periodic evaluation

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutSkpPeriodicRequest {
    /// Required.
    pub results_rating: Option<Rating>,
    /// Required.
    pub behaviour_rating: Option<Rating>,
    /// At most 2000 characters.
    #[schema(example = "Target triwulan tercapai; tingkatkan koordinasi lintas bidang.")]
    pub note: Option<String>,
}

/// Rate a quarter (periodic evaluation, Triwulan 1-4): work results and work behaviour, each
/// below / as_expected / above; the quarter's predikat is read from the PermenPANRB 6/2022
/// matrix. Rating a quarter again replaces its rating. Answers the plan. 409 `invalid_state`
/// when the plan is not `agreed` or `in_progress`.
///
/// **Who may call:** the plan's rater (fixed when the plan was created; nobody rates their own
/// plan). The owner and administrators who can see the plan get 403; anyone else — another
/// supervisor or another agency included — 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path), ("quarter" = i64, Path, description = "1-4")), request_body = PutSkpPeriodicRequest, responses((status = 200, body = SkpPlanResponse)), security(("bearer" = [])))]
#[put("/skp-plans/{id}/periodic/{quarter}")]
pub async fn put_skp_periodic(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(Uuid, i64)>,
    body: ValidJson<PutSkpPeriodicRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let (plan_id, quarter) = path.into_inner();
    let b = body.0;
    let rating = NewPeriodicRating::parse(
        quarter,
        b.results_rating.map(Into::into),
        b.behaviour_rating.map(Into::into),
        b.note.as_deref(),
    )?;
    let mut caller = None;
    let d = repo::rate_periodic(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        plan_id,
        rating,
        |p| {
            let w = who(&auth, p)?;
            caller = Some(w);
            check_periodic(plan_state(p)?, w)
        },
    )
    .await?;
    let w = caller.ok_or_else(|| ApiError::internal("caller not resolved"))?;
    Ok(HttpResponse::Ok().json(response(d, w)?))
}

// ---------------------------------------------------------------- history

/// One change in a plan's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkpHistoryEventResponse {
    pub occurred_at: DateTime<Utc>,
    /// What happened: `create`, `replace_results`, `replace_behaviours`, a workflow step
    /// (`agree`, `start`, `evaluate`, ...), `update`, `delete`.
    #[schema(example = "replace_behaviours")]
    pub action: String,
    /// What changed: `skp_plan` (the plan, its results and behaviour expectations as a whole),
    /// `skp_realisation`, `skp_evidence`, `skp_feedback` or `skp_periodic_rating`.
    #[schema(example = "skp_plan")]
    pub entity_type: String,
    /// The id of what changed.
    pub entity_id: Uuid,
    /// The display name of the account that made the change; null for changes made by Pembina
    /// itself.
    pub actor_name: Option<String>,
    /// The fields that changed, as `{field: {"before": .., "after": ..}}`.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
}

impl From<HistoryEvent> for SkpHistoryEventResponse {
    fn from(h: HistoryEvent) -> Self {
        let e = h.event;
        Self {
            occurred_at: e.occurred_at,
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            actor_name: h.actor_name,
            changes: e.changes,
        }
    }
}

/// The plan's full history, oldest first: its creation and workflow steps, every replacement of
/// its results and behaviour expectations, and every change to its realisations, evidence
/// files, feedback and quarterly evaluations.
///
/// **Who may call:** whoever may see the plan: the owner, the rater, agency_admin (their
/// agency), super_admin. Anyone else gets 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<SkpHistoryEventResponse>)), security(("bearer" = [])))]
#[get("/skp-plans/{id}/history")]
pub async fn get_skp_history(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let plan = repo::get_plan(&state.db, auth.scope(), *id).await?;
    who(&auth, &plan)?;
    let events: Vec<SkpHistoryEventResponse> = repo::history(&state.db, &plan)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(events))
}

// ---------------------------------------------------------------- the printed document

/// An amount the Indonesian way, with a decimal comma and no trailing zeros: 12.5 → "12,5".
fn decimal_id(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

fn pdf_person(p: repo::PersonInfo) -> skp_pdf::Person {
    skp_pdf::Person {
        name: p.name,
        nip: p.nip,
        rank: p.rank,
        position: p.position,
        unit: p.unit,
    }
}

fn document_data(
    doc: PlanDocument,
    printed_on: chrono::NaiveDate,
) -> Result<skp_pdf::SkpDocument, ApiError> {
    let d = doc.detail;
    let credit = credit(&d)?.map(|c| {
        format!(
            "{} (koefisien {} \u{d7} {}% \u{d7} {}/12 bulan)",
            decimal_id(c.amount),
            decimal_id(c.coefficient),
            c.percent,
            c.months
        )
    });
    let behaviours = expectations(&d.behaviours)?;
    let behaviours = all_with(&behaviours)
        .into_iter()
        .map(|(v, e): (CoreValue, Option<&str>)| (v, e.map(str::to_owned)))
        .collect();
    let periodic = d
        .periodic
        .iter()
        .map(|p| {
            Ok(skp_pdf::Periodic {
                quarter: p.quarter,
                results: stored(&p.results_rating)?,
                behaviour: stored(&p.behaviour_rating)?,
                predikat: stored(&p.predikat)?,
                note: p.note.clone(),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let p = &d.plan;
    let evaluation = match (
        p.results_rating.as_deref(),
        p.behaviour_rating.as_deref(),
        p.predikat.as_deref(),
    ) {
        (Some(r), Some(b), Some(k)) => Some(skp_pdf::Evaluation {
            results: stored::<DRating>(r)?,
            behaviour: stored::<DRating>(b)?,
            predikat: stored::<DPredikat>(k)?,
        }),
        _ => None,
    };
    let results = d
        .results
        .into_iter()
        .map(|r| {
            Ok(skp_pdf::ResultRow {
                section: stored(&r.result.section)?,
                supports: r
                    .result
                    .supports_result_id
                    .and_then(|s| doc.supported.get(&s).cloned()),
                description: r.result.description,
                indicator: r.result.indicator,
                target: r.result.target,
                approach: stored(&r.result.approach)?,
                realisations: r
                    .realisations
                    .into_iter()
                    .map(|q| skp_pdf::QuarterRealisation {
                        quarter: q.realisation.quarter,
                        text: q.realisation.realisation,
                        evidence_files: q.evidence.len(),
                    })
                    .collect(),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(skp_pdf::SkpDocument {
        agency_name: doc.agency_name,
        place: doc.agency_seat,
        year: d.plan.year,
        state: state_of(&d.plan)?,
        employee: pdf_person(doc.employee),
        rater: pdf_person(doc.rater),
        results,
        behaviours,
        periodic,
        evaluation,
        credit,
        printed_on,
    })
}

/// The plan as the SKP form (Sasaran Kinerja Pegawai), A4 portrait PDF in Bahasa Indonesia:
/// identities of the employee and the rater, work results by section with indicators, targets
/// and quarterly realisations, the BerAKHLAK behaviour expectations, the quarterly evaluations
/// and — once evaluated — the ratings, the predikat and the functional credit, and the
/// signature places. Names, positions and units are printed as they stand now.
///
/// **Who may call:** whoever may see the plan: the owner, the rater, agency_admin (their
/// agency), super_admin. Anyone else gets 404.
#[utoipa::path(tag = "skp", params(("id" = Uuid, Path)), responses((status = 200, description = "The SKP document", content_type = "application/pdf"), (status = 404)), security(("bearer" = [])))]
#[get("/skp-plans/{id}/pdf")]
pub async fn get_skp_pdf(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let plan = repo::get_plan(&state.db, auth.scope(), *id).await?;
    who(&auth, &plan)?;
    let doc = repo::document(&state.db, plan).await?;
    let today = pembina_domain::learning::jp::province_date(Utc::now());
    let data = document_data(doc, today)?;
    let name = format!("skp-{}-{}.pdf", data.year, data.employee.nip.trim());
    let bytes = skp_pdf::render(&data);
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                name.replace(['"', '/', '\\'], "_")
            ),
        ))
        .body(bytes))
}

// ---------------------------------------------------------------- the rater's team

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamSkpPlan {
    pub id: Uuid,
    pub state: SkpState,
    pub predikat: Option<Predikat>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamSkpItem {
    pub employee_id: Uuid,
    pub nip: String,
    pub name: String,
    /// Their plan of the year; null when they have none yet.
    pub plan: Option<TeamSkpPlan>,
}

/// Your direct reports (employees whose supervisor you are, except inactive ones), by name,
/// each with their plan of the year or null.
///
/// **Who may call:** any signed-in user linked to an employee record (an empty list for those
/// without reports).
#[utoipa::path(tag = "skp", params(SkpYearQuery), responses((status = 200, body = Vec<TeamSkpItem>)), security(("bearer" = [])))]
#[get("/me/team-skp")]
pub async fn get_my_team_skp(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<SkpYearQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let year = parse_year(q.0.year)?;
    let rows = match auth.employee_id {
        Some(me) => repo::team(&state.db, me, year).await?,
        None => Vec::new(),
    };
    let items = rows
        .into_iter()
        .map(|(e, p)| {
            Ok(TeamSkpItem {
                employee_id: e.id,
                nip: e.nip,
                name: e.name,
                plan: p
                    .map(|p| -> Result<_, ApiError> {
                        Ok(TeamSkpPlan {
                            id: p.id,
                            state: state_of(&p)?.into(),
                            predikat: p.predikat.as_deref().map(stored).transpose()?,
                        })
                    })
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(items))
}
