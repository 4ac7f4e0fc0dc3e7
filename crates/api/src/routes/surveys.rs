//! Needs surveys: admins build them and send them to employees (about themselves), to
//! supervisors (about each report), or publish them for a service unit (anonymous link).

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use pembina_domain::DomainError;
use pembina_domain::competency::survey::{
    AnswerValue, NewSurvey, QuestionInput, QuestionKind as DQuestionKind,
    SurveyAudience as DSurveyAudience, SurveyInput,
};
use pembina_domain::page::PageRequest;
use pembina_persistence::repositories::surveys::{
    self as repo, SurveyResults, SurveyWithQuestions,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{Page, QuestionKind, SurveyAudience, stored};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor, target_agency};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionBody {
    pub text: String,
    pub kind: QuestionKind,
    /// Choice questions: 2-20 options. Likert (1-5) and text questions: none.
    #[serde(default)]
    pub options: Vec<String>,
    /// Default true.
    #[serde(default = "yes")]
    pub required: bool,
    /// The competency a Likert question asks about ("how much do you need training in …",
    /// 5 = very much): its answers feed that competency's training need.
    pub competency_code: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyRequest {
    /// Super admins must name the agency (on create); agency admins always use their own.
    pub agency_id: Option<Uuid>,
    /// Employees and supervisors surveys: the unit (with those below) whose staff answer;
    /// without it the whole agency. Public surveys: the service unit rated (required).
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub audience: SurveyAudience,
    pub questions: Vec<QuestionBody>,
}

impl SurveyRequest {
    fn parse(self) -> Result<(NewSurvey, Option<Uuid>), DomainError> {
        let s = NewSurvey::parse(SurveyInput {
            title: self.title,
            description: self.description,
            audience: self.audience.into(),
            questions: self
                .questions
                .into_iter()
                .map(|q| QuestionInput {
                    text: q.text,
                    kind: q.kind.into(),
                    options: q.options,
                    required: q.required,
                    competency_code: q.competency_code,
                })
                .collect(),
        })?;
        Ok((s, self.org_unit_id))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionResponse {
    pub id: Uuid,
    pub position: i32,
    pub text: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    pub required: bool,
    pub competency_id: Option<Uuid>,
    /// The code of that competency (what the builder sends back as `competency_code`).
    pub competency_code: Option<String>,
}

fn question_responses(
    qs: &[pembina_persistence::entities::survey_questions::Model],
    codes: &HashMap<Uuid, String>,
) -> Result<Vec<QuestionResponse>, ApiError> {
    qs.iter()
        .map(|q| {
            Ok(QuestionResponse {
                id: q.id,
                position: q.position,
                text: q.text.clone(),
                kind: stored::<DQuestionKind>(&q.kind)?.into(),
                options: repo::options_of(q),
                required: q.required,
                competency_id: q.competency_id,
                competency_code: q.competency_id.and_then(|c| codes.get(&c).cloned()),
            })
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResponse {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub audience: SurveyAudience,
    /// draft, open or closed.
    #[schema(example = "open")]
    pub status: String,
    /// Public surveys once open: the path of the anonymous form in the web app (`/s/{token}`),
    /// which answers through `/api/v1/public/surveys/{token}`.
    pub public_path: Option<String>,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub questions: Vec<QuestionResponse>,
}

impl TryFrom<SurveyWithQuestions> for SurveyResponse {
    type Error = ApiError;
    fn try_from(s: SurveyWithQuestions) -> Result<Self, ApiError> {
        let questions = question_responses(&s.questions, &s.competency_codes)?;
        let m = s.survey;
        Ok(Self {
            id: m.id,
            agency_id: m.agency_id,
            org_unit_id: m.org_unit_id,
            audience: stored::<DSurveyAudience>(&m.audience)?.into(),
            public_path: m.public_token.as_ref().map(|t| format!("/s/{t}")),
            title: m.title,
            description: m.description,
            status: m.status,
            opened_at: m.opened_at,
            closed_at: m.closed_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            questions,
        })
    }
}

/// A survey in a list (without its questions).
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveySummary {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub audience: SurveyAudience,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListSurveysQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    /// Super admins: only this agency.
    pub agency_id: Option<Uuid>,
    /// draft, open or closed.
    pub status: Option<String>,
}

/// List needs surveys, newest first.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "surveys", params(ListSurveysQuery), responses((status = 200, body = Page<SurveySummary>)), security(("bearer" = [])))]
#[get("/surveys")]
pub async fn list_surveys(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListSurveysQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let status = match q.status.as_deref() {
        None => None,
        Some(s @ (repo::DRAFT | repo::OPEN | repo::CLOSED)) => Some(s.to_owned()),
        Some(_) => {
            return Err(ApiError::field(
                "status",
                "unknown_value",
                "must be one of draft, open, closed",
            ));
        }
    };
    let result = repo::list_surveys(&state.db, auth.scope(), q.agency_id, status, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |m| {
        Ok(SurveySummary {
            id: m.id,
            agency_id: m.agency_id,
            org_unit_id: m.org_unit_id,
            audience: stored::<DSurveyAudience>(&m.audience)?.into(),
            title: m.title,
            status: m.status,
            created_at: m.created_at,
        })
    })?))
}

/// One survey with its questions.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), responses((status = 200, body = SurveyResponse)), security(("bearer" = [])))]
#[get("/surveys/{id}")]
pub async fn get_survey(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let s = repo::get_survey(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(SurveyResponse::try_from(s)?))
}

/// Build a survey (a draft).
///
/// **Who may call:** super_admin; agency_admin (in their own agency).
#[utoipa::path(tag = "surveys", request_body = SurveyRequest, responses((status = 201, body = SurveyResponse)), security(("bearer" = [])))]
#[post("/surveys")]
pub async fn create_survey(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<SurveyRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let agency_id = target_agency(&state, &auth, b.agency_id).await?;
    let (s, unit) = b.parse()?;
    let out = repo::create_survey(&state.db, &actor(&auth, &req), agency_id, unit, s).await?;
    Ok(HttpResponse::Created().json(SurveyResponse::try_from(out)?))
}

/// Replace a draft survey (fields and questions). 409 `not_draft` once it is open.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), request_body = SurveyRequest, responses((status = 200, body = SurveyResponse)), security(("bearer" = [])))]
#[put("/surveys/{id}")]
pub async fn put_survey(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<SurveyRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let out = repo::update_survey(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        |_| b.parse(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(SurveyResponse::try_from(out)?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpenSurveyResponse {
    pub survey: SurveyResponse,
    /// Tasks created: one per employee (self) or per report (supervisors); 0 for public.
    pub tasks_created: u64,
}

/// Open a draft: employees or supervisors get their tasks, a public survey its link.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), responses((status = 200, body = OpenSurveyResponse)), security(("bearer" = [])))]
#[post("/surveys/{id}/open")]
pub async fn open_survey(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let (s, n) = repo::open_survey(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
        token,
    )
    .await?;
    Ok(HttpResponse::Ok().json(OpenSurveyResponse {
        survey: SurveyResponse::try_from(s)?,
        tasks_created: n,
    }))
}

/// Close an open survey: no more answers.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), responses((status = 200, body = SurveyResponse)), security(("bearer" = [])))]
#[post("/surveys/{id}/close")]
pub async fn close_survey(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let s = repo::close_survey(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(SurveyResponse::try_from(s)?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionResultResponse {
    pub question_id: Uuid,
    pub text: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    pub responses: u32,
    /// Likert questions: the mean, 1-5.
    pub mean: Option<f64>,
    /// Likert: counts of 1..5; choices: count per option; text: empty.
    pub distribution: Vec<u32>,
    /// Text questions: the answers.
    pub texts: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResultsResponse {
    pub survey_id: Uuid,
    /// Set when the results are for one unit (and those below it).
    pub org_unit_id: Option<Uuid>,
    pub responses: u64,
    /// Tasks sent, and answered (employees and supervisors surveys).
    pub tasks: u64,
    pub answered: u64,
    /// answered ÷ tasks (null without tasks).
    pub response_rate: Option<f64>,
    pub questions: Vec<QuestionResultResponse>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// Only responses about staff of this unit (and those below it).
    pub org_unit_id: Option<Uuid>,
}

fn results_response(
    r: SurveyResults,
    unit: Option<Uuid>,
) -> Result<SurveyResultsResponse, ApiError> {
    Ok(SurveyResultsResponse {
        survey_id: r.survey.survey.id,
        org_unit_id: unit,
        responses: r.responses,
        tasks: r.tasks,
        answered: r.answered,
        response_rate: (r.tasks > 0)
            .then(|| (r.answered as f64 / r.tasks as f64 * 10_000.0).round() / 10_000.0),
        questions: r
            .questions
            .into_iter()
            .map(|q| {
                Ok(QuestionResultResponse {
                    question_id: q.question.id,
                    kind: stored::<DQuestionKind>(&q.question.kind)?.into(),
                    options: repo::options_of(&q.question),
                    text: q.question.text,
                    responses: q.result.responses,
                    mean: q.result.mean,
                    distribution: q.result.distribution,
                    texts: q.texts,
                })
            })
            .collect::<Result<_, ApiError>>()?,
    })
}

/// A survey's results: per question, aggregated; optionally for one unit.
///
/// **Who may call:** super_admin; agency_admin (their agency).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path), ResultsQuery), responses((status = 200, body = SurveyResultsResponse)), security(("bearer" = [])))]
#[get("/surveys/{id}/results")]
pub async fn get_survey_results(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    q: ValidQuery<ResultsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let unit = q.0.org_unit_id;
    let r = repo::survey_results(&state.db, auth.scope(), id.into_inner(), unit).await?;
    Ok(HttpResponse::Ok().json(results_response(r, unit)?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyTaskResponse {
    /// The task's id, to answer it.
    pub id: Uuid,
    pub survey_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    /// The employee the answers are about.
    pub subject_employee_id: Uuid,
    pub subject_name: String,
    /// Whether the task is about the respondent themselves.
    pub about_self: bool,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// The caller's survey tasks in open surveys, unanswered first.
///
/// **Who may call:** any signed-in user linked to an employee record (others get an empty
/// list).
#[utoipa::path(tag = "surveys", responses((status = 200, body = Vec<SurveyTaskResponse>)), security(("bearer" = [])))]
#[get("/me/survey-tasks")]
pub async fn my_survey_tasks(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let Some(me) = auth.employee_id else {
        return Ok(HttpResponse::Ok().json(Vec::<SurveyTaskResponse>::new()));
    };
    let tasks = repo::tasks_of(&state.db, me).await?;
    let out: Vec<SurveyTaskResponse> = tasks
        .into_iter()
        .map(|(t, s, e)| SurveyTaskResponse {
            id: t.id,
            survey_id: s.id,
            title: s.title,
            description: s.description,
            subject_employee_id: e.id,
            subject_name: e.name,
            about_self: t.subject_employee_id == t.respondent_employee_id,
            submitted_at: t.submitted_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// An answer: a number (Likert 1-5, or the index of the chosen option from 0), a list of
/// option indexes (multiple choice), or text.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum AnswerValueBody {
    Number(i64),
    List(Vec<i64>),
    Text(String),
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    pub question_id: Uuid,
    pub value: AnswerValueBody,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitAnswersRequest {
    /// One per answered question; problems are reported as `answers[<question position>]`.
    pub answers: Vec<AnswerBody>,
}

impl SubmitAnswersRequest {
    fn into_map(self) -> Result<HashMap<Uuid, AnswerValue>, ApiError> {
        let mut out = HashMap::new();
        for a in self.answers {
            let v = match a.value {
                AnswerValueBody::Number(n) => AnswerValue::Number(n),
                AnswerValueBody::List(l) => AnswerValue::List(l),
                AnswerValueBody::Text(t) => AnswerValue::Text(t),
            };
            if out.insert(a.question_id, v).is_some() {
                return Err(ApiError::field(
                    "answers",
                    "duplicate",
                    format!("question {} is answered twice", a.question_id),
                ));
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmittedResponse {
    pub id: Uuid,
    pub submitted_at: DateTime<Utc>,
}

/// Answer a survey task, once.
///
/// **Who may call:** the task's respondent (a signed-in user linked to that employee).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), request_body = SubmitAnswersRequest, responses((status = 201, body = SubmittedResponse)), security(("bearer" = [])))]
#[post("/survey-tasks/{id}/response")]
pub async fn answer_survey_task(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<SubmitAnswersRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let Some(me) = auth.employee_id else {
        return Err(DomainError::NotFound("survey task").into());
    };
    let r = repo::answer_task(&state.db, me, id.into_inner(), body.0.into_map()?).await?;
    Ok(HttpResponse::Created().json(SubmittedResponse {
        id: r.id,
        submitted_at: r.submitted_at,
    }))
}

/// A survey task with its questions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyTaskDetailResponse {
    pub task: SurveyTaskResponse,
    pub questions: Vec<QuestionResponse>,
}

/// One of the caller's survey tasks, with the questions to answer.
///
/// **Who may call:** the task's respondent.
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), responses((status = 200, body = SurveyTaskDetailResponse)), security(("bearer" = [])))]
#[get("/survey-tasks/{id}")]
pub async fn get_survey_task(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let id = id.into_inner();
    let Some(me) = auth.employee_id else {
        return Err(DomainError::NotFound("survey task").into());
    };
    let tasks = repo::tasks_of(&state.db, me).await?;
    let Some((t, s, e)) = tasks.into_iter().find(|(t, _, _)| t.id == id) else {
        return Err(DomainError::NotFound("survey task").into());
    };
    let sq = repo::get_survey(
        &state.db,
        pembina_domain::accounts::Scope::Agency(s.agency_id),
        s.id,
    )
    .await?;
    Ok(HttpResponse::Ok().json(SurveyTaskDetailResponse {
        questions: question_responses(&sq.questions, &sq.competency_codes)?,
        task: SurveyTaskResponse {
            id: t.id,
            survey_id: s.id,
            title: s.title,
            description: s.description,
            subject_employee_id: e.id,
            subject_name: e.name,
            about_self: t.subject_employee_id == t.respondent_employee_id,
            submitted_at: t.submitted_at,
        },
    }))
}

/// A survey as its respondents see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicSurveyResponse {
    pub title: String,
    pub description: Option<String>,
    pub questions: Vec<QuestionResponse>,
}

/// A public survey by its link (open surveys only).
///
/// **Who may call:** anyone holding the link.
#[utoipa::path(tag = "surveys", params(("token" = String, Path)), responses((status = 200, body = PublicSurveyResponse)))]
#[get("/public/surveys/{token}")]
pub async fn get_public_survey(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let sq = repo::public_survey(&state.db, &token).await?;
    Ok(HttpResponse::Ok().json(PublicSurveyResponse {
        title: sq.survey.title.clone(),
        description: sq.survey.description.clone(),
        questions: question_responses(&sq.questions, &sq.competency_codes)?,
    }))
}

/// Answer a public survey anonymously (nothing identifying is stored).
///
/// **Who may call:** anyone holding the link.
#[utoipa::path(tag = "surveys", params(("token" = String, Path)), request_body = SubmitAnswersRequest, responses((status = 201, body = SubmittedResponse)))]
#[post("/public/surveys/{token}/responses")]
pub async fn answer_public_survey(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: ValidJson<SubmitAnswersRequest>,
) -> Result<HttpResponse, ApiError> {
    let r = repo::answer_public(&state.db, &token, body.0.into_map()?).await?;
    Ok(HttpResponse::Created().json(SubmittedResponse {
        id: r.id,
        submitted_at: r.submitted_at,
    }))
}
