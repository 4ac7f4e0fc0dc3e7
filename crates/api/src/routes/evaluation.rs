//! Training evaluation by Kirkpatrick's levels 1-3: participants' reactions, the evaluation
//! report of a session and of a programme (reaction, learning from the pre- and post-test,
//! behaviour follow-up), the follow-up tasks of participants and supervisors, and each
//! agency's follow-up settings.
//!
//! Dates are the province's calendar (WIB, UTC+7).

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use pembina_domain::accounts::{ApiScope, Role};
use pembina_domain::learning::evaluation::{
    self as rules, BehaviourTally, FollowUpAnswer, FollowUpStatus as DFollowUpStatus, Reaction,
    ReactionTally, SessionGain, amendable_until, band, share,
};
use pembina_domain::page::PageRequest;
use pembina_persistence::repositories::evaluation::{
    self as repo, EvaluationSettings, FollowUp, FollowUpFilter, LearningRow, ScheduleCounts,
    SessionEvaluation, TaskState,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{FollowUpRole, GainBand, Page, Usage, stored};
use super::learning::{me, today};
use super::programmes::SessionResponse;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

const ADMINS: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin];
const STAFF: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin, Role::Trainer];

/// The caller's employee record, for the operations of participants and respondents; any
/// other caller is told the object does not exist.
fn respondent(auth: &Auth, what: &str) -> Result<Uuid, ApiError> {
    auth.require_user()?;
    auth.employee_id.ok_or_else(|| ApiError::not_found(what))
}

