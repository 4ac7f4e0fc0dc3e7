//! The yearly performance plan (SKP): plans, work results, BerAKHLAK expectations, quarterly
//! realisations with evidence files, feedback, quarterly evaluations, the plan's history and
//! the data of its printed document.
//!
//! Who may do what is decided by the caller's closure (`authorise`), which runs inside the
//! transaction on the plan as stored, so a check and the write it allows see the same state.
//!
//! Every write records an audit event in its transaction. Changes to the plan itself and to
//! lists replaced as a whole (results, behaviour expectations) are filed under the plan
//! (`skp_plan`, the plan's id); rows with an identity of their own under theirs
//! (`skp_realisation`, `skp_feedback`, `skp_evidence`, `skp_periodic_rating`). None of those
//! rows is ever removed (a deleted evidence file keeps its row, marked `deleted_at`), so
//! [`history`] finds a plan's whole trail by the ids of the plan and of its rows.

use std::collections::HashMap;

use chrono::Utc;
use pembina_domain::DomainError;
use pembina_domain::FieldError;
use pembina_domain::accounts::Scope;
use pembina_domain::appraisal::behaviour::Expectation;
use pembina_domain::appraisal::periodic::NewPeriodicRating;
use pembina_domain::appraisal::plan::{MAX_EVIDENCE_FILES, NewRealisation, NewResult};
use pembina_domain::appraisal::predikat::{Rating, predikat};
use pembina_domain::appraisal::workflow::{self, Actor as PlanActor, PlanState, Step};
use pembina_domain::org::{FunctionalLevel, PositionKind};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use super::scoped;
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{
    agencies, audit_events, employees, org_units, positions, skp_behaviours, skp_evidence,
    skp_feedback, skp_periodic_ratings, skp_plans, skp_realisations, skp_results, users,
};

/// A quarter's realisation with its evidence files (oldest first, deleted ones left out).
#[derive(Debug, Clone)]
pub struct RealisationDetail {
    pub realisation: skp_realisations::Model,
    pub evidence: Vec<skp_evidence::Model>,
}

/// A work result with its realisations (by quarter) and the feedback on it (oldest first).
#[derive(Debug, Clone)]
pub struct ResultDetail {
    pub result: skp_results::Model,
    pub realisations: Vec<RealisationDetail>,
    pub feedback: Vec<skp_feedback::Model>,
}

/// A plan with everything written in it.
#[derive(Debug, Clone)]
pub struct PlanDetail {
    pub plan: skp_plans::Model,
    pub results: Vec<ResultDetail>,
    /// Feedback on the plan as a whole.
    pub feedback: Vec<skp_feedback::Model>,
    /// The specific expectations written, in no particular order (values without one have no
    /// row).
    pub behaviours: Vec<skp_behaviours::Model>,
    /// Quarterly evaluations, by quarter.
    pub periodic: Vec<skp_periodic_ratings::Model>,
    /// The level of the employee's current position when it is a functional one (for the
    /// credit of a rated year).
    pub functional_level: Option<FunctionalLevel>,
    /// The names of the employee and of the rater, as recorded now.
    pub employee_name: String,
    pub rater_name: String,
    /// The results of the rater's own plan of the same year: what this plan's results may
    /// support (empty while the rater has no plan).
    pub rater_results: Vec<skp_results::Model>,
}

/// One plan, if visible in `scope`.
pub async fn get_plan<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<skp_plans::Model, DomainError> {
    scoped(
        skp_plans::Entity::find_by_id(id),
        skp_plans::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("skp plan"))
}

/// An employee's plan of a year, if any.
pub async fn plan_of<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    year: i32,
) -> Result<Option<skp_plans::Model>, DomainError> {
    skp_plans::Entity::find()
        .filter(skp_plans::Column::EmployeeId.eq(employee_id))
        .filter(skp_plans::Column::Year.eq(year))
        .one(db)
        .await
        .dom()
}

