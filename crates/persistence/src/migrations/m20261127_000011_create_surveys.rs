//! Needs surveys: questionnaires admins build, the tasks of the employees who answer them, and
//! the responses (also anonymous ones from the public, through a link).

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
                    .table("surveys")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(string_len("title", 200))
                    .col(text_null("description"))
                    .col(string_len("audience", 20))
                    .col(string_len("status", 20))
                    // Employees/supervisors: the unit (with those below) whose staff answer;
                    // public: the service unit rated. NULL: the whole agency.
                    .col(uuid_null("org_unit_id"))
                    .col(string_len_null("public_token", 64))
                    .col(timestamp_with_time_zone_null("opened_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(uuid_null("created_by"))
                    .foreign_key(&mut fk("surveys", "agency_id", "agencies"))
                    .foreign_key(&mut fk("surveys", "org_unit_id", "org_units")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("surveys", &["agency_id"], false))
            .await?;
        m.create_index(index("surveys", &["public_token"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("survey_questions")
                .col(pk_uuid("id"))
                .col(uuid("survey_id"))
                .col(integer("position"))
                .col(text("text"))
                .col(string_len("kind", 20))
                .col(json("options"))
                .col(boolean("required"))
                .col(uuid_null("competency_id"))
                .foreign_key(&mut fk("survey_questions", "survey_id", "surveys"))
                .foreign_key(&mut fk("survey_questions", "competency_id", "competencies"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("survey_questions", &["survey_id", "position"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("survey_assignments")
                .col(pk_uuid("id"))
                .col(uuid("survey_id"))
                .col(uuid("agency_id"))
                .col(uuid("respondent_employee_id"))
                // The employee the answers are about (the respondent for self-assessments).
                .col(uuid("subject_employee_id"))
                .col(uuid("org_unit_id"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .foreign_key(&mut fk("survey_assignments", "survey_id", "surveys"))
                .foreign_key(&mut fk(
                    "survey_assignments",
                    "respondent_employee_id",
                    "employees",
                ))
                .foreign_key(&mut fk(
                    "survey_assignments",
                    "subject_employee_id",
                    "employees",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "survey_assignments",
            &["survey_id", "respondent_employee_id", "subject_employee_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "survey_assignments",
            &["respondent_employee_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("survey_responses")
                .col(pk_uuid("id"))
                .col(uuid("survey_id"))
                .col(uuid("agency_id"))
                .col(uuid_null("assignment_id"))
                .col(uuid_null("org_unit_id"))
                .col(timestamp_with_time_zone("submitted_at"))
                // [{question_id, answer: {kind, value}}]
                .col(json("answers"))
                .foreign_key(&mut fk("survey_responses", "survey_id", "surveys"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("survey_responses", &["survey_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "survey_responses",
            "survey_assignments",
            "survey_questions",
            "surveys",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
