//! User accounts, their roles and refresh tokens (stored as SHA-256 hashes only).

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
                    .table("users")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("email", 254))
                    .col(string_len("display_name", 150))
                    .col(string_len("password_hash", 200))
                    .col(uuid_null("agency_id"))
                    .col(uuid_null("employee_id"))
                    .col(boolean("active"))
                    .col(integer("failed_logins"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .foreign_key(&mut fk("users", "agency_id", "agencies"))
                    .foreign_key(&mut fk("users", "employee_id", "employees")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("users", &["employee_id"], true))
            .await?;
        m.create_index(index("users", &["agency_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("user_roles")
                .col(uuid("user_id"))
                .col(string_len("role", 30))
                .primary_key(Index::create().col("user_id").col("role"))
                .foreign_key(
                    &mut fk("user_roles", "user_id", "users")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("refresh_tokens")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                // Tokens issued from one sign-in share a family; reuse of a rotated token revokes it.
                .col(uuid("family_id"))
                .col(string_len_uniq("token_hash", 64))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("refresh_tokens", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("refresh_tokens", &["family_id"], false))
            .await?;
        m.create_index(index("refresh_tokens", &["user_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["refresh_tokens", "user_roles", "users"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