async fn results_of<C: ConnectionTrait>(
    db: &C,
    plan_id: Uuid,
) -> Result<Vec<skp_results::Model>, DomainError> {
    skp_results::Entity::find()
        .filter(skp_results::Column::PlanId.eq(plan_id))
        .order_by_asc(skp_results::Column::Seq)
        .order_by_asc(skp_results::Column::Id)
        .all(db)
        .await
        .dom()
}

/// The functional level of `employee_id`'s current position, if it is a functional post.
async fn functional_level_of<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
) -> Result<Option<FunctionalLevel>, DomainError> {
    let Some(position_id) = employees::Entity::find_by_id(employee_id)
        .one(db)
        .await
        .dom()?
        .and_then(|e| e.position_id)
    else {
        return Ok(None);
    };
    let position = positions::Entity::find_by_id(position_id)
        .one(db)
        .await
        .dom()?;
    Ok(position
        .filter(|p| p.kind == PositionKind::Fungsional.as_str())
        .and_then(|p| p.functional_level)
        .and_then(|l| l.parse().ok()))
}

/// Everything written in `plan`: a fixed number of queries whatever its size.
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    plan: skp_plans::Model,
) -> Result<PlanDetail, DomainError> {
    let backend = db.get_database_backend();
    let results = results_of(db, plan.id).await?;
    let ids: Vec<Uuid> = results.iter().map(|r| r.id).collect();
    let mut evidence: HashMap<Uuid, Vec<skp_evidence::Model>> = HashMap::new();
    for e in skp_evidence::Entity::find()
        .filter(skp_evidence::Column::PlanId.eq(plan.id))
        .filter(skp_evidence::Column::DeletedAt.is_null())
        .order_by_asc(skp_evidence::Column::CreatedAt)
        .order_by_asc(skp_evidence::Column::Id)
        .all(db)
        .await
        .dom()?
    {
        evidence.entry(e.realisation_id).or_default().push(e);
    }
    let mut realisations: HashMap<Uuid, Vec<RealisationDetail>> = HashMap::new();
    if !ids.is_empty() {
        for r in skp_realisations::Entity::find()
            .filter(any_of(backend, skp_realisations::Column::ResultId, ids))
            .order_by_asc(skp_realisations::Column::Quarter)
            .all(db)
            .await
            .dom()?
        {
            realisations
                .entry(r.result_id)
                .or_default()
                .push(RealisationDetail {
                    evidence: evidence.remove(&r.id).unwrap_or_default(),
                    realisation: r,
                });
        }
    }
    let mut by_result: HashMap<Uuid, Vec<skp_feedback::Model>> = HashMap::new();
    let mut feedback = Vec::new();
    for f in skp_feedback::Entity::find()
        .filter(skp_feedback::Column::PlanId.eq(plan.id))
        .order_by_asc(skp_feedback::Column::CreatedAt)
        .order_by_asc(skp_feedback::Column::Id)
        .all(db)
        .await
        .dom()?
    {
        match f.result_id {
            Some(r) => by_result.entry(r).or_default().push(f),
            None => feedback.push(f),
        }
    }
    let behaviours = skp_behaviours::Entity::find()
        .filter(skp_behaviours::Column::PlanId.eq(plan.id))
        .all(db)
        .await
        .dom()?;
    let periodic = skp_periodic_ratings::Entity::find()
        .filter(skp_periodic_ratings::Column::PlanId.eq(plan.id))
        .order_by_asc(skp_periodic_ratings::Column::Quarter)
        .all(db)
        .await
        .dom()?;
    let functional_level = functional_level_of(db, plan.employee_id).await?;
    let names: HashMap<Uuid, String> = employees::Entity::find()
        .filter(employees::Column::Id.is_in([plan.employee_id, plan.rater_employee_id]))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
    let rater_results = match plan_of(db, plan.rater_employee_id, plan.year).await? {
        Some(rp) => results_of(db, rp.id).await?,
        None => Vec::new(),
    };
    Ok(PlanDetail {
        employee_name: name(plan.employee_id),
        rater_name: name(plan.rater_employee_id),
        rater_results,
        results: results
            .into_iter()
            .map(|r| ResultDetail {
                realisations: realisations.remove(&r.id).unwrap_or_default(),
                feedback: by_result.remove(&r.id).unwrap_or_default(),
                result: r,
            })
            .collect(),
        plan,
        feedback,
        behaviours,
        periodic,
        functional_level,
    })
}

