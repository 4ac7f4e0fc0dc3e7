//! Assessments by NIP and competency code. Assessments are history: a row is created, or found
//! already stored (same NIP, competency, date and method) and left alone; never updated.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{NaiveDate, Utc};
use pembina_domain::competency::assessment::{AssessmentInput, AssessmentMethod, NewAssessment};
use pembina_domain::imports::{HeaderMap, ImportKind, RowError};
use pembina_domain::{DomainError, FieldError};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::competencies::{
    employee_ids_by_nip, in_column_order, row_error, truncated_key, unknown_competency,
    usable_competencies,
};
use super::engine::{KindHandler, Outcome, Staged};
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{competency_assessments as assessments, import_rows};
use crate::repositories::competency::insert_assessment;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    employee_id: Uuid,
    competency_id: Uuid,
    level: u8,
    assessed_on: NaiveDate,
    method: String,
    assessor_name: Option<String>,
    evidence: Option<String>,
    valid_until: Option<NaiveDate>,
}

/// What identifies a stored assessment: employee, competency, date and method.
type Identity = (Uuid, Uuid, NaiveDate, String);

pub(crate) struct CompetencyAssessments {
    agency_id: Uuid,
    competencies: HashMap<String, Uuid>,
    /// The date "not in the future" is checked against.
    today: NaiveDate,
}

impl CompetencyAssessments {
    pub(crate) async fn prepare(
        db: &DatabaseConnection,
        agency_id: Uuid,
    ) -> Result<Self, DomainError> {
        Ok(Self {
            agency_id,
            competencies: usable_competencies(db, agency_id).await?,
            today: Utc::now().date_naive(),
        })
    }
}

fn date(
    row: u64,
    column: &str,
    raw: Option<&str>,
    errors: &mut Vec<RowError>,
) -> Option<NaiveDate> {
    match raw.map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d")) {
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            errors.push(row_error(
                row,
                column,
                FieldError::new(column, "invalid_date", "must be a date written YYYY-MM-DD"),
            ));
            None
        }
        None => None,
    }
}

/// A row checked by itself; the employee is looked up afterwards, by NIP, for the whole chunk.
struct Checked {
    row_no: u64,
    nip: Option<String>,
    key: String,
    competency_id: Option<Uuid>,
    level: Option<i64>,
    assessed_on: Option<NaiveDate>,
    method: AssessmentMethod,
    assessor_name: Option<String>,
    evidence: Option<String>,
    valid_until: Option<NaiveDate>,
    errors: Vec<RowError>,
}

impl CompetencyAssessments {
    fn check(&self, header: &HeaderMap, row_no: u64, rec: &[String]) -> Checked {
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
        let code = get("competency_code").map(str::to_uppercase);
        let competency_id = match code.as_deref() {
            Some(c) => match self.competencies.get(c) {
                Some(id) => Some(*id),
                None => {
                    errors.push(unknown_competency(row_no, c));
                    None
                }
            },
            None => {
                errors.push(required("competency_code"));
                None
            }
        };
        let level = match get("level").map(str::parse::<i64>) {
            Some(Ok(n)) => Some(n),
            Some(Err(_)) => {
                errors.push(row_error(
                    row_no,
                    "level",
                    FieldError::new(
                        "level",
                        "invalid_value",
                        "must be a whole number from 1 to 5",
                    ),
                ));
                None
            }
            None => {
                errors.push(required("level"));
                None
            }
        };
        let assessed_on = date(row_no, "assessed_on", get("assessed_on"), &mut errors);
        if get("assessed_on").is_none() {
            errors.push(required("assessed_on"));
        }
        let method = match get("method").map(|m| m.to_lowercase().parse::<AssessmentMethod>()) {
            Some(Ok(m)) => m,
            Some(Err(e)) => {
                errors.push(row_error(row_no, "method", e));
                AssessmentMethod::Imported
            }
            None => AssessmentMethod::Imported,
        };
        let valid_until = date(row_no, "valid_until", get("valid_until"), &mut errors);
        let key = format!(
            "{}|{}|{}|{}",
            nip.as_deref().unwrap_or_default(),
            code.as_deref().unwrap_or_default(),
            assessed_on.map_or_else(
                || get("assessed_on").unwrap_or_default().to_owned(),
                |d| d.format("%Y-%m-%d").to_string()
            ),
            method.as_str(),
        );
        Checked {
            row_no,
            nip,
            key,
            competency_id,
            level,
            assessed_on,
            method,
            assessor_name: get("assessor_name").map(str::to_owned),
            evidence: get("evidence").map(str::to_owned),
            valid_until,
            errors,
        }
    }
}

