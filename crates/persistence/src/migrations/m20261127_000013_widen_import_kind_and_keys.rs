//! The competency imports have longer names (`competency-assessments` is 22 characters) and
//! longer natural keys (`NIP|CODE|ASSESSED_ON|METHOD` is up to 80): widen `imports.kind` and
//! the staged keys of `import_rows`.
//!
//! Only PostgreSQL enforces the length of a `varchar`; SQLite stores any length in a column of
//! TEXT affinity and cannot alter a column's type, so there is nothing to do there.

use sea_orm::DatabaseBackend;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn set_lengths(m: &SchemaManager<'_>, kind: u32, key: u32) -> Result<(), DbErr> {
    if m.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    m.alter_table(
        Table::alter()
            .table("imports")
            .modify_column(ColumnDef::new("kind").string_len(kind).not_null())
            .to_owned(),
    )
    .await?;
    m.alter_table(
        Table::alter()
            .table("import_rows")
            .modify_column(ColumnDef::new("key").string_len(key).not_null())
            .modify_column(ColumnDef::new("parent_key").string_len(key).null())
            .to_owned(),
    )
    .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        set_lengths(m, 40, 128).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        set_lengths(m, 20, 64).await
    }
}
