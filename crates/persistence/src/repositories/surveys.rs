//! Needs surveys: building them, sending them out, answering them and aggregating the answers.

use std::collections::HashMap;

use chrono::Utc;
use pembina_domain::accounts::Scope;
use pembina_domain::competency::survey::{
    Answer, AnswerValue, NewSurvey, QuestionKind, QuestionResult, SurveyAudience, aggregate,
    check_answer, likert_need,
};
use pembina_domain::page::{Page, PageRequest};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::org::get_unit;
use super::{fetch_page, scoped, subtree_ids};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{
    competencies, employees, org_units, survey_assignments as assignments,
    survey_questions as questions, survey_responses as responses, surveys,
};

/// Lifecycle of a survey: built as a draft, open for answers, closed.
pub const DRAFT: &str = "draft";
pub const OPEN: &str = "open";
pub const CLOSED: &str = "closed";

/// A survey with its questions, in order.
#[derive(Debug, Clone)]
pub struct SurveyWithQuestions {
    pub survey: surveys::Model,
    pub questions: Vec<questions::Model>,
    /// The code of each competency a question points at.
    pub competency_codes: HashMap<Uuid, String>,
}

/// One stored answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredAnswer {
    question_id: Uuid,
    answer: Answer,
}

pub fn options_of(q: &questions::Model) -> Vec<String> {
    serde_json::from_value(q.options.clone()).unwrap_or_default()
}

pub fn kind_of(q: &questions::Model) -> Result<QuestionKind, DomainError> {
    q.kind
        .parse()
        .map_err(|_| DomainError::Internal("stored question kind".into()))
}

pub async fn get_survey<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<SurveyWithQuestions, DomainError> {
    let survey = scoped(
        surveys::Entity::find_by_id(id),
        surveys::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("survey"))?;
    with_questions(db, survey).await
}

async fn with_questions<C: ConnectionTrait>(
    db: &C,
    survey: surveys::Model,
) -> Result<SurveyWithQuestions, DomainError> {
    let questions = questions_of(db, survey.id).await?;
    let ids: Vec<Uuid> = questions.iter().filter_map(|q| q.competency_id).collect();
    let competency_codes = if ids.is_empty() {
        HashMap::new()
    } else {
        competencies::Entity::find()
            .filter(crate::bulk::any_of(
                db.get_database_backend(),
                competencies::Column::Id,
                ids,
            ))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|c| (c.id, c.code))
            .collect()
    };
    Ok(SurveyWithQuestions {
        survey,
        questions,
        competency_codes,
    })
}

async fn questions_of<C: ConnectionTrait>(
    db: &C,
    survey_id: Uuid,
) -> Result<Vec<questions::Model>, DomainError> {
    questions::Entity::find()
        .filter(questions::Column::SurveyId.eq(survey_id))
        .order_by_asc(questions::Column::Position)
        .all(db)
        .await
        .dom()
}

pub async fn list_surveys(
    db: &DatabaseConnection,
    scope: Scope,
    agency_id: Option<Uuid>,
    status: Option<String>,
    page: PageRequest,
) -> Result<Page<surveys::Model>, DomainError> {
    let mut q = scoped(surveys::Entity::find(), surveys::Column::AgencyId, scope);
    if let Some(a) = agency_id {
        q = q.filter(surveys::Column::AgencyId.eq(a));
    }
    if let Some(s) = status {
        q = q.filter(surveys::Column::Status.eq(s));
    }
    let q = q
        .order_by_desc(surveys::Column::CreatedAt)
        .order_by_desc(surveys::Column::Id);
    fetch_page(db, q, page).await
}

/// Resolves the questions' competency codes in the agency (national or its own) and checks the
/// unit.
async fn check_refs<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    org_unit_id: Option<Uuid>,
    s: &NewSurvey,
) -> Result<Vec<Option<Uuid>>, DomainError> {
    let mut errors = Vec::new();
    if let Some(u) = org_unit_id
        && get_unit(db, Scope::Agency(agency_id), u).await.is_err()
    {
        errors.push(FieldError::new(
            "org_unit_id",
            "unknown_reference",
            "no such unit in this agency",
        ));
    }
    if s.audience == SurveyAudience::Public && org_unit_id.is_none() {
        errors.push(FieldError::new(
            "org_unit_id",
            "required",
            "a public survey is about one service unit",
        ));
    }
    let comps: HashMap<String, Uuid> = competencies::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(competencies::Column::AgencyId.is_null())
                .add(competencies::Column::AgencyId.eq(agency_id)),
        )
        .filter(competencies::Column::RetiredAt.is_null())
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|c| (c.code, c.id))
        .collect();
    let mut ids = Vec::with_capacity(s.questions.len());
    for (i, q) in s.questions.iter().enumerate() {
        match &q.competency_code {
            Some(code) => match comps.get(code) {
                Some(id) => ids.push(Some(*id)),
                None => {
                    errors.push(FieldError::new(
                        format!("questions[{i}].competency_code"),
                        "unknown_reference",
                        format!("no competency {code} in the national catalogue or this agency"),
                    ));
                    ids.push(None);
                }
            },
            None => ids.push(None),
        }
    }
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(DomainError::Validation(errors))
    }
}

