//! Trainings outside Pembina by NIP and reference, credited to the JP ledger. Credits are
//! history: a row is created, or found already credited (same employee and reference, source
//! `external`) and left alone; never updated.

use std::collections::HashSet;

use async_trait::async_trait;
use chrono::NaiveDate;
use pembina_domain::competency::plan::ActivityKind;
use pembina_domain::imports::{HeaderMap, ImportKind, RowError};
use pembina_domain::learning::jp::{
    ActivityAmount, CentiJp, RecordedActivity, RecordedActivityInput,
};
use pembina_domain::{DomainError, FieldError};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::competencies::{employee_ids_by_nip, in_column_order, row_error, truncated_key};
use super::engine::{KindHandler, Outcome, Staged};
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{import_rows, jp_credits};
use crate::repositories::jp::{Amount, CreditRequest, CreditSource, credit_audited};

/// What a valid row credits (the amount before conversion).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    employee_id: Uuid,
    title: String,
    activity_kind: String,
    occurred_on: NaiveDate,
    provider: Option<String>,
    reference: String,
    jp_centi: Option<i64>,
    minutes: Option<i64>,
}

pub(crate) struct ExternalTrainings {
    agency_id: Uuid,
}

impl ExternalTrainings {
    pub(crate) fn prepare(agency_id: Uuid) -> Self {
        Self { agency_id }
    }
}

/// A row checked by itself; the employee is looked up afterwards, by NIP, for the whole chunk.
struct Checked {
    row_no: u64,
    nip: Option<String>,
    key: String,
    parsed: Option<RecordedActivity>,
    errors: Vec<RowError>,
}

fn check(header: &HeaderMap, row_no: u64, rec: &[String]) -> Checked {
    let get = |c: &str| header.get(rec, c);
    let mut errors = Vec::new();
    let required = |column: &str| {
        row_error(
            row_no,
            column,
            FieldError::new(column, "required", "is required"),
        )
    };
    let nip = get("nip").map(str::to_owned);
    if nip.is_none() {
        errors.push(required("nip"));
    }
    let reference = get("reference").map(str::to_owned);
    if reference.is_none() {
        errors.push(required("reference"));
    }
    let activity_kind = match get("activity_kind").map(|k| k.to_lowercase().parse::<ActivityKind>())
    {
        Some(Ok(k)) => Some(k),
        Some(Err(e)) => {
            errors.push(row_error(row_no, "activity_kind", e));
            None
        }
        None => {
            errors.push(required("activity_kind"));
            None
        }
    };
    let occurred_on = match get("occurred_on").map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d")) {
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            errors.push(row_error(
                row_no,
                "occurred_on",
                FieldError::new(
                    "occurred_on",
                    "invalid_date",
                    "must be a date written YYYY-MM-DD",
                ),
            ));
            None
        }
        None => {
            errors.push(required("occurred_on"));
            None
        }
    };
    // Spreadsheets in Indonesian write a decimal comma.
    let jp = match get("jp").map(|v| v.replace(',', ".").parse::<f64>()) {
        Some(Ok(v)) => Some(Some(v)),
        Some(Err(_)) => {
            errors.push(row_error(
                row_no,
                "jp",
                FieldError::new("jp", "invalid_value", "must be a number such as 12.5"),
            ));
            None
        }
        None => Some(None),
    };
    let minutes = match get("minutes").map(str::parse::<i64>) {
        Some(Ok(v)) => Some(Some(v)),
        Some(Err(_)) => {
            errors.push(row_error(
                row_no,
                "minutes",
                FieldError::new("minutes", "invalid_value", "must be a whole number"),
            ));
            None
        }
        None => Some(None),
    };
    let key = format!(
        "{}|{}",
        nip.as_deref().unwrap_or_default(),
        reference.as_deref().unwrap_or_default()
    );
    // The API's rules, with what could be read (unreadable parts stand in with placeholders
    // that break no rule, and are reported above; an unreadable amount still counts as given).
    let readable =
        activity_kind.is_some() && occurred_on.is_some() && jp.is_some() && minutes.is_some();
    let placeholder_day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let parsed = match RecordedActivity::parse(RecordedActivityInput {
        activity_kind: activity_kind.unwrap_or(ActivityKind::Training),
        title: get("title").unwrap_or_default().to_owned(),
        occurred_on: occurred_on.unwrap_or(placeholder_day),
        provider: get("provider").map(str::to_owned),
        reference: reference.clone(),
        jp: jp.unwrap_or(Some(1.0)),
        minutes: minutes.unwrap_or(Some(1)),
    }) {
        Ok(a) => readable.then_some(a),
        Err(DomainError::Validation(fields)) => {
            for f in fields {
                let column = f.field.clone();
                errors.push(row_error(row_no, &column, f));
            }
            None
        }
        Err(_) => None,
    };
    Checked {
        row_no,
        nip,
        key,
        parsed,
        errors,
    }
}

