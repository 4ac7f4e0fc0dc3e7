//! Employees by NIP: references by unit and position code, supervisors by NIP (in the
//! database or anywhere in the same file), written in batches.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{NaiveDate, Utc};
use pembina_domain::imports::{HeaderMap, RowError};
use pembina_domain::people::{EmployeeInput, EmployeeStatus, EmploymentType, NewEmployee, Sex};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{CHUNK, KindHandler, Outcome, Staged};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{audit_events, employees, import_rows, org_units, positions};

/// A validated row, as parked between staging and writing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Row {
    nip: String,
    employment_type: String,
    name: String,
    title_prefix: Option<String>,
    title_suffix: Option<String>,
    sex: String,
    birth_date: NaiveDate,
    rank: Option<String>,
    org_unit_id: Uuid,
    position_id: Option<Uuid>,
    email: Option<String>,
    phone: Option<String>,
    status: String,
}

impl Row {
    fn from_new(e: NewEmployee) -> Self {
        Self {
            nip: e.id_number.as_str().to_owned(),
            employment_type: e.employment_type.as_str().to_owned(),
            name: e.name.name,
            title_prefix: e.name.title_prefix,
            title_suffix: e.name.title_suffix,
            sex: e.sex.as_str().to_owned(),
            birth_date: e.birth_date,
            rank: e.rank.map(|r| r.as_str().to_owned()),
            org_unit_id: e.org_unit_id,
            position_id: e.position_id,
            email: e.email,
            phone: e.phone,
            status: e.status.as_str().to_owned(),
        }
    }

    /// Whether `m` already holds exactly this row (supervisor aside).
    fn matches(&self, m: &employees::Model) -> bool {
        self.employment_type == m.employment_type
            && self.name == m.name
            && self.title_prefix == m.title_prefix
            && self.title_suffix == m.title_suffix
            && self.sex == m.sex
            && self.birth_date == m.birth_date
            && self.rank == m.rank
            && self.org_unit_id == m.org_unit_id
            && self.position_id == m.position_id
            && self.email == m.email
            && self.phone == m.phone
            && self.status == m.status
    }

    fn apply(self, m: &mut employees::Model, supervisor_id: Option<Uuid>) {
        m.nip = self.nip;
        m.employment_type = self.employment_type;
        m.name = self.name;
        m.title_prefix = self.title_prefix;
        m.title_suffix = self.title_suffix;
        m.sex = self.sex;
        m.birth_date = self.birth_date;
        m.rank = self.rank;
        m.org_unit_id = self.org_unit_id;
        m.position_id = self.position_id;
        m.email = self.email;
        m.phone = self.phone;
        m.status = self.status;
        m.supervisor_id = supervisor_id;
    }
}

/// The NIPs of the employees `ids` (supervisors, for comparing and exporting by NIP).
pub(crate) async fn nips_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, String>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(employees::Entity::find()
        .select_only()
        .column(employees::Column::Id)
        .column(employees::Column::Nip)
        .filter(crate::bulk::any_of(
            db.get_database_backend(),
            employees::Column::Id,
            ids,
        ))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await
        .dom()?
        .into_iter()
        .collect())
}

pub(crate) struct Employees {
    agency_id: Uuid,
    units: HashMap<String, Uuid>,
    positions: HashMap<String, Uuid>,
}

impl Employees {
    pub(crate) async fn prepare(
        db: &DatabaseConnection,
        agency_id: Uuid,
    ) -> Result<Self, DomainError> {
        let units: Vec<(String, Uuid)> = org_units::Entity::find()
            .select_only()
            .column(org_units::Column::Code)
            .column(org_units::Column::Id)
            .filter(org_units::Column::AgencyId.eq(agency_id))
            .into_tuple()
            .all(db)
            .await
            .dom()?;
        let positions: Vec<(String, Uuid)> = positions::Entity::find()
            .select_only()
            .column(positions::Column::Code)
            .column(positions::Column::Id)
            .filter(positions::Column::AgencyId.eq(agency_id))
            .into_tuple()
            .all(db)
            .await
            .dom()?;
        Ok(Self {
            agency_id,
            units: units.into_iter().collect(),
            positions: positions.into_iter().collect(),
        })
    }