/// Creates `employee_id`'s plan for `year`, rated by their current direct supervisor.
pub async fn create_plan(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: Uuid,
    year: i32,
) -> Result<skp_plans::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let employee = employees::Entity::find_by_id(employee_id)
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("employee"))?;
    let rater = employee.supervisor_id.ok_or_else(|| {
        DomainError::conflict(
            "no_supervisor",
            None,
            "your employee record names no direct supervisor to rate the plan; ask an administrator to set it",
        )
    })?;
    if plan_of(&txn, employee_id, year).await?.is_some() {
        return Err(DomainError::conflict(
            "duplicate",
            Some("year"),
            format!("you already have a plan for {year}"),
        ));
    }
    let now = Utc::now();
    let m = skp_plans::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(employee.agency_id),
        employee_id: Set(employee_id),
        rater_employee_id: Set(rater),
        year: Set(year),
        state: Set(PlanState::Draft.as_str().to_owned()),
        results_rating: Set(None),
        behaviour_rating: Set(None),
        predikat: Set(None),
        evaluated_at: Set(None),
        finalised_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "skp_plan",
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

/// Replaces the plan's results. Each `supports_result_id` must be a result of the rater's plan
/// of the same year. A result that a report's result supports cannot be removed (409
/// `result_supported`); feedback on a removed result stays, as feedback on the plan.
pub async fn replace_results(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    plan_id: Uuid,
    results: Vec<NewResult>,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<(), DomainError>,
) -> Result<PlanDetail, DomainError> {
    let txn = db.begin().await.dom()?;
    let plan = get_plan(&txn, scope, plan_id).await?;
    authorise(&plan)?;
    let backend = txn.get_database_backend();
    // The results of the rater's plan of the same year are the only ones to support.
    let supportable: Vec<Uuid> = match plan_of(&txn, plan.rater_employee_id, plan.year).await? {
        Some(p) => results_of(&txn, p.id).await?.iter().map(|r| r.id).collect(),
        None => Vec::new(),
    };
    let errors: Vec<FieldError> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.supports_result_id
                .is_some_and(|s| !supportable.contains(&s))
        })
        .map(|(i, _)| {
            FieldError::new(
                format!("results[{i}].supports_result_id"),
                "unknown_reference",
                "no such result in the rater's plan of this year",
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let before = results_of(&txn, plan_id).await?;
    let old: Vec<Uuid> = before.iter().map(|r| r.id).collect();
    if !old.is_empty() {
        let supported = skp_results::Entity::find()
            .filter(any_of(
                backend,
                skp_results::Column::SupportsResultId,
                old.clone(),
            ))
            .one(&txn)
            .await
            .dom()?;
        if supported.is_some() {
            return Err(DomainError::conflict(
                "result_supported",
                Some("results"),
                "a result of this plan is supported by a report's plan; it cannot be replaced",
            ));
        }
        skp_feedback::Entity::update_many()
            .col_expr(skp_feedback::Column::ResultId, Expr::value(None::<Uuid>))
            .filter(any_of(backend, skp_feedback::Column::ResultId, old.clone()))
            .exec(&txn)
            .await
            .dom()?;
        skp_realisations::Entity::delete_many()
            .filter(any_of(
                backend,
                skp_realisations::Column::ResultId,
                old.clone(),
            ))
            .exec(&txn)
            .await
            .dom()?;
        skp_results::Entity::delete_many()
            .filter(skp_results::Column::PlanId.eq(plan_id))
            .exec(&txn)
            .await
            .dom()?;
    }
    let mut after = Vec::with_capacity(results.len());
    for (i, r) in results.into_iter().enumerate() {
        let m = skp_results::ActiveModel {
            id: Set(Uuid::now_v7()),
            plan_id: Set(plan_id),
            section: Set(r.section.as_str().to_owned()),
            seq: Set(i as i32 + 1),
            description: Set(r.description),
            supports_result_id: Set(r.supports_result_id),
            indicator: Set(r.indicator),
            target: Set(r.target),
            approach: Set(r.approach.as_str().to_owned()),
        }
        .insert(&txn)
        .await
        .dom()?;
        after.push(m);
    }
    let mut am = plan.clone().into_active_model();
    am.updated_at = Set(Utc::now());
    let plan = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_plan",
            entity_id: plan_id,
            action: "replace_results",
            before: Some(&json!({ "results": before })),
            after: Some(&json!({ "results": after })),
        },
    )
    .await?;
    let out = detail(&txn, plan).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

/// Takes a workflow step. `authorise` names the caller's role on the stored plan (or refuses);
/// `ratings` are stored, with the predikat, when the step evaluates.
pub async fn take_step(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    plan_id: Uuid,
    step: Step,
    ratings: Option<(Rating, Rating)>,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<PlanActor, DomainError>,
) -> Result<skp_plans::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_plan(&txn, scope, plan_id).await?;
    let who = authorise(&before)?;
    let state: PlanState = before
        .state
        .parse()
        .map_err(|_| DomainError::Internal(format!("unknown plan state {:?}", before.state)))?;
    let to = workflow::next(state, step, who)?;
    let now = Utc::now();
    let mut am = before.clone().into_active_model();
    am.state = Set(to.as_str().to_owned());
    am.updated_at = Set(now);
    match step {
        Step::Evaluate => {
            let (r, b) = ratings.ok_or_else(|| {
                DomainError::field("results_rating", "required", "is required to evaluate")
            })?;
            am.results_rating = Set(Some(r.as_str().to_owned()));
            am.behaviour_rating = Set(Some(b.as_str().to_owned()));
            am.predikat = Set(Some(predikat(r, b).as_str().to_owned()));
            am.evaluated_at = Set(Some(now));
        }
        Step::ReturnEvaluation => {
            am.results_rating = Set(None);
            am.behaviour_rating = Set(None);
            am.predikat = Set(None);
            am.evaluated_at = Set(None);
        }
        Step::Finalise => am.finalised_at = Set(Some(now)),
        Step::Agree | Step::Reopen | Step::Start => {}
    }
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "skp_plan",
            entity_id: plan_id,
            action: step.as_str(),
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    // The closed year enters the appraisal history (distribution, credit, training outcomes).
    if to == PlanState::Final {
        super::appraisal::record_final_plan(&txn, actor, &after).await?;
    }
    txn.commit().await.dom()?;
    Ok(after)
}