#[async_trait]
impl KindHandler for ExternalTrainings {
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
        // The external credits these employees already have (by reference).
        let mut ids: Vec<Uuid> = employees.values().copied().collect();
        ids.sort_unstable();
        let stored: HashSet<(Uuid, String)> = if ids.is_empty() {
            HashSet::new()
        } else {
            crate::bulk::plan_each_time(txn, true).await?;
            let rows: Vec<(Uuid, String)> = jp_credits::Entity::find()
                .select_only()
                .column(jp_credits::Column::EmployeeId)
                .column(jp_credits::Column::SourceRef)
                .filter(crate::bulk::any_of(
                    backend,
                    jp_credits::Column::EmployeeId,
                    ids,
                ))
                .filter(jp_credits::Column::Source.eq(CreditSource::External.as_str()))
                .into_tuple()
                .all(txn)
                .await
                .dom()?;
            crate::bulk::plan_each_time(txn, false).await?;
            rows.into_iter().collect()
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
            match (c.parsed.take(), employee_id) {
                (Some(a), Some(employee_id)) if c.errors.is_empty() => {
                    let reference = a.reference.clone().unwrap_or_default();
                    let outcome = if stored.contains(&(employee_id, reference.clone())) {
                        Outcome::Same
                    } else {
                        Outcome::Create
                    };
                    let (jp_centi, minutes) = match a.amount {
                        ActivityAmount::Jp(jp) => (Some(jp.0), None),
                        ActivityAmount::Minutes(m) => (None, Some(m)),
                    };
                    let payload = serde_json::to_string(&Row {
                        employee_id,
                        title: a.title,
                        activity_kind: a.activity_kind.as_str().to_owned(),
                        occurred_on: a.occurred_on,
                        provider: a.provider,
                        reference,
                        jp_centi,
                        minutes,
                    })
                    .map_err(|e| DomainError::Internal(e.to_string()))?;
                    staged.push(Staged {
                        row_no: c.row_no,
                        key: c.key,
                        parent_key: None,
                        outcome,
                        payload,
                    });
                }
                _ => {
                    in_column_order(ImportKind::ExternalTrainings, &mut c.errors);
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
            let activity_kind = row
                .activity_kind
                .parse()
                .map_err(|_| DomainError::Internal("staged activity kind".into()))?;
            let amount = match (row.jp_centi, row.minutes) {
                (Some(jp), _) => Amount::Jp(CentiJp(jp)),
                (None, Some(m)) => Amount::Minutes(m),
                (None, None) => return Err(DomainError::Internal("staged amount".into())),
            };
            credit_audited(
                txn,
                actor,
                CreditRequest {
                    agency_id: self.agency_id,
                    employee_id: row.employee_id,
                    occurred_on: row.occurred_on,
                    source: CreditSource::External,
                    source_ref: row.reference,
                    title: row.title,
                    activity_kind,
                    provider: row.provider,
                    amount,
                },
            )
            .await?;
        }
        Ok(())
    }
}