async fn write_questions<C: ConnectionTrait>(
    txn: &C,
    survey_id: Uuid,
    s: &NewSurvey,
    competency_ids: Vec<Option<Uuid>>,
) -> Result<(), DomainError> {
    questions::Entity::delete_many()
        .filter(questions::Column::SurveyId.eq(survey_id))
        .exec(txn)
        .await
        .dom()?;
    questions::Entity::insert_many(s.questions.iter().zip(competency_ids).enumerate().map(
        |(i, (q, cid))| questions::ActiveModel {
            id: Set(Uuid::now_v7()),
            survey_id: Set(survey_id),
            position: Set(i as i32),
            text: Set(q.text.clone()),
            kind: Set(q.kind.as_str().to_owned()),
            options: Set(json!(q.options)),
            required: Set(q.required),
            competency_id: Set(cid),
        },
    ))
    .exec_without_returning(txn)
    .await
    .dom()?;
    Ok(())
}

pub async fn create_survey(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    org_unit_id: Option<Uuid>,
    s: NewSurvey,
) -> Result<SurveyWithQuestions, DomainError> {
    let txn = db.begin().await.dom()?;
    let cids = check_refs(&txn, agency_id, org_unit_id, &s).await?;
    let now = Utc::now();
    let m = surveys::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        title: Set(s.title.clone()),
        description: Set(s.description.clone()),
        audience: Set(s.audience.as_str().to_owned()),
        status: Set(DRAFT.to_owned()),
        org_unit_id: Set(org_unit_id),
        public_token: Set(None),
        opened_at: Set(None),
        closed_at: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .dom()?;
    write_questions(&txn, m.id, &s, cids).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "survey",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    let out = get_survey(&txn, Scope::Agency(agency_id), m.id).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// Replaces a draft's fields and questions. Open and closed surveys cannot change (their
/// answers refer to the questions).
pub async fn update_survey(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: impl FnOnce(&SurveyWithQuestions) -> Result<(NewSurvey, Option<Uuid>), DomainError>,
) -> Result<SurveyWithQuestions, DomainError> {
    let txn = db.begin().await.dom()?;
    let cur = get_survey(&txn, scope, id).await?;
    if cur.survey.status != DRAFT {
        return Err(DomainError::conflict(
            "not_draft",
            None,
            "only a draft survey can be changed",
        ));
    }
    let (s, unit) = change(&cur)?;
    let cids = check_refs(&txn, cur.survey.agency_id, unit, &s).await?;
    let mut am = cur.survey.clone().into_active_model();
    am.title = Set(s.title.clone());
    am.description = Set(s.description.clone());
    am.audience = Set(s.audience.as_str().to_owned());
    am.org_unit_id = Set(unit);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    write_questions(&txn, id, &s, cids).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "survey",
            entity_id: id,
            action: "update",
            before: Some(&cur.survey),
            after: Some(&after),
        },
    )
    .await?;
    let out = get_survey(&txn, scope, id).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// The active staff of a survey's unit (with the units below it), or of the whole agency.
async fn staff_of<C: ConnectionTrait>(
    db: &C,
    s: &surveys::Model,
) -> Result<Vec<employees::Model>, DomainError> {
    let mut q = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(s.agency_id))
        .filter(employees::Column::Status.ne("inactive"));
    if let Some(u) = s.org_unit_id {
        let unit = get_unit(db, Scope::Agency(s.agency_id), u).await?;
        q = q.filter(employees::Column::OrgUnitId.in_subquery(subtree_ids(&unit)));
    }
    q.all(db).await.dom()
}

