//! Training evaluation by Kirkpatrick's levels 1-3 (domain.md §5): participants' reactions to
//! a session, the learning measured by the pre- and post-test, and the behaviour follow-up that
//! the participant and their direct supervisor answer months after completion.
//!
//! The follow-up scheduler ([`schedule_follow_ups`]) is told the date; it never reads the clock
//! to decide anything, so it can be run (and tested) for any day. Rerunning it on the same day
//! changes nothing: tasks are unique per enrolment and role, and a reminder is due only an
//! interval after the last one.

use std::collections::HashMap;
use std::ops::AddAssign;

use chrono::{DateTime, NaiveDate, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::learning::evaluation::{
    BehaviourTally, DEFAULT_FOLLOW_UP_MONTHS, DEFAULT_REMINDER_DAYS, FollowUpAnswer, FollowUpRole,
    FollowUpStatus, GainBand, Reaction, ReactionTally, SessionGain, Usage, band, check_amendable,
    check_reaction_open, follow_up_due, follow_up_status, latest_completion_due, normalised_gain,
    overdue_before, remind_on_or_before, session_gain,
};
use pembina_domain::learning::session::EnrolmentStatus;
use pembina_domain::page::{Page, PageRequest};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait, TryInsertResult,
};
use serde::Serialize;
use uuid::Uuid;

use super::learning::participants;
use super::programmes::{Session, get_programme, get_session};
use super::{fetch_page, scoped};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{
    agencies, employees, enrolments, evaluation_settings, follow_up_tasks, learning_sessions,
    programmes, session_reactions,
};

fn stored<T: std::str::FromStr>(s: &str) -> Result<T, DomainError> {
    s.parse()
        .map_err(|_| DomainError::Internal(format!("unexpected stored value {s}")))
}

const HOLDING_PLACE: [&str; 2] = ["enrolled", "completed"];

// ---------------------------------------------------------------- settings

/// An agency's follow-up settings, or the defaults when it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EvaluationSettings {
    pub follow_up_months: u32,
    pub reminder_days: u32,
    /// True when the agency has not set them.
    #[serde(skip)]
    pub is_default: bool,
}

impl Default for EvaluationSettings {
    fn default() -> Self {
        Self {
            follow_up_months: DEFAULT_FOLLOW_UP_MONTHS,
            reminder_days: DEFAULT_REMINDER_DAYS,
            is_default: true,
        }
    }
}

pub async fn settings<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
) -> Result<EvaluationSettings, DomainError> {
    Ok(evaluation_settings::Entity::find_by_id(agency_id)
        .one(db)
        .await
        .dom()?
        .map_or_else(EvaluationSettings::default, |s| EvaluationSettings {
            follow_up_months: s.follow_up_months.clamp(1, 24) as u32,
            reminder_days: s.reminder_days.clamp(1, 90) as u32,
            is_default: false,
        }))
}

/// Stores an agency's settings (already checked by the domain). Tasks already created keep
/// their due date.
pub async fn save_settings(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    follow_up_months: u32,
    reminder_days: u32,
) -> Result<EvaluationSettings, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = settings(&txn, agency_id).await?;
    let am = evaluation_settings::ActiveModel {
        agency_id: Set(agency_id),
        follow_up_months: Set(follow_up_months as i32),
        reminder_days: Set(reminder_days as i32),
        updated_at: Set(Utc::now()),
    };
    if before.is_default {
        am.insert(&txn).await.dom()?;
    } else {
        am.update(&txn).await.dom()?;
    }
    let after = settings(&txn, agency_id).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(agency_id),
            entity_type: "evaluation_settings",
            entity_id: agency_id,
            action: if before.is_default {
                "create"
            } else {
                "update"
            },
            before: (!before.is_default).then_some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

// ---------------------------------------------------------------- level 1: reactions