/// Records (or replaces) a result's realisation of one quarter. An agreed plan starts (moves to
/// in progress) with its first realisation. Returns the plan as it then stands.
pub async fn record_realisation(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    result_id: Uuid,
    quarter: i16,
    r: NewRealisation,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<PlanActor, DomainError>,
) -> Result<skp_plans::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let result = skp_results::Entity::find_by_id(result_id)
        .one(&txn)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("skp result"))?;
    let plan = get_plan(&txn, scope, result.plan_id)
        .await
        .map_err(|_| DomainError::NotFound("skp result"))?;
    let who = authorise(&plan)?;
    let now = Utc::now();
    let existing = skp_realisations::Entity::find()
        .filter(skp_realisations::Column::ResultId.eq(result_id))
        .filter(skp_realisations::Column::Quarter.eq(quarter))
        .one(&txn)
        .await
        .dom()?;
    let (before, after) = match existing {
        Some(e) => {
            let mut am = e.clone().into_active_model();
            am.realisation = Set(r.realisation);
            am.evidence_url = Set(r.evidence_url);
            am.recorded_at = Set(now);
            (Some(e), am.update(&txn).await.dom()?)
        }
        None => (
            None,
            skp_realisations::ActiveModel {
                id: Set(Uuid::now_v7()),
                result_id: Set(result_id),
                quarter: Set(quarter),
                realisation: Set(r.realisation),
                evidence_url: Set(r.evidence_url),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await
            .dom()?,
        ),
    };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_realisation",
            entity_id: after.id,
            action: if before.is_some() { "update" } else { "create" },
            before: before.as_ref(),
            after: Some(&after),
        },
    )
    .await?;
    let plan = if plan.state == PlanState::Agreed.as_str() {
        let to = workflow::next(PlanState::Agreed, Step::Start, who)?;
        let mut am = plan.clone().into_active_model();
        am.state = Set(to.as_str().to_owned());
        am.updated_at = Set(now);
        let started = am.update(&txn).await.dom()?;
        audit::record(
            &txn,
            actor,
            Change {
                agency_id: Some(plan.agency_id),
                entity_type: "skp_plan",
                entity_id: plan.id,
                action: Step::Start.as_str(),
                before: Some(&plan),
                after: Some(&started),
            },
        )
        .await?;
        started
    } else {
        plan
    };
    txn.commit().await.dom()?;
    Ok(plan)
}