/// Opens a draft: employees (or supervisors, about each report) get their tasks; a public
/// survey gets its link token. Returns the survey and the number of tasks created.
pub async fn open_survey(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    public_token: String,
) -> Result<(SurveyWithQuestions, u64), DomainError> {
    let txn = db.begin().await.dom()?;
    let cur = get_survey(&txn, scope, id).await?;
    if cur.survey.status != DRAFT {
        return Err(DomainError::conflict(
            "not_draft",
            None,
            "only a draft survey can be opened",
        ));
    }
    let audience: SurveyAudience = cur
        .survey
        .audience
        .parse()
        .map_err(|_| DomainError::Internal("stored audience".into()))?;
    let mut tasks = Vec::new();
    if audience != SurveyAudience::Public {
        let staff = staff_of(&txn, &cur.survey).await?;
        for e in &staff {
            let respondent = match audience {
                SurveyAudience::Employees => Some(e.id),
                _ => e.supervisor_id,
            };
            if let Some(r) = respondent {
                tasks.push(assignments::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    survey_id: Set(id),
                    agency_id: Set(cur.survey.agency_id),
                    respondent_employee_id: Set(r),
                    subject_employee_id: Set(e.id),
                    org_unit_id: Set(e.org_unit_id),
                    submitted_at: Set(None),
                });
            }
        }
    }
    let count = tasks.len() as u64;
    for chunk in tasks.chunks(500) {
        assignments::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .dom()?;
    }
    let mut am = cur.survey.clone().into_active_model();
    am.status = Set(OPEN.to_owned());
    am.opened_at = Set(Some(Utc::now()));
    if audience == SurveyAudience::Public {
        am.public_token = Set(Some(public_token));
    }
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "survey",
            entity_id: id,
            action: "open",
            before: Some(&cur.survey),
            after: Some(&after),
        },
    )
    .await?;
    let out = get_survey(&txn, scope, id).await?;
    txn.commit().await.dom()?;
    Ok((out, count))
}

pub async fn close_survey(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
) -> Result<SurveyWithQuestions, DomainError> {
    let txn = db.begin().await.dom()?;
    let cur = get_survey(&txn, scope, id).await?;
    if cur.survey.status != OPEN {
        return Err(DomainError::conflict(
            "not_open",
            None,
            "only an open survey can be closed",
        ));
    }
    let mut am = cur.survey.clone().into_active_model();
    am.status = Set(CLOSED.to_owned());
    am.closed_at = Set(Some(Utc::now()));
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "survey",
            entity_id: id,
            action: "close",
            before: Some(&cur.survey),
            after: Some(&after),
        },
    )
    .await?;
    let out = get_survey(&txn, scope, id).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// An employee's survey tasks, open surveys only, unanswered first.
pub async fn tasks_of(
    db: &DatabaseConnection,
    employee_id: Uuid,
) -> Result<Vec<(assignments::Model, surveys::Model, employees::Model)>, DomainError> {
    let tasks = assignments::Entity::find()
        .filter(assignments::Column::RespondentEmployeeId.eq(employee_id))
        .filter(
            assignments::Column::SurveyId.in_subquery(
                Query::select()
                    .column(surveys::Column::Id)
                    .from(surveys::Entity)
                    .and_where(Expr::col(surveys::Column::Status).eq(OPEN))
                    .to_owned(),
            ),
        )
        .order_by_asc(assignments::Column::Id)
        .all(db)
        .await
        .dom()?;
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let survey_ids: Vec<Uuid> = tasks.iter().map(|t| t.survey_id).collect();
    let subject_ids: Vec<Uuid> = tasks.iter().map(|t| t.subject_employee_id).collect();
    let surveys: HashMap<Uuid, surveys::Model> = surveys::Entity::find()
        .filter(crate::bulk::any_of(
            backend,
            surveys::Column::Id,
            survey_ids,
        ))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let subjects: HashMap<Uuid, employees::Model> = employees::Entity::find()
        .filter(crate::bulk::any_of(
            backend,
            employees::Column::Id,
            subject_ids,
        ))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut out: Vec<_> = tasks
        .into_iter()
        .filter_map(|t| {
            let s = surveys.get(&t.survey_id)?.clone();
            let e = subjects.get(&t.subject_employee_id)?.clone();
            Some((t, s, e))
        })
        .collect();
    out.sort_by_key(|(t, _, _)| t.submitted_at.is_some());
    Ok(out)
}

