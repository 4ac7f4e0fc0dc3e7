//! Agencies, org units (a tree with materialised paths) and positions.

use std::collections::HashMap;

use chrono::Utc;
use pembina_domain::accounts::Scope;
use pembina_domain::org::{NewAgency, NewOrgUnit, NewPosition, OrgUnitKind, PositionKind};
use pembina_domain::page::{Page, PageRequest, Sort};
use pembina_domain::{DomainError, FieldError};
use sea_orm::sea_query::{BinOper, Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{agency_filter, contains_ci, fetch_page, order, scoped, starts_with, text_order};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{agencies, org_units, positions};

// ---------------------------------------------------------------- agencies

pub async fn list_agencies(
    db: &DatabaseConnection,
    scope: Scope,
    page: PageRequest,
) -> Result<Page<agencies::Model>, DomainError> {
    let q = match scope.agency() {
        Some(a) => agencies::Entity::find().filter(agencies::Column::Id.eq(a)),
        None => agencies::Entity::find(),
    };
    fetch_page(db, q.order_by_asc(agencies::Column::Code), page).await
}

pub async fn get_agency<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<agencies::Model, DomainError> {
    if !scope.allows(id) {
        return Err(DomainError::NotFound("agency"));
    }
    agencies::Entity::find_by_id(id)
        .one(db)
        .await
        .dom()?
        .ok_or(DomainError::NotFound("agency"))
}

pub async fn find_agency_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<agencies::Model>, DomainError> {
    agencies::Entity::find()
        .filter(agencies::Column::Code.eq(code))
        .one(db)
        .await
        .dom()
}

pub async fn create_agency(
    db: &DatabaseConnection,
    actor: &Actor,
    a: NewAgency,
) -> Result<agencies::Model, DomainError> {
    if find_agency_by_code(db, &a.code).await?.is_some() {
        return Err(DomainError::conflict(
            "duplicate_code",
            Some("code"),
            format!("agency code {} is taken", a.code),
        ));
    }
    let now = Utc::now();
    let txn = db.begin().await.dom()?;
    let m = agencies::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(a.code),
        name: Set(a.name),
        kind: Set(a.kind.as_str().to_owned()),
        seat: Set(a.seat),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(m.id),
            entity_type: "agency",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// Changes an agency's name and seat through the same rules as a creation (its code and kind
/// are fixed by the regional register).
pub async fn update_agency(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: impl FnOnce(&agencies::Model) -> Result<NewAgency, DomainError>,
) -> Result<agencies::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_agency(&txn, scope, id).await?;
    let a = change(&before)?;
    let mut am = before.clone().into_active_model();
    am.name = Set(a.name);
    am.seat = Set(a.seat);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(id),
            entity_type: "agency",
            entity_id: id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

// ---------------------------------------------------------------- org units

/// Sort keys of the org-unit list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitSort {
    Code,
    Name,
    Path,
}

pub const UNIT_SORT_KEYS: [(&str, UnitSort); 3] = [
    ("code", UnitSort::Code),
    ("name", UnitSort::Name),
    ("tree", UnitSort::Path),
];

/// Filters of the org-unit list; all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub agency_id: Option<Uuid>,
    /// Direct children of this unit.
    pub parent_id: Option<Uuid>,
    /// Only units without a parent.
    pub roots_only: bool,
    /// This unit and everything below it.
    pub within: Option<Uuid>,
    pub kind: Option<OrgUnitKind>,
    pub active: Option<bool>,
    /// Case-insensitive match on name, or code prefix.
    pub q: Option<String>,
}

