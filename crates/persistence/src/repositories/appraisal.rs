//! The appraisal history (one rating per employee and year), each unit's organisational result,
//! the unit's distribution against its curve, and the units' ratings before and after a
//! training session (Kirkpatrick level 4).

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::appraisal::curve::{Distribution, UnitResult};
use pembina_domain::appraisal::predikat::Predikat;
use pembina_domain::appraisal::rating::{RatingSource, RatingSummary};
use pembina_domain::appraisal::workflow::PlanState;
use pembina_domain::learning::session::EnrolmentStatus;
use pembina_domain::ratings::ikm::{SatisfactionIndex, Weighting};
use pembina_domain::ratings::period::DateRange;
use pembina_domain::ratings::waiting::WaitingTimes;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;
use uuid::Uuid;

use super::{scoped, subtree_ids};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{
    appraisal_ratings, employees, enrolments, learning_sessions, org_units, skp_plans, unit_results,
};

/// What one year's rating says, for [`upsert_rating`].
#[derive(Debug, Clone)]
pub struct RatingRecord {
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub year: i32,
    pub predikat: Predikat,
    pub results_rating: Option<String>,
    pub behaviour_rating: Option<String>,
    pub months: i16,
    pub source: RatingSource,
    pub plan_id: Option<Uuid>,
}

/// What [`upsert_rating`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
    Unchanged,
}

/// Records `r` as the employee's rating for its year, with the employee's current unit and
/// position, replacing an earlier record of that year (audited). The caller decides whether a
/// replacement is allowed (see [`rating_of`]).
pub async fn upsert_rating<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    r: RatingRecord,
) -> Result<Upserted, DomainError> {
    let employee = employees::Entity::find_by_id(r.employee_id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("employee"))?;
    let existing = rating_of(db, r.employee_id, r.year).await?;
    let now = Utc::now();
    match existing {
        Some(old) => {
            let same = old.predikat == r.predikat.as_str()
                && old.results_rating == r.results_rating
                && old.behaviour_rating == r.behaviour_rating
                && old.months == r.months
                && old.source == r.source.as_str()
                && old.plan_id == r.plan_id;
            if same {
                return Ok(Upserted::Unchanged);
            }
            let mut m = old.clone().into_active_model();
            m.predikat = Set(r.predikat.as_str().to_owned());
            m.results_rating = Set(r.results_rating);
            m.behaviour_rating = Set(r.behaviour_rating);
            m.months = Set(r.months);
            m.source = Set(r.source.as_str().to_owned());
            m.plan_id = Set(r.plan_id);
            m.org_unit_id = Set(Some(employee.org_unit_id));
            m.position_id = Set(employee.position_id);
            m.updated_at = Set(now);
            let new = m.update(db).await.dom()?;
            audit::record(
                db,
                actor,
                Change {
                    agency_id: Some(new.agency_id),
                    entity_type: "appraisal_rating",
                    entity_id: new.id,
                    action: "update",
                    before: Some(&old),
                    after: Some(&new),
                },
            )
            .await?;
            Ok(Upserted::Updated)
        }
        None => {
            let new = appraisal_ratings::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(r.agency_id),
                employee_id: Set(r.employee_id),
                year: Set(r.year),
                org_unit_id: Set(Some(employee.org_unit_id)),
                position_id: Set(employee.position_id),
                predikat: Set(r.predikat.as_str().to_owned()),
                results_rating: Set(r.results_rating),
                behaviour_rating: Set(r.behaviour_rating),
                months: Set(r.months),
                source: Set(r.source.as_str().to_owned()),
                plan_id: Set(r.plan_id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await
            .dom()?;
            audit::record(
                db,
                actor,
                Change {
                    agency_id: Some(new.agency_id),
                    entity_type: "appraisal_rating",
                    entity_id: new.id,
                    action: "create",
                    before: None,
                    after: Some(&new),
                },
            )
            .await?;
            Ok(Upserted::Created)
        }
    }
}

/// The employee's recorded rating for `year`, if any.
pub async fn rating_of<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    year: i32,
) -> Result<Option<appraisal_ratings::Model>, DomainError> {
    appraisal_ratings::Entity::find()
        .filter(appraisal_ratings::Column::EmployeeId.eq(employee_id))
        .filter(appraisal_ratings::Column::Year.eq(year))
        .one(db)
        .await
        .dom()
}

