//! Positions by code, with their unit by code.

use std::collections::HashMap;

use async_trait::async_trait;
use pembina_domain::imports::{HeaderMap, RowError};
use pembina_domain::org::{FunctionalLevel, NewPosition, PositionInput, PositionKind};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{KindHandler, Outcome, Staged};
use super::org_units::parse_bool;
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{import_rows, org_units, positions};
use crate::repositories::org::{find_position_by_code, insert_position, save_position};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    code: String,
    title: String,
    kind: String,
    functional_level: Option<String>,
    org_unit_id: Option<Uuid>,
    active: bool,
}

pub(crate) struct Positions {
    agency_id: Uuid,
    units: HashMap<String, Uuid>,
    existing: HashMap<String, positions::Model>,
}

impl Positions {
    pub(crate) async fn prepare(
        db: &DatabaseConnection,
        agency_id: Uuid,
    ) -> Result<Self, DomainError> {
        let units = org_units::Entity::find()
            .filter(org_units::Column::AgencyId.eq(agency_id))
            .all(db)
            .await
            .dom()?;
        let existing = positions::Entity::find()
            .filter(positions::Column::AgencyId.eq(agency_id))
            .all(db)
            .await
            .dom()?;
        Ok(Self {
            agency_id,
            units: units.into_iter().map(|u| (u.code, u.id)).collect(),
            existing: existing.into_iter().map(|p| (p.code.clone(), p)).collect(),
        })
    }
}

fn parse_enum<T: std::str::FromStr<Err = FieldError>>(
    field: &str,
    raw: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match raw.map(|v| v.to_lowercase().parse::<T>()) {
        Some(Ok(v)) => Some(v),
        Some(Err(mut e)) => {
            e.field = field.into();
            errors.push(e);
            None
        }
        None => None,
    }
}

#[async_trait]
impl KindHandler for Positions {
    fn key_column(&self) -> &'static str {
        "code"
    }

    fn parent_column(&self) -> Option<&'static str> {
        None
    }

    fn existing_keys(&self, agency_id: Uuid) -> SelectStatement {
        Query::select()
            .column(positions::Column::Code)
            .from(positions::Entity)
            .and_where(Expr::col(positions::Column::AgencyId).eq(agency_id))
            .to_owned()
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
            let mut row_errors = Vec::new();
            let kind: Option<PositionKind> =
                parse_enum("kind", header.get(&rec, "kind"), &mut row_errors);
            if header.get(&rec, "kind").is_none() {
                row_errors.push(FieldError::new("kind", "required", "is required"));
            }
            let level: Option<FunctionalLevel> = parse_enum(
                "functional_level",
                header.get(&rec, "functional_level"),
                &mut row_errors,
            );
            let active = match header.get(&rec, "active").map(parse_bool) {
                Some(Ok(a)) => a,
                Some(Err(e)) => {
                    row_errors.push(e);
                    true
                }
                None => true,
            };
            let unit_id = match header.get(&rec, "unit_code") {
                Some(code) => match self.units.get(&code.to_uppercase()) {
                    Some(id) => Some(*id),
                    None => {
                        row_errors.push(FieldError::new(
                            "unit_code",
                            "unknown_reference",
                            format!("no unit with code {code} in this agency"),
                        ));
                        None
                    }
                },
                None => None,
            };
            let parsed = NewPosition::parse(PositionInput {
                agency_id: self.agency_id,
                org_unit_id: unit_id,
                code: header.get(&rec, "code").unwrap_or_default().to_owned(),
                title: header.get(&rec, "title").unwrap_or_default().to_owned(),
                kind: kind.unwrap_or(PositionKind::Pelaksana),
                functional_level: level,
            });
            let position = match parsed {
                Ok(p) if kind.is_some() => Some(p),
                Ok(_) => None,
                Err(DomainError::Validation(f)) => {
                    row_errors.extend(
                        f.into_iter()
                            .filter(|e| kind.is_some() || e.field != "functional_level"),
                    );
                    None
                }
                Err(e) => return Err(e),
            };
            let key = position.as_ref().map_or_else(
                || header.get(&rec, "code").unwrap_or_default().to_uppercase(),
                |p| p.code.clone(),
            );
            match (position, row_errors.is_empty()) {
                (Some(p), true) => {
                    let row = Row {
                        code: p.code.clone(),
                        title: p.title,
                        kind: p.kind.as_str().to_owned(),
                        functional_level: p.functional_level.map(|l| l.as_str().to_owned()),
                        org_unit_id: p.org_unit_id,
                        active,
                    };
                    let outcome = match self.existing.get(&p.code) {
                        None => Outcome::Create,
                        Some(m)
                            if m.title == row.title
                                && m.kind == row.kind
                                && m.functional_level == row.functional_level
                                && m.org_unit_id == row.org_unit_id
                                && m.active == row.active =>
                        {
                            Outcome::Same
                        }
                        Some(_) => Outcome::Update,
                    };
                    let payload = serde_json::to_string(&row)
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
                    for e in row_errors {
                        let column = if e.field == "org_unit_id" {
                            "unit_code".to_owned()
                        } else {
                            e.field
                        };
                        errors.push(RowError {
                            row: row_no,
                            column: Some(column),
                            code: e.code.to_owned(),
                            message: e.message,
                        });
                    }
                    staged.push(Staged {
                        row_no,
                        key: key.chars().take(64).collect(),
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
            let bad = |_| DomainError::Internal("staged position value".into());
            let p = NewPosition {
                agency_id: self.agency_id,
                org_unit_id: row.org_unit_id,
                code: row.code.clone(),
                title: row.title,
                kind: row.kind.parse().map_err(bad)?,
                functional_level: row
                    .functional_level
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(bad)?,
            };
            match find_position_by_code(txn, self.agency_id, &row.code).await? {
                Some(before) => {
                    save_position(txn, actor, before, p, row.active).await?;
                }
                None => {
                    let created = insert_position(txn, actor, p).await?;
                    if !row.active {
                        let before = created.clone();
                        let again = NewPosition {
                            agency_id: created.agency_id,
                            org_unit_id: created.org_unit_id,
                            code: created.code.clone(),
                            title: created.title.clone(),
                            kind: created.kind.parse().map_err(bad)?,
                            functional_level: created
                                .functional_level
                                .as_deref()
                                .map(str::parse)
                                .transpose()
                                .map_err(bad)?,
                        };
                        save_position(txn, actor, before, again, false).await?;
                    }
                }
            }
        }
        Ok(())
    }
}