/// The caller's place in a session: an enrolment holding a place. Anyone else (waitlisted,
/// cancelled, another agency, not enrolled) is told the session does not exist.
async fn own_place<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    session_id: Uuid,
) -> Result<enrolments::Model, DomainError> {
    enrolments::Entity::find()
        .filter(enrolments::Column::SessionId.eq(session_id))
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .filter(enrolments::Column::Status.is_in(HOLDING_PLACE))
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("session"))
}

/// A participant's reaction to a session, once: from the session's last day on, or once their
/// enrolment is completed.
pub async fn submit_reaction(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: Uuid,
    session_id: Uuid,
    reaction: Reaction,
    today: NaiveDate,
) -> Result<session_reactions::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let e = own_place(&txn, employee_id, session_id).await?;
    let session = learning_sessions::Entity::find_by_id(session_id)
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("session"))?;
    check_reaction_open(
        session.end_date,
        e.status == EnrolmentStatus::Completed.as_str(),
        today,
    )?;
    let already = session_reactions::Entity::find()
        .filter(session_reactions::Column::EnrolmentId.eq(e.id))
        .one(&txn)
        .await
        .dom()?;
    if already.is_some() {
        return Err(DomainError::conflict(
            "already_submitted",
            None,
            "you have already given your reaction to this session",
        ));
    }
    let m = session_reactions::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(e.agency_id),
        session_id: Set(session_id),
        enrolment_id: Set(e.id),
        organisation: Set(i32::from(reaction.organisation)),
        trainers: Set(i32::from(reaction.trainers)),
        materials: Set(i32::from(reaction.materials)),
        comment: Set(reaction.comment),
        submitted_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|err| match crate::db_err(err) {
        // Two submissions racing: the unique index decides.
        DomainError::Conflict {
            code: "duplicate", ..
        } => DomainError::conflict(
            "already_submitted",
            None,
            "you have already given your reaction to this session",
        ),
        other => other,
    })?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "session_reaction",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// A session awaiting the caller's reaction.
#[derive(Debug, Clone)]
pub struct PendingReaction {
    pub enrolment: enrolments::Model,
    pub session: learning_sessions::Model,
    pub programme_title: String,
}

/// The caller's sessions whose reaction is open on `today` and not yet given.
pub async fn pending_reactions<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<PendingReaction>, DomainError> {
    let rows = enrolments::Entity::find()
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .filter(enrolments::Column::Status.is_in(HOLDING_PLACE))
        .filter(Expr::not_exists(
            Query::select()
                .expr(Expr::val(1))
                .from(session_reactions::Entity)
                .and_where(
                    Expr::col((
                        session_reactions::Entity,
                        session_reactions::Column::EnrolmentId,
                    ))
                    .equals((enrolments::Entity, enrolments::Column::Id)),
                )
                .to_owned(),
        ))
        .order_by_asc(enrolments::Column::CreatedAt)
        .all(db)
        .await
        .dom()?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let sessions: HashMap<Uuid, learning_sessions::Model> = learning_sessions::Entity::find()
        .filter(any_of(
            backend,
            learning_sessions::Column::Id,
            rows.iter().map(|e| e.session_id).collect::<Vec<_>>(),
        ))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let titles = programme_titles(db, rows.iter().map(|e| e.programme_id).collect()).await?;
    let mut out = Vec::new();
    for e in rows {
        let Some(session) = sessions.get(&e.session_id).cloned() else {
            continue;
        };
        let completed = e.status == EnrolmentStatus::Completed.as_str();
        if check_reaction_open(session.end_date, completed, today).is_err() {
            continue;
        }
        out.push(PendingReaction {
            programme_title: titles.get(&e.programme_id).cloned().unwrap_or_default(),
            enrolment: e,
            session,
        });
    }
    Ok(out)
}

