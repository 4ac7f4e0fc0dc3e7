//! Writing an import walks its rows level by level in row order: index exactly that, so each
//! chunk is a range scan instead of a sort of the whole level.

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_import_rows_import_id_level")
                .table("import_rows")
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "import_rows",
            &["import_id", "level", "row_no"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_import_rows_import_id_level_row_no")
                .table("import_rows")
                .to_owned(),
        )
        .await?;
        m.create_index(index("import_rows", &["import_id", "level"], false))
            .await
    }
}