    /// Validates one row by itself; cross-row and database checks come after.
    fn validate(
        &self,
        header: &HeaderMap,
        row_no: u64,
        rec: &[String],
        errors: &mut Vec<RowError>,
    ) -> Option<(Row, Option<String>)> {
        let before = errors.len();
        let mut err = |column: &str, code: &str, message: String| {
            errors.push(RowError {
                row: row_no,
                column: Some(column.to_owned()),
                code: code.to_owned(),
                message,
            });
        };
        let get = |c: &str| header.get(rec, c);
        let nip = get("nip");
        if nip.is_none() {
            err("nip", "required", "is required".into());
        }
        let employment_type =
            match get("employment_type").map(|v| v.to_lowercase().parse::<EmploymentType>()) {
                Some(Ok(t)) => Some(t),
                Some(Err(e)) => {
                    err("employment_type", e.code, e.message);
                    None
                }
                None => {
                    err("employment_type", "required", "is required".into());
                    None
                }
            };
        let sex = match get("sex").map(|v| v.to_lowercase().parse::<Sex>()) {
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                err("sex", e.code, e.message);
                None
            }
            None => None,
        };
        let birth_date = match get("birth_date").map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d")) {
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                err(
                    "birth_date",
                    "invalid_date",
                    "must be a date written YYYY-MM-DD".into(),
                );
                None
            }
            None => None,
        };
        let status = match get("status").map(|v| v.to_lowercase().parse::<EmployeeStatus>()) {
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                err("status", e.code, e.message);
                EmployeeStatus::Active
            }
            None => EmployeeStatus::Active,
        };
        let org_unit_id = match get("unit_code") {
            Some(code) => match self.units.get(&code.to_uppercase()) {
                Some(id) => Some(*id),
                None => {
                    err(
                        "unit_code",
                        "unknown_reference",
                        format!("no unit with code {code} in this agency"),
                    );
                    None
                }
            },
            None => {
                err("unit_code", "required", "is required".into());
                None
            }
        };
        let position_id = match get("position_code") {
            Some(code) => match self.positions.get(&code.to_uppercase()) {
                Some(id) => Some(*id),
                None => {
                    err(
                        "position_code",
                        "unknown_reference",
                        format!("no position with code {code} in this agency"),
                    );
                    None
                }
            },
            None => None,
        };
        let supervisor = get("supervisor_nip").map(str::to_owned);
        if supervisor.is_some() && supervisor.as_deref() == nip {
            err(
                "supervisor_nip",
                "self_supervision",
                "an employee cannot supervise themselves".into(),
            );
        }
        let (Some(nip), Some(employment_type)) = (nip, employment_type) else {
            return None;
        };
        let input = EmployeeInput {
            nip: nip.to_owned(),
            employment_type,
            name: get("name").unwrap_or_default().to_owned(),
            title_prefix: get("title_prefix").map(str::to_owned),
            title_suffix: get("title_suffix").map(str::to_owned),
            sex,
            birth_date,
            rank: get("rank").map(str::to_owned),
            agency_id: self.agency_id,
            org_unit_id: org_unit_id.unwrap_or_default(),
            position_id,
            supervisor_id: None,
            email: get("email").map(str::to_owned),
            phone: get("phone").map(str::to_owned),
            status,
        };
        match NewEmployee::parse(input) {
            Ok(e) if errors.len() == before => Some((Row::from_new(e), supervisor)),
            Ok(_) => None,
            Err(DomainError::Validation(fields)) => {
                for FieldError {
                    field,
                    code,
                    message,
                } in fields
                {
                    let column = match field.as_str() {
                        "org_unit_id" => "unit_code",
                        "position_id" => "position_code",
                        other => other,
                    };
                    errors.push(RowError {
                        row: row_no,
                        column: Some(column.to_owned()),
                        code: code.to_owned(),
                        message,
                    });
                }
                None
            }
            Err(_) => None,
        }
    }
}

