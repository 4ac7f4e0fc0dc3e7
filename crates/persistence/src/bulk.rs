//! Inserting many rows at once. SQLite gets a multi-row `INSERT … VALUES`; PostgreSQL gets the
//! rows as one JSON parameter expanded by `json_to_recordset`, because a multi-row `VALUES`
//! with a bind parameter per cell is slow to parse and bind there (tens of thousands of
//! parameters per statement).

use sea_orm::sea_query::{ColumnType, Expr, ExprTrait, PgFunc, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IdenStatic,
    IntoActiveModel, Iterable, Statement, Value,
};
use serde::Serialize;

use crate::{DbResultExt, DomainError};

fn pg_type(t: &ColumnType) -> &'static str {
    match t {
        ColumnType::Uuid => "uuid",
        ColumnType::Date => "date",
        ColumnType::TimestampWithTimeZone => "timestamptz",
        ColumnType::Timestamp | ColumnType::DateTime => "timestamp",
        ColumnType::Integer => "integer",
        ColumnType::BigInteger => "bigint",
        ColumnType::Boolean => "boolean",
        ColumnType::Json => "json",
        ColumnType::JsonBinary => "jsonb",
        _ => "text",
    }
}

/// Inserts `models` in one statement. Every column must be serialised under its column name
/// (no `#[serde(skip)]`), which holds for the tables written in bulk.
pub(crate) async fn insert_all<E, C>(db: &C, models: Vec<E::Model>) -> Result<(), DomainError>
where
    E: EntityTrait,
    E::Model: Serialize + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    if models.is_empty() {
        return Ok(());
    }
    if db.get_database_backend() != DbBackend::Postgres {
        E::insert_many(models.into_iter().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await
            .dom()?;
        return Ok(());
    }
    let columns: Vec<(&str, &'static str)> = E::Column::iter()
        .map(|c| (c.as_str(), pg_type(c.def().get_column_type())))
        .collect();
    let names = columns
        .iter()
        .map(|(n, _)| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let types = columns
        .iter()
        .map(|(n, t)| format!("\"{n}\" {t}"))
        .collect::<Vec<_>>()
        .join(", ");
    let table = E::default().table_name().to_owned();
    let sql = format!(
        "INSERT INTO \"{table}\" ({names}) SELECT {names} FROM json_to_recordset($1::json) AS t({types})"
    );
    let rows = serde_json::to_string(&models).map_err(|e| DomainError::Internal(e.to_string()))?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [rows.into()],
    ))
    .await
    .dom()?;
    Ok(())
}

/// `column IN (values)`. On PostgreSQL the values travel as one array parameter
/// (`= ANY($1)`): a list of a thousand parameters costs more to parse and plan than to run.
pub(crate) fn any_of<C, T>(backend: DbBackend, column: C, values: Vec<T>) -> SimpleExpr
where
    C: ColumnTrait,
    T: Into<Value>,
    Vec<T>: Into<Value>,
{
    if backend == DbBackend::Postgres {
        Expr::col(column).eq(PgFunc::any(Expr::val(values)))
    } else {
        column.is_in(values)
    }
}

/// Whether PostgreSQL plans each statement for its own parameters (`true`) or may reuse a
/// generic plan (`false`, the default), for the rest of the transaction. Lookups into tables
/// that grow by thousands of rows within one import need fresh plans: a generic plan cached
/// while the table was small is a sequential scan. Writes keep cached plans, which their
/// foreign-key checks run on. A no-op on SQLite.
pub(crate) async fn plan_each_time<C: ConnectionTrait>(
    db: &C,
    fresh: bool,
) -> Result<(), DomainError> {
    if db.get_database_backend() == DbBackend::Postgres {
        let mode = if fresh { "force_custom_plan" } else { "auto" };
        db.execute_unprepared(&format!("SET LOCAL plan_cache_mode = {mode}"))
            .await
            .dom()?;
    }
    Ok(())
}
