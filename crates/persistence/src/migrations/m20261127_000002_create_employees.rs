//! Employees (PNS and PPPK). NIP is unique across the whole system, every agency included.

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
                    .table("employees")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(string_len_uniq("nip", 18))
                    .col(string_len("employment_type", 10))
                    .col(string_len("name", 150))
                    .col(string_len_null("title_prefix", 60))
                    .col(string_len_null("title_suffix", 60))
                    .col(string_len("sex", 10))
                    .col(date("birth_date"))
                    .col(string_len_null("rank", 10))
                    .col(uuid("org_unit_id"))
                    .col(uuid_null("position_id"))
                    .col(uuid_null("supervisor_id"))
                    .col(string_len_null("email", 254))
                    .col(string_len_null("phone", 20))
                    .col(string_len("status", 20))
                    .foreign_key(&mut fk("employees", "agency_id", "agencies"))
                    .foreign_key(&mut fk("employees", "org_unit_id", "org_units"))
                    .foreign_key(&mut fk("employees", "position_id", "positions"))
                    .foreign_key(&mut fk("employees", "supervisor_id", "employees")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("employees", &["agency_id", "name"], false))
            .await?;
        m.create_index(index("employees", &["org_unit_id"], false))
            .await?;
        m.create_index(index("employees", &["position_id"], false))
            .await?;
        m.create_index(index("employees", &["supervisor_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("employees").to_owned())
            .await
    }
}