#[async_trait]
impl KindHandler for Employees {
    fn key_column(&self) -> &'static str {
        "nip"
    }

    fn parent_column(&self) -> Option<&'static str> {
        Some("supervisor_nip")
    }

    fn existing_keys(&self, agency_id: Uuid) -> SelectStatement {
        Query::select()
            .column(employees::Column::Nip)
            .from(employees::Entity)
            .and_where(Expr::col(employees::Column::AgencyId).eq(agency_id))
            .to_owned()
    }

    async fn stage(
        &self,
        txn: &DatabaseTransaction,
        header: &HeaderMap,
        rows: Vec<(u64, Vec<String>)>,
    ) -> Result<(Vec<Staged>, Vec<RowError>), DomainError> {
        let mut errors = Vec::new();
        let mut valid: Vec<(u64, Row, Option<String>)> = Vec::new();
        let mut staged = Vec::with_capacity(rows.len());
        for (row_no, rec) in &rows {
            match self.validate(header, *row_no, rec, &mut errors) {
                Some((row, sup)) => valid.push((*row_no, row, sup)),
                None => staged.push(Staged {
                    row_no: *row_no,
                    key: header
                        .get(rec, "nip")
                        .unwrap_or_default()
                        .chars()
                        .take(64)
                        .collect(),
                    parent_key: None,
                    outcome: Outcome::Reject,
                    payload: String::new(),
                }),
            }
        }
        // What the database already holds for these NIPs (in any agency), and their supervisors.
        let nips: Vec<String> = valid.iter().map(|(_, r, _)| r.nip.clone()).collect();
        let mut existing: HashMap<String, employees::Model> = HashMap::new();
        let backend = txn.get_database_backend();
        crate::bulk::plan_each_time(txn, true).await?;
        for m in employees::Entity::find()
            .filter(crate::bulk::any_of(backend, employees::Column::Nip, nips))
            .all(txn)
            .await
            .dom()?
        {
            existing.insert(m.nip.clone(), m);
        }
        let sup_ids: Vec<Uuid> = existing.values().filter_map(|m| m.supervisor_id).collect();
        let sup_nips = nips_of(txn, sup_ids).await?;
        crate::bulk::plan_each_time(txn, false).await?;
        for (row_no, row, sup) in valid {
            let outcome = match existing.get(&row.nip) {
                Some(m) if m.agency_id != self.agency_id => {
                    errors.push(RowError {
                        row: row_no,
                        column: Some("nip".into()),
                        code: "duplicate_nip".into(),
                        message: "this NIP is registered in another agency".into(),
                    });
                    Outcome::Reject
                }
                Some(m) => {
                    let current_sup = m.supervisor_id.and_then(|id| sup_nips.get(&id)).cloned();
                    if row.matches(m) && current_sup == sup {
                        Outcome::Same
                    } else {
                        Outcome::Update
                    }
                }
                None => Outcome::Create,
            };
            let payload = if outcome == Outcome::Reject {
                String::new()
            } else {
                serde_json::to_string(&row).map_err(|e| DomainError::Internal(e.to_string()))?
            };
            staged.push(Staged {
                row_no,
                key: row.nip,
                parent_key: sup,
                outcome,
                payload,
            });
        }
        staged.sort_by_key(|s| s.row_no);
        Ok((staged, errors))
    }

    async fn write(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        rows: Vec<import_rows::Model>,
    ) -> Result<(), DomainError> {
        // Supervisors are in earlier levels, so they exist by now.
        let mut parent_nips: Vec<String> =
            rows.iter().filter_map(|r| r.parent_key.clone()).collect();
        parent_nips.sort_unstable();
        parent_nips.dedup();
        let backend = txn.get_database_backend();
        crate::bulk::plan_each_time(txn, true).await?;
        let supervisors: HashMap<String, Uuid> = if parent_nips.is_empty() {
            HashMap::new()
        } else {
            // By NIP alone (unique, indexed), then the agency in memory: adding the agency to the
            // query lets PostgreSQL pick the (agency_id, name) index and scan the whole agency.
            employees::Entity::find()
                .select_only()
                .column(employees::Column::Nip)
                .column(employees::Column::Id)
                .column(employees::Column::AgencyId)
                .filter(crate::bulk::any_of(
                    backend,
                    employees::Column::Nip,
                    parent_nips,
                ))
                .into_tuple::<(String, Uuid, Uuid)>()
                .all(txn)
                .await
                .dom()?
                .into_iter()
                .filter(|(_, _, agency)| *agency == self.agency_id)
                .map(|(nip, id, _)| (nip, id))
                .collect()
        };
        crate::bulk::plan_each_time(txn, false).await?;
        let sup_of = |r: &import_rows::Model| {
            r.parent_key
                .as_ref()
                .and_then(|k| supervisors.get(k))
                .copied()
        };
        let now = Utc::now();
        let mut created = Vec::new();
        let mut updates = Vec::new();
        for r in &rows {
            let row: Row = serde_json::from_str(&r.payload)
                .map_err(|e| DomainError::Internal(e.to_string()))?;
            if r.outcome == Outcome::Create.as_str() {
                let mut m = employees::Model {
                    id: Uuid::now_v7(),
                    agency_id: self.agency_id,
                    nip: String::new(),
                    employment_type: String::new(),
                    name: String::new(),
                    title_prefix: None,
                    title_suffix: None,
                    sex: String::new(),
                    birth_date: row.birth_date,
                    rank: None,
                    org_unit_id: row.org_unit_id,
                    position_id: None,
                    supervisor_id: None,
                    email: None,
                    phone: None,
                    status: String::new(),
                    created_at: now,
                    updated_at: now,
                };
                row.apply(&mut m, sup_of(r));
                created.push(m);
            } else {
                updates.push((row, sup_of(r)));
            }
        }
        if !created.is_empty() {
            let events: Vec<audit_events::Model> = created
                .iter()
                .map(|m| audit_events::Model {
                    id: Uuid::now_v7(),
                    agency_id: Some(m.agency_id),
                    actor_user_id: actor.user_id,
                    actor_api_key_id: actor.api_key_id,
                    occurred_at: now,
                    entity_type: "employee".into(),
                    entity_id: m.id,
                    action: "import_create".into(),
                    changes: audit::diff(None, serde_json::to_value(m).ok().as_ref()),
                    request_id: actor.request_id.clone(),
                })
                .collect();
            crate::bulk::insert_all::<employees::Entity, _>(txn, created).await?;
            crate::bulk::insert_all::<audit_events::Entity, _>(txn, events).await?;
        }
        if !updates.is_empty() {
            let nips: Vec<String> = updates.iter().map(|(r, _)| r.nip.clone()).collect();
            crate::bulk::plan_each_time(txn, true).await?;
            let mut current: HashMap<String, employees::Model> = employees::Entity::find()
                .filter(crate::bulk::any_of(backend, employees::Column::Nip, nips))
                .all(txn)
                .await
                .dom()?
                .into_iter()
                .filter(|m| m.agency_id == self.agency_id)
                .map(|m| (m.nip.clone(), m))
                .collect();
            crate::bulk::plan_each_time(txn, false).await?;
            for (row, sup) in updates {
                let Some(before) = current.remove(&row.nip) else {
                    continue;
                };
                let mut after = before.clone();
                row.apply(&mut after, sup);
                after.updated_at = now;
                // Every column is written: the row is the file's version of the record.
                after
                    .clone()
                    .into_active_model()
                    .reset_all()
                    .update(txn)
                    .await
                    .dom()?;
                audit::record(
                    txn,
                    actor,
                    Change {
                        agency_id: Some(self.agency_id),
                        entity_type: "employee",
                        entity_id: after.id,
                        action: "import_update",
                        before: Some(&before),
                        after: Some(&after),
                    },
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn full_sync(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        import_id: Uuid,
        write: bool,
    ) -> Result<u64, DomainError> {
        let in_file = Query::select()
            .column(import_rows::Column::Key)
            .from(import_rows::Entity)
            .and_where(Expr::col(import_rows::Column::ImportId).eq(import_id))
            .to_owned();
        let missing = || {
            employees::Entity::find()
                .filter(employees::Column::AgencyId.eq(self.agency_id))
                .filter(employees::Column::Status.ne("inactive"))
                .filter(employees::Column::Nip.not_in_subquery(in_file.clone()))
        };
        if !write {
            return sea_orm::PaginatorTrait::count(missing(), txn).await.dom();
        }
        let mut total = 0u64;
        loop {
            // Each round deactivates a chunk, which then no longer matches.
            let chunk = missing()
                .order_by_asc(employees::Column::Id)
                .limit(CHUNK as u64)
                .all(txn)
                .await
                .dom()?;
            if chunk.is_empty() {
                break;
            }
            let now = Utc::now();
            let ids: Vec<Uuid> = chunk.iter().map(|m| m.id).collect();
            employees::Entity::update_many()
                .col_expr(employees::Column::Status, Expr::val("inactive"))
                .col_expr(employees::Column::UpdatedAt, Expr::val(now))
                .filter(employees::Column::Id.is_in(ids))
                .exec(txn)
                .await
                .dom()?;
            let events = chunk.iter().map(|m| audit_events::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(Some(m.agency_id)),
                actor_user_id: Set(actor.user_id),
                actor_api_key_id: Set(actor.api_key_id),
                occurred_at: Set(now),
                entity_type: Set("employee".into()),
                entity_id: Set(m.id),
                action: Set("import_deactivate".into()),
                changes: Set(
                    serde_json::json!({"status": {"before": m.status, "after": "inactive"}}),
                ),
                request_id: Set(actor.request_id.clone()),
            });
            audit_events::Entity::insert_many(events)
                .exec_without_returning(txn)
                .await
                .dom()?;
            total += chunk.len() as u64;
        }
        Ok(total)
    }
}