pub async fn list_units(
    db: &DatabaseConnection,
    scope: Scope,
    f: UnitFilter,
    sort: Sort<UnitSort>,
    page: PageRequest,
) -> Result<Page<org_units::Model>, DomainError> {
    let mut q = scoped(
        org_units::Entity::find(),
        org_units::Column::AgencyId,
        scope,
    );
    q = agency_filter(q, org_units::Column::AgencyId, f.agency_id);
    if let Some(p) = f.parent_id {
        q = q.filter(org_units::Column::ParentId.eq(p));
    }
    if f.roots_only {
        q = q.filter(org_units::Column::ParentId.is_null());
    }
    if let Some(w) = f.within {
        let root = get_unit(db, scope, w).await?;
        q = q.filter(starts_with(org_units::Column::Path, &root.path));
    }
    if let Some(k) = f.kind {
        q = q.filter(org_units::Column::Kind.eq(k.as_str()));
    }
    if let Some(a) = f.active {
        q = q.filter(org_units::Column::Active.eq(a));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            contains_ci(org_units::Column::Name, text)
                .or(starts_with(org_units::Column::Code, &text.to_uppercase())),
        );
    }
    let col = match sort.key {
        UnitSort::Code => org_units::Column::Code,
        UnitSort::Name => org_units::Column::Name,
        UnitSort::Path => org_units::Column::Path,
    };
    let q = q
        .order_by(text_order(col), order(sort.direction))
        .order_by_asc(org_units::Column::Id);
    fetch_page(db, q, page).await
}

pub async fn get_unit<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<org_units::Model, DomainError> {
    scoped(
        org_units::Entity::find_by_id(id),
        org_units::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("org unit"))
}

pub async fn find_unit_by_code<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
) -> Result<Option<org_units::Model>, DomainError> {
    org_units::Entity::find()
        .filter(org_units::Column::AgencyId.eq(agency_id))
        .filter(org_units::Column::Code.eq(code))
        .one(db)
        .await
        .dom()
}

/// How many direct children each of `ids` has (units without children are absent).
pub async fn child_counts<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, u64>, DomainError> {
    let rows: Vec<(Option<Uuid>, i64)> = org_units::Entity::find()
        .select_only()
        .column(org_units::Column::ParentId)
        .column_as(Expr::col(org_units::Column::Id).count(), "n")
        .filter(org_units::Column::ParentId.is_in(ids.iter().copied()))
        .group_by(org_units::Column::ParentId)
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, n)| p.map(|p| (p, u64::try_from(n).unwrap_or(0))))
        .collect())
}

/// The units from the root down to (and including) `id`, in order.
pub async fn unit_ancestry<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<Vec<org_units::Model>, DomainError> {
    let unit = get_unit(db, scope, id).await?;
    let ids: Vec<Uuid> = unit
        .path
        .split('/')
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let mut units = org_units::Entity::find()
        .filter(org_units::Column::Id.is_in(ids))
        .all(db)
        .await
        .dom()?;
    units.sort_by_key(|u| u.depth);
    Ok(units)
}

/// Resolves the parent of a unit: it must exist in the same agency.
async fn parent_of<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    parent_id: Option<Uuid>,
) -> Result<Option<org_units::Model>, DomainError> {
    let Some(pid) = parent_id else {
        return Ok(None);
    };
    match get_unit(db, Scope::Agency(agency_id), pid).await {
        Ok(p) => Ok(Some(p)),
        Err(DomainError::NotFound(_)) => Err(DomainError::field(
            "parent_id",
            "unknown_reference",
            "no such unit in this agency",
        )),
        Err(e) => Err(e),
    }
}

fn path_of(parent: Option<&org_units::Model>, id: Uuid) -> (String, i32) {
    match parent {
        Some(p) => (format!("{}{id}/", p.path), p.depth + 1),
        None => (format!("/{id}/"), 0),
    }
}

async fn ensure_unit_code_free<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
    except: Option<Uuid>,
) -> Result<(), DomainError> {
    match find_unit_by_code(db, agency_id, code).await? {
        Some(u) if Some(u.id) != except => Err(DomainError::conflict(
            "duplicate_code",
            Some("code"),
            format!("unit code {code} is already used in this agency"),
        )),
        _ => Ok(()),
    }
}

