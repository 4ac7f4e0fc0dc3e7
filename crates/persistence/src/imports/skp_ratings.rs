//! Past years' SKP ratings by NIP and year, from an earlier system, into the appraisal history.
//! A row creates the year's rating, updates an imported one that differs, or is unchanged. A
//! year already rated through a plan in Pembina is never overwritten: such a row is rejected.

use std::collections::HashMap;

use async_trait::async_trait;
use pembina_domain::appraisal::rating::{PastRating, PastRatingInput, RatingSource};
use pembina_domain::imports::{HeaderMap, ImportKind, RowError};
use pembina_domain::{DomainError, FieldError};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::competencies::{employee_ids_by_nip, in_column_order, row_error, truncated_key};
use super::engine::{KindHandler, Outcome, Staged};
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{appraisal_ratings, import_rows};
use crate::repositories::appraisal::{RatingRecord, upsert_rating};

/// What a valid row records.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    employee_id: Uuid,
    year: i32,
    predikat: String,
    results_rating: Option<String>,
    behaviour_rating: Option<String>,
    months: i16,
}

pub(crate) struct SkpRatings {
    agency_id: Uuid,
}

impl SkpRatings {
    pub(crate) fn prepare(agency_id: Uuid) -> Self {
        Self { agency_id }
    }
}

struct Checked {
    row_no: u64,
    nip: Option<String>,
    key: String,
    parsed: Option<PastRating>,
    errors: Vec<RowError>,
}

fn check(header: &HeaderMap, row_no: u64, rec: &[String]) -> Checked {
    let get = |c: &str| header.get(rec, c);
    let mut errors = Vec::new();
    let nip = get("nip").map(str::to_owned);
    if nip.is_none() {
        errors.push(row_error(
            row_no,
            "nip",
            FieldError::new("nip", "required", "is required"),
        ));
    }
    let parsed = match PastRating::parse(PastRatingInput {
        year: get("year"),
        predikat: get("predikat"),
        results_rating: get("results_rating"),
        behaviour_rating: get("behaviour_rating"),
        months: get("months"),
    }) {
        Ok(r) => Some(r),
        Err(DomainError::Validation(fields)) => {
            for f in fields {
                let column = f.field.clone();
                errors.push(row_error(row_no, &column, f));
            }
            None
        }
        Err(_) => None,
    };
    let key = format!(
        "{}|{}",
        nip.as_deref().unwrap_or_default(),
        get("year").unwrap_or_default()
    );
    Checked {
        row_no,
        nip,
        key,
        parsed,
        errors,
    }
}

