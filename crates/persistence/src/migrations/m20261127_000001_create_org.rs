//! Agencies (tenants), their org-unit trees and positions.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            timestamps(
                Table::create()
                    .table("agencies")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("code", 10))
                    .col(string_len("name", 200))
                    .col(string_len("kind", 20))
                    .col(string_len("seat", 100)),
            )
            .to_owned(),
        )
        .await?;

        m.create_table(
            timestamps(
                Table::create()
                    .table("org_units")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid_null("parent_id"))
                    .col(string_len("code", 30))
                    .col(string_len("name", 200))
                    .col(string_len("kind", 30))
                    .col(boolean("active"))
                    // Materialised path of ids, "/<root>/.../<self>/": a subtree is one LIKE prefix.
                    .col(string_len("path", 1000))
                    .col(integer("depth"))
                    .foreign_key(&mut fk("org_units", "agency_id", "agencies"))
                    .foreign_key(&mut fk("org_units", "parent_id", "org_units")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("org_units", &["agency_id", "code"], true))
            .await?;
        m.create_index(index("org_units", &["path"], false)).await?;
        m.create_index(index("org_units", &["parent_id"], false))
            .await?;

        m.create_table(
            timestamps(
                Table::create()
                    .table("positions")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid_null("org_unit_id"))
                    .col(string_len("code", 30))
                    .col(string_len("title", 200))
                    .col(string_len("kind", 30))
                    .col(string_len_null("functional_level", 30))
                    .col(boolean("active"))
                    .foreign_key(&mut fk("positions", "agency_id", "agencies"))
                    .foreign_key(&mut fk("positions", "org_unit_id", "org_units")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("positions", &["agency_id", "code"], true))
            .await?;
        m.create_index(index("positions", &["org_unit_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["positions", "org_units", "agencies"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
