//! The appraisal history: one rating per employee and year (from a plan finalised in Pembina or
//! imported from an earlier system), and each unit's organisational result for a year, against
//! which the unit's distribution is read.

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
                    .table("appraisal_ratings")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid("employee_id"))
                    .col(integer("year"))
                    // The employee's unit and position when the rating was recorded.
                    .col(uuid_null("org_unit_id"))
                    .col(uuid_null("position_id"))
                    .col(string_len("predikat", 20))
                    .col(string_len_null("results_rating", 20))
                    .col(string_len_null("behaviour_rating", 20))
                    .col(small_integer("months"))
                    .col(string_len("source", 10))
                    .col(uuid_null("plan_id"))
                    .foreign_key(&mut fk("appraisal_ratings", "agency_id", "agencies"))
                    .foreign_key(&mut fk("appraisal_ratings", "employee_id", "employees"))
                    .foreign_key(&mut fk("appraisal_ratings", "org_unit_id", "org_units"))
                    .foreign_key(&mut fk("appraisal_ratings", "position_id", "positions"))
                    .foreign_key(&mut fk("appraisal_ratings", "plan_id", "skp_plans")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("appraisal_ratings", &["employee_id", "year"], true))
            .await?;
        m.create_index(index("appraisal_ratings", &["org_unit_id", "year"], false))
            .await?;
        m.create_index(index("appraisal_ratings", &["agency_id", "year"], false))
            .await?;
        m.create_table(
            timestamps(
                Table::create()
                    .table("unit_results")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid("org_unit_id"))
                    .col(integer("year"))
                    .col(string_len("result", 20))
                    .foreign_key(&mut fk("unit_results", "agency_id", "agencies"))
                    .foreign_key(&mut fk("unit_results", "org_unit_id", "org_units")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("unit_results", &["org_unit_id", "year"], true))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["unit_results", "appraisal_ratings"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
