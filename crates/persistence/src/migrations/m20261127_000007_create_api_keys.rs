//! API keys for scripts, and the key (besides the user) recorded as the actor of a change.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("api_keys")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(string_len("name", 100))
                // The first characters of the key, to recognise it in lists; the rest is never stored.
                .col(string_len("prefix", 16))
                .col(string_len_uniq("key_hash", 64))
                // Space-separated scopes, e.g. "imports:write employees:read".
                .col(string_len("scopes", 200))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("api_keys", "agency_id", "agencies"))
                .foreign_key(&mut fk("api_keys", "created_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("api_keys", &["agency_id"], false))
            .await?;
        for table in ["audit_events", "imports"] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(uuid_null("actor_api_key_id"))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audit_events", "imports"] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column("actor_api_key_id")
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table("api_keys").to_owned())
            .await
    }
}
