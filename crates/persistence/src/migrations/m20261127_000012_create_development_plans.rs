//! The yearly development plan (AKPK): activities and the employees they target.

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
                    .table("plan_items")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(integer("year"))
                    .col(uuid("competency_id"))
                    .col(uuid_null("org_unit_id"))
                    .col(string_len("title", 200))
                    .col(string_len("activity_kind", 30))
                    .col(string_len("form", 20))
                    .col(string_len_null("provider", 200))
                    .col(date_null("planned_start"))
                    .col(date_null("planned_end"))
                    .col(big_integer_null("budget"))
                    .col(integer_null("jp"))
                    // The need's score when the activity was planned.
                    .col(double_null("need_score"))
                    .col(uuid_null("created_by"))
                    .foreign_key(&mut fk("plan_items", "agency_id", "agencies"))
                    .foreign_key(&mut fk("plan_items", "competency_id", "competencies"))
                    .foreign_key(&mut fk("plan_items", "org_unit_id", "org_units")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("plan_items", &["agency_id", "year"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("plan_targets")
                .col(uuid("plan_item_id"))
                .col(uuid("employee_id"))
                .primary_key(Index::create().col("plan_item_id").col("employee_id"))
                .foreign_key(&mut fk("plan_targets", "plan_item_id", "plan_items"))
                .foreign_key(&mut fk("plan_targets", "employee_id", "employees"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["plan_targets", "plan_items"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
