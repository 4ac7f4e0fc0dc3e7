//! Delivery: enrolment (with a waiting list), attendance, e-learning progress and tests,
//! completion with its certificate and JP credit, and recommendations.
//!
//! Completion is decided by [`pembina_domain::learning::programme::unmet`] and happens once: the
//! enrolment becomes `completed` with its completion date, a certificate code and one credit in
//! the JP ledger (unique per enrolment, so a repeated completion never credits twice).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::competency::plan::ActivityKind;
use pembina_domain::learning::certificate::code_from;
use pembina_domain::learning::jp::CentiJp;
use pembina_domain::learning::programme::{ProgrammeStatus, Progress, Unmet, unmet};
use pembina_domain::learning::quiz::{Score, TestKind};
use pembina_domain::learning::recommend::{Candidate, Recommendation, recommend};
use pembina_domain::learning::session::{
    Delivery, EnrolmentSource, EnrolmentStatus, admit, check_day, places_free, session_days,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::competency::employee_gap_report;
use super::jp::{self, Amount, CreditRequest, CreditSource};
use super::programmes::{ProgrammeDetail, get_programme_detail, get_session, quiz_of};
use super::{ids_in_agency, scoped, unknown_refs};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{
    agencies, attendance, employees, enrolments, learning_sessions, module_progress,
    programme_competencies, programme_modules, programme_positions, programme_tests,
    programme_units, programmes, test_attempts,
};

fn stored<T: std::str::FromStr>(s: &str) -> Result<T, DomainError> {
    s.parse()
        .map_err(|_| DomainError::Internal(format!("unexpected stored value {s}")))
}

/// The outcome of enrolling one employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolOutcome {
    /// Newly given a place or a waiting-list place.
    Added(EnrolmentStatus),
    /// Already in the session (with this status); nothing changed.
    Already(EnrolmentStatus),
}

async fn places_taken<C: ConnectionTrait>(db: &C, session_id: Uuid) -> Result<u64, DomainError> {
    enrolments::Entity::find()
        .filter(enrolments::Column::SessionId.eq(session_id))
        .filter(enrolments::Column::Status.is_in([
            EnrolmentStatus::Enrolled.as_str(),
            EnrolmentStatus::Completed.as_str(),
        ]))
        .count(db)
        .await
        .dom()
}