#[async_trait]
impl KindHandler for SkpRatings {
    fn key_column(&self) -> &'static str {
        "nip"
    }

    fn parent_column(&self) -> Option<&'static str> {
        None
    }

    async fn stage(
        &self,
        txn: &DatabaseTransaction,
        header: &HeaderMap,
        rows: Vec<(u64, Vec<String>)>,
    ) -> Result<(Vec<Staged>, Vec<RowError>), DomainError> {
        let checked: Vec<Checked> = rows
            .iter()
            .map(|(row_no, rec)| check(header, *row_no, rec))
            .collect();
        // The employees of these NIPs (another agency's is unknown here).
        let employees = employee_ids_by_nip(
            txn,
            self.agency_id,
            checked.iter().filter_map(|c| c.nip.clone()),
        )
        .await?;
        let backend = txn.get_database_backend();
        // Their ratings already recorded, by (employee, year).
        let mut ids: Vec<Uuid> = employees.values().copied().collect();
        ids.sort_unstable();
        type Stored = (String, Option<String>, Option<String>, i16, String);
        let stored: HashMap<(Uuid, i32), Stored> = if ids.is_empty() {
            HashMap::new()
        } else {
            crate::bulk::plan_each_time(txn, true).await?;
            #[allow(clippy::type_complexity)]
            let rows: Vec<(
                Uuid,
                i32,
                String,
                Option<String>,
                Option<String>,
                i16,
                String,
            )> = appraisal_ratings::Entity::find()
                .select_only()
                .column(appraisal_ratings::Column::EmployeeId)
                .column(appraisal_ratings::Column::Year)
                .column(appraisal_ratings::Column::Predikat)
                .column(appraisal_ratings::Column::ResultsRating)
                .column(appraisal_ratings::Column::BehaviourRating)
                .column(appraisal_ratings::Column::Months)
                .column(appraisal_ratings::Column::Source)
                .filter(crate::bulk::any_of(
                    backend,
                    appraisal_ratings::Column::EmployeeId,
                    ids,
                ))
                .into_tuple()
                .all(txn)
                .await
                .dom()?;
            crate::bulk::plan_each_time(txn, false).await?;
            rows.into_iter()
                .map(|(e, y, p, r, b, m, s)| ((e, y), (p, r, b, m, s)))
                .collect()
        };

        let mut errors = Vec::new();
        let mut staged = Vec::with_capacity(checked.len());
        for mut c in checked {
            let employee_id = match c.nip.as_deref() {
                Some(nip) => match employees.get(nip) {
                    Some(id) => Some(*id),
                    None => {
                        c.errors.push(RowError {
                            row: c.row_no,
                            column: Some("nip".into()),
                            code: "unknown_reference".into(),
                            message: format!("no employee with NIP {nip} in this agency"),
                        });
                        None
                    }
                },
                None => None,
            };
            let row = match (c.parsed.take(), employee_id) {
                (Some(r), Some(employee_id)) if c.errors.is_empty() => Some(Row {
                    employee_id,
                    year: r.year,
                    predikat: r.predikat.as_str().to_owned(),
                    results_rating: r.results_rating.map(|x| x.as_str().to_owned()),
                    behaviour_rating: r.behaviour_rating.map(|x| x.as_str().to_owned()),
                    months: r.months,
                }),
                _ => None,
            };
            let outcome = row.as_ref().map(|row| {
                match stored.get(&(row.employee_id, row.year)) {
                    None => Ok(Outcome::Create),
                    Some((.., source)) if source == RatingSource::Skp.as_str() => Err(RowError {
                        row: c.row_no,
                        column: Some("year".into()),
                        code: "rated_in_pembina".into(),
                        message: format!(
                            "{} was rated through a plan in Pembina; that rating is not overwritten",
                            row.year
                        ),
                    }),
                    Some((p, r, b, m, _))
                        if *p == row.predikat
                            && *r == row.results_rating
                            && *b == row.behaviour_rating
                            && *m == row.months =>
                    {
                        Ok(Outcome::Same)
                    }
                    Some(_) => Ok(Outcome::Update),
                }
            });
            match (row, outcome) {
                (Some(row), Some(Ok(outcome))) => {
                    let payload = serde_json::to_string(&row)
                        .map_err(|e| DomainError::Internal(e.to_string()))?;
                    staged.push(Staged {
                        row_no: c.row_no,
                        key: c.key,
                        parent_key: None,
                        outcome,
                        payload,
                    });
                }
                (_, outcome) => {
                    if let Some(Err(e)) = outcome {
                        c.errors.push(e);
                    }
                    in_column_order(ImportKind::SkpRatings, &mut c.errors);
                    errors.append(&mut c.errors);
                    staged.push(Staged {
                        row_no: c.row_no,
                        key: truncated_key(&c.key),
                        parent_key: None,
                        outcome: Outcome::Reject,
                        payload: String::new(),
                    });
                }
            }
        }
        Ok((staged, errors))
    }

    async fn write(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        rows: Vec<import_rows::Model>,
    ) -> Result<(), DomainError> {
        for r in rows {
            let row: Row = serde_json::from_str(&r.payload)
                .map_err(|e| DomainError::Internal(e.to_string()))?;
            let predikat = row
                .predikat
                .parse()
                .map_err(|_| DomainError::Internal("staged predikat".into()))?;
            upsert_rating(
                txn,
                actor,
                RatingRecord {
                    agency_id: self.agency_id,
                    employee_id: row.employee_id,
                    year: row.year,
                    predikat,
                    results_rating: row.results_rating,
                    behaviour_rating: row.behaviour_rating,
                    months: row.months,
                    source: RatingSource::Import,
                    plan_id: None,
                },
            )
            .await?;
        }
        Ok(())
    }
}
