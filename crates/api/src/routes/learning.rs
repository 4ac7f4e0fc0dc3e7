//! Delivery: enrolment with a waiting list, attendance, completion, the learner's e-learning
//! (module player, resume, quizzes), certificates with public verification, and programme
//! recommendations.
//!
//! Dates are the province's calendar (WIB, UTC+7): a module finished at 00:30 WIB on
//! 1 January counts in the new year.

use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use pembina_domain::accounts::{ApiScope, Role, Scope};
use pembina_domain::learning::certificate::normalise;
use pembina_domain::learning::jp::CentiJp;
use pembina_domain::learning::session::EnrolmentSource as DEnrolmentSource;
use pembina_domain::learning::session::EnrolmentStatus as DEnrolmentStatus;
use pembina_persistence::entities::{enrolments, programme_tests};
use pembina_persistence::repositories::learning::{
    self as repo, Certificate, EnrolOutcome, LearnerView, MyEnrolment, Participant,
};
use pembina_persistence::repositories::programmes as programmes_repo;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::common::{EnrolmentSource, EnrolmentStatus, TestKind, Unmet, stored};
use super::programmes::{MaterialResponse, ProgrammeResponse, SessionResponse};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::startup::{AppState, actor};

const ADMINS: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin];
const STAFF: &[Role] = &[Role::SuperAdmin, Role::AgencyAdmin, Role::Trainer];

/// Today in the province's calendar (WIB, UTC+7).
pub fn today() -> NaiveDate {
    pembina_domain::learning::jp::province_date(Utc::now())
}

/// The caller's employee record; 403 for accounts without one.
pub(crate) fn me(auth: &Auth) -> Result<Uuid, ApiError> {
    auth.require_user()?;
    auth.employee_id.ok_or_else(|| {
        ApiError::from(pembina_domain::DomainError::Forbidden(
            "your account is not linked to an employee record".into(),
        ))
    })
}

// ---------------------------------------------------------------- enrolment

