//! The one `Migrator`: every schema change, in order, backend-neutral (SQLite and PostgreSQL).
//! Run at start-up and by `pembina migrate`. A migration that has shipped is never edited.

use sea_orm_migration::prelude::*;

mod m20261127_000001_create_org;
mod m20261127_000002_create_employees;
mod m20261127_000003_create_accounts;
mod m20261127_000004_create_audit_events;
mod m20261127_000005_seed_bengkulu_agencies;
mod m20261127_000006_create_imports;
mod m20261127_000007_create_api_keys;
mod m20261127_000008_index_import_rows_by_level;
mod m20261127_000009_create_competencies;
mod m20261127_000010_seed_national_competencies;
mod m20261127_000011_create_surveys;
mod m20261127_000012_create_development_plans;
mod m20261127_000013_widen_import_kind_and_keys;
mod m20261127_000014_create_learning;
mod m20261127_000015_create_skp;
mod m20261127_000016_extend_skp;
mod m20261127_000017_create_evaluation;
mod m20261127_000018_create_appraisal_ratings;
mod m20261127_000019_create_service_ratings;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_org::Migration),
            Box::new(m20261127_000002_create_employees::Migration),
            Box::new(m20261127_000003_create_accounts::Migration),
            Box::new(m20261127_000004_create_audit_events::Migration),
            Box::new(m20261127_000005_seed_bengkulu_agencies::Migration),
            Box::new(m20261127_000006_create_imports::Migration),
            Box::new(m20261127_000007_create_api_keys::Migration),
            Box::new(m20261127_000008_index_import_rows_by_level::Migration),
            Box::new(m20261127_000009_create_competencies::Migration),
            Box::new(m20261127_000010_seed_national_competencies::Migration),
            Box::new(m20261127_000011_create_surveys::Migration),
            Box::new(m20261127_000012_create_development_plans::Migration),
            Box::new(m20261127_000013_widen_import_kind_and_keys::Migration),
            Box::new(m20261127_000014_create_learning::Migration),
            Box::new(m20261127_000015_create_skp::Migration),
            Box::new(m20261127_000016_extend_skp::Migration),
            Box::new(m20261127_000017_create_evaluation::Migration),
            Box::new(m20261127_000018_create_appraisal_ratings::Migration),
            Box::new(m20261127_000019_create_service_ratings::Migration),
        ]
    }
}

/// `created_at` and `updated_at`, on every table that can change.
pub(crate) fn timestamps(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    use sea_orm_migration::schema::timestamp_with_time_zone;
    t.col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
}

/// A foreign key named after its table and column.
pub(crate) fn fk(
    table: &'static str,
    col: &'static str,
    to: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// A (possibly unique) index named after its table and columns.
pub(crate) fn index(
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!(
        "{}_{}_{}",
        if unique { "ux" } else { "ix" },
        table,
        cols.join("_")
    ))
    .table(table);
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}