/// Enrols employees of the session's agency, in the order given: places first, then the
/// waiting list. A cancelled enrolment is reopened.
pub async fn enrol(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    session_id: Uuid,
    employee_ids: Vec<Uuid>,
    source: EnrolmentSource,
) -> Result<Vec<(Uuid, EnrolOutcome)>, DomainError> {
    let txn = db.begin().await.dom()?;
    let session = get_session(&txn, scope, session_id).await?.session;
    let programme = programmes::Entity::find_by_id(session.programme_id)
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("programme"))?;
    if programme.status != ProgrammeStatus::Published.as_str() {
        return Err(DomainError::conflict(
            "not_published",
            None,
            "enrolment opens once the programme is published",
        ));
    }
    let mut ids = Vec::with_capacity(employee_ids.len());
    for id in employee_ids {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() || ids.len() > 5000 {
        return Err(DomainError::field(
            "employee_ids",
            "out_of_range",
            "name 1 to 5000 employees",
        ));
    }
    let backend = txn.get_database_backend();
    let found = ids_in_agency::<employees::Entity, _>(
        &txn,
        employees::Column::Id,
        employees::Column::AgencyId,
        session.agency_id,
        &ids,
    )
    .await?;
    let errors = unknown_refs(
        &ids,
        &found,
        |i| format!("employee_ids[{i}]"),
        "no such employee in this agency",
    );
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let existing: HashMap<Uuid, enrolments::Model> = enrolments::Entity::find()
        .filter(enrolments::Column::SessionId.eq(session_id))
        .filter(any_of(backend, enrolments::Column::EmployeeId, ids.clone()))
        .all(&txn)
        .await
        .dom()?
        .into_iter()
        .map(|e| (e.employee_id, e))
        .collect();
    let mut taken = places_taken(&txn, session_id).await?;
    let now = Utc::now();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let status = admit(session.capacity, taken);
        match existing.get(&id) {
            Some(e) if e.status != EnrolmentStatus::Cancelled.as_str() => {
                out.push((id, EnrolOutcome::Already(stored(&e.status)?)));
                continue;
            }
            Some(e) => {
                let mut am = e.clone().into_active_model();
                am.status = Set(status.as_str().to_owned());
                am.source = Set(source.as_str().to_owned());
                am.created_at = Set(now);
                am.updated_at = Set(now);
                am.update(&txn).await.dom()?;
            }
            None => {
                enrolments::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(session.agency_id),
                    session_id: Set(session_id),
                    programme_id: Set(session.programme_id),
                    employee_id: Set(id),
                    status: Set(status.as_str().to_owned()),
                    source: Set(source.as_str().to_owned()),
                    completed_on: Set(None),
                    certificate_code: Set(None),
                    last_module_id: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(&txn)
                .await
                .dom()?;
            }
        }
        if status.holds_place() {
            taken += 1;
        }
        out.push((id, EnrolOutcome::Added(status)));
    }
    audit::record(
        &txn,
        actor,
        Change::<serde_json::Value> {
            agency_id: Some(session.agency_id),
            entity_type: "learning_session",
            entity_id: session_id,
            action: "enrol",
            before: None,
            after: Some(&serde_json::json!({
                "source": source.as_str(),
                "employee_ids": out.iter().filter(|(_, o)| matches!(o, EnrolOutcome::Added(_))).map(|(id, _)| id).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// Whether a programme is open to an employee's position and unit (an empty list is open).
async fn open_to<C: ConnectionTrait>(
    db: &C,
    programme_id: Uuid,
    employee: &employees::Model,
) -> Result<bool, DomainError> {
    let positions: Vec<Uuid> = programme_positions::Entity::find()
        .select_only()
        .column(programme_positions::Column::PositionId)
        .filter(programme_positions::Column::ProgrammeId.eq(programme_id))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let units: Vec<Uuid> = programme_units::Entity::find()
        .select_only()
        .column(programme_units::Column::OrgUnitId)
        .filter(programme_units::Column::ProgrammeId.eq(programme_id))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let position_ok =
        positions.is_empty() || employee.position_id.is_some_and(|p| positions.contains(&p));
    let unit_ok = units.is_empty() || units.contains(&employee.org_unit_id);
    Ok(position_ok && unit_ok)
}

/// An employee registers for a session that allows it and whose programme is open to them.
pub async fn self_register(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: Uuid,
    session_id: Uuid,
) -> Result<(Uuid, EnrolOutcome), DomainError> {
    let employee = employees::Entity::find_by_id(employee_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("employee"))?;
    let scope = Scope::Agency(employee.agency_id);
    let session = get_session(db, scope, session_id).await?.session;
    if !session.self_registration {
        return Err(DomainError::Forbidden(
            "this session takes no self-registration; ask your training admin".into(),
        ));
    }
    if !open_to(db, session.programme_id, &employee).await? {
        return Err(DomainError::Forbidden(
            "the programme is aimed at other positions or units".into(),
        ));
    }
    let out = enrol(
        db,
        actor,
        scope,
        session_id,
        vec![employee_id],
        EnrolmentSource::SelfRegistration,
    )
    .await?;
    Ok(out[0])
}

/// An enrolment within `scope`.
pub async fn get_enrolment<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<enrolments::Model, DomainError> {
    scoped(
        enrolments::Entity::find_by_id(id),
        enrolments::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("enrolment"))
}

/// An enrolment of `employee_id` (anyone else's is not found).
pub async fn own_enrolment<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    id: Uuid,
) -> Result<enrolments::Model, DomainError> {
    enrolments::Entity::find_by_id(id)
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("enrolment"))
}

/// Cancels an enrolment (not a completed one) and moves the waiting list up.
pub async fn cancel_enrolment(
    db: &DatabaseConnection,
    actor: &Actor,
    enrolment: enrolments::Model,
) -> Result<enrolments::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = enrolments::Entity::find_by_id(enrolment.id)
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("enrolment"))?;
    match before.status.as_str() {
        "completed" => {
            return Err(DomainError::conflict(
                "completed",
                None,
                "a completed enrolment cannot be cancelled",
            ));
        }
        "cancelled" => return Ok(before),
        _ => {}
    }
    let mut am = before.clone().into_active_model();
    am.status = Set(EnrolmentStatus::Cancelled.as_str().to_owned());
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    let session = learning_sessions::Entity::find_by_id(before.session_id)
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("session"))?;
    promote(&txn, &session).await?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "enrolment",
            entity_id: after.id,
            action: "cancel",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// Moves waiting-list enrolments into free places, first come first served.
pub(crate) async fn promote<C: ConnectionTrait>(
    db: &C,
    session: &learning_sessions::Model,
) -> Result<(), DomainError> {
    let waiting = enrolments::Entity::find()
        .filter(enrolments::Column::SessionId.eq(session.id))
        .filter(enrolments::Column::Status.eq(EnrolmentStatus::Waitlisted.as_str()))
        .order_by_asc(enrolments::Column::CreatedAt)
        .order_by_asc(enrolments::Column::Id)
        .all(db)
        .await
        .dom()?;
    let free = places_free(
        session.capacity,
        places_taken(db, session.id).await?,
        waiting.len() as u64,
    );
    for e in waiting.into_iter().take(free as usize) {
        let mut am = e.into_active_model();
        am.status = Set(EnrolmentStatus::Enrolled.as_str().to_owned());
        am.updated_at = Set(Utc::now());
        am.update(db).await.dom()?;
    }
    Ok(())
}

/// A participant of a session with what is known of their progress.
#[derive(Debug, Clone)]
pub struct Participant {
    pub enrolment: enrolments::Model,
    pub employee: employees::Model,
    pub days_present: u32,
    pub modules_done: u32,
    pub pre_test: Option<f64>,
    pub post_test: Option<(f64, bool)>,
    pub unmet: Vec<Unmet>,
}

/// Facts about many enrolments at once: attendance, modules done and best test scores.
struct Facts {
    present: HashMap<Uuid, u32>,
    modules_done: HashMap<Uuid, u32>,
    /// (enrolment, test) → best (percent, passed).
    best: HashMap<(Uuid, Uuid), (f64, bool)>,
}

async fn facts<C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> Result<Facts, DomainError> {
    let mut f = Facts {
        present: HashMap::new(),
        modules_done: HashMap::new(),
        best: HashMap::new(),
    };
    if ids.is_empty() {
        return Ok(f);
    }
    let backend = db.get_database_backend();
    let present: Vec<(Uuid, i64)> = attendance::Entity::find()
        .select_only()
        .column(attendance::Column::EnrolmentId)
        .column_as(Expr::col(attendance::Column::Day).count(), "n")
        .filter(any_of(
            backend,
            attendance::Column::EnrolmentId,
            ids.to_vec(),
        ))
        .filter(attendance::Column::Present.eq(true))
        .group_by(attendance::Column::EnrolmentId)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    f.present = present.into_iter().map(|(e, n)| (e, n as u32)).collect();
    let done: Vec<(Uuid, i64)> = module_progress::Entity::find()
        .select_only()
        .column(module_progress::Column::EnrolmentId)
        .column_as(Expr::col(module_progress::Column::ModuleId).count(), "n")
        .filter(any_of(
            backend,
            module_progress::Column::EnrolmentId,
            ids.to_vec(),
        ))
        .filter(module_progress::Column::CompletedAt.is_not_null())
        .group_by(module_progress::Column::EnrolmentId)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    f.modules_done = done.into_iter().map(|(e, n)| (e, n as u32)).collect();
    let attempts: Vec<(Uuid, Uuid, f64, bool)> = test_attempts::Entity::find()
        .select_only()
        .column(test_attempts::Column::EnrolmentId)
        .column(test_attempts::Column::TestId)
        .column(test_attempts::Column::Percent)
        .column(test_attempts::Column::Passed)
        .filter(any_of(
            backend,
            test_attempts::Column::EnrolmentId,
            ids.to_vec(),
        ))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    for (e, t, pct, passed) in attempts {
        let best = f.best.entry((e, t)).or_insert((pct, passed));
        if pct > best.0 || (passed && !best.1) {
            *best = (pct.max(best.0), passed || best.1);
        }
    }
    Ok(f)
}

struct ProgrammeShape {
    programme: programmes::Model,
    modules: Vec<Uuid>,
    pre_test: Option<Uuid>,
    post_test: Option<Uuid>,
}

async fn shape<C: ConnectionTrait>(
    db: &C,
    programme_id: Uuid,
) -> Result<ProgrammeShape, DomainError> {
    let programme = programmes::Entity::find_by_id(programme_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("programme"))?;
    let modules: Vec<Uuid> = programme_modules::Entity::find()
        .select_only()
        .column(programme_modules::Column::Id)
        .filter(programme_modules::Column::ProgrammeId.eq(programme_id))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let tests: Vec<(Uuid, String)> = programme_tests::Entity::find()
        .select_only()
        .column(programme_tests::Column::Id)
        .column(programme_tests::Column::Kind)
        .filter(programme_tests::Column::ProgrammeId.eq(programme_id))
        .filter(programme_tests::Column::ModuleId.is_null())
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let of = |k: TestKind| {
        tests
            .iter()
            .find(|(_, kind)| kind == k.as_str())
            .map(|t| t.0)
    };
    Ok(ProgrammeShape {
        pre_test: of(TestKind::Pre),
        post_test: of(TestKind::Post),
        programme,
        modules,
    })
}

fn progress_of(
    shape: &ProgrammeShape,
    session: &learning_sessions::Model,
    f: &Facts,
    enrolment_id: Uuid,
) -> Result<Progress, DomainError> {
    let delivery: Delivery = stored(&session.delivery)?;
    Ok(Progress {
        attendance: delivery.takes_attendance().then(|| {
            (
                f.present.get(&enrolment_id).copied().unwrap_or(0),
                session_days(delivery, session.start_date, session.end_date),
            )
        }),
        modules: (delivery == Delivery::ELearning).then(|| {
            (
                f.modules_done.get(&enrolment_id).copied().unwrap_or(0),
                shape.modules.len() as u32,
            )
        }),
        post_test: shape.post_test.map(|t| {
            f.best
                .get(&(enrolment_id, t))
                .is_some_and(|(_, passed)| *passed)
        }),
    })
}

fn unmet_of(shape: &ProgrammeShape, p: Progress) -> Vec<Unmet> {
    unmet(
        shape.programme.min_attendance_percent.clamp(0, 100) as u8,
        shape.programme.require_post_test,
        p,
    )
}

/// The participants of a session (not cancelled ones), by name.
pub async fn participants<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    session_id: Uuid,
) -> Result<Vec<Participant>, DomainError> {
    let session = get_session(db, scope, session_id).await?.session;
    let shape = shape(db, session.programme_id).await?;
    let enrolled = enrolments::Entity::find()
        .filter(enrolments::Column::SessionId.eq(session_id))
        .filter(enrolments::Column::Status.ne(EnrolmentStatus::Cancelled.as_str()))
        .all(db)
        .await
        .dom()?;
    let mut people: HashMap<Uuid, employees::Model> = if enrolled.is_empty() {
        HashMap::new()
    } else {
        employees::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                employees::Column::Id,
                enrolled.iter().map(|e| e.employee_id).collect::<Vec<_>>(),
            ))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|e| (e.id, e))
            .collect()
    };
    let mut rows: Vec<(enrolments::Model, Option<employees::Model>)> = enrolled
        .into_iter()
        .map(|e| {
            let p = people.remove(&e.employee_id);
            (e, p)
        })
        .collect();
    rows.sort_by(|(a, pa), (b, pb)| {
        let name = |p: &Option<employees::Model>| p.as_ref().map(|p| p.name.to_lowercase());
        name(pa).cmp(&name(pb)).then(a.id.cmp(&b.id))
    });
    let ids: Vec<Uuid> = rows.iter().map(|(e, _)| e.id).collect();
    let f = facts(db, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (e, emp) in rows {
        let Some(employee) = emp else { continue };
        let p = progress_of(&shape, &session, &f, e.id)?;
        out.push(Participant {
            days_present: f.present.get(&e.id).copied().unwrap_or(0),
            modules_done: f.modules_done.get(&e.id).copied().unwrap_or(0),
            pre_test: shape
                .pre_test
                .and_then(|t| f.best.get(&(e.id, t)))
                .map(|b| b.0),
            post_test: shape
                .post_test
                .and_then(|t| f.best.get(&(e.id, t)))
                .copied(),
            unmet: if e.status == EnrolmentStatus::Enrolled.as_str() {
                unmet_of(&shape, p)
            } else {
                Vec::new()
            },
            enrolment: e,
            employee,
        });
    }
    Ok(out)
}

