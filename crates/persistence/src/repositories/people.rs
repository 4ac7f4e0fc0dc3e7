//! Employees: scoped lists with search and subtree filters, and writes that check every
//! reference (unit, position, supervisor) against the employee's own agency.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use pembina_domain::accounts::Scope;
use pembina_domain::org::PositionKind;
use pembina_domain::page::{Page, PageRequest, Sort};
use pembina_domain::people::{EmployeeStatus, NewEmployee};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::org::get_unit;
use super::{
    agency_filter, contains_ci, fetch_page, order, scoped, starts_with, subtree_ids, text_order,
};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{employees, org_units, positions};

/// How far up a supervisor chain we follow before calling it broken.
const MAX_CHAIN: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmployeeSort {
    Name,
    Nip,
    CreatedAt,
}

pub const EMPLOYEE_SORT_KEYS: [(&str, EmployeeSort); 3] = [
    ("name", EmployeeSort::Name),
    ("nip", EmployeeSort::Nip),
    ("created_at", EmployeeSort::CreatedAt),
];

/// Filters of the employee list; all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct EmployeeFilter {
    pub agency_id: Option<Uuid>,
    /// Employees of this unit and of every unit below it.
    pub org_unit_id: Option<Uuid>,
    pub position_kind: Option<PositionKind>,
    pub status: Option<EmployeeStatus>,
    pub supervisor_id: Option<Uuid>,
    /// Name (case-insensitive, anywhere) or NIP prefix.
    pub q: Option<String>,
}

pub async fn list_employees(
    db: &DatabaseConnection,
    scope: Scope,
    f: EmployeeFilter,
    sort: Sort<EmployeeSort>,
    page: PageRequest,
) -> Result<Page<employees::Model>, DomainError> {
    let mut q = scoped(
        employees::Entity::find(),
        employees::Column::AgencyId,
        scope,
    );
    q = agency_filter(q, employees::Column::AgencyId, f.agency_id);
    if let Some(u) = f.org_unit_id {
        let root = get_unit(db, scope, u).await?;
        let subtree = subtree_ids(&root);
        q = q.filter(employees::Column::OrgUnitId.in_subquery(subtree));
    }
    if let Some(k) = f.position_kind {
        let of_kind = Query::select()
            .column(positions::Column::Id)
            .from(positions::Entity)
            .and_where(Expr::col(positions::Column::Kind).eq(k.as_str()))
            .to_owned();
        q = q.filter(employees::Column::PositionId.in_subquery(of_kind));
    }
    if let Some(s) = f.status {
        q = q.filter(employees::Column::Status.eq(s.as_str()));
    }
    if let Some(s) = f.supervisor_id {
        q = q.filter(employees::Column::SupervisorId.eq(s));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let cond = contains_ci(employees::Column::Name, text);
        q = if text.bytes().all(|b| b.is_ascii_digit()) {
            q.filter(cond.or(starts_with(employees::Column::Nip, text)))
        } else {
            q.filter(cond)
        };
    }
    let col = match sort.key {
        EmployeeSort::Name => employees::Column::Name,
        EmployeeSort::Nip => employees::Column::Nip,
        EmployeeSort::CreatedAt => employees::Column::CreatedAt,
    };
    let q = q
        .order_by(text_order(col), order(sort.direction))
        .order_by_asc(employees::Column::Id);
    fetch_page(db, q, page).await
}

pub async fn get_employee<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<employees::Model, DomainError> {
    scoped(
        employees::Entity::find_by_id(id),
        employees::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("employee"))
}

pub async fn find_employee_by_nip<C: ConnectionTrait>(
    db: &C,
    nip: &str,
) -> Result<Option<employees::Model>, DomainError> {
    employees::Entity::find()
        .filter(employees::Column::Nip.eq(nip.trim()))
        .one(db)
        .await
        .dom()
}

/// The employee's supervisors, nearest first, up to the top (or [`MAX_CHAIN`] steps).
pub async fn supervisor_chain(
    db: &DatabaseConnection,
    scope: Scope,
    id: Uuid,
) -> Result<Vec<employees::Model>, DomainError> {
    let mut current = get_employee(db, scope, id).await?;
    let mut chain = Vec::new();
    let mut seen = HashSet::from([current.id]);
    while let Some(sid) = current.supervisor_id {
        if chain.len() >= MAX_CHAIN || !seen.insert(sid) {
            break;
        }
        current = get_employee(db, scope, sid).await?;
        chain.push(current.clone());
    }
    Ok(chain)
}

/// Names of the units and positions referred to by `items`, for list responses.
pub async fn names_for(
    db: &DatabaseConnection,
    items: &[employees::Model],
) -> Result<
    (
        HashMap<Uuid, org_units::Model>,
        HashMap<Uuid, positions::Model>,
    ),
    DomainError,