#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentResponse {
    pub id: Uuid,
    pub session_id: Uuid,
    pub programme_id: Uuid,
    pub employee_id: Uuid,
    pub status: EnrolmentStatus,
    pub source: EnrolmentSource,
    pub completed_on: Option<NaiveDate>,
    /// Set once completed: verify at `/c/{code}`.
    pub certificate_code: Option<String>,
    /// The module the learner was last in (resume point).
    pub last_module_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<enrolments::Model> for EnrolmentResponse {
    type Error = ApiError;
    fn try_from(e: enrolments::Model) -> Result<Self, ApiError> {
        Ok(Self {
            id: e.id,
            session_id: e.session_id,
            programme_id: e.programme_id,
            employee_id: e.employee_id,
            status: stored::<DEnrolmentStatus>(&e.status)?.into(),
            source: stored::<DEnrolmentSource>(&e.source)?.into(),
            completed_on: e.completed_on,
            certificate_code: e.certificate_code,
            last_module_id: e.last_module_id,
            created_at: e.created_at,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// 1-5000 employees of the session's agency, in priority order (places first, then the
    /// waiting list).
    pub employee_ids: Vec<Uuid>,
    /// admin (default) or training_needs (enrolled from the needs list).
    pub source: Option<EnrolmentSource>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolResult {
    pub employee_id: Uuid,
    /// Where the employee now stands.
    pub status: EnrolmentStatus,
    /// Whether this request changed anything (false: they were already in the session).
    pub added: bool,
}

fn enrol_result(employee_id: Uuid, o: EnrolOutcome) -> EnrolResult {
    match o {
        EnrolOutcome::Added(s) => EnrolResult {
            employee_id,
            status: s.into(),
            added: true,
        },
        EnrolOutcome::Already(s) => EnrolResult {
            employee_id,
            status: s.into(),
            added: false,
        },
    }
}

/// Enrols employees: while places last they are enrolled, then waitlisted. Employees already
/// in the session are left as they are; a cancelled enrolment is reopened.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = EnrolRequest, responses((status = 200, body = Vec<EnrolResult>), (status = 404), (status = 409, description = "Programme not published"), (status = 422)), security(("bearer" = [])))]
#[post("/sessions/{id}/enrolments")]
pub async fn enrol(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<EnrolRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let b = body.0;
    let source = match b.source.unwrap_or(EnrolmentSource::Admin) {
        EnrolmentSource::SelfRegistration => {
            return Err(ApiError::field(
                "source",
                "invalid",
                "admins enrol with source admin or training_needs",
            ));
        }
        s => s.into(),
    };
    let out = repo::enrol(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        *id,
        b.employee_ids,
        source,
    )
    .await?;
    Ok(HttpResponse::Ok().json(
        out.into_iter()
            .map(|(e, o)| enrol_result(e, o))
            .collect::<Vec<_>>(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantResponse {
    pub enrolment: EnrolmentResponse,
    pub nip: String,
    pub name: String,
    pub org_unit_id: Uuid,
    pub days_present: u32,
    pub modules_done: u32,
    /// Best pre-test score, in %.
    pub pre_test_percent: Option<f64>,
    /// Best post-test score, in %.
    pub post_test_percent: Option<f64>,
    pub post_test_passed: Option<bool>,
    /// For enrolled participants: what they still lack to complete.
    pub unmet: Vec<Unmet>,
}

impl TryFrom<Participant> for ParticipantResponse {
    type Error = ApiError;
    fn try_from(p: Participant) -> Result<Self, ApiError> {
        Ok(Self {
            enrolment: p.enrolment.try_into()?,
            nip: p.employee.nip,
            name: p.employee.name,
            org_unit_id: p.employee.org_unit_id,
            days_present: p.days_present,
            modules_done: p.modules_done,
            pre_test_percent: p.pre_test,
            post_test_percent: p.post_test.map(|t| t.0),
            post_test_passed: p.post_test.map(|t| t.1),
            unmet: p.unmet.into_iter().map(Into::into).collect(),
        })
    }
}

/// The session's participants (not cancelled ones), by name, with attendance, progress and
/// test scores.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<ParticipantResponse>), (status = 404)), security(("bearer" = [])))]
#[get("/sessions/{id}/participants")]
pub async fn participants(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    let out = repo::participants(&state.db, auth.scope(), *id).await?;
    Ok(HttpResponse::Ok().json(
        out.into_iter()
            .map(TryInto::try_into)
            .collect::<Result<Vec<ParticipantResponse>, _>>()?,
    ))
}

/// Cancels an enrolment; the waiting list moves up. Completed enrolments stay.
///
/// **Who may call:** super_admin; agency_admin (their agency); the enrolled employee.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = EnrolmentResponse), (status = 404), (status = 409)), security(("bearer" = [])))]
#[post("/enrolments/{id}/cancel")]
pub async fn cancel_enrolment(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let e = if auth.is_admin() {
        repo::get_enrolment(&state.db, auth.scope(), *id).await?
    } else {
        let me = auth.employee_id.ok_or(ApiError::not_found("enrolment"))?;
        repo::own_enrolment(&state.db, me, *id).await?
    };
    let out = repo::cancel_enrolment(&state.db, &actor(&auth, &req), e).await?;
    Ok(HttpResponse::Ok().json(EnrolmentResponse::try_from(out)?))
}

// ---------------------------------------------------------------- attendance and completion

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceMark {
    pub enrolment_id: Uuid,
    pub present: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    /// A day within the session.
    pub day: NaiveDate,
    /// Participants holding a place; a mark replaces any earlier one for the day.
    pub marks: Vec<AttendanceMark>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceEntry {
    pub enrolment_id: Uuid,
    pub day: NaiveDate,
    pub present: bool,
}

/// Records one day's attendance.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), request_body = AttendanceRequest, responses((status = 200, body = Vec<AttendanceEntry>), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[put("/sessions/{id}/attendance")]
pub async fn put_attendance(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidJson<AttendanceRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(STAFF)?;
    let b = body.0;
    if b.marks.len() > 10_000 {
        return Err(ApiError::field("marks", "too_many", "at most 10000 marks"));
    }
    repo::record_attendance(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        *id,
        b.day,
        b.marks
            .iter()
            .map(|m| (m.enrolment_id, m.present))
            .collect(),
    )
    .await?;
    attendance_list(&state, &auth, *id).await
}

async fn attendance_list(
    state: &AppState,
    auth: &Auth,
    id: Uuid,
) -> Result<HttpResponse, ApiError> {
    let rows = repo::attendance_of(&state.db, auth.scope(), id).await?;
    Ok(HttpResponse::Ok().json(
        rows.into_iter()
            .map(|a| AttendanceEntry {
                enrolment_id: a.enrolment_id,
                day: a.day,
                present: a.present,
            })
            .collect::<Vec<_>>(),
    ))
}

/// The session's attendance, by day.
///
/// **Who may call:** super_admin; agency_admin and trainer (their agency); API keys with
/// `learning:read`.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<AttendanceEntry>), (status = 404)), security(("bearer" = [])))]
#[get("/sessions/{id}/attendance")]
pub async fn get_attendance(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, STAFF)?;
    attendance_list(&state, &auth, *id).await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PendingCompletion {
    pub enrolment_id: Uuid,
    pub unmet: Vec<Unmet>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompletionResult {
    /// Participants completed by this call (each gets a certificate and the programme's JP).
    pub completed: u64,
    /// Participants still enrolled, with what they lack.
    pub pending: Vec<PendingCompletion>,
}

/// Decides completion once a classroom or online session is over: participants meeting the
/// programme's rules (attendance, post-test) complete on its last day, get a certificate and
/// their JP credited once. Call again after correcting attendance: completed ones stay as
/// they are.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = CompletionResult), (status = 404), (status = 409, description = "Not over yet, or self-paced")), security(("bearer" = [])))]
#[post("/sessions/{id}/complete")]
pub async fn complete_session(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let (completed, pending) =
        repo::complete_session(&state.db, &actor(&auth, &req), auth.scope(), *id, today()).await?;
    Ok(HttpResponse::Ok().json(CompletionResult {
        completed,
        pending: pending
            .into_iter()
            .map(|(enrolment_id, unmet)| PendingCompletion {
                enrolment_id,
                unmet: unmet.into_iter().map(Into::into).collect(),
            })
            .collect(),
    }))
}

// ---------------------------------------------------------------- the learner

/// Sessions the caller may register for: self-registration allowed, programme published and
/// aimed at their position and unit, not over.
///
/// **Who may call:** any signed-in user linked to an employee record.
#[utoipa::path(tag = "learning", responses((status = 200, body = Vec<SessionResponse>), (status = 403)), security(("bearer" = [])))]
#[get("/me/open-sessions")]
pub async fn my_open_sessions(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let sessions = repo::open_sessions_for(&state.db, me, today()).await?;
    Ok(HttpResponse::Ok().json(
        sessions
            .into_iter()
            .map(TryInto::try_into)
            .collect::<Result<Vec<SessionResponse>, _>>()?,
    ))
}

/// Registers the caller for a session that allows it (a place, or the waiting list when full).
///
/// **Who may call:** any signed-in user linked to an employee record of the session's agency.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = EnrolResult), (status = 403), (status = 404)), security(("bearer" = [])))]
#[post("/sessions/{id}/register")]
pub async fn register(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let (e, o) = repo::self_register(&state.db, &actor(&auth, &req), me, *id).await?;
    Ok(HttpResponse::Ok().json(enrol_result(e, o)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyEnrolmentResponse {
    pub enrolment: EnrolmentResponse,
    pub session: SessionResponse,
    pub programme_title: String,
    pub programme_code: String,
    pub jp: i32,
    pub modules_total: u32,
    pub modules_done: u32,
}

impl TryFrom<MyEnrolment> for MyEnrolmentResponse {
    type Error = ApiError;
    fn try_from(m: MyEnrolment) -> Result<Self, ApiError> {
        Ok(Self {
            enrolment: m.enrolment.try_into()?,
            session: programmes_repo::Session {
                programme_title: m.programme.title.clone(),
                session: m.session,
                enrolled: 0,
                waitlisted: 0,
                completed: 0,
            }
            .try_into()?,
            programme_title: m.programme.title,
            programme_code: m.programme.code,
            jp: m.programme.jp,
            modules_total: m.modules_total,
            modules_done: m.modules_done,
        })
    }
}

/// The caller's learning: every session they are in, waiting for or have completed, newest
/// first, with module progress.
///
/// **Who may call:** any signed-in user linked to an employee record.
#[utoipa::path(tag = "learning", responses((status = 200, body = Vec<MyEnrolmentResponse>), (status = 403)), security(("bearer" = [])))]
#[get("/me/learning")]
pub async fn my_learning(state: web::Data<AppState>, auth: Auth) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let out = repo::my_enrolments(&state.db, me).await?;
    Ok(HttpResponse::Ok().json(
        out.into_iter()
            .map(TryInto::try_into)
            .collect::<Result<Vec<MyEnrolmentResponse>, _>>()?,
    ))
}

/// A test as a learner sees it: the questions without the answer key, and their best result.
#[derive(Debug, Serialize, ToSchema)]
pub struct LearnerTest {
    pub id: Uuid,
    pub kind: TestKind,
    pub module_id: Option<Uuid>,
    pub pass_mark: i32,
    pub questions: Vec<LearnerQuestion>,
    pub attempts: u32,
    pub best_percent: Option<f64>,
    pub passed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LearnerQuestion {
    pub prompt: String,
    pub choices: Vec<String>,
    pub multiple: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LearnerModule {
    pub id: Uuid,
    pub seq: i32,
    pub title: String,
    pub summary: Option<String>,
    pub minutes: i32,
    pub materials: Vec<MaterialResponse>,
    pub started: bool,
    pub done: bool,
    /// Where the learner was within the module (as saved by the player).
    pub position: Option<String>,
    /// The module's quiz, if any.
    pub quiz: Option<LearnerTest>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LearnerViewResponse {
    pub enrolment: EnrolmentResponse,
    pub session: SessionResponse,
    pub programme: ProgrammeResponse,
    pub modules: Vec<LearnerModule>,
    pub pre_test: Option<LearnerTest>,
    pub post_test: Option<LearnerTest>,
    /// What is still missing to complete (empty once completed).
    pub unmet: Vec<Unmet>,
}

fn learner_test(t: &programme_tests::Model, v: &LearnerView) -> Result<LearnerTest, ApiError> {
    let quiz = programmes_repo::quiz_of(t)?;
    let best = v.best.get(&t.id);
    Ok(LearnerTest {
        id: t.id,
        kind: stored::<pembina_domain::learning::quiz::TestKind>(&t.kind)?.into(),
        module_id: t.module_id,
        pass_mark: t.pass_mark,
        questions: quiz
            .questions
            .into_iter()
            .map(|q| LearnerQuestion {
                prompt: q.prompt,
                choices: q.choices,
                multiple: q.multiple,
            })
            .collect(),
        attempts: best.map_or(0, |b| b.2),
        best_percent: best.map(|b| b.0),
        passed: best.is_some_and(|b| b.1),
    })
}

impl TryFrom<LearnerView> for LearnerViewResponse {
    type Error = ApiError;
    fn try_from(v: LearnerView) -> Result<Self, ApiError> {
        let test_of = |kind: &str, module: Option<Uuid>| -> Result<Option<LearnerTest>, ApiError> {
            v.detail
                .tests
                .iter()
                .find(|t| t.kind == kind && t.module_id == module)
                .map(|t| learner_test(t, &v))
                .transpose()
        };
        let mut modules = Vec::with_capacity(v.detail.modules.len());
        for m in &v.detail.modules {
            let p = v.progress.iter().find(|p| p.module_id == m.module.id);
            modules.push(LearnerModule {
                id: m.module.id,
                seq: m.module.seq,
                title: m.module.title.clone(),
                summary: m.module.summary.clone(),
                minutes: m.module.minutes,
                materials: m.materials.iter().cloned().map(Into::into).collect(),
                started: p.is_some(),
                done: p.is_some_and(|p| p.completed_at.is_some()),
                position: p.and_then(|p| p.position.clone()),
                quiz: test_of("module", Some(m.module.id))?,
            });
        }
        Ok(Self {
            pre_test: test_of("pre", None)?,
            post_test: test_of("post", None)?,
            session: programmes_repo::Session {
                programme_title: v.detail.programme.programme.title.clone(),
                session: v.session.clone(),
                enrolled: 0,
                waitlisted: 0,
                completed: 0,
            }
            .try_into()?,
            enrolment: v.enrolment.clone().try_into()?,
            unmet: v.unmet.iter().copied().map(Into::into).collect(),
            programme: v.detail.programme.clone().try_into()?,
            modules,
        })
    }
}

/// One of the caller's enrolments with the programme's modules, materials, their progress
/// (resume point) and tests without answer keys.
///
/// **Who may call:** the enrolled employee (anyone else gets 404).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = LearnerViewResponse), (status = 404)), security(("bearer" = [])))]
#[get("/me/learning/{id}")]
pub async fn my_enrolment(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let v = repo::learner_view(&state.db, me, *id).await?;
    Ok(HttpResponse::Ok().json(LearnerViewResponse::try_from(v)?))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionRequest {
    /// The player's own resume state (e.g. `{"material": "…", "seconds": 312}`), at most 2000
    /// characters; absent keeps the saved one.
    pub position: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressResponse {
    pub module_id: Uuid,
    pub position: Option<String>,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

/// Opens a module, or saves where the learner is in it.
///
/// **Who may call:** the employee holding a place in the session.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path), ("module_id" = Uuid, Path)), request_body = PositionRequest, responses((status = 200, body = ProgressResponse), (status = 403), (status = 404)), security(("bearer" = [])))]
#[put("/me/learning/{id}/modules/{module_id}/position")]
pub async fn save_position(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidJson<PositionRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let (id, module_id) = path.into_inner();
    let p = repo::save_position(&state.db, me, id, module_id, body.0.position).await?;
    Ok(HttpResponse::Ok().json(ProgressResponse {
        module_id: p.module_id,
        position: p.position,
        started_at: p.started_at,
        completed_at: p.completed_at,
    }))
}

/// Marks a module done (its quiz must be passed first). When it was the last requirement of an
/// e-learning session, the enrolment completes: certificate and JP.
///
/// **Who may call:** the employee holding a place in the session.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path), ("module_id" = Uuid, Path)), responses((status = 200, body = EnrolmentResponse), (status = 403), (status = 404), (status = 409, description = "Quiz not passed")), security(("bearer" = [])))]
#[post("/me/learning/{id}/modules/{module_id}/complete")]
pub async fn complete_module(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let (id, module_id) = path.into_inner();
    let e =
        repo::complete_module(&state.db, &actor(&auth, &req), me, id, module_id, today()).await?;
    Ok(HttpResponse::Ok().json(EnrolmentResponse::try_from(e)?))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttemptRequest {
    /// For each question in order, the indexes of the picked choices.
    pub answers: Vec<Vec<u8>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptResponse {
    pub id: Uuid,
    pub test_id: Uuid,
    pub right: u32,
    pub total: u32,
    pub percent: f64,
    pub passed: bool,
    /// The enrolment after the attempt (completed when this was the last requirement).
    pub enrolment: EnrolmentResponse,
}

/// Submits an attempt at a test; scored at once. The pre-test is taken once; quizzes and the
/// post-test may be retaken (the best attempt counts).
///
/// **Who may call:** the employee holding a place in the session.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path), ("test_id" = Uuid, Path)), request_body = AttemptRequest, responses((status = 201, body = AttemptResponse), (status = 403), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/me/learning/{id}/tests/{test_id}/attempts")]
pub async fn submit_attempt(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidJson<AttemptRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let (id, test_id) = path.into_inner();
    let (a, score, e) = repo::submit_attempt(
        &state.db,
        &actor(&auth, &req),
        me,
        id,
        test_id,
        body.0.answers,
        today(),
    )
    .await?;
    Ok(HttpResponse::Created().json(AttemptResponse {
        id: a.id,
        test_id: a.test_id,
        right: score.right,
        total: score.total,
        percent: score.percent,
        passed: score.passed,
        enrolment: e.try_into()?,
    }))
}

// ---------------------------------------------------------------- certificates

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateResponse {
    #[schema(example = "PBN-7K3M-Q9XA")]
    pub code: String,
    pub employee_name: String,
    /// Masked for the public: the first 8 digits (birth date) are hidden.
    pub nip: String,
    pub agency_name: String,
    pub programme_title: String,
    pub session_name: String,
    pub start_date: Option<NaiveDate>,
    pub completed_on: NaiveDate,
    pub jp: i32,
}

fn mask_nip(nip: &str) -> String {
    nip.chars()
        .enumerate()
        .map(|(i, c)| if i < 8 { '•' } else { c })
        .collect()
}

fn certificate_response(c: Certificate, public: bool) -> CertificateResponse {
    CertificateResponse {
        nip: if public { mask_nip(&c.nip) } else { c.nip },
        code: c.code,
        employee_name: c.employee_name,
        agency_name: c.agency_name,
        programme_title: c.programme_title,
        session_name: c.session_name,
        start_date: c.start_date,
        completed_on: c.completed_on,
        jp: c.jp,
    }
}

/// Verifies a certificate by its code (typing slips such as lower case or O for 0 are
/// forgiven). Answers 404 for any code that was not issued.
///
/// **Who may call:** anyone, without signing in (the public verification page `/c/{code}`).
#[utoipa::path(tag = "learning", params(("code" = String, Path)), responses((status = 200, body = CertificateResponse), (status = 404)))]
#[get("/public/certificates/{code}")]
pub async fn verify_certificate(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = normalise(&code).ok_or(ApiError::not_found("certificate"))?;
    let c = repo::certificate_by_code(&state.db, &code).await?;
    Ok(HttpResponse::Ok().json(certificate_response(c, true)))
}

fn certificate_pdf(req: &HttpRequest, c: Certificate) -> HttpResponse {
    let info = req.connection_info();
    let url = format!("{}://{}/c/{}", info.scheme(), info.host(), c.code);
    let issued_on = pembina_domain::learning::jp::province_date(c.issued_at);
    let bytes = crate::pdf::certificate(&crate::pdf::CertificateData {
        agency_name: c.agency_name,
        employee_name: c.employee_name,
        nip: c.nip,
        programme_title: c.programme_title,
        session_name: c.session_name,
        start_date: c.start_date,
        end_date: c.completed_on,
        jp: CentiJp::from_jp(i64::from(c.jp)).to_indonesian(),
        verification_code: c.code.clone(),
        verification_url: url,
        issued_on,
    });
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"sertifikat-{}.pdf\"", c.code),
        ))
        .body(bytes)
}

/// The caller's certificate for a completed enrolment, as PDF.
///
/// **Who may call:** the employee who completed it (anyone else gets 404).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, description = "The certificate", content_type = "application/pdf"), (status = 404)), security(("bearer" = [])))]
#[get("/me/learning/{id}/certificate")]
pub async fn my_certificate(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let c = repo::certificate_of_enrolment(&state.db, Scope::All, Some(me), *id).await?;
    Ok(certificate_pdf(&req, c))
}

/// A participant's certificate, as PDF.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, description = "The certificate", content_type = "application/pdf"), (status = 404)), security(("bearer" = [])))]
#[get("/enrolments/{id}/certificate")]
pub async fn enrolment_certificate(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_any(ADMINS)?;
    let c = repo::certificate_of_enrolment(&state.db, auth.scope(), None, *id).await?;
    Ok(certificate_pdf(&req, c))
}

// ---------------------------------------------------------------- recommendations

#[derive(Debug, Serialize, ToSchema)]
pub struct ClosesResponse {
    pub competency_id: Uuid,
    /// The employee's level now (0: not assessed).
    pub from: u8,
    /// The level the programme brings them to (capped at the requirement).
    pub to: u8,
    pub required: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationResponse {
    pub programme: ProgrammeResponse,
    /// Levels of gap the programme closes in all.
    pub levels_closed: u32,
    pub closes: Vec<ClosesResponse>,
}

async fn recommendations_for(
    state: &AppState,
    scope: Scope,
    employee_id: Uuid,
) -> Result<HttpResponse, ApiError> {
    let recs = repo::recommendations(&state.db, scope, employee_id, today(), 10).await?;
    let mut out = Vec::with_capacity(recs.len());
    for (r, p) in recs {
        let programme = programmes_repo::get_programme(&state.db, scope, p.id).await?;
        out.push(RecommendationResponse {
            programme: programme.try_into()?,
            levels_closed: r.levels_closed,
            closes: r
                .closes
                .into_iter()
                .map(|c| ClosesResponse {
                    competency_id: c.competency_id,
                    from: c.from,
                    to: c.to,
                    required: c.required,
                })
                .collect(),
        });
    }
    Ok(HttpResponse::Ok().json(out))
}

/// Published programmes that close the caller's largest competency gaps (at most 10), aimed at
/// their position and unit, not already taken.
///
/// **Who may call:** any signed-in user linked to an employee record.
#[utoipa::path(tag = "learning", responses((status = 200, body = Vec<RecommendationResponse>), (status = 403)), security(("bearer" = [])))]
#[get("/me/recommendations")]
pub async fn my_recommendations(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    let me = me(&auth)?;
    let scope = Scope::Agency(auth.agency_id.unwrap_or_default());
    recommendations_for(&state, scope, me).await
}

/// Programmes that close an employee's largest competency gaps (at most 10).
///
/// **Who may call:** super_admin; agency_admin (their agency); API keys with `learning:read`.
#[utoipa::path(tag = "learning", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<RecommendationResponse>), (status = 404)), security(("bearer" = [])))]
#[get("/employees/{id}/recommendations")]
pub async fn employee_recommendations(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(ApiScope::LearningRead, ADMINS)?;
    recommendations_for(&state, auth.scope(), *id).await
}