/// Records attendance for one day: `present` and `absent` enrolments of the session.
pub async fn record_attendance(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    session_id: Uuid,
    day: NaiveDate,
    marks: Vec<(Uuid, bool)>,
) -> Result<u64, DomainError> {
    let txn = db.begin().await.dom()?;
    let session = get_session(&txn, scope, session_id).await?.session;
    let delivery: Delivery = stored(&session.delivery)?;
    if !delivery.takes_attendance() {
        return Err(DomainError::conflict(
            "no_attendance",
            None,
            "e-learning sessions take no attendance",
        ));
    }
    check_day(session.start_date, session.end_date, day)
        .map_err(|e| DomainError::Validation(vec![e]))?;
    let ids: Vec<Uuid> = marks.iter().map(|(id, _)| *id).collect();
    let known: HashSet<Uuid> = enrolments::Entity::find()
        .select_only()
        .column(enrolments::Column::Id)
        .filter(enrolments::Column::SessionId.eq(session_id))
        .filter(enrolments::Column::Status.is_in([
            EnrolmentStatus::Enrolled.as_str(),
            EnrolmentStatus::Completed.as_str(),
        ]))
        .into_tuple::<Uuid>()
        .all(&txn)
        .await
        .dom()?
        .into_iter()
        .collect();
    let errors = unknown_refs(
        &ids,
        &known,
        |i| format!("marks[{i}].enrolment_id"),
        "not a participant holding a place in this session",
    );
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let now = Utc::now();
    for (id, present) in &marks {
        attendance::Entity::delete_many()
            .filter(attendance::Column::EnrolmentId.eq(*id))
            .filter(attendance::Column::Day.eq(day))
            .exec(&txn)
            .await
            .dom()?;
        attendance::ActiveModel {
            enrolment_id: Set(*id),
            day: Set(day),
            present: Set(*present),
            recorded_by: Set(actor.user_id),
            recorded_at: Set(now),
        }
        .insert(&txn)
        .await
        .dom()?;
    }
    audit::record(
        &txn,
        actor,
        Change::<serde_json::Value> {
            agency_id: Some(session.agency_id),
            entity_type: "learning_session",
            entity_id: session_id,
            action: "attendance",
            before: None,
            after: Some(&serde_json::json!({
                "day": day,
                "present": marks.iter().filter(|m| m.1).count(),
                "absent": marks.iter().filter(|m| !m.1).count(),
            })),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(marks.len() as u64)
}

/// The attendance of a session: (enrolment, day, present).
pub async fn attendance_of<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    session_id: Uuid,
) -> Result<Vec<attendance::Model>, DomainError> {
    get_session(db, scope, session_id).await?;
    attendance::Entity::find()
        .filter(
            attendance::Column::EnrolmentId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(enrolments::Column::Id)
                    .from(enrolments::Entity)
                    .and_where(Expr::col(enrolments::Column::SessionId).eq(session_id))
                    .to_owned(),
            ),
        )
        .order_by_asc(attendance::Column::Day)
        .order_by_asc(attendance::Column::EnrolmentId)
        .all(db)
        .await
        .dom()
}