/// Checks `answers` (question id → value) against the survey's questions; every problem is
/// reported under `answers[<question index>]`.
fn check_answers(
    questions: &[questions::Model],
    answers: &HashMap<Uuid, AnswerValue>,
) -> Result<Vec<StoredAnswer>, DomainError> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for id in answers.keys() {
        if !questions.iter().any(|q| q.id == *id) {
            errors.push(FieldError::new(
                format!("answers.{id}"),
                "unknown_question",
                "this survey has no such question",
            ));
        }
    }
    for (i, q) in questions.iter().enumerate() {
        let field = format!("answers[{i}]");
        match answers.get(&q.id) {
            None if q.required => errors.push(FieldError::new(field, "required", "is required")),
            None => {}
            Some(v) => match check_answer(kind_of(q)?, options_of(q).len(), v) {
                Ok(answer) => out.push(StoredAnswer {
                    question_id: q.id,
                    answer,
                }),
                Err((code, message)) => errors.push(FieldError::new(field, code, message)),
            },
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(DomainError::Validation(errors))
    }
}

async fn insert_response<C: ConnectionTrait>(
    txn: &C,
    survey: &surveys::Model,
    assignment_id: Option<Uuid>,
    org_unit_id: Option<Uuid>,
    answers: Vec<StoredAnswer>,
) -> Result<responses::Model, DomainError> {
    responses::ActiveModel {
        id: Set(Uuid::now_v7()),
        survey_id: Set(survey.id),
        agency_id: Set(survey.agency_id),
        assignment_id: Set(assignment_id),
        org_unit_id: Set(org_unit_id),
        submitted_at: Set(Utc::now()),
        answers: Set(json!(answers)),
    }
    .insert(txn)
    .await
    .dom()
}

/// Answers a task. Only its respondent may, once, while the survey is open.
pub async fn answer_task(
    db: &DatabaseConnection,
    respondent: Uuid,
    assignment_id: Uuid,
    answers: HashMap<Uuid, AnswerValue>,
) -> Result<responses::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let task = assignments::Entity::find_by_id(assignment_id)
        .filter(assignments::Column::RespondentEmployeeId.eq(respondent))
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("survey task"))?;
    let sq = get_survey(&txn, Scope::Agency(task.agency_id), task.survey_id).await?;
    if sq.survey.status != OPEN {
        return Err(DomainError::conflict(
            "not_open",
            None,
            "this survey is not open",
        ));
    }
    if task.submitted_at.is_some() {
        return Err(DomainError::conflict(
            "already_answered",
            None,
            "this task is already answered",
        ));
    }
    let stored = check_answers(&sq.questions, &answers)?;
    let r = insert_response(
        &txn,
        &sq.survey,
        Some(task.id),
        Some(task.org_unit_id),
        stored,
    )
    .await?;
    let mut am = task.into_active_model();
    am.submitted_at = Set(Some(r.submitted_at));
    am.update(&txn).await.dom()?;
    txn.commit().await.dom()?;
    Ok(r)
}

/// A public survey by its link token (open ones only).
pub async fn public_survey<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<SurveyWithQuestions, DomainError> {
    let survey = surveys::Entity::find()
        .filter(surveys::Column::PublicToken.eq(token))
        .filter(surveys::Column::Status.eq(OPEN))
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("survey"))?;
    with_questions(db, survey).await
}

/// An anonymous answer to a public survey.
pub async fn answer_public(
    db: &DatabaseConnection,
    token: &str,
    answers: HashMap<Uuid, AnswerValue>,
) -> Result<responses::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let sq = public_survey(&txn, token).await?;
    let stored = check_answers(&sq.questions, &answers)?;
    let r = insert_response(&txn, &sq.survey, None, sq.survey.org_unit_id, stored).await?;
    txn.commit().await.dom()?;
    Ok(r)
}