async fn programme_titles<C: ConnectionTrait>(
    db: &C,
    mut ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, String>, DomainError> {
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(programmes::Entity::find()
        .select_only()
        .column(programmes::Column::Id)
        .column(programmes::Column::Title)
        .filter(any_of(
            db.get_database_backend(),
            programmes::Column::Id,
            ids,
        ))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await
        .dom()?
        .into_iter()
        .collect())
}

// ---------------------------------------------------------------- the evaluation report

/// One participant's learning: both tests taken.
#[derive(Debug, Clone)]
pub struct LearningRow {
    pub enrolment_id: Uuid,
    pub employee_id: Uuid,
    pub name: String,
    pub nip: String,
    pub pre_percent: f64,
    pub post_percent: f64,
    /// Post minus pre, in percentage points.
    pub raw_gain: f64,
    /// `None` when the pre-test was already 100 %.
    pub normalised_gain: Option<f64>,
    pub band: Option<GainBand>,
}

/// Levels 1-3 of one session.
#[derive(Debug, Clone)]
pub struct SessionEvaluation {
    pub session: Session,
    /// Participants holding a place (enrolled or completed).
    pub participants: u32,
    pub reactions: ReactionTally,
    /// The reactions' comments, without names, in alphabetical order so that their order
    /// tells nothing about who wrote them.
    pub comments: Vec<String>,
    pub learning: Vec<LearningRow>,
    /// (pre, post) of every row, for totals across sessions.
    pub pairs: Vec<(f64, f64)>,
    pub gain: Option<SessionGain>,
    pub behaviour: BehaviourTally,
}

async fn evaluate<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    session: Session,
    today: NaiveDate,
) -> Result<SessionEvaluation, DomainError> {
    let session_id = session.session.id;
    let people = participants(db, scope, session_id).await?;
    let holding: Vec<_> = people
        .into_iter()
        .filter(|p| HOLDING_PLACE.contains(&p.enrolment.status.as_str()))
        .collect();
    let mut learning = Vec::new();
    for p in &holding {
        let (Some(pre), Some((post, _))) = (p.pre_test, p.post_test) else {
            continue;
        };
        let g = normalised_gain(pre, post);
        learning.push(LearningRow {
            enrolment_id: p.enrolment.id,
            employee_id: p.employee.id,
            name: p.employee.name.clone(),
            nip: p.employee.nip.clone(),
            pre_percent: pre,
            post_percent: post,
            raw_gain: post - pre,
            normalised_gain: g,
            band: g.map(band),
        });
    }
    let pairs: Vec<(f64, f64)> = learning
        .iter()
        .map(|r| (r.pre_percent, r.post_percent))
        .collect();
    let mut reactions = ReactionTally::default();
    let mut comments = Vec::new();
    for r in session_reactions::Entity::find()
        .filter(session_reactions::Column::SessionId.eq(session_id))
        .all(db)
        .await
        .dom()?
    {
        reactions.add(&Reaction {
            organisation: r.organisation.clamp(1, 5) as u8,
            trainers: r.trainers.clamp(1, 5) as u8,
            materials: r.materials.clamp(1, 5) as u8,
            comment: None,
        });
        comments.extend(r.comment);
    }
    comments.sort_by_key(|c| c.to_lowercase());
    let mut behaviour = BehaviourTally::default();
    for t in follow_up_tasks::Entity::find()
        .filter(follow_up_tasks::Column::SessionId.eq(session_id))
        .all(db)
        .await
        .dom()?
    {
        let usage = t.usage.as_deref().map(stored::<Usage>).transpose()?;
        behaviour.add(
            stored(&t.role)?,
            usage,
            follow_up_status(t.due_on, today, t.answered_at.is_some()),
        );
    }
    Ok(SessionEvaluation {
        participants: holding.len() as u32,
        gain: session_gain(&pairs),
        session,
        reactions,
        comments,
        learning,
        pairs,
        behaviour,
    })
}

/// Levels 1-3 of a session within `scope` (another agency's is not found), on `today`.
pub async fn session_evaluation<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    session_id: Uuid,
    today: NaiveDate,
) -> Result<SessionEvaluation, DomainError> {
    let session = get_session(db, scope, session_id).await?;
    evaluate(db, scope, session, today).await
}