/// Completes `e` on `on` when nothing is unmet: certificate code and JP credit, once.
async fn complete_if_done(
    txn: &DatabaseTransaction,
    actor: &Actor,
    shape: &ProgrammeShape,
    session: &learning_sessions::Model,
    e: &enrolments::Model,
    on: NaiveDate,
) -> Result<Vec<Unmet>, DomainError> {
    if e.status != EnrolmentStatus::Enrolled.as_str() {
        return Ok(Vec::new());
    }
    let f = facts(txn, &[e.id]).await?;
    let missing = unmet_of(shape, progress_of(shape, session, &f, e.id)?);
    if !missing.is_empty() {
        return Ok(missing);
    }
    // A fresh code; the unique index guards the astronomically rare clash.
    let mut code = String::new();
    for _ in 0..5 {
        let bytes = *Uuid::new_v4().as_bytes();
        code = code_from([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]]);
        let clash = enrolments::Entity::find()
            .filter(enrolments::Column::CertificateCode.eq(code.as_str()))
            .count(txn)
            .await
            .dom()?;
        if clash == 0 {
            break;
        }
    }
    let mut am = e.clone().into_active_model();
    am.status = Set(EnrolmentStatus::Completed.as_str().to_owned());
    am.completed_on = Set(Some(on));
    am.certificate_code = Set(Some(code));
    am.updated_at = Set(Utc::now());
    let after = am.update(txn).await.dom()?;
    let kind: ActivityKind = stored(&shape.programme.activity_kind)?;
    jp::credit(
        txn,
        actor,
        CreditRequest {
            agency_id: e.agency_id,
            employee_id: e.employee_id,
            occurred_on: on,
            source: CreditSource::Session,
            source_ref: e.id.to_string(),
            title: format!("{} — {}", shape.programme.title, session.name)
                .chars()
                .take(200)
                .collect(),
            activity_kind: kind,
            provider: None,
            amount: Amount::Jp(CentiJp::from_jp(i64::from(shape.programme.jp))),
        },
    )
    .await?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(e.agency_id),
            entity_type: "enrolment",
            entity_id: e.id,
            action: "complete",
            before: Some(e),
            after: Some(&after),
        },
    )
    .await?;
    Ok(Vec::new())
}

