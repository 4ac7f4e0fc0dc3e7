//! Competencies (the national catalogue and each agency's technical ones), the standard each
//! position requires, per-agency settings of the needs analysis, and assessments of employees.

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
                    .table("competencies")
                    .col(pk_uuid("id"))
                    // NULL: the national catalogue (managerial, socio-cultural), seen by all.
                    .col(uuid_null("agency_id"))
                    .col(string_len("code", 32))
                    .col(string_len("competency_group", 20))
                    .col(string_len("name", 200))
                    .col(text("description"))
                    // Five `{level, description, indicators[]}` objects, level 1 to 5.
                    .col(json("levels"))
                    .col(timestamp_with_time_zone_null("retired_at"))
                    .foreign_key(&mut fk("competencies", "agency_id", "agencies")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("competencies", &["agency_id", "code"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("competency_standards")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(uuid("position_id"))
                .col(uuid("competency_id"))
                .col(small_integer("required_level"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("competency_standards", "agency_id", "agencies"))
                .foreign_key(&mut fk("competency_standards", "position_id", "positions"))
                .foreign_key(&mut fk(
                    "competency_standards",
                    "competency_id",
                    "competencies",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "competency_standards",
            &["position_id", "competency_id"],
            true,
        ))
        .await?;
        m.create_index(index("competency_standards", &["agency_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("competency_settings")
                .col(pk_uuid("agency_id"))
                .col(json("managerial_defaults"))
                .col(json("need_weights"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("competency_settings", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("competency_assessments")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(uuid("employee_id"))
                .col(uuid("competency_id"))
                .col(small_integer("level"))
                .col(date("assessed_on"))
                .col(string_len("method", 30))
                .col(uuid_null("assessor_user_id"))
                .col(string_len_null("assessor_name", 200))
                .col(text_null("evidence"))
                .col(date_null("valid_until"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("voided_at"))
                .col(string_len_null("void_reason", 500))
                .foreign_key(&mut fk("competency_assessments", "agency_id", "agencies"))
                .foreign_key(&mut fk(
                    "competency_assessments",
                    "employee_id",
                    "employees",
                ))
                .foreign_key(&mut fk(
                    "competency_assessments",
                    "competency_id",
                    "competencies",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "competency_assessments",
            &["employee_id", "competency_id", "assessed_on"],
            false,
        ))
        .await?;
        m.create_index(index(
            "competency_assessments",
            &["agency_id", "competency_id"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "competency_assessments",
            "competency_settings",
            "competency_standards",
            "competencies",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
