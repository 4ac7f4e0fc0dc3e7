//! The yearly performance plan (SKP, PermenPANRB 6/2022): plans, their work results,
//! quarterly realisations and the rater's feedback.

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
                    .table("skp_plans")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid("employee_id"))
                    // The employee's direct supervisor when the plan was created.
                    .col(uuid("rater_employee_id"))
                    .col(integer("year"))
                    .col(string_len("state", 20))
                    .col(string_len_null("results_rating", 20))
                    .col(string_len_null("behaviour_rating", 20))
                    .col(string_len_null("predikat", 20))
                    .col(timestamp_with_time_zone_null("evaluated_at"))
                    .col(timestamp_with_time_zone_null("finalised_at"))
                    .foreign_key(&mut fk("skp_plans", "agency_id", "agencies"))
                    .foreign_key(&mut fk("skp_plans", "employee_id", "employees"))
                    .foreign_key(&mut fk("skp_plans", "rater_employee_id", "employees")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("skp_plans", &["employee_id", "year"], true))
            .await?;
        m.create_index(index("skp_plans", &["rater_employee_id", "year"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("skp_results")
                .col(pk_uuid("id"))
                .col(uuid("plan_id"))
                .col(string_len("section", 20))
                .col(integer("seq"))
                .col(text("description"))
                .col(uuid_null("supports_result_id"))
                .col(text("indicator"))
                .col(string_len("target", 500))
                .col(string_len("approach", 20))
                .foreign_key(&mut fk("skp_results", "plan_id", "skp_plans"))
                .foreign_key(&mut fk("skp_results", "supports_result_id", "skp_results"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_results", &["plan_id", "seq"], false))
            .await?;
        m.create_index(index("skp_results", &["supports_result_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("skp_realisations")
                .col(pk_uuid("id"))
                .col(uuid("result_id"))
                .col(small_integer("quarter"))
                .col(text("realisation"))
                .col(text_null("evidence_url"))
                .col(timestamp_with_time_zone("recorded_at"))
                .foreign_key(&mut fk("skp_realisations", "result_id", "skp_results"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_realisations", &["result_id", "quarter"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("skp_feedback")
                .col(pk_uuid("id"))
                .col(uuid("plan_id"))
                .col(uuid_null("result_id"))
                .col(uuid("author_employee_id"))
                .col(text("text"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("skp_feedback", "plan_id", "skp_plans"))
                .foreign_key(&mut fk("skp_feedback", "result_id", "skp_results"))
                .foreign_key(&mut fk("skp_feedback", "author_employee_id", "employees"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_feedback", &["plan_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "skp_feedback",
            "skp_realisations",
            "skp_results",
            "skp_plans",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