/// Decides completion for every participant of a classroom or online session once it is over:
/// those meeting the rules complete on the session's last day. Returns each participant still
/// enrolled with what they lack.
pub async fn complete_session(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    session_id: Uuid,
    today: NaiveDate,
) -> Result<(u64, Vec<(Uuid, Vec<Unmet>)>), DomainError> {
    let txn = db.begin().await.dom()?;
    let session = get_session(&txn, scope, session_id).await?.session;
    let delivery: Delivery = stored(&session.delivery)?;
    let Some(end) = session.end_date.filter(|_| delivery.takes_attendance()) else {
        return Err(DomainError::conflict(
            "self_paced",
            None,
            "e-learning participants complete as they finish their modules",
        ));
    };
    if today < end {
        return Err(DomainError::conflict(
            "not_over",
            None,
            format!("the session runs until {end}"),
        ));
    }
    let shape = shape(&txn, session.programme_id).await?;
    let enrolled = enrolments::Entity::find()
        .filter(enrolments::Column::SessionId.eq(session_id))
        .filter(enrolments::Column::Status.eq(EnrolmentStatus::Enrolled.as_str()))
        .all(&txn)
        .await
        .dom()?;
    let mut completed = 0;
    let mut pending = Vec::new();
    for e in &enrolled {
        let missing = complete_if_done(&txn, actor, &shape, &session, e, end).await?;
        if missing.is_empty() {
            completed += 1;
        } else {
            pending.push((e.id, missing));
        }
    }
    txn.commit().await.dom()?;
    Ok((completed, pending))
}

// ---------------------------------------------------------------- the learner

/// One of an employee's enrolments, for "my learning".
#[derive(Debug, Clone)]
pub struct MyEnrolment {
    pub enrolment: enrolments::Model,
    pub session: learning_sessions::Model,
    pub programme: programmes::Model,
    pub modules_total: u32,
    pub modules_done: u32,
}

pub async fn my_enrolments<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
) -> Result<Vec<MyEnrolment>, DomainError> {
    let rows = enrolments::Entity::find()
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .filter(enrolments::Column::Status.ne(EnrolmentStatus::Cancelled.as_str()))
        .order_by_desc(enrolments::Column::CreatedAt)
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
            rows.iter().map(|r| r.session_id).collect::<Vec<_>>(),
        ))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let programme_ids: Vec<Uuid> = rows.iter().map(|r| r.programme_id).collect();
    let programmes: HashMap<Uuid, programmes::Model> = programmes::Entity::find()
        .filter(any_of(
            backend,
            programmes::Column::Id,
            programme_ids.clone(),
        ))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let module_counts: HashMap<Uuid, i64> = programme_modules::Entity::find()
        .select_only()
        .column(programme_modules::Column::ProgrammeId)
        .column_as(Expr::col(programme_modules::Column::Id).count(), "n")
        .filter(any_of(
            backend,
            programme_modules::Column::ProgrammeId,
            programme_ids,
        ))
        .group_by(programme_modules::Column::ProgrammeId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await
        .dom()?
        .into_iter()
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let f = facts(db, &ids).await?;
    let mut out = Vec::new();
    for e in rows {
        let (Some(session), Some(programme)) = (
            sessions.get(&e.session_id).cloned(),
            programmes.get(&e.programme_id).cloned(),
        ) else {
            continue;
        };
        out.push(MyEnrolment {
            modules_total: module_counts.get(&programme.id).copied().unwrap_or(0) as u32,
            modules_done: f.modules_done.get(&e.id).copied().unwrap_or(0),
            enrolment: e,
            session,
            programme,
        });
    }
    Ok(out)
}

/// Everything the module player needs for one enrolment.
#[derive(Debug, Clone)]
pub struct LearnerView {
    pub enrolment: enrolments::Model,
    pub session: learning_sessions::Model,
    pub detail: ProgrammeDetail,
    pub progress: Vec<module_progress::Model>,
    /// Best attempt per test: (percent, passed, attempts).
    pub best: HashMap<Uuid, (f64, bool, u32)>,
    pub unmet: Vec<Unmet>,
}

