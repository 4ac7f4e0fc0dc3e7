//! The audit trail: who changed what, when, with the fields before and after.

use sea_orm_migration::{prelude::*, schema::*};

use super::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("audit_events")
                .col(pk_uuid("id"))
                // No foreign keys: the trail must outlive anything it mentions.
                .col(uuid_null("agency_id"))
                .col(uuid_null("actor_user_id"))
                .col(timestamp_with_time_zone("occurred_at"))
                .col(string_len("entity_type", 40))
                .col(uuid("entity_id"))
                .col(string_len("action", 40))
                .col(json("changes"))
                .col(string_len_null("request_id", 64))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_events", &["agency_id", "occurred_at"], false))
            .await?;
        m.create_index(index("audit_events", &["entity_type", "entity_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("audit_events").to_owned())
            .await
    }
}
