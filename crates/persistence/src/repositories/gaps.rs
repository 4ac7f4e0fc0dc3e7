//! An agency's competency gaps: which competencies its staff lack most, and in which units.

use std::collections::HashMap;

use chrono::NaiveDate;
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::competency::gaps_of_staff;
use crate::DbResultExt;
use crate::entities::{competencies, employees, org_units};

/// How one unit's staff stand in one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitShare {
    pub unit: org_units::Model,
    pub with_standard: u32,
    pub below: u32,
}

/// How the agency's staff stand in one competency, and the units where most are below.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyGap {
    pub competency: competencies::Model,
    pub with_standard: u32,
    pub below: u32,
    /// Sum of the shortfalls (in levels) of those below.
    pub shortfall: u32,
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
    // competency → (with, below, shortfall, unit → (with, below))
    type PerUnit = HashMap<Uuid, (u32, u32)>;
    let mut acc: HashMap<Uuid, (u32, u32, u32, PerUnit)> = HashMap::new();
    for (e, g) in &rows {
        for i in &g.items {
            let entry = acc.entry(i.competency_id).or_default();
            let unit = entry.3.entry(e.org_unit_id).or_default();
            entry.0 += 1;
            unit.0 += 1;
            if !i.meets {
                entry.1 += 1;
                entry.2 += u32::from(i.gap.unsigned_abs());
                unit.1 += 1;
            }
        }
    }
    let mut out: Vec<CompetencyGap> = comps
        .into_iter()
        .map(|c| {
            let (with, below, shortfall, per_unit) = acc.remove(&c.id).unwrap_or_default();
            let mut unit_shares: Vec<UnitShare> = per_unit
                .into_iter()
                .filter(|(_, (_, b))| *b > 0)
                .filter_map(|(u, (w, b))| {
                    units.get(&u).map(|m| UnitShare {
                        unit: m.clone(),
                        with_standard: w,
                        below: b,
                    })
                })
                .collect();
            unit_shares.sort_by(|a, b| {
                // a.below / a.with vs b.below / b.with, exactly.
                (u64::from(b.below) * u64::from(a.with_standard))
                    .cmp(&(u64::from(a.below) * u64::from(b.with_standard)))
                    .then(b.below.cmp(&a.below))
                    .then(a.unit.code.cmp(&b.unit.code))
            });
            CompetencyGap {
                competency: c,
                with_standard: with,
                below,
                shortfall,
                units: unit_shares,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (u64::from(b.below) * u64::from(a.with_standard.max(1)))
            .cmp(&(u64::from(a.below) * u64::from(b.with_standard.max(1))))
            .then(b.below.cmp(&a.below))
            .then(a.competency.code.cmp(&b.competency.code))
    });
    Ok(out)
}