pub async fn learner_view<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    enrolment_id: Uuid,
) -> Result<LearnerView, DomainError> {
    let enrolment = own_enrolment(db, employee_id, enrolment_id).await?;
    let scope = Scope::Agency(enrolment.agency_id);
    let session = get_session(db, scope, enrolment.session_id).await?.session;
    let detail = get_programme_detail(db, scope, enrolment.programme_id).await?;
    let progress = module_progress::Entity::find()
        .filter(module_progress::Column::EnrolmentId.eq(enrolment_id))
        .all(db)
        .await
        .dom()?;
    let attempts = test_attempts::Entity::find()
        .filter(test_attempts::Column::EnrolmentId.eq(enrolment_id))
        .all(db)
        .await
        .dom()?;
    let mut best: HashMap<Uuid, (f64, bool, u32)> = HashMap::new();
    for a in attempts {
        let b = best.entry(a.test_id).or_insert((a.percent, a.passed, 0));
        b.0 = b.0.max(a.percent);
        b.1 |= a.passed;
        b.2 += 1;
    }
    let unmet = if enrolment.status == EnrolmentStatus::Enrolled.as_str() {
        let shape = shape(db, enrolment.programme_id).await?;
        let f = facts(db, &[enrolment.id]).await?;
        unmet_of(&shape, progress_of(&shape, &session, &f, enrolment.id)?)
    } else {
        Vec::new()
    };
    Ok(LearnerView {
        enrolment,
        session,
        detail,
        progress,
        best,
        unmet,
    })
}

/// Only places held (enrolled or completed) give access to the content.
fn require_place(e: &enrolments::Model) -> Result<(), DomainError> {
    if e.status == EnrolmentStatus::Enrolled.as_str()
        || e.status == EnrolmentStatus::Completed.as_str()
    {
        Ok(())
    } else {
        Err(DomainError::Forbidden(
            "the content opens once you hold a place in the session".into(),
        ))
    }
}

async fn module_of_enrolment<C: ConnectionTrait>(
    db: &C,
    e: &enrolments::Model,
    module_id: Uuid,
) -> Result<programme_modules::Model, DomainError> {
    programme_modules::Entity::find_by_id(module_id)
        .filter(programme_modules::Column::ProgrammeId.eq(e.programme_id))
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("module"))
}

/// Opens a module or saves where the learner is in it (resume point).
pub async fn save_position(
    db: &DatabaseConnection,
    employee_id: Uuid,
    enrolment_id: Uuid,
    module_id: Uuid,
    position: Option<String>,
) -> Result<module_progress::Model, DomainError> {
    if position.as_ref().is_some_and(|p| p.len() > 2000) {
        return Err(DomainError::field(
            "position",
            "too_long",
            "must be at most 2000 characters",
        ));
    }
    let txn = db.begin().await.dom()?;
    let e = own_enrolment(&txn, employee_id, enrolment_id).await?;
    require_place(&e)?;
    module_of_enrolment(&txn, &e, module_id).await?;
    let now = Utc::now();
    let existing = module_progress::Entity::find_by_id((enrolment_id, module_id))
        .one(&txn)
        .await
        .dom()?;
    let out = match existing {
        Some(p) => {
            let mut am = p.into_active_model();
            if position.is_some() {
                am.position = Set(position);
            }
            am.updated_at = Set(now);
            am.update(&txn).await.dom()?
        }
        None => module_progress::ActiveModel {
            enrolment_id: Set(enrolment_id),
            module_id: Set(module_id),
            position: Set(position),
            started_at: Set(now),
            updated_at: Set(now),
            completed_at: Set(None),
        }
        .insert(&txn)
        .await
        .dom()?,
    };
    let mut am = e.into_active_model();
    am.last_module_id = Set(Some(module_id));
    am.update(&txn).await.dom()?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// Marks a module done (its quiz, if any, must be passed), then completes the enrolment when
/// nothing else is missing. Marking a done module again changes nothing.
pub async fn complete_module(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: Uuid,
    enrolment_id: Uuid,
    module_id: Uuid,
    today: NaiveDate,
) -> Result<enrolments::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let e = own_enrolment(&txn, employee_id, enrolment_id).await?;
    require_place(&e)?;
    module_of_enrolment(&txn, &e, module_id).await?;
    let quiz = programme_tests::Entity::find()
        .filter(programme_tests::Column::ModuleId.eq(module_id))
        .one(&txn)
        .await
        .dom()?;
    if let Some(q) = quiz {
        let passed = test_attempts::Entity::find()
            .filter(test_attempts::Column::EnrolmentId.eq(enrolment_id))
            .filter(test_attempts::Column::TestId.eq(q.id))
            .filter(test_attempts::Column::Passed.eq(true))
            .count(&txn)
            .await
            .dom()?;
        if passed == 0 {
            return Err(DomainError::conflict(
                "quiz_not_passed",
                None,
                "pass the module's quiz first",
            ));
        }
    }
    let now = Utc::now();
    match module_progress::Entity::find_by_id((enrolment_id, module_id))
        .one(&txn)
        .await
        .dom()?
    {
        Some(p) if p.completed_at.is_some() => {}
        Some(p) => {
            let mut am = p.into_active_model();
            am.completed_at = Set(Some(now));
            am.updated_at = Set(now);
            am.update(&txn).await.dom()?;
        }
        None => {
            module_progress::ActiveModel {
                enrolment_id: Set(enrolment_id),
                module_id: Set(module_id),
                position: Set(None),
                started_at: Set(now),
                updated_at: Set(now),
                completed_at: Set(Some(now)),
            }
            .insert(&txn)
            .await
            .dom()?;
        }
    }
    let out = finish_if_self_paced(&txn, actor, e, today).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// E-learning completes by itself, on the day the last requirement is met.
async fn finish_if_self_paced(
    txn: &DatabaseTransaction,
    actor: &Actor,
    e: enrolments::Model,
    today: NaiveDate,
) -> Result<enrolments::Model, DomainError> {
    let session = learning_sessions::Entity::find_by_id(e.session_id)
        .one(txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("session"))?;
    if session.delivery != Delivery::ELearning.as_str() {
        return Ok(e);
    }
    let shape = shape(txn, e.programme_id).await?;
    complete_if_done(txn, actor, &shape, &session, &e, today).await?;
    enrolments::Entity::find_by_id(e.id)
        .one(txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("enrolment"))
}

/// Scores an attempt at a test of the enrolment's programme (a pre-test only before any
/// post-test attempt, so the two measure before and after).
pub async fn submit_attempt(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: Uuid,
    enrolment_id: Uuid,
    test_id: Uuid,
    answers: Vec<Vec<u8>>,
    today: NaiveDate,
) -> Result<(test_attempts::Model, Score, enrolments::Model), DomainError> {
    let txn = db.begin().await.dom()?;
    let e = own_enrolment(&txn, employee_id, enrolment_id).await?;
    require_place(&e)?;
    let test = programme_tests::Entity::find_by_id(test_id)
        .filter(programme_tests::Column::ProgrammeId.eq(e.programme_id))
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("test"))?;
    if test.kind == TestKind::Pre.as_str() {
        let prior = test_attempts::Entity::find()
            .filter(test_attempts::Column::EnrolmentId.eq(enrolment_id))
            .filter(test_attempts::Column::TestId.eq(test_id))
            .count(&txn)
            .await
            .dom()?;
        if prior > 0 {
            return Err(DomainError::conflict(
                "already_taken",
                None,
                "the pre-test is taken once",
            ));
        }
    }
    let score = quiz_of(&test)?.score(&answers)?;
    let attempt = test_attempts::ActiveModel {
        id: Set(Uuid::now_v7()),
        enrolment_id: Set(enrolment_id),
        test_id: Set(test_id),
        answers: Set(serde_json::to_string(&answers).unwrap_or_else(|_| "[]".into())),
        right_answers: Set(score.right as i32),
        total_questions: Set(score.total as i32),
        percent: Set(score.percent),
        passed: Set(score.passed),
        submitted_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .dom()?;
    let e = finish_if_self_paced(&txn, actor, e, today).await?;
    txn.commit().await.dom()?;
    Ok((attempt, score, e))
}

// ---------------------------------------------------------------- certificates

/// What a certificate states.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub code: String,
    pub enrolment_id: Uuid,
    pub employee_name: String,
    pub nip: String,
    pub agency_name: String,
    pub programme_title: String,
    pub session_name: String,
    pub start_date: Option<NaiveDate>,
    pub completed_on: NaiveDate,
    pub jp: i32,
    pub issued_at: chrono::DateTime<Utc>,
}

