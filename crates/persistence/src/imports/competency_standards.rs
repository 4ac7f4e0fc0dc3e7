//! Explicit required levels of (position, competency) pairs, by position code and competency
//! code. The file sets the pairs it names; pairs it leaves out keep their level (or default).

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use pembina_domain::competency::check_level;
use pembina_domain::imports::{HeaderMap, ImportKind, RowError};
use pembina_domain::{DomainError, FieldError};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::competencies::{
    in_column_order, row_error, truncated_key, unknown_competency, usable_competencies,
};
use super::engine::{KindHandler, Outcome, Staged};
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{competency_standards as standards, import_rows, positions};
use crate::repositories::competency::merge_standard;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    position_id: Uuid,
    competency_id: Uuid,
    level: u8,
}

pub(crate) struct CompetencyStandards {
    agency_id: Uuid,
    positions: HashMap<String, Uuid>,
    competencies: HashMap<String, Uuid>,
    /// The explicit levels stored for the agency's positions.
    explicit: HashMap<(Uuid, Uuid), i16>,
}

impl CompetencyStandards {
    pub(crate) async fn prepare(
        db: &DatabaseConnection,
        agency_id: Uuid,
    ) -> Result<Self, DomainError> {
        let positions: Vec<(String, Uuid)> = positions::Entity::find()
            .select_only()
            .column(positions::Column::Code)
            .column(positions::Column::Id)
            .filter(positions::Column::AgencyId.eq(agency_id))
            .into_tuple()
            .all(db)
            .await
            .dom()?;
        let explicit: Vec<(Uuid, Uuid, i16)> = standards::Entity::find()
            .select_only()
            .column(standards::Column::PositionId)
            .column(standards::Column::CompetencyId)
            .column(standards::Column::RequiredLevel)
            .filter(standards::Column::AgencyId.eq(agency_id))
            .into_tuple()
            .all(db)
            .await
            .dom()?;
        Ok(Self {
            agency_id,
            positions: positions.into_iter().collect(),
            competencies: usable_competencies(db, agency_id).await?,
            explicit: explicit.into_iter().map(|(p, c, l)| ((p, c), l)).collect(),
        })
    }
}

#[async_trait]
impl KindHandler for CompetencyStandards {
    fn key_column(&self) -> &'static str {
        "position_code"
    }

    fn parent_column(&self) -> Option<&'static str> {
        None
    }

    async fn stage(
        &self,
        _txn: &DatabaseTransaction,
        header: &HeaderMap,
        rows: Vec<(u64, Vec<String>)>,
    ) -> Result<(Vec<Staged>, Vec<RowError>), DomainError> {
        let mut errors = Vec::new();
        let mut staged = Vec::with_capacity(rows.len());
        for (row_no, rec) in rows {
            let get = |c: &str| header.get(&rec, c);
            let mut row_errors = Vec::new();
            let required = |column: &str| {
                row_error(
                    row_no,
                    column,
                    FieldError::new(column, "required", "is required"),
                )
            };
            let position_code = get("position_code").map(str::to_uppercase);
            let position_id = match position_code.as_deref() {
                Some(code) => match self.positions.get(code) {
                    Some(id) => Some(*id),
                    None => {
                        row_errors.push(RowError {
                            row: row_no,
                            column: Some("position_code".into()),
                            code: "unknown_reference".into(),
                            message: format!("no position with code {code} in this agency"),
                        });
                        None
                    }
                },
                None => {
                    row_errors.push(required("position_code"));
                    None
                }
            };
            let competency_code = get("competency_code").map(str::to_uppercase);
            let competency_id = match competency_code.as_deref() {
                Some(code) => match self.competencies.get(code) {
                    Some(id) => Some(*id),
                    None => {
                        row_errors.push(unknown_competency(row_no, code));
                        None
                    }
                },
                None => {
                    row_errors.push(required("competency_code"));
                    None
                }
            };
            let level = match get("required_level").map(str::parse::<i64>) {
                Some(Ok(n)) => match check_level("required_level", n) {
                    Ok(l) => Some(l),
                    Err(e) => {
                        row_errors.push(row_error(row_no, "required_level", e));
                        None
                    }
                },
                Some(Err(_)) => {
                    row_errors.push(row_error(
                        row_no,
                        "required_level",
                        FieldError::new(
                            "required_level",
                            "invalid_value",
                            "must be a whole number from 1 to 5",
                        ),
                    ));
                    None
                }
                None => {
                    row_errors.push(required("required_level"));
                    None
                }
            };
            let key = format!(
                "{}|{}",
                position_code.unwrap_or_default(),
                competency_code.unwrap_or_default()
            );
            match (position_id, competency_id, level) {
                (Some(position_id), Some(competency_id), Some(level)) if row_errors.is_empty() => {
                    let outcome = match self.explicit.get(&(position_id, competency_id)) {
                        None => Outcome::Create,
                        Some(l) if *l == i16::from(level) => Outcome::Same,
                        Some(_) => Outcome::Update,
                    };
                    let payload = serde_json::to_string(&Row {
                        position_id,
                        competency_id,
                        level,
                    })
                    .map_err(|e| DomainError::Internal(e.to_string()))?;
                    staged.push(Staged {
                        row_no,
                        key,
                        parent_key: None,
                        outcome,
                        payload,
                    });
                }
                _ => {
                    in_column_order(ImportKind::CompetencyStandards, &mut row_errors);
                    errors.extend(row_errors);
                    staged.push(Staged {
                        row_no,
                        key: truncated_key(&key),
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
        // One write (and one audit event) per position, in the order of its first row.
        let mut by_position: BTreeMap<Uuid, Vec<(Uuid, u8)>> = BTreeMap::new();
        let mut order = Vec::new();
        for r in rows {
            let row: Row = serde_json::from_str(&r.payload)
                .map_err(|e| DomainError::Internal(e.to_string()))?;
            let entries = by_position.entry(row.position_id).or_default();
            if entries.is_empty() {
                order.push(row.position_id);
            }
            entries.push((row.competency_id, row.level));
        }
        for position_id in order {
            let p = positions::Entity::find_by_id(position_id)
                .filter(positions::Column::AgencyId.eq(self.agency_id))
                .one(txn)
                .await
                .dom()?
                .ok_or(DomainError::NotFound("position"))?;
            let entries = by_position.remove(&position_id).unwrap_or_default();
            merge_standard(txn, actor, &p, entries).await?;
        }
        Ok(())
    }
}
