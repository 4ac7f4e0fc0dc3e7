//! Demo citizen ratings for Kota Bengkulu (agency 1771): a year of SKM responses for each of
//! its service units (Puskesmas and the licensing desk), so the satisfaction dashboards, the
//! public results page and the training-impact view have something to show on a fresh demo.
//!
//! Stored through the ratings repository like public submissions (limits off, each with its own
//! address hash so none is flagged), and idempotent: a unit that already has a response is left
//! alone.

use chrono::{DateTime, Duration, Utc};
use pembina_domain::DomainError;
use pembina_domain::org::OrgUnitKind;
use pembina_domain::people::Sex;
use pembina_domain::ratings::element::{Answers, ELEMENT_COUNT};
use pembina_domain::ratings::response::{
    AgeBand, Education, NewServiceRating, Occupation, Respondent,
};
use pembina_persistence::entities::{org_units, service_ratings};
use pembina_persistence::repositories::org;
use pembina_persistence::repositories::ratings::{self, Limits, Submission};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

/// Responses seeded per unit, spread over the year before `now`.
const PER_UNIT: usize = 60;

const SERVICE_TYPES: [&str; 4] = [
    "Pemeriksaan umum",
    "Imunisasi",
    "Kesehatan ibu dan anak",
    "Pelayanan obat",
];

/// The `i`-th response of unit number `u`: mostly Sesuai/Sangat sesuai, a unit-specific level,
/// some low marks on waiting time (U3) and facilities (U9).
fn scores(u: usize, i: usize) -> [Option<i16>; ELEMENT_COUNT] {
    let mut s = [None; ELEMENT_COUNT];
    for (e, slot) in s.iter_mut().enumerate() {
        let k = (u * 5 + i * 7 + e * 3) % 10;
        let base = match k {
            0 => 2,
            1..=5 => 3,
            _ => 4,
        };
        // U4 (cost) is free at a Puskesmas for most; U3 and U9 draw more complaints.
        let v = match e {
            3 => 4,
            2 | 8 if (i + u).is_multiple_of(4) => base - 1,
            _ => base,
        };
        // Now and then an element is not applicable (U8: the respondent never complained).
        *slot = if e == 7 && i.is_multiple_of(5) {
            None
        } else {
            Some(v.max(1))
        };
    }
    s
}

/// Adds a year of demo ratings to each service unit of Kota Bengkulu that has none.
pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), DomainError> {
    let Some(agency) = org::find_agency_by_code(db, "1771").await? else {
        return Ok(());
    };
    let internal = |e: sea_orm::DbErr| DomainError::Internal(e.to_string());
    let units = org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency.id))
        .filter(org_units::Column::Kind.eq(OrgUnitKind::ServiceUnit.as_str()))
        .all(db)
        .await
        .map_err(internal)?;
    for (u, unit) in units.iter().enumerate() {
        let existing = service_ratings::Entity::find()
            .filter(service_ratings::Column::OrgUnitId.eq(unit.id))
            .count(db)
            .await
            .map_err(internal)?;
        if existing > 0 {
            continue;
        }
        for i in 0..PER_UNIT {
            let Some(answers) = Answers::from_scores(scores(u, i)) else {
                continue;
            };
            let rating = NewServiceRating {
                answers,
                service_type: SERVICE_TYPES[(u + i) % SERVICE_TYPES.len()].to_owned(),
                respondent: Respondent {
                    sex: if i % 2 == 0 { Sex::Female } else { Sex::Male },
                    age_band: [
                        AgeBand::From20To29,
                        AgeBand::From30To39,
                        AgeBand::From40To49,
                        AgeBand::From50To59,
                    ][i % 4],
                    education: [Education::Sma, Education::S1, Education::Smp][i % 3],
                    occupation: [
                        Occupation::Entrepreneur,
                        Occupation::PrivateEmployee,
                        Occupation::Other,
                        Occupation::PnsTniPolri,
                        Occupation::Student,
                    ][i % 5],
                },
                comment: None,
                waiting_minutes: Some(((5 + (i * 13 + u * 7) % 70) as i16).min(1440)),
                ticket: None,
                honeypot_filled: false,
            };
            // Spread over the last 360 days, a few hours apart within a day.
            let at = now - Duration::days((i * 6) as i64) - Duration::hours((u % 8) as i64);
            ratings::submit(
                db,
                Submission {
                    id: Uuid::now_v7(),
                    unit,
                    rating: &rating,
                    address_hashes: &[format!("demo-{}-{i}", unit.code)],
                    at,
                },
                Limits {
                    per_address: 0,
                    per_unit: 0,
                },
            )
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_stay_on_the_scale_with_one_element_sometimes_left_out() {
        for u in 0..12 {
            for i in 0..PER_UNIT {
                let s = scores(u, i);
                assert!(s.iter().flatten().all(|v| (1..=4).contains(v)), "{s:?}");
                assert_eq!(s[7].is_none(), i % 5 == 0);
                assert!(Answers::from_scores(s).is_some());
            }
        }
    }
}