/// Records a finalised plan's predikat in the history (a plan in Pembina replaces an imported
/// rating of the same year). Called in the transaction that finalises the plan.
pub async fn record_final_plan<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    plan: &skp_plans::Model,
) -> Result<(), DomainError> {
    let predikat = plan
        .predikat
        .as_deref()
        .ok_or_else(|| DomainError::Internal("a final plan without a predikat".into()))?
        .parse::<Predikat>()
        .map_err(|_| DomainError::Internal("stored predikat".into()))?;
    upsert_rating(
        db,
        actor,
        RatingRecord {
            agency_id: plan.agency_id,
            employee_id: plan.employee_id,
            year: plan.year,
            predikat,
            results_rating: plan.results_rating.clone(),
            behaviour_rating: plan.behaviour_rating.clone(),
            months: 12,
            source: RatingSource::Skp,
            plan_id: Some(plan.id),
        },
    )
    .await?;
    Ok(())
}

/// An employee's ratings, newest year first.
pub async fn ratings_of_employee<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
) -> Result<Vec<appraisal_ratings::Model>, DomainError> {
    appraisal_ratings::Entity::find()
        .filter(appraisal_ratings::Column::EmployeeId.eq(employee_id))
        .order_by_desc(appraisal_ratings::Column::Year)
        .all(db)
        .await
        .dom()
}

/// Sets the unit's organisational result for `year` (audited); the unit must be in `scope`.
pub async fn set_unit_result(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    unit_id: Uuid,
    year: i32,
    result: UnitResult,
) -> Result<unit_results::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let unit = super::org::get_unit(&txn, scope, unit_id).await?;
    let existing = unit_results::Entity::find()
        .filter(unit_results::Column::OrgUnitId.eq(unit.id))
        .filter(unit_results::Column::Year.eq(year))
        .one(&txn)
        .await
        .dom()?;
    let now = Utc::now();
    let (saved, before) = match existing {
        Some(old) if old.result == result.as_str() => {
            txn.commit().await.dom()?;
            return Ok(old);
        }
        Some(old) => {
            let mut m = old.clone().into_active_model();
            m.result = Set(result.as_str().to_owned());
            m.updated_at = Set(now);
            (m.update(&txn).await.dom()?, Some(old))
        }
        None => (
            unit_results::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(unit.agency_id),
                org_unit_id: Set(unit.id),
                year: Set(year),
                result: Set(result.as_str().to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .dom()?,
            None,
        ),
    };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(saved.agency_id),
            entity_type: "unit_result",
            entity_id: saved.id,
            action: if before.is_some() { "update" } else { "create" },
            before: before.as_ref(),
            after: Some(&saved),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(saved)
}

/// A unit's ratings for a year: the unit and every unit below it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitDistribution {
    pub unit: org_units::Model,
    pub year: i32,
    pub unit_result: Option<UnitResult>,
    pub distribution: Distribution,
    /// Of the ratings counted, how many came from plans in Pembina and how many were imported.
    pub from_plans: u32,
    pub imported: u32,
    /// Plans of the year in these units that are not final yet (their ratings are not counted).
    pub plans_not_final: u64,
}