// ---------------------------------------------------------------- level 1: reaction

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReactionRequest {
    /// The organisation of the session (schedule, venue or platform, administration): 1 (poor)
    /// to 5 (excellent).
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub organisation: i64,
    /// The trainers: 1 to 5.
    #[schema(minimum = 1, maximum = 5, example = 5)]
    pub trainers: i64,
    /// The materials: 1 to 5.
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub materials: i64,
    /// Free text, at most 2000 characters. Shown to the organisers without the writer's name.
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReactionResponse {
    pub id: Uuid,
    pub session_id: Uuid,
    pub enrolment_id: Uuid,
    pub organisation: i32,
    pub trainers: i32,
    pub materials: i32,
    pub comment: Option<String>,
    pub submitted_at: DateTime<Utc>,
}

/// Gives the caller's reaction to a session they took part in (Kirkpatrick level 1), once.
/// It opens on the session's last day, or as soon as the caller's enrolment is completed (the
/// only way for a self-paced session without an end date); earlier answers 409
/// `session_not_over`, a second submission 409 `already_submitted`.
///
/// **Who may call:** the participant (an employee holding a place in the session); anyone
/// else gets 404.
#[utoipa::path(tag = "evaluation", params(("id" = Uuid, Path)), request_body = ReactionRequest, responses((status = 201, body = ReactionResponse), (status = 404), (status = 409, description = "Not over yet, or already given"), (status = 422)), security(("bearer" = [])))]
#[post("/sessions/{id}/reaction")]
pub async fn submit_reaction(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<ReactionRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = respondent(&auth, "session")?;
    let b = body.0;
    let reaction = Reaction::parse(b.organisation, b.trainers, b.materials, b.comment)?;
    let r =
        repo::submit_reaction(&state.db, &actor(&auth, &req), me, *id, reaction, today()).await?;
    Ok(HttpResponse::Created().json(ReactionResponse {
        id: r.id,
        session_id: r.session_id,
        enrolment_id: r.enrolment_id,
        organisation: r.organisation,
        trainers: r.trainers,
        materials: r.materials,
        comment: r.comment,
        submitted_at: r.submitted_at,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PendingReactionResponse {
    pub enrolment_id: Uuid,
    pub session_id: Uuid,
    pub session_name: String,
    pub programme_title: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
}

/// The caller's sessions whose reaction is open and not yet given (submit each with
/// `POST /sessions/{session_id}/reaction`).
///
/// **Who may call:** any signed-in user linked to an employee record.
#[utoipa::path(tag = "evaluation", responses((status = 200, body = Vec<PendingReactionResponse>), (status = 403)), security(("bearer" = [])))]
#[get("/me/reactions/pending")]
pub async fn my_pending_reactions(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let rows = repo::pending_reactions(&state.db, me, today()).await?;
    Ok(HttpResponse::Ok().json(
        rows.into_iter()
            .map(|p| PendingReactionResponse {
                enrolment_id: p.enrolment.id,
                session_id: p.session.id,
                session_name: p.session.name,
                programme_title: p.programme_title,
                start_date: p.session.start_date,
                end_date: p.session.end_date,
                completed_on: p.enrolment.completed_on,
            })
            .collect::<Vec<_>>(),
    ))
}

// ---------------------------------------------------------------- the evaluation report

/// Level 1: the participants' reactions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReactionSummary {
    /// Participants holding a place (enrolled or completed).
    pub participants: u32,
    /// Participants who gave their reaction.
    pub respondents: u32,
    /// respondents ÷ participants, 0-1; `null` without participants.
    pub response_rate: Option<f64>,
    /// Mean rating of the organisation, 1-5; `null` without reactions.
    pub organisation: Option<f64>,
    pub trainers: Option<f64>,
    pub materials: Option<f64>,
    /// The mean of the three aspects.
    pub overall: Option<f64>,
}

fn reaction_summary(participants: u32, t: &ReactionTally) -> ReactionSummary {
    let m = t.means();
    ReactionSummary {
        participants,
        respondents: t.respondents,
        response_rate: share(t.respondents, participants),
        organisation: m.map(|m| m.organisation),
        trainers: m.map(|m| m.trainers),
        materials: m.map(|m| m.materials),
        overall: m.map(|m| m.overall),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReactionReport {
    #[serde(flatten)]
    pub summary: ReactionSummary,
    /// The comments, without names, in alphabetical order (so their order tells nothing about
    /// who wrote them).
    pub comments: Vec<String>,
}

/// One participant's learning (level 2): both the pre- and the post-test taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct LearningRowResponse {
    pub enrolment_id: Uuid,
    pub employee_id: Uuid,
    pub name: String,
    pub nip: String,
    /// The pre-test score, %.
    pub pre_percent: f64,
    /// The best post-test score, %.
    pub post_percent: f64,
    /// post − pre, in percentage points.
    pub raw_gain: f64,
    /// Hake's (post − pre) ÷ (100 − pre); `null` when the pre-test was already 100 %.
    pub normalised_gain: Option<f64>,
    pub band: Option<GainBand>,
}

impl From<LearningRow> for LearningRowResponse {
    fn from(r: LearningRow) -> Self {
        Self {
            enrolment_id: r.enrolment_id,
            employee_id: r.employee_id,
            name: r.name,
            nip: r.nip,
            pre_percent: r.pre_percent,
            post_percent: r.post_percent,
            raw_gain: r.raw_gain,
            normalised_gain: r.normalised_gain,
            band: r.band.map(Into::into),
        }
    }
}

/// The class's learning: mean scores of the participants with both tests and the class gain.
#[derive(Debug, Serialize, ToSchema)]
pub struct GainResponse {
    /// Participants with both tests.
    pub participants: u32,
    pub mean_pre: f64,
    pub mean_post: f64,
    /// mean post − mean pre, in percentage points.
    pub raw_gain: f64,
    /// (⟨post⟩ − ⟨pre⟩) ÷ (100 − ⟨pre⟩); `null` when the mean pre-test is 100 %.
    pub normalised_gain: Option<f64>,
    pub band: Option<GainBand>,
}

fn gain(g: Option<SessionGain>) -> Option<GainResponse> {
    g.map(|g| GainResponse {
        participants: g.participants,
        mean_pre: g.mean_pre,
        mean_post: g.mean_post,
        raw_gain: g.raw_gain,
        normalised_gain: g.normalised_gain,
        band: g.normalised_gain.map(|n| band(n).into()),
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LearningReport {
    /// Participants who took both tests, by name.
    pub participants: Vec<LearningRowResponse>,
    /// `null` when nobody took both tests.
    pub session: Option<GainResponse>,
}

/// Follow-ups of one role.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleResponseRate {
    pub role: FollowUpRole,
    pub created: u32,
    pub answered: u32,
    /// answered ÷ created, 0-1; `null` without tasks.
    pub response_rate: Option<f64>,
}

/// Level 3: the behaviour follow-up.
#[derive(Debug, Serialize, ToSchema)]
pub struct BehaviourReport {
    pub tasks_created: u32,
    pub answered: u32,
    pub by_role: Vec<RoleResponseRate>,
    /// Answers by usage.
    pub not_used: u32,
    pub partly: u32,
    pub regularly: u32,
    /// The share of answers saying the learning is used (partly or regularly), 0-1; `null`
    /// without answers.
    pub used_share: Option<f64>,
    /// Unanswered more than 30 days after the due date.
    pub overdue: u32,
}

fn behaviour(t: &BehaviourTally) -> BehaviourReport {
    let rate = |role: FollowUpRole, r: rules::RoleTally| RoleResponseRate {
        role,
        created: r.created,
        answered: r.answered,
        response_rate: r.response_rate(),
    };
    BehaviourReport {
        tasks_created: t.created(),
        answered: t.answered(),
        by_role: vec![
            rate(FollowUpRole::Participant, t.participant),
            rate(FollowUpRole::Supervisor, t.supervisor),
        ],
        not_used: t.not_used,
        partly: t.partly,
        regularly: t.regularly,
        used_share: t.used_share(),
        overdue: t.overdue,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionEvaluationResponse {
    pub session: SessionResponse,
    /// Level 1.
    pub reaction: ReactionReport,
    /// Level 2.
    pub learning: LearningReport,
    /// Level 3.
    pub behaviour: BehaviourReport,
}

impl TryFrom<SessionEvaluation> for SessionEvaluationResponse {
    type Error = ApiError;
    fn try_from(e: SessionEvaluation) -> Result<Self, ApiError> {
        Ok(Self {
            reaction: ReactionReport {
                summary: reaction_summary(e.participants, &e.reactions),
                comments: e.comments,
            },
            learning: LearningReport {
                participants: e.learning.into_iter().map(Into::into).collect(),
                session: gain(e.gain),
            },
            behaviour: behaviour(&e.behaviour),
            session: e.session.try_into()?,
        })
    }
}

/// A session's evaluation by Kirkpatrick's levels 1-3: the reactions (response rate, mean per
/// aspect, comments without names), the learning of each participant with both tests (raw and
/// normalised gain with its band) and of the class, and the behaviour follow-up (tasks, answers
/// and response rate per role, share saying the learning is used, overdue tasks).
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`. Another agency's session answers 404.
#[utoipa::path(tag = "evaluation", params(("id" = Uuid, Path)), responses((status = 200, body = SessionEvaluationResponse), (status = 404)), security(("bearer" = [])))]
#[get("/sessions/{id}/evaluation")]
pub async fn get_session_evaluation(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let e = repo::session_evaluation(&state.db, auth.scope(), *id, today()).await?;
    Ok(HttpResponse::Ok().json(SessionEvaluationResponse::try_from(e)?))
}

/// One session in a programme's evaluation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeSessionRow {
    pub session: SessionResponse,
    pub reaction: ReactionSummary,
    /// `null` when nobody took both tests.
    pub learning: Option<GainResponse>,
    pub behaviour: BehaviourReport,
}

/// Every session of the programme together.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeTotals {
    pub reaction: ReactionSummary,
    /// The class gain of every participant with both tests, across sessions.
    pub learning: Option<GainResponse>,
    pub behaviour: BehaviourReport,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeEvaluationResponse {
    pub programme_id: Uuid,
    pub programme_code: String,
    pub programme_title: String,
    /// By start date, newest first.
    pub sessions: Vec<ProgrammeSessionRow>,
    pub totals: ProgrammeTotals,
}

/// A programme's evaluation by Kirkpatrick's levels 1-3: one row per session (reaction means,
/// class gain, follow-up) and the totals across its sessions.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`. Another agency's programme answers 404.
#[utoipa::path(tag = "evaluation", params(("id" = Uuid, Path)), responses((status = 200, body = ProgrammeEvaluationResponse), (status = 404)), security(("bearer" = [])))]
#[get("/programmes/{id}/evaluation")]
pub async fn get_programme_evaluation(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let e = repo::programme_evaluation(&state.db, auth.scope(), *id, today()).await?;
    let mut sessions = Vec::with_capacity(e.sessions.len());
    for s in e.sessions {
        sessions.push(ProgrammeSessionRow {
            reaction: reaction_summary(s.participants, &s.reactions),
            learning: gain(s.gain),
            behaviour: behaviour(&s.behaviour),
            session: s.session.try_into()?,
        });
    }
    Ok(HttpResponse::Ok().json(ProgrammeEvaluationResponse {
        programme_id: e.programme.id,
        programme_code: e.programme.code,
        programme_title: e.programme.title,
        sessions,
        totals: ProgrammeTotals {
            reaction: reaction_summary(e.participants, &e.reactions),
            learning: gain(e.gain),
            behaviour: behaviour(&e.behaviour),
        },
    }))
}

// ---------------------------------------------------------------- settings

#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationSettingsResponse {
    pub agency_id: Uuid,
    /// Months after completion when the behaviour follow-up falls due (1-24, default 6).
    pub follow_up_months: u32,
    /// Days between reminders of an open follow-up (1-90, default 14).
    pub reminder_days: u32,
    /// True when the agency has not set them (the defaults apply).
    pub is_default: bool,
}

fn settings_response(agency_id: Uuid, s: EvaluationSettings) -> EvaluationSettingsResponse {
    EvaluationSettingsResponse {
        agency_id,
        follow_up_months: s.follow_up_months,
        reminder_days: s.reminder_days,
        is_default: s.is_default,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluationAgencyQuery {
    /// Super admins: the agency (required for them); others: their own.
    pub agency_id: Option<Uuid>,
}

/// The agency's behaviour follow-up settings: the window after completion and the reminder
/// interval.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency).
#[utoipa::path(tag = "evaluation", params(EvaluationAgencyQuery), responses((status = 200, body = EvaluationSettingsResponse)), security(("bearer" = [])))]
#[get("/evaluation-settings")]
pub async fn get_evaluation_settings(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<EvaluationAgencyQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let agency_id = target_agency(&state, &auth, q.0.agency_id).await?;
    let s = repo::settings(&state.db, agency_id).await?;
    Ok(HttpResponse::Ok().json(settings_response(agency_id, s)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutEvaluationSettingsRequest {
    /// Super admins: the agency (required for them).
    pub agency_id: Option<Uuid>,
    /// 1-24.
    #[schema(minimum = 1, maximum = 24, example = 6)]
    pub follow_up_months: i64,
    /// 1-90.
    #[schema(minimum = 1, maximum = 90, example = 14)]
    pub reminder_days: i64,
}

/// Changes the agency's follow-up settings. Tasks already created keep their due date.
///
/// **Who may call:** super_admin (naming `agency_id`); agency_admin (their agency).
#[utoipa::path(tag = "evaluation", request_body = PutEvaluationSettingsRequest, responses((status = 200, body = EvaluationSettingsResponse), (status = 422)), security(("bearer" = [])))]
#[put("/evaluation-settings")]
pub async fn put_evaluation_settings(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    body: ValidJson<PutEvaluationSettingsRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let (months, days) = (
        rules::follow_up_months(b.follow_up_months),
        rules::reminder_days(b.reminder_days),
    );
    let (months, days) = match (months, days) {
        (Ok(m), Ok(d)) => (m, d),
        (m, d) => {
            return Err(ApiError::validation(
                [m.err(), d.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let s = repo::save_settings(&state.db, &actor(&auth, &req), agency_id, months, days).await?;
    Ok(HttpResponse::Ok().json(settings_response(agency_id, s)))
}

// ---------------------------------------------------------------- level 3: follow-ups

/// Where a follow-up stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Not due yet.
    NotDue,
    /// Due and unanswered, at most 30 days past the due date.
    Open,
    /// Unanswered more than 30 days after the due date.
    Overdue,
    Answered,
}

impl From<DFollowUpStatus> for FollowUpStatus {
    fn from(s: DFollowUpStatus) -> Self {
        match s {
            DFollowUpStatus::NotDue => Self::NotDue,
            // A reminder day is an ordinary open day for the reader.
            DFollowUpStatus::Open | DFollowUpStatus::Remind => Self::Open,
            DFollowUpStatus::Overdue => Self::Overdue,
            DFollowUpStatus::Answered => Self::Answered,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpResponse {
    pub id: Uuid,
    /// participant (about themselves) or supervisor (about their report).
    pub role: FollowUpRole,
    pub status: FollowUpStatus,
    pub programme_id: Uuid,
    pub programme_title: String,
    pub session_id: Uuid,
    pub session_name: String,
    pub session_start_date: Option<NaiveDate>,
    pub session_end_date: Option<NaiveDate>,
    /// The employee who took the training.
    pub participant_id: Uuid,
    pub participant_name: String,
    pub participant_nip: String,
    /// Who answers.
    pub respondent_id: Uuid,
    pub respondent_name: String,
    pub respondent_nip: String,
    pub due_on: NaiveDate,
    pub reminder_count: i32,
    pub last_reminded_on: Option<NaiveDate>,
    pub usage: Option<Usage>,
    pub examples: Option<String>,
    pub barriers: Option<String>,
    /// The first answer.
    pub answered_at: Option<DateTime<Utc>>,
    /// Until when the answer may be amended (7 days after the first answer).
    pub amendable_until: Option<DateTime<Utc>>,
}

fn follow_up_response(f: FollowUp, today: NaiveDate) -> Result<FollowUpResponse, ApiError> {
    let t = f.task;
    Ok(FollowUpResponse {
        id: t.id,
        role: stored(&t.role)?,
        status: repo::status_of(&t, today).into(),
        programme_id: t.programme_id,
        programme_title: f.programme_title,
        session_id: t.session_id,
        session_name: f.session.name,
        session_start_date: f.session.start_date,
        session_end_date: f.session.end_date,
        participant_id: t.participant_id,
        participant_name: f.participant.name,
        participant_nip: f.participant.nip,
        respondent_id: t.respondent_id,
        respondent_name: f.respondent.name,
        respondent_nip: f.respondent.nip,
        due_on: t.due_on,
        reminder_count: t.reminder_count,
        last_reminded_on: t.last_reminded_on,
        usage: t.usage.as_deref().map(stored).transpose()?,
        examples: t.examples,
        barriers: t.barriers,
        answered_at: t.answered_at,
        amendable_until: t.answered_at.map(amendable_until),
    })
}

/// The caller's behaviour follow-ups, as participant (about their own training) and as
/// supervisor (about their reports'): open ones first, oldest due first, then answered ones.
///
/// **Who may call:** any signed-in user linked to an employee record.
#[utoipa::path(tag = "evaluation", responses((status = 200, body = Vec<FollowUpResponse>), (status = 403)), security(("bearer" = [])))]
#[get("/me/follow-ups")]
pub async fn my_follow_ups(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let day = today();
    let rows = repo::my_follow_ups(&state.db, me).await?;
    Ok(HttpResponse::Ok().json(
        rows.into_iter()
            .map(|f| follow_up_response(f, day))
            .collect::<Result<Vec<_>, _>>()?,
    ))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerFollowUpRequest {
    /// How far what was learnt is used at work.
    pub usage: Usage,
    /// Examples of its use; required unless `not_used`. At most 2000 characters.
    #[schema(example = "Menyusun rencana anggaran kegiatan dengan metode dari pelatihan")]
    pub examples: Option<String>,
    /// What stands in the way, if anything. At most 2000 characters.
    pub barriers: Option<String>,
}

/// Answers a behaviour follow-up (Kirkpatrick level 3). The answer may be amended for 7 days
/// after it was first given; later answers 409 `amend_window_closed`.
///
/// **Who may call:** the task's respondent (the participant, or their supervisor); anyone else
/// gets 404.
#[utoipa::path(tag = "evaluation", params(("id" = Uuid, Path)), request_body = AnswerFollowUpRequest, responses((status = 200, body = FollowUpResponse), (status = 404), (status = 409, description = "The amendment window has closed"), (status = 422)), security(("bearer" = [])))]
#[put("/follow-ups/{id}")]
pub async fn answer_follow_up(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<AnswerFollowUpRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = respondent(&auth, "follow-up")?;
    let b = body.0;
    let answer = FollowUpAnswer::parse(b.usage.into(), b.examples, b.barriers)?;
    let f =
        repo::answer_follow_up(&state.db, &actor(&auth, &req), me, *id, answer, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(follow_up_response(f, today())?))
}

/// Which follow-ups to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpListStatus {
    /// Unanswered, at most 30 days past due.
    Open,
    /// Unanswered, more than 30 days past due.
    Overdue,
    Answered,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListFollowUpsQuery {
    /// Default: every follow-up.
    #[param(inline)]
    pub status: Option<FollowUpListStatus>,
    /// Only this session's (404 when it is not in the caller's agency).
    pub session_id: Option<Uuid>,
    /// Super admins: only this agency's.
    pub agency_id: Option<Uuid>,
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
}

/// Behaviour follow-ups of the agency by due date, oldest first — with `status=overdue` the
/// list to chase: who (name, NIP, role), about whom, due when, and how often reminded.
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with `learning:read`.
#[utoipa::path(tag = "evaluation", params(ListFollowUpsQuery), responses((status = 200, body = Page<FollowUpResponse>), (status = 404), (status = 422)), security(("bearer" = [])))]
#[get("/follow-ups")]
pub async fn list_follow_ups(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListFollowUpsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, ADMINS)?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let day = today();
    let filter = FollowUpFilter {
        agency_id: q.agency_id,
        state: q.status.map(|s| match s {
            FollowUpListStatus::Open => TaskState::Open,
            FollowUpListStatus::Overdue => TaskState::Overdue,
            FollowUpListStatus::Answered => TaskState::Answered,
        }),
        session_id: q.session_id,
    };
    let result = repo::list_follow_ups(&state.db, auth.scope(), filter, day, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |f| follow_up_response(f, day))?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpRunResponse {
    /// The day the scheduler ran for (today in WIB).
    pub today: NaiveDate,
    /// Tasks created for participants.
    pub participant_tasks: u64,
    /// Tasks created for supervisors.
    pub supervisor_tasks: u64,
    /// Participants without a supervisor on record (no supervisor task).
    pub without_supervisor: u64,
    /// Reminders recorded on open tasks.
    pub reminders: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunFollowUpsQuery {
    /// Super admins: one agency; without it, every agency.
    pub agency_id: Option<Uuid>,
}

/// Runs the behaviour follow-up scheduler now, for today (WIB), as the server does by itself
/// every hour: creates the tasks that have fallen due (one for the participant, one for their
/// supervisor) and records the reminders that are due. Running it again changes nothing.
///
/// **Who may call:** super_admin (every agency, or the one named); agency_admin (their
/// agency).
#[utoipa::path(tag = "evaluation", params(RunFollowUpsQuery), responses((status = 200, body = FollowUpRunResponse)), security(("bearer" = [])))]
#[post("/follow-ups/run")]
pub async fn run_follow_ups(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    q: ValidQuery<RunFollowUpsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let agency = match (auth.has(Role::SuperAdmin), q.0.agency_id) {
        (true, None) => None,
        (_, requested) => Some(target_agency(&state, &auth, requested).await?),
    };
    let day = today();
    let c: ScheduleCounts =
        repo::schedule_follow_ups_in(&state.db, &actor(&auth, &req), agency, day).await?;
    Ok(HttpResponse::Ok().json(FollowUpRunResponse {
        today: day,
        participant_tasks: c.participant_tasks,
        supervisor_tasks: c.supervisor_tasks,
        without_supervisor: c.without_supervisor,
        reminders: c.reminders,
    }))
}
