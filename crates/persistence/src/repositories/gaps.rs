//! An agency's competency gaps: which competencies its staff lack most, and in which units.

use std::collections::HashMap;

use chrono::NaiveDate;
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::competency::gap::{Tally, tally};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::competency::gaps_of_staff;
use crate::DbResultExt;
use crate::entities::{competencies, employees, org_units};

/// How one unit's staff stand in one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitShare {
    pub unit: org_units::Model,
    pub tally: Tally,
}

/// How the agency's staff stand in one competency, and the units where most are below.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyGap {
    pub competency: competencies::Model,
    pub tally: Tally,
    /// Units with someone below, most affected first (by share, then count).
    pub units: Vec<UnitShare>,
}

/// Every competency in a standard of the agency's active staff, the most lacking first.
pub async fn agency_gaps<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    agency_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<CompetencyGap>, DomainError> {
    if !scope.allows(agency_id) {
        return Err(DomainError::NotFound("agency"));
    }
    let staff = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(agency_id))
        .filter(employees::Column::Status.ne("inactive"))
        .order_by_asc(employees::Column::Id)
        .all(db)
        .await
        .dom()?;
    let units: HashMap<Uuid, org_units::Model> = org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency_id))
        .all(db)
        .await
        .dom()?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let (comps, rows) = gaps_of_staff(db, agency_id, staff, today).await?;
    let overall = tally(rows.iter().map(|(_, g)| g));
    // competency → unit → tally
    let mut per_unit: HashMap<Uuid, HashMap<Uuid, Tally>> = HashMap::new();
    for (e, g) in &rows {
        for i in &g.items {
            per_unit
                .entry(i.competency_id)
                .or_default()
                .entry(e.org_unit_id)
                .or_default()
                .add(i);
        }
    }
    // a.below / a.with vs b.below / b.with, exactly; then more below first.
    let worse = |a: &Tally, b: &Tally| {
        (u64::from(b.below) * u64::from(a.with_standard.max(1)))
            .cmp(&(u64::from(a.below) * u64::from(b.with_standard.max(1))))
            .then(b.below.cmp(&a.below))
    };
    let mut out: Vec<CompetencyGap> = comps
        .into_iter()
        .map(|c| {
            let mut units: Vec<UnitShare> = per_unit
                .remove(&c.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, t)| t.below > 0)
                .filter_map(|(u, tally)| {
                    units.get(&u).map(|m| UnitShare {
                        unit: m.clone(),
                        tally,
                    })
                })
                .collect();
            units.sort_by(|a, b| worse(&a.tally, &b.tally).then(a.unit.code.cmp(&b.unit.code)));
            CompetencyGap {
                tally: overall.get(&c.id).copied().unwrap_or_default(),
                competency: c,
                units,
            }
        })
        .collect();
    out.sort_by(|a, b| worse(&a.tally, &b.tally).then(a.competency.code.cmp(&b.competency.code)));
    Ok(out)
}