/// Levels 1-3 of every session of a programme and across them.
#[derive(Debug, Clone)]
pub struct ProgrammeEvaluation {
    pub programme: programmes::Model,
    /// By start date, newest first.
    pub sessions: Vec<SessionEvaluation>,
    pub participants: u32,
    pub reactions: ReactionTally,
    /// The class gain of every participant with both tests, across sessions.
    pub gain: Option<SessionGain>,
    pub behaviour: BehaviourTally,
}

pub async fn programme_evaluation<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    programme_id: Uuid,
    today: NaiveDate,
) -> Result<ProgrammeEvaluation, DomainError> {
    let programme = get_programme(db, scope, programme_id).await?.programme;
    let ids: Vec<Uuid> = learning_sessions::Entity::find()
        .select_only()
        .column(learning_sessions::Column::Id)
        .filter(learning_sessions::Column::ProgrammeId.eq(programme_id))
        .order_by_desc(learning_sessions::Column::StartDate)
        .order_by_asc(learning_sessions::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let mut sessions = Vec::with_capacity(ids.len());
    for id in ids {
        sessions.push(session_evaluation(db, scope, id, today).await?);
    }
    let mut reactions = ReactionTally::default();
    let mut behaviour = BehaviourTally::default();
    let mut pairs = Vec::new();
    for s in &sessions {
        reactions.merge(&s.reactions);
        behaviour.merge(&s.behaviour);
        pairs.extend_from_slice(&s.pairs);
    }
    Ok(ProgrammeEvaluation {
        participants: sessions.iter().map(|s| s.participants).sum(),
        gain: session_gain(&pairs),
        programme,
        sessions,
        reactions,
        behaviour,
    })
}

// ---------------------------------------------------------------- level 3: the scheduler

/// What one run of the scheduler did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ScheduleCounts {
    /// Tasks created for participants.
    pub participant_tasks: u64,
    /// Tasks created for supervisors.
    pub supervisor_tasks: u64,
    /// Participants without a supervisor on record: no supervisor task.
    pub without_supervisor: u64,
    /// Reminders recorded on open tasks.
    pub reminders: u64,
}

impl AddAssign for ScheduleCounts {
    fn add_assign(&mut self, o: Self) {
        self.participant_tasks += o.participant_tasks;
        self.supervisor_tasks += o.supervisor_tasks;
        self.without_supervisor += o.without_supervisor;
        self.reminders += o.reminders;
    }
}

impl ScheduleCounts {
    fn changed(&self) -> bool {
        self.participant_tasks + self.supervisor_tasks + self.reminders > 0
    }
}

/// Runs the follow-up scheduler for every agency on `today`, as Pembina itself.
pub async fn schedule_follow_ups(
    db: &DatabaseConnection,
    today: NaiveDate,
) -> Result<ScheduleCounts, DomainError> {
    schedule_follow_ups_in(db, &Actor::system(), None, today).await
}

/// Runs the follow-up scheduler on `today` for one agency, or every agency with `None`: first
/// records a reminder on each open task whose last reminder (or, before any, its due date and
/// the day it opened) lies the agency's interval back; then creates the tasks of every
/// completed enrolment whose follow-up is due by `today` — one for the participant and one for
/// their direct supervisor, when they have one. One transaction and one audit event per agency
/// that changed.
pub async fn schedule_follow_ups_in(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Option<Uuid>,
    today: NaiveDate,
) -> Result<ScheduleCounts, DomainError> {
    let agencies: Vec<Uuid> = match agency_id {
        Some(a) => vec![a],
        None => agencies::Entity::find()
            .select_only()
            .column(agencies::Column::Id)
            .order_by_asc(agencies::Column::Id)
            .into_tuple()
            .all(db)
            .await
            .dom()?,
    };
    let mut total = ScheduleCounts::default();
    for agency in agencies {
        total += schedule_agency(db, actor, agency, today).await?;
    }
    Ok(total)
}