/// Feedback to add.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    /// The rater's employee id.
    pub author: Uuid,
    /// A result of the plan, or `None` for the plan as a whole.
    pub result_id: Option<Uuid>,
    pub text: String,
}

/// Adds feedback on the plan or on one of its results.
pub async fn add_feedback(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    plan_id: Uuid,
    f: NewFeedback,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<(), DomainError>,
) -> Result<skp_feedback::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let plan = get_plan(&txn, scope, plan_id).await?;
    authorise(&plan)?;
    if let Some(r) = f.result_id
        && !results_of(&txn, plan_id).await?.iter().any(|x| x.id == r)
    {
        return Err(DomainError::field(
            "result_id",
            "unknown_reference",
            "no such result in this plan",
        ));
    }
    let m = skp_feedback::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan_id),
        result_id: Set(f.result_id),
        author_employee_id: Set(f.author),
        text: Set(f.text),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_feedback",
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

/// The direct reports of `rater` (every status but inactive), by name, each with their plan of
/// `year` if they have one.
pub async fn team(
    db: &DatabaseConnection,
    rater: Uuid,
    year: i32,
) -> Result<Vec<(employees::Model, Option<skp_plans::Model>)>, DomainError> {
    let staff = employees::Entity::find()
        .filter(employees::Column::SupervisorId.eq(rater))
        .filter(employees::Column::Status.ne("inactive"))
        .order_by_asc(employees::Column::Name)
        .order_by_asc(employees::Column::Id)
        .all(db)
        .await
        .dom()?;
    if staff.is_empty() {
        return Ok(Vec::new());
    }
    let mut plans: HashMap<Uuid, skp_plans::Model> = skp_plans::Entity::find()
        .filter(any_of(
            db.get_database_backend(),
            skp_plans::Column::EmployeeId,
            staff.iter().map(|e| e.id).collect::<Vec<_>>(),
        ))
        .filter(skp_plans::Column::Year.eq(year))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|p| (p.employee_id, p))
        .collect();
    Ok(staff
        .into_iter()
        .map(|e| {
            let p = plans.remove(&e.id);
            (e, p)
        })
        .collect())
}

// ---------------------------------------------------------------- behaviour expectations

