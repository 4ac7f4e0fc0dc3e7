//! Org units by code, with their parent by code (in the database or in the same file).

use std::collections::HashMap;

use async_trait::async_trait;
use pembina_domain::imports::{HeaderMap, RowError};
use pembina_domain::org::{NewOrgUnit, OrgUnitInput, OrgUnitKind};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{KindHandler, Outcome, Staged};
use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{import_rows, org_units};
use crate::repositories::org::{find_unit_by_code, insert_unit, save_unit};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    code: String,
    name: String,
    kind: String,
    active: bool,
}

/// `true`/`false` as spreadsheets write them (also `1`/`0`, `ya`/`tidak`, `yes`/`no`).
pub(crate) fn parse_bool(v: &str) -> Result<bool, FieldError> {
    match v.trim().to_lowercase().as_str() {
        "true" | "1" | "ya" | "yes" | "y" | "aktif" => Ok(true),
        "false" | "0" | "tidak" | "no" | "n" | "nonaktif" => Ok(false),
        _ => Err(FieldError::new(
            "active",
            "invalid_value",
            "must be true or false",
        )),
    }
}

pub(crate) struct OrgUnits {
    agency_id: Uuid,
    existing: HashMap<String, org_units::Model>,
    codes: HashMap<Uuid, String>,
}

impl OrgUnits {
    pub(crate) async fn prepare(
        db: &DatabaseConnection,
        agency_id: Uuid,
    ) -> Result<Self, DomainError> {
        let units = org_units::Entity::find()
            .filter(org_units::Column::AgencyId.eq(agency_id))
            .all(db)
            .await
            .dom()?;
        let codes = units.iter().map(|u| (u.id, u.code.clone())).collect();
        Ok(Self {
            agency_id,
            existing: units.into_iter().map(|u| (u.code.clone(), u)).collect(),
            codes,
        })
    }
}

#[async_trait]
impl KindHandler for OrgUnits {
    fn key_column(&self) -> &'static str {
        "code"
    }

    fn parent_column(&self) -> Option<&'static str> {
        Some("parent_code")
    }

    fn existing_keys(&self, agency_id: Uuid) -> SelectStatement {
        Query::select()
            .column(org_units::Column::Code)
            .from(org_units::Entity)
            .and_where(Expr::col(org_units::Column::AgencyId).eq(agency_id))
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
            let mut row_errors: Vec<FieldError> = Vec::new();
            let kind = match header
                .get(&rec, "kind")
                .map(|k| k.to_lowercase().parse::<OrgUnitKind>())
            {
                Some(Ok(k)) => Some(k),
                Some(Err(mut e)) => {
                    e.field = "kind".into();
                    row_errors.push(e);
                    None
                }
                None => {
                    row_errors.push(FieldError::new("kind", "required", "is required"));
                    None
                }
            };
            let active = match header.get(&rec, "active").map(parse_bool) {
                Some(Ok(a)) => a,
                Some(Err(e)) => {
                    row_errors.push(e);
                    true
                }
                None => true,
            };
            let parent_code = header.get(&rec, "parent_code").map(str::to_uppercase);
            let parsed = NewOrgUnit::parse(OrgUnitInput {
                agency_id: self.agency_id,
                parent_id: None,
                code: header.get(&rec, "code").unwrap_or_default().to_owned(),
                name: header.get(&rec, "name").unwrap_or_default().to_owned(),
                kind: kind.unwrap_or(OrgUnitKind::Agency),
                active,
            });
            let unit = match parsed {
                Ok(u) => Some(u),
                Err(DomainError::Validation(f)) => {
                    row_errors.extend(f);
                    None
                }
                Err(e) => return Err(e),
            };
            if parent_code.is_some()
                && unit
                    .as_ref()
                    .is_some_and(|u| Some(&u.code) == parent_code.as_ref())
            {
                row_errors.push(FieldError::new(
                    "parent_code",
                    "cycle",
                    "a unit cannot be its own parent",
                ));
            }
            let key = unit.as_ref().map_or_else(
                || header.get(&rec, "code").unwrap_or_default().to_uppercase(),
                |u| u.code.clone(),
            );
            match (unit, row_errors.is_empty()) {
                (Some(u), true) => {
                    let row = Row {
                        code: u.code.clone(),
                        name: u.name,
                        kind: u.kind.as_str().to_owned(),
                        active: u.active,
                    };
                    let outcome = match self.existing.get(&u.code) {
                        None => Outcome::Create,
                        Some(m) => {
                            let parent_now = m.parent_id.and_then(|p| self.codes.get(&p)).cloned();
                            if m.name == row.name
                                && m.kind == row.kind
                                && m.active == row.active
                                && parent_now == parent_code
                            {
                                Outcome::Same
                            } else {
                                Outcome::Update
                            }
                        }
                    };
                    let payload = serde_json::to_string(&row)
                        .map_err(|e| DomainError::Internal(e.to_string()))?;
                    staged.push(Staged {
                        row_no,
                        key,
                        parent_key: parent_code,
                        outcome,
                        payload,
                    });
                }
                _ => {
                    for e in row_errors {
                        errors.push(RowError {
                            row: row_no,
                            column: Some(e.field),
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
            let parent_id = match &r.parent_key {
                Some(code) => Some(
                    find_unit_by_code(txn, self.agency_id, code)
                        .await?
                        .ok_or(DomainError::Internal(format!("parent {code} missing")))?
                        .id,
                ),
                None => None,
            };
            let unit = NewOrgUnit {
                agency_id: self.agency_id,
                parent_id,
                code: row.code.clone(),
                name: row.name,
                kind: row
                    .kind
                    .parse()
                    .map_err(|_| DomainError::Internal("staged unit kind".into()))?,
                active: row.active,
            };
            match find_unit_by_code(txn, self.agency_id, &row.code).await? {
                Some(before) => {
                    save_unit(txn, actor, before, unit).await?;
                }
                None => {
                    insert_unit(txn, actor, unit).await?;
                }
            }
        }
        Ok(())
    }
}