async fn schedule_agency(
    db: &DatabaseConnection,
    actor: &Actor,
    agency_id: Uuid,
    today: NaiveDate,
) -> Result<ScheduleCounts, DomainError> {
    let txn = db.begin().await.dom()?;
    let s = settings(&txn, agency_id).await?;
    let now = Utc::now();
    let mut counts = ScheduleCounts::default();

    // Reminders first, so tasks opened by this run are not reminded by it too.
    let cutoff = remind_on_or_before(today, s.reminder_days);
    counts.reminders = follow_up_tasks::Entity::update_many()
        .col_expr(
            follow_up_tasks::Column::ReminderCount,
            Expr::col(follow_up_tasks::Column::ReminderCount).add(1),
        )
        .col_expr(follow_up_tasks::Column::LastRemindedOn, Expr::value(today))
        .col_expr(follow_up_tasks::Column::UpdatedAt, Expr::value(now))
        .filter(follow_up_tasks::Column::AgencyId.eq(agency_id))
        .filter(follow_up_tasks::Column::AnsweredAt.is_null())
        .filter(
            Condition::any()
                .add(follow_up_tasks::Column::LastRemindedOn.lte(cutoff))
                .add(
                    Condition::all()
                        .add(follow_up_tasks::Column::LastRemindedOn.is_null())
                        .add(follow_up_tasks::Column::DueOn.lte(cutoff))
                        .add(follow_up_tasks::Column::OpenedOn.lte(cutoff)),
                ),
        )
        .exec(&txn)
        .await
        .dom()?
        .rows_affected;

    let months = s.follow_up_months;
    let due: Vec<enrolments::Model> = enrolments::Entity::find()
        .filter(enrolments::Column::AgencyId.eq(agency_id))
        .filter(enrolments::Column::Status.eq(EnrolmentStatus::Completed.as_str()))
        .filter(enrolments::Column::CompletedOn.lte(latest_completion_due(today, months)))
        .filter(Expr::not_exists(
            Query::select()
                .expr(Expr::val(1))
                .from(follow_up_tasks::Entity)
                .and_where(
                    Expr::col((
                        follow_up_tasks::Entity,
                        follow_up_tasks::Column::EnrolmentId,
                    ))
                    .equals((enrolments::Entity, enrolments::Column::Id)),
                )
                .and_where(
                    Expr::col((follow_up_tasks::Entity, follow_up_tasks::Column::Role))
                        .eq(FollowUpRole::Participant.as_str()),
                )
                .to_owned(),
        ))
        .order_by_asc(enrolments::Column::CompletedOn)
        .order_by_asc(enrolments::Column::Id)
        .all(&txn)
        .await
        .dom()?;
    let supervisors: HashMap<Uuid, Option<Uuid>> = if due.is_empty() {
        HashMap::new()
    } else {
        employees::Entity::find()
            .select_only()
            .column(employees::Column::Id)
            .column(employees::Column::SupervisorId)
            .filter(any_of(
                txn.get_database_backend(),
                employees::Column::Id,
                due.iter().map(|e| e.employee_id).collect::<Vec<_>>(),
            ))
            .into_tuple::<(Uuid, Option<Uuid>)>()
            .all(&txn)
            .await
            .dom()?
            .into_iter()
            .collect()
    };
    for e in &due {
        let Some(completed_on) = e.completed_on else {
            continue;
        };
        let due_on = follow_up_due(completed_on, months);
        let task = |role: FollowUpRole, respondent_id: Uuid| follow_up_tasks::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(e.agency_id),
            enrolment_id: Set(e.id),
            session_id: Set(e.session_id),
            programme_id: Set(e.programme_id),
            participant_id: Set(e.employee_id),
            role: Set(role.as_str().to_owned()),
            respondent_id: Set(respondent_id),
            due_on: Set(due_on),
            opened_on: Set(today),
            reminder_count: Set(0),
            last_reminded_on: Set(None),
            usage: Set(None),
            examples: Set(None),
            barriers: Set(None),
            answered_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        };
        counts.participant_tasks +=
            insert_task(&txn, task(FollowUpRole::Participant, e.employee_id)).await?;
        match supervisors.get(&e.employee_id).copied().flatten() {
            Some(sup) => {
                counts.supervisor_tasks +=
                    insert_task(&txn, task(FollowUpRole::Supervisor, sup)).await?;
            }
            None => counts.without_supervisor += 1,
        }
    }
    if counts.changed() {
        audit::record(
            &txn,
            actor,
            Change::<serde_json::Value> {
                agency_id: Some(agency_id),
                entity_type: "follow_up_tasks",
                entity_id: agency_id,
                action: "schedule",
                before: None,
                after: Some(&serde_json::json!({
                    "today": today,
                    "participant_tasks": counts.participant_tasks,
                    "supervisor_tasks": counts.supervisor_tasks,
                    "without_supervisor": counts.without_supervisor,
                    "reminders": counts.reminders,
                })),
            },
        )
        .await?;
    }
    txn.commit().await.dom()?;
    Ok(counts)
}