/// Replaces the plan's specific expectations for the BerAKHLAK values with `expectations`
/// (values left out have none). Audited on the plan as `replace_behaviours`.
pub async fn replace_behaviours(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    plan_id: Uuid,
    expectations: Vec<Expectation>,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<(), DomainError>,
) -> Result<PlanDetail, DomainError> {
    let txn = db.begin().await.dom()?;
    let plan = get_plan(&txn, scope, plan_id).await?;
    authorise(&plan)?;
    let snapshot = |rows: &mut dyn Iterator<Item = (String, String)>| {
        let mut m = serde_json::Map::new();
        for (v, e) in rows {
            m.insert(v, serde_json::Value::String(e));
        }
        json!({ "behaviours": m })
    };
    let before = skp_behaviours::Entity::find()
        .filter(skp_behaviours::Column::PlanId.eq(plan_id))
        .all(&txn)
        .await
        .dom()?;
    let before = snapshot(&mut before.into_iter().map(|b| (b.value, b.expectation)));
    skp_behaviours::Entity::delete_many()
        .filter(skp_behaviours::Column::PlanId.eq(plan_id))
        .exec(&txn)
        .await
        .dom()?;
    for e in &expectations {
        skp_behaviours::ActiveModel {
            id: Set(Uuid::now_v7()),
            plan_id: Set(plan_id),
            value: Set(e.value.as_str().to_owned()),
            expectation: Set(e.text.clone()),
        }
        .insert(&txn)
        .await
        .dom()?;
    }
    let after = snapshot(
        &mut expectations
            .into_iter()
            .map(|e| (e.value.as_str().to_owned(), e.text)),
    );
    let mut am = plan.clone().into_active_model();
    am.updated_at = Set(Utc::now());
    let plan = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_plan",
            entity_id: plan_id,
            action: "replace_behaviours",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    let out = detail(&txn, plan).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

// ---------------------------------------------------------------- evidence files

/// A realisation and its plan, if the plan is visible in `scope` (otherwise not found).
pub async fn realisation_with_plan<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    realisation_id: Uuid,
) -> Result<(skp_realisations::Model, skp_plans::Model), DomainError> {
    let not_found = || DomainError::NotFound("skp realisation");
    let realisation = skp_realisations::Entity::find_by_id(realisation_id)
        .one(db)
        .await
        .dom()?
        .ok_or_else(not_found)?;
    let result = skp_results::Entity::find_by_id(realisation.result_id)
        .one(db)
        .await
        .dom()?
        .ok_or_else(not_found)?;
    let plan = get_plan(db, scope, result.plan_id)
        .await
        .map_err(|_| not_found())?;
    Ok((realisation, plan))
}

/// An evidence file already in storage, to record.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// Records an uploaded evidence file of a realisation; 409 `too_many_files` when the
/// realisation already has [`MAX_EVIDENCE_FILES`].
pub async fn add_evidence(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    realisation_id: Uuid,
    e: NewEvidence,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<(), DomainError>,
) -> Result<skp_evidence::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let (realisation, plan) = realisation_with_plan(&txn, scope, realisation_id).await?;
    authorise(&plan)?;
    let count = skp_evidence::Entity::find()
        .filter(skp_evidence::Column::RealisationId.eq(realisation.id))
        .filter(skp_evidence::Column::DeletedAt.is_null())
        .count(&txn)
        .await
        .dom()?;
    if count >= MAX_EVIDENCE_FILES as u64 {
        return Err(DomainError::conflict(
            "too_many_files",
            None,
            format!("a realisation holds at most {MAX_EVIDENCE_FILES} evidence files"),
        ));
    }
    let m = skp_evidence::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan.id),
        realisation_id: Set(realisation.id),
        storage_key: Set(e.storage_key),
        file_name: Set(e.file_name),
        content_type: Set(e.content_type),
        size_bytes: Set(e.size_bytes),
        created_at: Set(Utc::now()),
        deleted_at: Set(None),
    }
    .insert(&txn)
    .await
    .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_evidence",
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

/// An evidence file (not deleted) and its plan, if the plan is visible in `scope`.
pub async fn get_evidence<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<(skp_evidence::Model, skp_plans::Model), DomainError> {
    let not_found = || DomainError::NotFound("skp evidence");
    let e = skp_evidence::Entity::find_by_id(id)
        .filter(skp_evidence::Column::DeletedAt.is_null())
        .one(db)
        .await
        .dom()?
        .ok_or_else(not_found)?;
    let plan = get_plan(db, scope, e.plan_id)
        .await
        .map_err(|_| not_found())?;
    Ok((e, plan))
}

/// Deletes an evidence file: its row is kept, marked deleted, for the plan's history. Returns
/// the storage key of the file to remove.
pub async fn delete_evidence(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<(), DomainError>,
) -> Result<String, DomainError> {
    let txn = db.begin().await.dom()?;
    let (e, plan) = get_evidence(&txn, scope, id).await?;
    authorise(&plan)?;
    let mut am = e.clone().into_active_model();
    am.deleted_at = Set(Some(Utc::now()));
    am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_evidence",
            entity_id: e.id,
            action: "delete",
            before: Some(&e),
            after: None,
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(e.storage_key)
}