/// The distribution of `year`'s ratings in the unit `unit_id` (in `scope`) and below it, by the
/// unit each rating was recorded in.
pub async fn unit_distribution<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit_id: Uuid,
    year: i32,
) -> Result<UnitDistribution, DomainError> {
    let unit = super::org::get_unit(db, scope, unit_id).await?;
    let unit_result = unit_results::Entity::find()
        .filter(unit_results::Column::OrgUnitId.eq(unit.id))
        .filter(unit_results::Column::Year.eq(year))
        .one(db)
        .await
        .dom()?
        .map(|r| {
            r.result
                .parse::<UnitResult>()
                .map_err(|_| DomainError::Internal("stored unit result".into()))
        })
        .transpose()?;
    let rows: Vec<(String, String, i64)> = appraisal_ratings::Entity::find()
        .select_only()
        .column(appraisal_ratings::Column::Predikat)
        .column(appraisal_ratings::Column::Source)
        .column_as(Expr::col(appraisal_ratings::Column::Id).count(), "n")
        .filter(appraisal_ratings::Column::AgencyId.eq(unit.agency_id))
        .filter(appraisal_ratings::Column::Year.eq(year))
        .filter(appraisal_ratings::Column::OrgUnitId.in_subquery(subtree_ids(&unit)))
        .group_by(appraisal_ratings::Column::Predikat)
        .group_by(appraisal_ratings::Column::Source)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let mut distribution = Distribution::default();
    let (mut from_plans, mut imported) = (0u32, 0u32);
    for (p, source, n) in rows {
        let p = p
            .parse::<Predikat>()
            .map_err(|_| DomainError::Internal("stored predikat".into()))?;
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        for _ in 0..n {
            distribution.add(p);
        }
        if source == RatingSource::Skp.as_str() {
            from_plans += n;
        } else {
            imported += n;
        }
    }
    let plans_not_final = skp_plans::Entity::find()
        .filter(skp_plans::Column::AgencyId.eq(unit.agency_id))
        .filter(skp_plans::Column::Year.eq(year))
        .filter(skp_plans::Column::State.ne(PlanState::Final.as_str()))
        .filter(
            skp_plans::Column::EmployeeId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(employees::Column::Id)
                    .from(employees::Entity)
                    .and_where(employees::Column::OrgUnitId.in_subquery(subtree_ids(&unit)))
                    .to_owned(),
            ),
        )
        .count(db)
        .await
        .dom()?;
    Ok(UnitDistribution {
        unit,
        year,
        unit_result,
        distribution,
        from_plans,
        imported,
        plans_not_final,
    })
}

/// One unit's ratings around a session (Kirkpatrick level 4), by the unit the ratings were
/// recorded in.
#[derive(Debug, Clone, Serialize)]
pub struct UnitOutcome {
    pub unit: org_units::Model,
    /// Active staff of the unit now.
    pub staff: u64,
    /// Of them, how many completed the session.
    pub trained: u64,
    pub before: RatingSummary,
    pub after: RatingSummary,
    /// The participants' own ratings.
    pub trained_before: RatingSummary,
    pub trained_after: RatingSummary,
    /// Citizens' ratings of the unit in each year (counted responses only) and their waiting
    /// times, when the unit collects ratings.
    pub satisfaction_before: Satisfaction,
    pub satisfaction_after: Satisfaction,
}

/// A unit's citizen satisfaction in one year.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Satisfaction {
    pub index: SatisfactionIndex,
    pub waiting: Option<WaitingTimes>,
}

async fn satisfaction_in<C: ConnectionTrait>(
    db: &C,
    unit_id: Uuid,
    year: i32,
) -> Result<Satisfaction, DomainError> {
    let range = DateRange::year(year)
        .map_err(|e| DomainError::Internal(format!("year {year}: {}", e.message)))?;
    let tallies = super::ratings::unit_tallies(db, unit_id, &range).await?;
    let waiting = super::ratings::waiting_histogram(db, unit_id, &range).await?;
    Ok(Satisfaction {
        index: SatisfactionIndex::compute(&tallies, Weighting::Exact),
        waiting: WaitingTimes::from_histogram(&waiting),
    })
}