/// Aggregated answers of one question.
#[derive(Debug, Clone)]
pub struct QuestionResults {
    pub question: questions::Model,
    pub result: QuestionResult,
    /// Text answers (text questions only), newest last.
    pub texts: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SurveyResults {
    pub survey: SurveyWithQuestions,
    pub responses: u64,
    /// Tasks sent and answered (employee and supervisor surveys).
    pub tasks: u64,
    pub answered: u64,
    pub questions: Vec<QuestionResults>,
}

/// Responses of a survey, restricted to a unit (with the units below it) when asked.
async fn responses_in<C: ConnectionTrait>(
    db: &C,
    survey: &surveys::Model,
    unit: Option<&org_units::Model>,
) -> Result<Vec<responses::Model>, DomainError> {
    let mut q = responses::Entity::find().filter(responses::Column::SurveyId.eq(survey.id));
    if let Some(u) = unit {
        q = q.filter(responses::Column::OrgUnitId.in_subquery(subtree_ids(u)));
    }
    q.order_by_asc(responses::Column::Id).all(db).await.dom()
}

fn answers_of(r: &responses::Model) -> Vec<StoredAnswer> {
    serde_json::from_value(r.answers.clone()).unwrap_or_default()
}

pub async fn survey_results(
    db: &DatabaseConnection,
    scope: Scope,
    id: Uuid,
    unit_id: Option<Uuid>,
) -> Result<SurveyResults, DomainError> {
    let sq = get_survey(db, scope, id).await?;
    let unit = match unit_id {
        Some(u) => Some(get_unit(db, Scope::Agency(sq.survey.agency_id), u).await?),
        None => None,
    };
    let rs = responses_in(db, &sq.survey, unit.as_ref()).await?;
    let mut by_q: HashMap<Uuid, Vec<Answer>> = HashMap::new();
    for r in &rs {
        for a in answers_of(r) {
            by_q.entry(a.question_id).or_default().push(a.answer);
        }
    }
    let mut qs = Vec::new();
    for q in &sq.questions {
        let answers = by_q.remove(&q.id).unwrap_or_default();
        let kind = kind_of(q)?;
        let texts = answers
            .iter()
            .filter_map(|a| match a {
                Answer::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        qs.push(QuestionResults {
            question: q.clone(),
            result: aggregate(kind, options_of(q).len(), &answers),
            texts,
        });
    }
    let mut tasks_q = assignments::Entity::find().filter(assignments::Column::SurveyId.eq(id));
    if let Some(u) = &unit {
        tasks_q = tasks_q.filter(assignments::Column::OrgUnitId.in_subquery(subtree_ids(u)));
    }
    let tasks = tasks_q.clone().count(db).await.dom()?;
    let answered = tasks_q
        .filter(assignments::Column::SubmittedAt.is_not_null())
        .count(db)
        .await
        .dom()?;
    Ok(SurveyResults {
        survey: sq,
        responses: rs.len() as u64,
        tasks,
        answered,
        questions: qs,
    })
}

/// The survey signal of each competency for a unit (or the agency): over every survey of the
/// agency, the Likert answers of questions pointing at the competency, turned into a 0-1
/// need by [`likert_need`] of their mean.
pub async fn survey_signals<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    unit: Option<&org_units::Model>,
) -> Result<HashMap<Uuid, f64>, DomainError> {
    let linked = questions::Entity::find()
        .filter(questions::Column::CompetencyId.is_not_null())
        .filter(questions::Column::Kind.eq(QuestionKind::Likert.as_str()))
        .filter(
            questions::Column::SurveyId.in_subquery(
                Query::select()
                    .column(surveys::Column::Id)
                    .from(surveys::Entity)
                    .and_where(Expr::col(surveys::Column::AgencyId).eq(agency_id))
                    .and_where(Expr::col(surveys::Column::Status).ne(DRAFT))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
        .dom()?;
    if linked.is_empty() {
        return Ok(HashMap::new());
    }
    let competency_of: HashMap<Uuid, Uuid> = linked
        .iter()
        .filter_map(|q| q.competency_id.map(|c| (q.id, c)))
        .collect();
    let mut survey_ids: Vec<Uuid> = linked.iter().map(|q| q.survey_id).collect();
    survey_ids.sort_unstable();
    survey_ids.dedup();
    let mut sums: HashMap<Uuid, (u64, u64)> = HashMap::new();
    for sid in survey_ids {
        let Some(s) = surveys::Entity::find_by_id(sid).one(db).await.dom()? else {
            continue;
        };
        for r in responses_in(db, &s, unit).await? {
            for a in answers_of(&r) {
                if let (Some(c), Answer::Likert(v)) = (competency_of.get(&a.question_id), a.answer)
                {
                    let e = sums.entry(*c).or_default();
                    e.0 += 1;
                    e.1 += u64::from(v);
                }
            }
        }
    }
    Ok(sums
        .into_iter()
        .filter(|(_, (n, _))| *n > 0)
        .map(|(c, (n, sum))| (c, likert_need(sum as f64 / n as f64)))
        .collect())
}
