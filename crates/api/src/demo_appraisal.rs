//! Demo appraisal history for Kota Bengkulu (agency 1771): the two years before `today` rated for
//! every employee, as if imported from the earlier system, with a realistic spread of predikat,
//! and the organisational result of the agency's top units for last year — so the distribution
//! page, the rating history and the credit of functional posts show something on a fresh demo.
//!
//! Written through the appraisal repository, and idempotent: a year already recorded for an
//! employee is left as it is (a plan finalised in the demo is never overwritten).

use chrono::{Datelike, NaiveDate};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::appraisal::curve::UnitResult;
use pembina_domain::appraisal::predikat::{Predikat, Rating, predikat};
use pembina_domain::appraisal::rating::RatingSource;
use pembina_persistence::audit::Actor;
use pembina_persistence::entities::{employees, org_units};
use pembina_persistence::repositories::appraisal::{self, RatingRecord};
use pembina_persistence::repositories::org;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// The ratings of the `i`-th employee in a year, spread like a real agency's: mostly Baik, some
/// Sangat Baik, a few Butuh Perbaikan, now and then Kurang.
fn ratings(i: usize, year: i32) -> (Rating, Rating) {
    let k = (i * 7 + year as usize * 3) % 20;
    match k {
        0..=2 => (Rating::Above, Rating::Above),
        3..=14 => (Rating::AsExpected, Rating::AsExpected),
        15..=16 => (Rating::Above, Rating::AsExpected),
        17..=18 => (Rating::Below, Rating::AsExpected),
        _ => (Rating::AsExpected, Rating::Below),
    }
}

/// Adds the demo appraisal history where missing.
pub async fn seed(db: &DatabaseConnection, today: NaiveDate) -> Result<(), DomainError> {
    let Some(agency) = org::find_agency_by_code(db, "1771").await? else {
        return Ok(());
    };
    let actor = Actor::system();
    let internal = |e: sea_orm::DbErr| DomainError::Internal(e.to_string());
    let staff = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(agency.id))
        .order_by_asc(employees::Column::Nip)
        .all(db)
        .await
        .map_err(internal)?;
    for year in [today.year() - 2, today.year() - 1] {
        for (i, e) in staff.iter().enumerate() {
            if appraisal::rating_of(db, e.id, year).await?.is_some() {
                continue;
            }
            let (r, b) = ratings(i, year);
            let p: Predikat = predikat(r, b);
            appraisal::upsert_rating(
                db,
                &actor,
                RatingRecord {
                    agency_id: agency.id,
                    employee_id: e.id,
                    year,
                    predikat: p,
                    results_rating: Some(r.as_str().to_owned()),
                    behaviour_rating: Some(b.as_str().to_owned()),
                    months: 12,
                    source: RatingSource::Import,
                    plan_id: None,
                },
            )
            .await?;
        }
    }
    let tops = org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency.id))
        .filter(org_units::Column::ParentId.is_null())
        .all(db)
        .await
        .map_err(internal)?;
    for u in tops {
        appraisal::set_unit_result(
            db,
            &actor,
            Scope::Agency(agency.id),
            u.id,
            today.year() - 1,
            UnitResult::Baik,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_is_mostly_baik_with_some_of_each() {
        let mut counts = std::collections::HashMap::new();
        for i in 0..200 {
            let (r, b) = ratings(i, 2025);
            *counts.entry(predikat(r, b)).or_insert(0) += 1;
        }
        let n = |p| counts.get(&p).copied().unwrap_or(0);
        assert!(n(Predikat::Baik) > 100, "{counts:?}");
        for p in [
            Predikat::SangatBaik,
            Predikat::ButuhPerbaikan,
            Predikat::Kurang,
        ] {
            assert!(n(p) > 0, "{p:?} in {counts:?}");
        }
    }
}