// ---------------------------------------------------------------- periodic evaluation

/// Records (or replaces) the rater's evaluation of one quarter; the rater recorded is the
/// plan's. Returns the plan as it then stands.
pub async fn rate_periodic(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    plan_id: Uuid,
    r: NewPeriodicRating,
    authorise: impl FnOnce(&skp_plans::Model) -> Result<(), DomainError>,
) -> Result<PlanDetail, DomainError> {
    let txn = db.begin().await.dom()?;
    let plan = get_plan(&txn, scope, plan_id).await?;
    authorise(&plan)?;
    let now = Utc::now();
    let existing = skp_periodic_ratings::Entity::find()
        .filter(skp_periodic_ratings::Column::PlanId.eq(plan_id))
        .filter(skp_periodic_ratings::Column::Quarter.eq(r.quarter))
        .one(&txn)
        .await
        .dom()?;
    let (before, after) = match existing {
        Some(e) => {
            let mut am = e.clone().into_active_model();
            am.rater_employee_id = Set(plan.rater_employee_id);
            am.results_rating = Set(r.results.as_str().to_owned());
            am.behaviour_rating = Set(r.behaviour.as_str().to_owned());
            am.predikat = Set(r.predikat.as_str().to_owned());
            am.note = Set(r.note);
            am.rated_at = Set(now);
            (Some(e), am.update(&txn).await.dom()?)
        }
        None => (
            None,
            skp_periodic_ratings::ActiveModel {
                id: Set(Uuid::now_v7()),
                plan_id: Set(plan_id),
                quarter: Set(r.quarter),
                rater_employee_id: Set(plan.rater_employee_id),
                results_rating: Set(r.results.as_str().to_owned()),
                behaviour_rating: Set(r.behaviour.as_str().to_owned()),
                predikat: Set(r.predikat.as_str().to_owned()),
                note: Set(r.note),
                rated_at: Set(now),
            }
            .insert(&txn)
            .await
            .dom()?,
        ),
    };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(plan.agency_id),
            entity_type: "skp_periodic_rating",
            entity_id: after.id,
            action: if before.is_some() { "update" } else { "create" },
            before: before.as_ref(),
            after: Some(&after),
        },
    )
    .await?;
    let out = detail(&txn, plan).await?;
    txn.commit().await.dom()?;
    Ok(out)
}

// ---------------------------------------------------------------- history

/// One audit event of a plan, with the display name of the account that made it.
#[derive(Debug, Clone)]
pub struct HistoryEvent {
    pub event: audit_events::Model,
    /// None for changes made by Pembina itself or by an account since removed.
    pub actor_name: Option<String>,
}

/// The entity types a plan's trail is filed under.
const PLAN_ENTITY_TYPES: [&str; 5] = [
    "skp_plan",
    "skp_realisation",
    "skp_feedback",
    "skp_evidence",
    "skp_periodic_rating",
];

/// Every audit event of the plan and of its rows (see the module docs), oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    plan: &skp_plans::Model,
) -> Result<Vec<HistoryEvent>, DomainError> {
    let backend = db.get_database_backend();
    let mut ids = vec![plan.id];
    let results: Vec<Uuid> = results_of(db, plan.id)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if !results.is_empty() {
        ids.extend(
            skp_realisations::Entity::find()
                .filter(any_of(backend, skp_realisations::Column::ResultId, results))
                .all(db)
                .await
                .dom()?
                .into_iter()
                .map(|r| r.id),
        );
    }
    ids.extend(
        skp_feedback::Entity::find()
            .filter(skp_feedback::Column::PlanId.eq(plan.id))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|f| f.id),
    );
    ids.extend(
        skp_evidence::Entity::find()
            .filter(skp_evidence::Column::PlanId.eq(plan.id))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|e| e.id),
    );
    ids.extend(
        skp_periodic_ratings::Entity::find()
            .filter(skp_periodic_ratings::Column::PlanId.eq(plan.id))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|p| p.id),
    );
    let events = audit_events::Entity::find()
        .filter(audit_events::Column::EntityType.is_in(PLAN_ENTITY_TYPES))
        .filter(any_of(backend, audit_events::Column::EntityId, ids))
        .order_by_asc(audit_events::Column::OccurredAt)
        .order_by_asc(audit_events::Column::Id)
        .all(db)
        .await
        .dom()?;
    let mut actors: Vec<Uuid> = events.iter().filter_map(|e| e.actor_user_id).collect();
    actors.sort_unstable();
    actors.dedup();
    let names: HashMap<Uuid, String> = if actors.is_empty() {
        HashMap::new()
    } else {
        users::Entity::find()
            .filter(any_of(backend, users::Column::Id, actors))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    };
    Ok(events
        .into_iter()
        .map(|event| HistoryEvent {
            actor_name: event.actor_user_id.and_then(|u| names.get(&u).cloned()),
            event,
        })
        .collect())
}