pub async fn create_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    u: NewOrgUnit,
) -> Result<org_units::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let m = insert_unit(&txn, actor, u).await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// Inserts a unit inside the caller's transaction (used by bulk writers such as the demo seed).
pub async fn insert_unit<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    u: NewOrgUnit,
) -> Result<org_units::Model, DomainError> {
    ensure_unit_code_free(txn, u.agency_id, &u.code, None).await?;
    let parent = parent_of(txn, u.agency_id, u.parent_id).await?;
    let id = Uuid::now_v7();
    let (path, depth) = path_of(parent.as_ref(), id);
    let now = Utc::now();
    let m = org_units::ActiveModel {
        id: Set(id),
        agency_id: Set(u.agency_id),
        parent_id: Set(u.parent_id),
        code: Set(u.code),
        name: Set(u.name),
        kind: Set(u.kind.as_str().to_owned()),
        active: Set(u.active),
        path: Set(path),
        depth: Set(depth),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "org_unit",
            entity_id: id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    Ok(m)
}

/// Saves a changed unit. A new parent moves the whole subtree: the paths and depths of every
/// descendant are rewritten in the same transaction. A unit cannot move below itself.
pub async fn update_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: impl FnOnce(&org_units::Model) -> Result<NewOrgUnit, DomainError>,
) -> Result<org_units::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_unit(&txn, scope, id).await?;
    let u = change(&before)?;
    let after = save_unit(&txn, actor, before, u).await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// Saves `u` over `before` inside the caller's transaction (moves included).
pub(crate) async fn save_unit<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    before: org_units::Model,
    u: NewOrgUnit,
) -> Result<org_units::Model, DomainError> {
    let id = before.id;
    ensure_unit_code_free(txn, before.agency_id, &u.code, Some(id)).await?;
    let mut am = before.clone().into_active_model();
    if u.parent_id != before.parent_id {
        let parent = parent_of(txn, before.agency_id, u.parent_id).await?;
        if parent
            .as_ref()
            .is_some_and(|p| p.path.starts_with(&before.path))
        {
            return Err(DomainError::field(
                "parent_id",
                "cycle",
                "a unit cannot be moved below itself or one of its descendants",
            ));
        }
        let (path, depth) = path_of(parent.as_ref(), id);
        // Rewrite the prefix of every descendant's path, and shift its depth, in one statement.
        let old_len = before.path.chars().count() as i32;
        txn.execute(
            &sea_orm::sea_query::Query::update()
                .table(org_units::Entity)
                .value(
                    org_units::Column::Path,
                    // new prefix || SUBSTR(path, old prefix length + 1), built from sea-query
                    // parts so each backend gets its own placeholders.
                    Expr::val(path.clone()).binary(
                        BinOper::Custom("||"),
                        Func::cust("SUBSTR")
                            .arg(Expr::col(org_units::Column::Path))
                            .arg(old_len + 1),
                    ),
                )
                .value(
                    org_units::Column::Depth,
                    Expr::col(org_units::Column::Depth).add(depth - before.depth),
                )
                .and_where(starts_with(org_units::Column::Path, &before.path))
                .and_where(Expr::col(org_units::Column::Id).ne(id))
                .to_owned(),
        )
        .await
        .dom()?;
        am.parent_id = Set(u.parent_id);
        am.path = Set(path);
        am.depth = Set(depth);
    }
    am.code = Set(u.code);
    am.name = Set(u.name);
    am.kind = Set(u.kind.as_str().to_owned());
    am.active = Set(u.active);
    am.updated_at = Set(Utc::now());
    let after = am.update(txn).await.dom()?;
    let action = if before.parent_id != after.parent_id {
        "move"
    } else {
        "update"
    };
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "org_unit",
            entity_id: id,
            action,
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    Ok(after)
}

// ---------------------------------------------------------------- positions

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionSort {
    Code,
    Title,
}

pub const POSITION_SORT_KEYS: [(&str, PositionSort); 2] =
    [("code", PositionSort::Code), ("title", PositionSort::Title)];

#[derive(Debug, Clone, Default)]
pub struct PositionFilter {
    pub agency_id: Option<Uuid>,
    pub org_unit_id: Option<Uuid>,
    pub kind: Option<PositionKind>,
    pub active: Option<bool>,
    pub q: Option<String>,
}