async fn certificate_of<C: ConnectionTrait>(
    db: &C,
    e: enrolments::Model,
) -> Result<Certificate, DomainError> {
    let (Some(code), Some(completed_on)) = (e.certificate_code.clone(), e.completed_on) else {
        return Err(DomainError::NotFound("certificate"));
    };
    let employee = employees::Entity::find_by_id(e.employee_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("certificate"))?;
    let agency = agencies::Entity::find_by_id(e.agency_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("certificate"))?;
    let session = learning_sessions::Entity::find_by_id(e.session_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("certificate"))?;
    let programme = programmes::Entity::find_by_id(e.programme_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("certificate"))?;
    let full_name = [employee.title_prefix.clone(), Some(employee.name.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let full_name = match &employee.title_suffix {
        Some(s) if !s.is_empty() => format!("{full_name}, {s}"),
        _ => full_name,
    };
    Ok(Certificate {
        code,
        enrolment_id: e.id,
        employee_name: full_name,
        nip: employee.nip,
        agency_name: agency.name,
        programme_title: programme.title,
        session_name: session.name,
        start_date: session.start_date,
        completed_on,
        jp: programme.jp,
        issued_at: e.updated_at,
    })
}

/// The certificate of an enrolment within `scope` (admins) or of the caller (`employee_id`).
pub async fn certificate_of_enrolment<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    employee_id: Option<Uuid>,
    enrolment_id: Uuid,
) -> Result<Certificate, DomainError> {
    let e = match employee_id {
        Some(me) => own_enrolment(db, me, enrolment_id).await?,
        None => get_enrolment(db, scope, enrolment_id).await?,
    };
    certificate_of(db, e).await
}

/// The certificate with this (canonical) code, for the public verification page.
pub async fn certificate_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Certificate, DomainError> {
    let e = enrolments::Entity::find()
        .filter(enrolments::Column::CertificateCode.eq(code))
        .filter(enrolments::Column::Status.eq(EnrolmentStatus::Completed.as_str()))
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("certificate"))?;
    certificate_of(db, e).await
}

// ---------------------------------------------------------------- recommendations