#[async_trait]
impl KindHandler for CompetencyAssessments {
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
            .map(|(row_no, rec)| self.check(header, *row_no, rec))
            .collect();
        // The employees of these NIPs (another agency's is unknown here).
        let backend = txn.get_database_backend();
        let employees = employee_ids_by_nip(
            txn,
            self.agency_id,
            checked.iter().filter_map(|c| c.nip.clone()),
        )
        .await?;
        // What is already stored for them (voided assessments too: re-importing a file must
        // not bring back an assessment an admin voided).
        let mut ids: Vec<Uuid> = employees.values().copied().collect();
        ids.sort_unstable();
        let stored: HashSet<Identity> = if ids.is_empty() {
            HashSet::new()
        } else {
            crate::bulk::plan_each_time(txn, true).await?;
            let rows: Vec<(Uuid, Uuid, NaiveDate, String)> = assessments::Entity::find()
                .select_only()
                .column(assessments::Column::EmployeeId)
                .column(assessments::Column::CompetencyId)
                .column(assessments::Column::AssessedOn)
                .column(assessments::Column::Method)
                .filter(crate::bulk::any_of(
                    backend,
                    assessments::Column::EmployeeId,
                    ids,
                ))
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
            // The rules of the API, with what is known of the row (missing parts stand in
            // with placeholders that break no rule, and are reported above).
            let parsed = NewAssessment::parse(AssessmentInput {
                employee_id: employee_id.unwrap_or_default(),
                competency_id: c.competency_id.unwrap_or_default(),
                level: c.level.unwrap_or(1),
                assessed_on: c.assessed_on.unwrap_or(self.today),
                method: c.method,
                assessor_name: c.assessor_name.clone(),
                evidence: c.evidence.clone(),
                valid_until: c.valid_until.filter(|_| c.assessed_on.is_some()),
                today: self.today,
            });
            let assessment = match parsed {
                Ok(a) => Some(a),
                Err(DomainError::Validation(fields)) => {
                    for f in fields {
                        let column = f.field.clone();
                        c.errors.push(row_error(c.row_no, &column, f));
                    }
                    None
                }
                Err(e) => return Err(e),
            };
            match (assessment, employee_id, c.competency_id) {
                (Some(a), Some(_), Some(_)) if c.errors.is_empty() => {
                    let identity: Identity = (
                        a.employee_id,
                        a.competency_id,
                        a.assessed_on,
                        a.method.as_str().to_owned(),
                    );
                    let outcome = if stored.contains(&identity) {
                        Outcome::Same
                    } else {
                        Outcome::Create
                    };
                    let payload = serde_json::to_string(&Row {
                        employee_id: a.employee_id,
                        competency_id: a.competency_id,
                        level: a.level,
                        assessed_on: a.assessed_on,
                        method: a.method.as_str().to_owned(),
                        assessor_name: a.assessor_name,
                        evidence: a.evidence,
                        valid_until: a.valid_until,
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
                    in_column_order(ImportKind::CompetencyAssessments, &mut c.errors);
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
            let method = row
                .method
                .parse()
                .map_err(|_| DomainError::Internal("staged assessment method".into()))?;
            insert_assessment(
                txn,
                actor,
                self.agency_id,
                NewAssessment {
                    employee_id: row.employee_id,
                    competency_id: row.competency_id,
                    level: row.level,
                    assessed_on: row.assessed_on,
                    method,
                    assessor_name: row.assessor_name,
                    evidence: row.evidence,
                    valid_until: row.valid_until,
                },
            )
            .await?;
        }
        Ok(())
    }
}