// ---------------------------------------------------------------- the printed document

/// An employee as the SKP form names them.
#[derive(Debug, Clone, Default)]
pub struct PersonInfo {
    /// With academic titles: "dr. Siti Aminah, M.Kes.".
    pub name: String,
    pub nip: String,
    /// Pangkat/golongan ruang, when recorded.
    pub rank: Option<String>,
    /// The current position's title.
    pub position: Option<String>,
    /// The current unit's name.
    pub unit: Option<String>,
}

/// Everything the printed SKP shows.
#[derive(Debug, Clone)]
pub struct PlanDocument {
    pub detail: PlanDetail,
    pub employee: PersonInfo,
    pub rater: PersonInfo,
    pub agency_name: String,
    /// The agency's seat (ibu kota), for the place of signing.
    pub agency_seat: String,
    /// The descriptions of the rater's results that this plan's results support, by id.
    pub supported: HashMap<Uuid, String>,
}

/// A name with its academic titles, the way forms print it.
fn full_name(e: &employees::Model) -> String {
    let name = [e.title_prefix.as_deref(), Some(e.name.as_str())]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match e.title_suffix.as_deref() {
        Some(s) if !s.trim().is_empty() => format!("{name}, {s}"),
        _ => name,
    }
}

async fn person<C: ConnectionTrait>(db: &C, employee_id: Uuid) -> Result<PersonInfo, DomainError> {
    let Some(e) = employees::Entity::find_by_id(employee_id)
        .one(db)
        .await
        .dom()?
    else {
        return Ok(PersonInfo::default());
    };
    let position = match e.position_id {
        Some(p) => positions::Entity::find_by_id(p)
            .one(db)
            .await
            .dom()?
            .map(|p| p.title),
        None => None,
    };
    let unit = org_units::Entity::find_by_id(e.org_unit_id)
        .one(db)
        .await
        .dom()?
        .map(|u| u.name);
    Ok(PersonInfo {
        name: full_name(&e),
        nip: e.nip.clone(),
        rank: e.rank.clone(),
        position,
        unit,
    })
}

/// The data of the printed SKP: the plan with everything in it, the employee and the rater as
/// they stand now, and the agency.
pub async fn document<C: ConnectionTrait>(
    db: &C,
    plan: skp_plans::Model,
) -> Result<PlanDocument, DomainError> {
    let employee = person(db, plan.employee_id).await?;
    let rater = person(db, plan.rater_employee_id).await?;
    let agency = agencies::Entity::find_by_id(plan.agency_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("agency"))?;
    let detail = detail(db, plan).await?;
    let wanted: Vec<Uuid> = detail
        .results
        .iter()
        .filter_map(|r| r.result.supports_result_id)
        .collect();
    let supported = if wanted.is_empty() {
        HashMap::new()
    } else {
        skp_results::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                skp_results::Column::Id,
                wanted,
            ))
            .all(db)
            .await
            .dom()?
            .into_iter()
            .map(|r| (r.id, r.description))
            .collect()
    };
    Ok(PlanDocument {
        detail,
        employee,
        rater,
        agency_name: agency.name,
        agency_seat: agency.seat,
        supported,
    })
}