pub async fn list_positions(
    db: &DatabaseConnection,
    scope: Scope,
    f: PositionFilter,
    sort: Sort<PositionSort>,
    page: PageRequest,
) -> Result<Page<positions::Model>, DomainError> {
    let mut q = scoped(
        positions::Entity::find(),
        positions::Column::AgencyId,
        scope,
    );
    q = agency_filter(q, positions::Column::AgencyId, f.agency_id);
    if let Some(u) = f.org_unit_id {
        q = q.filter(positions::Column::OrgUnitId.eq(u));
    }
    if let Some(k) = f.kind {
        q = q.filter(positions::Column::Kind.eq(k.as_str()));
    }
    if let Some(a) = f.active {
        q = q.filter(positions::Column::Active.eq(a));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            contains_ci(positions::Column::Title, text)
                .or(starts_with(positions::Column::Code, &text.to_uppercase())),
        );
    }
    let col = match sort.key {
        PositionSort::Code => positions::Column::Code,
        PositionSort::Title => positions::Column::Title,
    };
    let q = q
        .order_by(text_order(col), order(sort.direction))
        .order_by_asc(positions::Column::Id);
    fetch_page(db, q, page).await
}

pub async fn get_position<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<positions::Model, DomainError> {
    scoped(
        positions::Entity::find_by_id(id),
        positions::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("position"))
}

pub async fn find_position_by_code<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
) -> Result<Option<positions::Model>, DomainError> {
    positions::Entity::find()
        .filter(positions::Column::AgencyId.eq(agency_id))
        .filter(positions::Column::Code.eq(code))
        .one(db)
        .await
        .dom()
}

async fn check_position<C: ConnectionTrait>(
    db: &C,
    p: &NewPosition,
    except: Option<Uuid>,
) -> Result<(), DomainError> {
    if let Some(existing) = find_position_by_code(db, p.agency_id, &p.code).await?
        && Some(existing.id) != except
    {
        return Err(DomainError::conflict(
            "duplicate_code",
            Some("code"),
            format!("position code {} is already used in this agency", p.code),
        ));
    }
    if let Some(u) = p.org_unit_id
        && get_unit(db, Scope::Agency(p.agency_id), u).await.is_err()
    {
        return Err(DomainError::Validation(vec![FieldError::new(
            "org_unit_id",
            "unknown_reference",
            "no such unit in this agency",
        )]));
    }
    Ok(())
}

pub async fn create_position(
    db: &DatabaseConnection,
    actor: &Actor,
    p: NewPosition,
) -> Result<positions::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let m = insert_position(&txn, actor, p).await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// Inserts a position inside the caller's transaction.
pub async fn insert_position<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    p: NewPosition,
) -> Result<positions::Model, DomainError> {
    check_position(txn, &p, None).await?;
    let now = Utc::now();
    let m = positions::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.agency_id),
        org_unit_id: Set(p.org_unit_id),
        code: Set(p.code),
        title: Set(p.title),
        kind: Set(p.kind.as_str().to_owned()),
        functional_level: Set(p.functional_level.map(|l| l.as_str().to_owned())),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "position",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    Ok(m)
}

pub async fn update_position(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: impl FnOnce(&positions::Model) -> Result<(NewPosition, bool), DomainError>,
) -> Result<positions::Model, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_position(&txn, scope, id).await?;
    let (p, active) = change(&before)?;
    let after = save_position(&txn, actor, before, p, active).await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// Saves `p` over `before` inside the caller's transaction.
pub(crate) async fn save_position<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    before: positions::Model,
    p: NewPosition,
    active: bool,
) -> Result<positions::Model, DomainError> {
    let id = before.id;
    check_position(txn, &p, Some(id)).await?;
    let mut am = before.clone().into_active_model();
    am.org_unit_id = Set(p.org_unit_id);
    am.code = Set(p.code);
    am.title = Set(p.title);
    am.kind = Set(p.kind.as_str().to_owned());
    am.functional_level = Set(p.functional_level.map(|l| l.as_str().to_owned()));
    am.active = Set(active);
    am.updated_at = Set(Utc::now());
    let after = am.update(txn).await.dom()?;
    audit::record(
        txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "position",
            entity_id: id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    Ok(after)
}
