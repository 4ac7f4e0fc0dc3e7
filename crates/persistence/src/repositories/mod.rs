//! Hand-written queries and mappings, one module per feature. Every read takes a [`Scope`] and
//! filters by agency in the query itself, so rows of another agency are never loaded, counted or
//! returned: asking for one by id answers not-found.
//!
//! [`Scope`]: pembina_domain::accounts::Scope

pub mod accounts;
pub mod api_keys;
pub mod appraisal;
pub mod audit;
pub mod competency;
pub mod evaluation;
pub mod gaps;
pub mod jp;
pub mod learning;
pub mod org;
pub mod people;
pub mod plans;
pub mod programmes;
pub mod ratings;
pub mod skp;
pub mod surveys;

use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::page::Direction;
use pembina_domain::page::{Page, PageRequest};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};
use sea_orm::{
    ColumnTrait, ColumnType, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter,
    QuerySelect, Select,
};

use crate::{DbResultExt, like_escape};
use uuid::Uuid;

/// Restricts `q` to the rows visible in `scope`, by the entity's agency column.
pub(crate) fn scoped<E: EntityTrait>(q: Select<E>, col: E::Column, scope: Scope) -> Select<E>
where
    E::Column: ColumnTrait,
{
    match scope.agency() {
        Some(a) => q.filter(col.eq(a)),
        None => q,
    }
}

/// Restricts `q` to rows of one agency when a filter asks for it.
pub(crate) fn agency_filter<E: EntityTrait>(
    q: Select<E>,
    col: E::Column,
    agency: Option<Uuid>,
) -> Select<E>
where
    E::Column: ColumnTrait,
{
    match agency {
        Some(a) => q.filter(col.eq(a)),
        None => q,
    }
}

/// Sorts text case-insensitively (the same on SQLite and PostgreSQL, whatever the collation);
/// other columns as they are.
pub(crate) fn text_order<C: ColumnTrait>(col: C) -> SimpleExpr {
    let is_text = matches!(
        col.def().get_column_type(),
        ColumnType::String(_) | ColumnType::Text
    );
    if is_text {
        Func::lower(Expr::col(col)).into()
    } else {
        Expr::col(col)
    }
}

pub(crate) fn order(d: Direction) -> Order {
    match d {
        Direction::Asc => Order::Asc,
        Direction::Desc => Order::Desc,
    }
}

/// Counts the rows of `q`, then fetches one page of them. `q` carries its order, ending with a
/// unique column so that pages neither overlap nor skip rows.
pub(crate) async fn fetch_page<E, C>(
    db: &C,
    q: Select<E>,
    page: PageRequest,
) -> Result<Page<E::Model>, DomainError>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    let total = q.clone().count(db).await.dom()?;
    let items = q
        .offset(page.offset())
        .limit(page.per_page)
        .all(db)
        .await
        .dom()?;
    Ok(Page::new(items, total, page))
}

/// `LOWER(col) LIKE '%text%'`: a case-insensitive "contains" on both backends.
pub(crate) fn contains_ci<C: ColumnTrait>(col: C, text: &str) -> SimpleExpr {
    let pattern = LikeExpr::new(format!("%{}%", like_escape(&text.to_lowercase()))).escape('\\');
    Expr::expr(Func::lower(Expr::col(col))).like(pattern)
}

/// The ids of a unit and every unit below it (its materialised path is a prefix of theirs).
pub(crate) fn subtree_ids(
    unit: &crate::entities::org_units::Model,
) -> sea_orm::sea_query::SelectStatement {
    use crate::entities::org_units;
    sea_orm::sea_query::Query::select()
        .column(org_units::Column::Id)
        .from(org_units::Entity)
        .and_where(starts_with(org_units::Column::Path, &unit.path))
        .to_owned()
}

/// `col LIKE 'prefix%'`, with the prefix matched literally.
pub(crate) fn starts_with<C: ColumnTrait>(col: C, prefix: &str) -> SimpleExpr {
    col.like(LikeExpr::new(format!("{}%", like_escape(prefix))).escape('\\'))
}

/// Of `ids`, the ones that are rows of `E` in `agency_id` (one query; none for no ids).
pub(crate) async fn ids_in_agency<E, C>(
    db: &C,
    id: E::Column,
    agency: E::Column,
    agency_id: uuid::Uuid,
    ids: &[uuid::Uuid],
) -> Result<std::collections::HashSet<uuid::Uuid>, pembina_domain::DomainError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    use crate::DbResultExt;
    if ids.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    let found: Vec<uuid::Uuid> = E::find()
        .select_only()
        .column(id)
        .filter(crate::bulk::any_of(
            db.get_database_backend(),
            id,
            ids.to_vec(),
        ))
        .filter(agency.eq(agency_id))
        .into_tuple()
        .all(db)
        .await
        .dom()?;
    Ok(found.into_iter().collect())
}

/// An `unknown_reference` error for each of `ids` not in `found`, named by its position.
pub(crate) fn unknown_refs(
    ids: &[uuid::Uuid],
    found: &std::collections::HashSet<uuid::Uuid>,
    field: impl Fn(usize) -> String,
    message: &'static str,
) -> Vec<pembina_domain::FieldError> {
    ids.iter()
        .enumerate()
        .filter(|(_, id)| !found.contains(id))
        .map(|(i, _)| pembina_domain::FieldError::new(field(i), "unknown_reference", message))
        .collect()
}