/// Published programmes of the employee's agency that close their largest gaps.
pub async fn recommendations<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    employee_id: Uuid,
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<(Recommendation, programmes::Model)>, DomainError> {
    let report = employee_gap_report(db, scope, employee_id, today).await?;
    let employee = report.employee;
    let programmes: Vec<programmes::Model> = programmes::Entity::find()
        .filter(programmes::Column::AgencyId.eq(employee.agency_id))
        .filter(programmes::Column::Status.eq(ProgrammeStatus::Published.as_str()))
        .all(db)
        .await
        .dom()?;
    if programmes.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let ids: Vec<Uuid> = programmes.iter().map(|p| p.id).collect();
    let mut targets: HashMap<Uuid, Vec<pembina_domain::learning::programme::CompetencyTarget>> =
        HashMap::new();
    for c in programme_competencies::Entity::find()
        .filter(any_of(
            backend,
            programme_competencies::Column::ProgrammeId,
            ids.clone(),
        ))
        .all(db)
        .await
        .dom()?
    {
        targets.entry(c.programme_id).or_default().push(
            pembina_domain::learning::programme::CompetencyTarget {
                competency_id: c.competency_id,
                level: c.level.clamp(1, 5) as u8,
            },
        );
    }
    let positions: Vec<(Uuid, Uuid)> = programme_positions::Entity::find()
        .select_only()
        .column(programme_positions::Column::ProgrammeId)
        .column(programme_positions::Column::PositionId)
        .filter(any_of(
            backend,
            programme_positions::Column::ProgrammeId,
            ids.clone(),
        ))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let units: Vec<(Uuid, Uuid)> = programme_units::Entity::find()
        .select_only()
        .column(programme_units::Column::ProgrammeId)
        .column(programme_units::Column::OrgUnitId)
        .filter(any_of(backend, programme_units::Column::ProgrammeId, ids))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let taken: HashSet<Uuid> = enrolments::Entity::find()
        .select_only()
        .column(enrolments::Column::ProgrammeId)
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .filter(enrolments::Column::Status.ne(EnrolmentStatus::Cancelled.as_str()))
        .into_tuple::<Uuid>()
        .all(db)
        .await
        .dom()?
        .into_iter()
        .collect();
    let candidates: Vec<Candidate> = programmes
        .iter()
        .map(|p| {
            let pos: Vec<Uuid> = positions
                .iter()
                .filter(|(pid, _)| *pid == p.id)
                .map(|(_, x)| *x)
                .collect();
            let un: Vec<Uuid> = units
                .iter()
                .filter(|(pid, _)| *pid == p.id)
                .map(|(_, x)| *x)
                .collect();
            Candidate {
                programme_id: p.id,
                title: p.title.clone(),
                targets: targets.remove(&p.id).unwrap_or_default(),
                open_to_employee: (pos.is_empty()
                    || employee.position_id.is_some_and(|x| pos.contains(&x)))
                    && (un.is_empty() || un.contains(&employee.org_unit_id)),
                taken: taken.contains(&p.id),
            }
        })
        .collect();
    let by_id: HashMap<Uuid, programmes::Model> =
        programmes.into_iter().map(|p| (p.id, p)).collect();
    Ok(recommend(&report.gap.items, &candidates, limit)
        .into_iter()
        .filter_map(|r| by_id.get(&r.programme_id).cloned().map(|p| (r, p)))
        .collect())
}

/// Whether an employee holds a place (enrolled or completed) in any session of a programme.
pub async fn holds_place_in<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    programme_id: Uuid,
) -> Result<bool, DomainError> {
    Ok(enrolments::Entity::find()
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .filter(enrolments::Column::ProgrammeId.eq(programme_id))
        .filter(enrolments::Column::Status.is_in([
            EnrolmentStatus::Enrolled.as_str(),
            EnrolmentStatus::Completed.as_str(),
        ]))
        .count(db)
        .await
        .dom()?
        > 0)
}

/// Sessions an employee may register for: self-registration on, programme published and open
/// to them, not over by `today`, and not already joined.
pub async fn open_sessions_for<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<super::programmes::Session>, DomainError> {
    let employee = employees::Entity::find_by_id(employee_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("employee"))?;
    let sessions = learning_sessions::Entity::find()
        .filter(learning_sessions::Column::AgencyId.eq(employee.agency_id))
        .filter(learning_sessions::Column::SelfRegistration.eq(true))
        .filter(
            learning_sessions::Column::EndDate
                .gte(today)
                .or(learning_sessions::Column::EndDate.is_null()),
        )
        .filter(
            learning_sessions::Column::ProgrammeId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(programmes::Column::Id)
                    .from(programmes::Entity)
                    .and_where(
                        Expr::col(programmes::Column::Status)
                            .eq(ProgrammeStatus::Published.as_str()),
                    )
                    .to_owned(),
            ),
        )
        .filter(
            learning_sessions::Column::Id.not_in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(enrolments::Column::SessionId)
                    .from(enrolments::Entity)
                    .and_where(Expr::col(enrolments::Column::EmployeeId).eq(employee_id))
                    .and_where(
                        Expr::col(enrolments::Column::Status)
                            .ne(EnrolmentStatus::Cancelled.as_str()),
                    )
                    .to_owned(),
            ),
        )
        .order_by_asc(learning_sessions::Column::StartDate)
        .limit(200)
        .all(db)
        .await
        .dom()?;
    let mut open = Vec::new();
    for s in sessions {
        if open_to(db, s.programme_id, &employee).await? {
            open.push(s);
        }
    }
    let scope = Scope::Agency(employee.agency_id);
    let mut out = Vec::with_capacity(open.len());
    for s in open {
        out.push(get_session(db, scope, s.id).await?);
    }
    Ok(out)
}