/// For each unit in which someone completed `session_id` (in `scope`), the ratings of
/// `before_year` and `after_year`.
pub async fn session_outcomes<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    session_id: Uuid,
    before_year: i32,
    after_year: i32,
) -> Result<(learning_sessions::Model, Vec<UnitOutcome>), DomainError> {
    let session = scoped(
        learning_sessions::Entity::find_by_id(session_id),
        learning_sessions::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("session"))?;
    let completed: Vec<Uuid> = enrolments::Entity::find()
        .select_only()
        .column(enrolments::Column::EmployeeId)
        .filter(enrolments::Column::SessionId.eq(session.id))
        .filter(enrolments::Column::Status.eq(EnrolmentStatus::Completed.as_str()))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    if completed.is_empty() {
        return Ok((session, Vec::new()));
    }
    let participants: Vec<(Uuid, Uuid)> = employees::Entity::find()
        .select_only()
        .column(employees::Column::Id)
        .column(employees::Column::OrgUnitId)
        .filter(employees::Column::Id.is_in(completed.clone()))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let trained_ids: HashSet<Uuid> = participants.iter().map(|(e, _)| *e).collect();
    let mut unit_ids: Vec<Uuid> = participants.iter().map(|(_, u)| *u).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let units = org_units::Entity::find()
        .filter(org_units::Column::Id.is_in(unit_ids.clone()))
        .filter(org_units::Column::AgencyId.eq(session.agency_id))
        .order_by_asc(org_units::Column::Path)
        .all(db)
        .await
        .dom()?;
    // Staff now, trained or not, per unit.
    let staff: Vec<(Uuid, Uuid)> = employees::Entity::find()
        .select_only()
        .column(employees::Column::Id)
        .column(employees::Column::OrgUnitId)
        .filter(employees::Column::OrgUnitId.is_in(unit_ids.clone()))
        .filter(employees::Column::Status.eq("active"))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    let mut staff_of: HashMap<Uuid, (u64, u64)> = HashMap::new();
    for (e, u) in staff {
        let s = staff_of.entry(u).or_default();
        s.0 += 1;
        if trained_ids.contains(&e) {
            s.1 += 1;
        }
    }
    let ratings: Vec<(Uuid, Option<Uuid>, i32, String)> = appraisal_ratings::Entity::find()
        .select_only()
        .column(appraisal_ratings::Column::EmployeeId)
        .column(appraisal_ratings::Column::OrgUnitId)
        .column(appraisal_ratings::Column::Year)
        .column(appraisal_ratings::Column::Predikat)
        .filter(appraisal_ratings::Column::AgencyId.eq(session.agency_id))
        .filter(appraisal_ratings::Column::OrgUnitId.is_in(unit_ids))
        .filter(appraisal_ratings::Column::Year.is_in([before_year, after_year]))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    type Bucket = (Vec<Predikat>, Vec<Predikat>, Vec<Predikat>, Vec<Predikat>);
    let mut by_unit: HashMap<Uuid, Bucket> = HashMap::new();
    for (employee, unit, year, p) in ratings {
        let (Some(unit), Ok(p)) = (unit, p.parse::<Predikat>()) else {
            continue;
        };
        let b = by_unit.entry(unit).or_default();
        let trained = trained_ids.contains(&employee);
        if year == before_year {
            b.0.push(p);
            if trained {
                b.2.push(p);
            }
        }
        if year == after_year {
            b.1.push(p);
            if trained {
                b.3.push(p);
            }
        }
    }
    let mut outcomes = Vec::with_capacity(units.len());
    for unit in units {
        let (staff, trained) = staff_of.get(&unit.id).copied().unwrap_or_default();
        let (before, after, tb, ta) = by_unit.remove(&unit.id).unwrap_or_default();
        let satisfaction_before = satisfaction_in(db, unit.id, before_year).await?;
        let satisfaction_after = satisfaction_in(db, unit.id, after_year).await?;
        outcomes.push(UnitOutcome {
            unit,
            staff,
            trained,
            before: RatingSummary::of(before),
            after: RatingSummary::of(after),
            trained_before: RatingSummary::of(tb),
            trained_after: RatingSummary::of(ta),
            satisfaction_before,
            satisfaction_after,
        });
    }
    Ok((session, outcomes))
}
