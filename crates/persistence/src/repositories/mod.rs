//! Hand-written queries and mappings, one module per feature. Every read takes a [`Scope`] and
//! filters by agency in the query itself, so rows of another agency are never loaded, counted or
//! returned: asking for one by id answers not-found.
//!
//! [`Scope`]: pembina_domain::accounts::Scope

pub mod accounts;
pub mod audit;
pub mod org;
pub mod people;

use pembina_domain::accounts::Scope;
use pembina_domain::page::Direction;
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ColumnType, EntityTrait, Order, QueryFilter, Select};
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
