//! The yearly performance plan (SKP): plans, work results, quarterly realisations and feedback.
//!
//! Who may do what is decided by the caller's closure (`authorise`), which runs inside the
//! transaction on the plan as stored, so a check and the write it allows see the same state.

use std::collections::HashMap;

use chrono::Utc;
use pembina_domain::DomainError;
use pembina_domain::FieldError;
use pembina_domain::accounts::Scope;
use pembina_domain::appraisal::plan::{NewRealisation, NewResult};
use pembina_domain::appraisal::predikat::{Rating, predikat};
use pembina_domain::appraisal::workflow::{self, Actor as PlanActor, PlanState, Step};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use super::scoped;
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::bulk::any_of;
use crate::entities::{employees, skp_feedback, skp_plans, skp_realisations, skp_results};

/// A work result with its realisations (by quarter) and the feedback on it (oldest first).
#[derive(Debug, Clone)]
pub struct ResultDetail {
    pub result: skp_results::Model,
    pub realisations: Vec<skp_realisations::Model>,
    pub feedback: Vec<skp_feedback::Model>,
}

/// A plan with everything written in it.
#[derive(Debug, Clone)]
pub struct PlanDetail {
    pub plan: skp_plans::Model,
    pub results: Vec<ResultDetail>,
    /// Feedback on the plan as a whole.
    pub feedback: Vec<skp_feedback::Model>,
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

/// Everything written in `plan`: three queries whatever its size.
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    plan: skp_plans::Model,
) -> Result<PlanDetail, DomainError> {
    let results = results_of(db, plan.id).await?;
    let ids: Vec<Uuid> = results.iter().map(|r| r.id).collect();
    let mut realisations: HashMap<Uuid, Vec<skp_realisations::Model>> = HashMap::new();
    if !ids.is_empty() {
        for r in skp_realisations::Entity::find()
            .filter(any_of(
                db.get_database_backend(),
                skp_realisations::Column::ResultId,
                ids,
            ))
            .order_by_asc(skp_realisations::Column::Quarter)
            .all(db)
            .await
            .dom()?
        {
            realisations.entry(r.result_id).or_default().push(r);
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
    Ok(PlanDetail {
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
