//! Bulk imports: the record of each import, its error report, and the staging rows an import
//! works through (so memory does not grow with the size of the file).

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("imports")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(uuid_null("actor_user_id"))
                .col(string_len("kind", 20))
                .col(string_len_null("file_name", 255))
                .col(string_len("file_sha256", 64))
                .col(big_integer("file_bytes"))
                .col(string_len("format", 10))
                .col(string_len("mode", 10))
                .col(string_len("on_error", 10))
                .col(boolean("full_sync"))
                // committed, dry_run, rolled_back (atomic commit with rejected rows) or failed.
                .col(string_len("outcome", 20))
                .col(big_integer("total_rows"))
                .col(big_integer("created"))
                .col(big_integer("updated"))
                .col(big_integer("unchanged"))
                .col(big_integer("rejected"))
                .col(big_integer("deactivated"))
                .col(big_integer("error_count"))
                .col(json("unknown_columns"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone("finished_at"))
                .foreign_key(&mut fk("imports", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("imports", &["agency_id", "started_at"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("import_errors")
                .col(uuid("import_id"))
                .col(integer("seq"))
                .col(big_integer("row_no"))
                .col(string_len_null("column_name", 64))
                .col(string_len("code", 64))
                .col(string_len("message", 500))
                .primary_key(Index::create().col("import_id").col("seq"))
                .foreign_key(
                    &mut fk("import_errors", "import_id", "imports")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;

        // Working rows of a running import; emptied when it ends.
        m.create_table(
            Table::create()
                .table("import_rows")
                .col(uuid("import_id"))
                .col(big_integer("row_no"))
                .col(string_len("key", 64))
                .col(string_len_null("parent_key", 64))
                .col(string_len("outcome", 10))
                .col(integer_null("level"))
                .col(text("payload"))
                .primary_key(Index::create().col("import_id").col("row_no"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("import_rows", &["import_id", "key"], false))
            .await?;
        m.create_index(index("import_rows", &["import_id", "level"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["import_rows", "import_errors", "imports"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
