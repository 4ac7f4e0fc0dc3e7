//! The agency's technical competencies by code, with their five levels and indicators; and the
//! lookups the other competency imports share.

use std::collections::HashMap;

use async_trait::async_trait;
use pembina_domain::competency::{
    CompetencyGroup, CompetencyInput, LEVEL_COUNT, LevelDescription, MIN_LEVEL, NewCompetency,
};
use pembina_domain::imports::{HeaderMap, ImportKind, RowError, columns};
use pembina_domain::{DomainError, FieldError};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{KindHandler, Outcome, Staged};
use super::org_units::parse_bool;
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{competencies, import_rows};
use crate::repositories::competency::{insert_competency_with, levels_of, save_competency};

/// The longest key kept for a rejected row (the column holds 128 characters).
pub(crate) const MAX_KEY: usize = 128;

/// The competencies rows may refer to by code: the national catalogue and the agency's
/// technical ones, retired ones left out (as the API's standards and assessments do).
pub(crate) async fn usable_competencies<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
) -> Result<HashMap<String, Uuid>, DomainError> {
    let rows = competencies::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(competencies::Column::AgencyId.is_null())
                .add(competencies::Column::AgencyId.eq(agency_id)),
        )
        .filter(competencies::Column::RetiredAt.is_null())
        .all(db)
        .await
        .dom()?;
    // A national code wins should an older technical competency share it.
    let (national, technical): (Vec<_>, Vec<_>) =
        rows.into_iter().partition(|c| c.agency_id.is_none());
    Ok(technical
        .into_iter()
        .chain(national)
        .map(|c| (c.code, c.id))
        .collect())
}

/// The error of a competency code that names nothing the agency may use.
pub(crate) fn unknown_competency(row: u64, code: &str) -> RowError {
    RowError {
        row,
        column: Some("competency_code".into()),
        code: "unknown_reference".into(),
        message: format!(
            "no competency with code {code} in the national catalogue or this agency (or it is retired)"
        ),
    }
}

pub(crate) fn row_error(row: u64, column: &str, e: FieldError) -> RowError {
    RowError {
        row,
        column: Some(column.to_owned()),
        code: e.code.to_owned(),
        message: e.message,
    }
}

/// Puts a row's errors in the order of the documented columns (whole-row errors last).
pub(crate) fn in_column_order(kind: ImportKind, errors: &mut [RowError]) {
    let cols = columns(kind);
    errors.sort_by_key(|e| {
        e.column
            .as_deref()
            .and_then(|c| cols.iter().position(|d| d.name == c))
            .unwrap_or(usize::MAX)
    });
}

/// The ids of the employees of `agency_id` with these NIPs, in one query (each NIP asked for
/// once). Another agency's NIP is left out, so a row naming it reads as unknown.
pub(crate) async fn employee_ids_by_nip(
    txn: &sea_orm::DatabaseTransaction,
    agency_id: uuid::Uuid,
    nips: impl IntoIterator<Item = String>,
) -> Result<std::collections::HashMap<String, uuid::Uuid>, DomainError> {
    use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
    let mut nips: Vec<String> = nips.into_iter().collect();
    nips.sort_unstable();
    nips.dedup();
    if nips.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let backend = txn.get_database_backend();
    crate::bulk::plan_each_time(txn, true).await?;
    let found: Vec<(String, uuid::Uuid, uuid::Uuid)> = crate::entities::employees::Entity::find()
        .select_only()
        .column(crate::entities::employees::Column::Nip)
        .column(crate::entities::employees::Column::Id)
        .column(crate::entities::employees::Column::AgencyId)
        .filter(crate::bulk::any_of(
            backend,
            crate::entities::employees::Column::Nip,
            nips,
        ))
        .into_tuple()
        .all(txn)
        .await
        .dom()?;
    crate::bulk::plan_each_time(txn, false).await?;
    Ok(found
        .into_iter()
        .filter(|(_, _, agency)| *agency == agency_id)
        .map(|(nip, id, _)| (nip, id))
        .collect())
}

pub(crate) fn truncated_key(raw: &str) -> String {
    raw.chars().take(MAX_KEY).collect()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    code: String,
    name: String,
    description: String,
    levels: Vec<LevelDescription>,
    retired: bool,
}

pub(crate) struct Competencies {
    agency_id: Uuid,
    existing: HashMap<String, competencies::Model>,
}

impl Competencies {
    pub(crate) async fn prepare(
        db: &DatabaseConnection,
        agency_id: Uuid,
    ) -> Result<Self, DomainError> {
        let existing = competencies::Entity::find()
            .filter(competencies::Column::AgencyId.eq(agency_id))
            .all(db)
            .await
            .dom()?;
        Ok(Self {
            agency_id,
            existing: existing.into_iter().map(|c| (c.code.clone(), c)).collect(),
        })
    }