/// Inserts a task unless its enrolment already has one of that role (another server running
/// the scheduler at the same moment); returns how many were inserted.
async fn insert_task<C: ConnectionTrait>(
    db: &C,
    task: follow_up_tasks::ActiveModel,
) -> Result<u64, DomainError> {
    let res = follow_up_tasks::Entity::insert(task)
        .on_conflict_do_nothing_on([
            follow_up_tasks::Column::EnrolmentId,
            follow_up_tasks::Column::Role,
        ])
        .exec_without_returning(db)
        .await
        .dom()?;
    Ok(match res {
        TryInsertResult::Inserted(n) => n,
        _ => 0,
    })
}

// ---------------------------------------------------------------- level 3: the tasks

/// A follow-up task with what a reader needs to recognise it.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub task: follow_up_tasks::Model,
    pub programme_title: String,
    pub session: learning_sessions::Model,
    pub participant: employees::Model,
    pub respondent: employees::Model,
}

async fn attach<C: ConnectionTrait>(
    db: &C,
    tasks: Vec<follow_up_tasks::Model>,
) -> Result<Vec<FollowUp>, DomainError> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let sessions: HashMap<Uuid, learning_sessions::Model> = learning_sessions::Entity::find()
        .filter(any_of(
            backend,
            learning_sessions::Column::Id,
            tasks.iter().map(|t| t.session_id).collect::<Vec<_>>(),
        ))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let titles = programme_titles(db, tasks.iter().map(|t| t.programme_id).collect()).await?;
    let mut people_ids: Vec<Uuid> = tasks
        .iter()
        .flat_map(|t| [t.participant_id, t.respondent_id])
        .collect();
    people_ids.sort();
    people_ids.dedup();
    let people: HashMap<Uuid, employees::Model> = employees::Entity::find()
        .filter(any_of(backend, employees::Column::Id, people_ids))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        let (Some(session), Some(participant), Some(respondent)) = (
            sessions.get(&t.session_id).cloned(),
            people.get(&t.participant_id).cloned(),
            people.get(&t.respondent_id).cloned(),
        ) else {
            return Err(DomainError::Internal(format!(
                "follow-up {} refers to a missing row",
                t.id
            )));
        };
        out.push(FollowUp {
            programme_title: titles.get(&t.programme_id).cloned().unwrap_or_default(),
            session,
            participant,
            respondent,
            task: t,
        });
    }
    Ok(out)
}