> {
    let unit_ids: HashSet<Uuid> = items.iter().map(|e| e.org_unit_id).collect();
    let pos_ids: HashSet<Uuid> = items.iter().filter_map(|e| e.position_id).collect();
    let units = org_units::Entity::find()
        .filter(org_units::Column::Id.is_in(unit_ids))
        .all(db)
        .await
        .dom()?;
    let positions = positions::Entity::find()
        .filter(positions::Column::Id.is_in(pos_ids))
        .all(db)
        .await
        .dom()?;
    Ok((
        units.into_iter().map(|u| (u.id, u)).collect(),
        positions.into_iter().map(|p| (p.id, p)).collect(),
    ))
}

/// Checks the references of `e` (saved as `self_id` when it already exists): the unit, position
/// and supervisor must belong to the employee's agency, and the supervisor chain must not loop.
async fn check_references<C: ConnectionTrait>(
    db: &C,
    e: &NewEmployee,
    self_id: Option<Uuid>,
) -> Result<(), DomainError> {
    let own = Scope::Agency(e.agency_id);
    let mut errors = Vec::new();
    if get_unit(db, own, e.org_unit_id).await.is_err() {
        errors.push(FieldError::new(
            "org_unit_id",
            "unknown_reference",
            "no such unit in this agency",
        ));
    }
    if let Some(p) = e.position_id
        && super::org::get_position(db, own, p).await.is_err()
    {
        errors.push(FieldError::new(
            "position_id",
            "unknown_reference",
            "no such position in this agency",
        ));
    }
    if let Some(s) = e.supervisor_id {
        if Some(s) == self_id {
            errors.push(FieldError::new(
                "supervisor_id",
                "self_supervision",
                "an employee cannot supervise themselves",
            ));
        } else {
            match get_employee(db, own, s).await {
                Err(_) => errors.push(FieldError::new(
                    "supervisor_id",
                    "unknown_reference",
                    "no such employee in this agency",
                )),
                Ok(sup) => {
                    if let Some(me) = self_id {
                        // Walk up from the new supervisor: meeting ourselves means a loop.
                        let mut next = sup.supervisor_id;
                        for _ in 0..MAX_CHAIN {
                            let Some(n) = next else { break };
                            if n == me {
                                errors.push(FieldError::new(
                                    "supervisor_id",
                                    "cycle",
                                    "this supervisor reports (directly or not) to the employee",
                                ));
                                break;
                            }
                            next = employees::Entity::find_by_id(n)
                                .one(db)
                                .await
                                .dom()?
                                .and_then(|x| x.supervisor_id);
                        }
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Validation(errors))
    }
}

async fn ensure_nip_free<C: ConnectionTrait>(
    db: &C,
    nip: &str,
    except: Option<Uuid>,
) -> Result<(), DomainError> {
    match find_employee_by_nip(db, nip).await? {
        // Say "taken" without saying where: the other record may belong to another agency.
        Some(other) if Some(other.id) != except => Err(DomainError::conflict(
            "duplicate_nip",
            Some("nip"),
            "this NIP is already registered",
        )),
        _ => Ok(()),
    }
}

fn apply(am: &mut employees::ActiveModel, e: NewEmployee) {
    am.agency_id = Set(e.agency_id);
    am.nip = Set(e.id_number.as_str().to_owned());
    am.employment_type = Set(e.employment_type.as_str().to_owned());
    am.name = Set(e.name.name);
    am.title_prefix = Set(e.name.title_prefix);
    am.title_suffix = Set(e.name.title_suffix);
    am.sex = Set(e.sex.as_str().to_owned());
    am.birth_date = Set(e.birth_date);
    am.rank = Set(e.rank.map(|r| r.as_str().to_owned()));
    am.org_unit_id = Set(e.org_unit_id);
    am.position_id = Set(e.position_id);
    am.supervisor_id = Set(e.supervisor_id);
    am.email = Set(e.email);
    am.phone = Set(e.phone);
    am.status = Set(e.status.as_str().to_owned());
    am.updated_at = Set(Utc::now());
}

pub async fn create_employee(
    db: &DatabaseConnection,
    actor: &Actor,
    e: NewEmployee,
) -> Result<employees::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let m = insert_employee(&txn, actor, e).await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// Inserts an employee inside the caller's transaction.
pub async fn insert_employee<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    e: NewEmployee,
) -> Result<employees::Model, DomainError> {
    ensure_nip_free(txn, e.id_number.as_str(), None).await?;
    check_references(txn, &e, None).await?;
    let now = Utc::now();
    let mut am = employees::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut am, e);
    let m = am.insert(txn).await.dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "employee",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    Ok(m)
}

/// Saves a changed employee: `change` turns the stored record into the new one, through the same
/// rules as a creation.
pub async fn update_employee(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    action: &'static str,
    change: impl FnOnce(&employees::Model) -> Result<NewEmployee, DomainError>,
) -> Result<employees::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_employee(&txn, scope, id).await?;
    let e = change(&before)?;
    ensure_nip_free(&txn, e.id_number.as_str(), Some(id)).await?;
    check_references(&txn, &e, Some(id)).await?;
    let mut am = before.clone().into_active_model();
    apply(&mut am, e);
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "employee",
            entity_id: id,
            action,
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}