    /// The documented column of a field of [`NewCompetency::parse`]: the levels are given in
    /// order, so `levels[i]` is the column of level `i + 1`.
    fn column_of(field: &str) -> String {
        let level_column = |rest: &str, prefix: &str| {
            let i: usize = rest.split(']').next()?.parse().ok()?;
            Some(format!("{prefix}_{}", i + usize::from(MIN_LEVEL)))
        };
        if let Some(rest) = field.strip_prefix("levels[") {
            let prefix = if rest.contains("indicators") {
                "indicators"
            } else {
                "level"
            };
            if let Some(c) = level_column(rest, prefix) {
                return c;
            }
        }
        field.to_owned()
    }

    fn same(m: &competencies::Model, row: &Row) -> Result<bool, DomainError> {
        Ok(m.name == row.name
            && m.description == row.description
            && m.retired_at.is_some() == row.retired
            && levels_of(m)? == row.levels)
    }
}

#[async_trait]
impl KindHandler for Competencies {
    fn key_column(&self) -> &'static str {
        "code"
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
            let retired = match get("retired").map(parse_bool) {
                Some(Ok(r)) => r,
                Some(Err(e)) => {
                    row_errors.push(row_error(row_no, "retired", e));
                    false
                }
                None => false,
            };
            let levels = (0..LEVEL_COUNT)
                .map(|i| {
                    let level = MIN_LEVEL + i as u8;
                    LevelDescription {
                        level,
                        description: get(&format!("level_{level}"))
                            .unwrap_or_default()
                            .to_owned(),
                        indicators: get(&format!("indicators_{level}"))
                            .map(|v| v.split('|').map(str::to_owned).collect())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            let code = get("code");
            if code.is_none() {
                row_errors.push(row_error(
                    row_no,
                    "code",
                    FieldError::new("code", "required", "is required"),
                ));
            }
            let parsed = NewCompetency::parse(CompetencyInput {
                code: code.unwrap_or_default().to_owned(),
                group: CompetencyGroup::Technical,
                name: get("name").unwrap_or_default().to_owned(),
                description: get("description").unwrap_or_default().to_owned(),
                levels,
            });
            let competency = match parsed {
                Ok(c) => Some(c),
                Err(DomainError::Validation(fields)) => {
                    for f in fields {
                        // A missing code is already reported as required.
                        if f.field == "code" && code.is_none() {
                            continue;
                        }
                        let column = Self::column_of(&f.field);
                        row_errors.push(row_error(row_no, &column, f));
                    }
                    None
                }
                Err(e) => return Err(e),
            };
            match competency {
                Some(c) if row_errors.is_empty() => {
                    let row = Row {
                        code: c.code,
                        name: c.name,
                        description: c.description,
                        levels: c.levels,
                        retired,
                    };
                    let outcome = match self.existing.get(&row.code) {
                        None => Outcome::Create,
                        Some(m) if Self::same(m, &row)? => Outcome::Same,
                        Some(_) => Outcome::Update,
                    };
                    let payload = serde_json::to_string(&row)
                        .map_err(|e| DomainError::Internal(e.to_string()))?;
                    staged.push(Staged {
                        row_no,
                        key: row.code,
                        parent_key: None,
                        outcome,
                        payload,
                    });
                }
                _ => {
                    in_column_order(ImportKind::Competencies, &mut row_errors);
                    errors.extend(row_errors);
                    staged.push(Staged {
                        row_no,
                        key: truncated_key(&code.unwrap_or_default().to_uppercase()),
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
            let c = NewCompetency {
                code: row.code.clone(),
                group: CompetencyGroup::Technical,
                name: row.name,
                description: row.description,
                levels: row.levels,
            };
            let current = competencies::Entity::find()
                .filter(competencies::Column::AgencyId.eq(self.agency_id))
                .filter(competencies::Column::Code.eq(row.code.as_str()))
                .one(txn)
                .await
                .dom()?;
            match current {
                Some(before) => {
                    save_competency(txn, actor, before, c, row.retired).await?;
                }
                None => {
                    insert_competency_with(txn, actor, self.agency_id, c, row.retired).await?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_fields_name_their_columns() {
        assert_eq!(Competencies::column_of("levels[0].description"), "level_1");
        assert_eq!(Competencies::column_of("levels[4].description"), "level_5");
        assert_eq!(
            Competencies::column_of("levels[2].indicators[1]"),
            "indicators_3"
        );
        assert_eq!(
            Competencies::column_of("levels[3].indicators"),
            "indicators_4"
        );
        assert_eq!(Competencies::column_of("name"), "name");
        assert_eq!(Competencies::column_of("levels"), "levels");
    }

    #[test]
    fn errors_follow_the_documented_columns() {
        let e = |c: Option<&str>| RowError {
            row: 2,
            column: c.map(str::to_owned),
            code: "x".into(),
            message: String::new(),
        };
        let mut errs = vec![
            e(Some("retired")),
            e(None),
            e(Some("level_2")),
            e(Some("code")),
        ];
        in_column_order(ImportKind::Competencies, &mut errs);
        let got: Vec<Option<&str>> = errs.iter().map(|e| e.column.as_deref()).collect();
        assert_eq!(got, [Some("code"), Some("level_2"), Some("retired"), None]);
    }
}