/// The caller's follow-ups, as participant and as supervisor: open ones first (oldest due
/// first), then answered ones (latest due first).
pub async fn my_follow_ups<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
) -> Result<Vec<FollowUp>, DomainError> {
    let mut tasks = follow_up_tasks::Entity::find()
        .filter(follow_up_tasks::Column::RespondentId.eq(employee_id))
        .order_by_asc(follow_up_tasks::Column::DueOn)
        .order_by_asc(follow_up_tasks::Column::Id)
        .all(db)
        .await
        .dom()?;
    tasks.sort_by(|a, b| {
        let key = |t: &follow_up_tasks::Model| t.answered_at.is_some();
        key(a).cmp(&key(b)).then_with(|| {
            if key(a) {
                b.due_on.cmp(&a.due_on)
            } else {
                a.due_on.cmp(&b.due_on)
            }
        })
    });
    attach(db, tasks).await
}

/// Answers (or, within 7 days of the first answer, amends) a follow-up. Only its respondent
/// may: anyone else is told it does not exist. `now` dates the answer.
pub async fn answer_follow_up(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: Uuid,
    task_id: Uuid,
    answer: FollowUpAnswer,
    now: DateTime<Utc>,
) -> Result<FollowUp, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = follow_up_tasks::Entity::find_by_id(task_id)
        .filter(follow_up_tasks::Column::RespondentId.eq(employee_id))
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("follow-up"))?;
    if let Some(first) = before.answered_at {
        check_amendable(first, now)?;
    }
    let mut am = before.clone().into_active_model();
    am.usage = Set(Some(answer.usage.as_str().to_owned()));
    am.examples = Set(answer.examples);
    am.barriers = Set(answer.barriers);
    am.answered_at = Set(Some(before.answered_at.unwrap_or(now)));
    am.updated_at = Set(now);
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "follow_up_task",
            entity_id: after.id,
            action: if before.answered_at.is_some() {
                "amend"
            } else {
                "answer"
            },
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    let out = attach(&txn, vec![after]).await?.remove(0);
    txn.commit().await.dom()?;
    Ok(out)
}

/// Which follow-ups a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// Unanswered and at most 30 days past due.
    Open,
    /// Unanswered and more than 30 days past due.
    Overdue,
    Answered,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct FollowUpFilter {
    pub agency_id: Option<Uuid>,
    pub state: Option<TaskState>,
    pub session_id: Option<Uuid>,
}

/// Follow-ups within `scope`, by due date (oldest first), with their state on `today`.
pub async fn list_follow_ups<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    f: FollowUpFilter,
    today: NaiveDate,
    page: PageRequest,
) -> Result<Page<FollowUp>, DomainError> {
    let mut q = scoped(
        follow_up_tasks::Entity::find(),
        follow_up_tasks::Column::AgencyId,
        scope,
    );
    if let Some(a) = f.agency_id {
        q = q.filter(follow_up_tasks::Column::AgencyId.eq(a));
    }
    if let Some(s) = f.session_id {
        get_session(db, scope, s).await?;
        q = q.filter(follow_up_tasks::Column::SessionId.eq(s));
    }
    let overdue = overdue_before(today);
    q = match f.state {
        None => q,
        Some(TaskState::Answered) => q.filter(follow_up_tasks::Column::AnsweredAt.is_not_null()),
        Some(TaskState::Open) => q
            .filter(follow_up_tasks::Column::AnsweredAt.is_null())
            .filter(follow_up_tasks::Column::DueOn.gte(overdue)),
        Some(TaskState::Overdue) => q
            .filter(follow_up_tasks::Column::AnsweredAt.is_null())
            .filter(follow_up_tasks::Column::DueOn.lt(overdue)),
    };
    let page = fetch_page(
        db,
        q.order_by_asc(follow_up_tasks::Column::DueOn)
            .order_by_asc(follow_up_tasks::Column::Id),
        page,
    )
    .await?;
    let items = attach(db, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// The status of a task on `today`, as the domain has it.
pub fn status_of(t: &follow_up_tasks::Model, today: NaiveDate) -> FollowUpStatus {
    follow_up_status(t.due_on, today, t.answered_at.is_some())
}
