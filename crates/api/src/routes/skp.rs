//! The yearly performance plan (SKP, PermenPANRB 6/2022): the employee writes their work
//! results, their direct supervisor (the rater, fixed when the plan is created) agrees them,
//! follows the quarterly realisations with feedback, and rates the year.
//!
//! A plan is visible to its owner, its rater, administrators of its agency and super admins;
//! to anyone else — another supervisor of the agency included — it does not exist (404).

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use pembina_domain::DomainError;
use pembina_domain::appraisal::plan::{
    NewRealisation, ResultInput, actor_of, allowed_steps, parse_feedback, parse_quarter,
    parse_results, parse_year, step_ratings,
};
use pembina_domain::appraisal::workflow::{
    self, Actor as PlanActor, PlanState as DPlanState, may_edit, may_give_feedback,
    may_record_realisation,
};
use pembina_persistence::entities::{skp_feedback, skp_plans, skp_realisations};
use pembina_persistence::repositories::skp::{self as repo, NewFeedback, PlanDetail, ResultDetail};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{Predikat, Rating, SkpApproach, SkpSection, SkpState, SkpStep, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor};

// ---------------------------------------------------------------- responses

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpRealisationResponse {
    pub id: Uuid,
    /// 1-4.
    pub quarter: i16,
    pub realisation: String,
    pub evidence_url: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl From<skp_realisations::Model> for SkpRealisationResponse {
    fn from(m: skp_realisations::Model) -> Self {
        Self {
            id: m.id,
            quarter: m.quarter,
            realisation: m.realisation,
            evidence_url: m.evidence_url,
            recorded_at: m.recorded_at,
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

#[derive(Debug, Serialize, ToSchema)]
pub struct SkpPlanResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The employee whose plan it is.
    pub employee_id: Uuid,
    /// Their direct supervisor when the plan was created (pejabat penilai).
    pub rater_employee_id: Uuid,
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
    /// The workflow steps the caller may take now.
    pub allowed_steps: Vec<SkpStep>,
    /// Whether the caller may replace the results now.
    pub may_edit: bool,
    /// Whether the caller may record realisations now.
    pub may_record_realisation: bool,
    /// Whether the caller may give feedback now.
    pub may_give_feedback: bool,
}

fn state_of(p: &skp_plans::Model) -> Result<DPlanState, ApiError> {
    stored(&p.state)
}

fn response(d: PlanDetail, who: PlanActor) -> Result<SkpPlanResponse, ApiError> {
    let p = d.plan;
    let state = state_of(&p)?;
    Ok(SkpPlanResponse {
        id: p.id,
        agency_id: p.agency_id,
        employee_id: p.employee_id,
        rater_employee_id: p.rater_employee_id,
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
        allowed_steps: allowed_steps(state, who)
            .into_iter()
            .map(Into::into)
            .collect(),
        may_edit: may_edit(state, who),
        may_record_realisation: may_record_realisation(state, who),
        may_give_feedback: may_give_feedback(state, who),
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
