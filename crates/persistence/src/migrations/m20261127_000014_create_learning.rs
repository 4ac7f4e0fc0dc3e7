//! Learning: programmes (curriculum) with modules, materials and tests; sessions (angkatan),
//! enrolments, attendance, e-learning progress and test attempts; the JP ledger and each
//! agency's conversion of non-classical activities.

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
                    .table("programmes")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(string_len("code", 40))
                    .col(string_len("title", 200))
                    .col(text_null("objectives"))
                    .col(string_len("activity_kind", 30))
                    .col(string_len("form", 20))
                    .col(integer("jp"))
                    .col(boolean("self_registration"))
                    .col(integer("min_attendance_percent"))
                    .col(boolean("require_post_test"))
                    .col(string_len("status", 20))
                    .col(uuid_null("created_by"))
                    .foreign_key(&mut fk("programmes", "agency_id", "agencies")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("programmes", &["agency_id", "code"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("programme_competencies")
                .col(uuid("programme_id"))
                .col(uuid("competency_id"))
                .col(integer("level"))
                .primary_key(Index::create().col("programme_id").col("competency_id"))
                .foreign_key(&mut fk(
                    "programme_competencies",
                    "programme_id",
                    "programmes",
                ))
                .foreign_key(&mut fk(
                    "programme_competencies",
                    "competency_id",
                    "competencies",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("programme_positions")
                .col(uuid("programme_id"))
                .col(uuid("position_id"))
                .primary_key(Index::create().col("programme_id").col("position_id"))
                .foreign_key(&mut fk("programme_positions", "programme_id", "programmes"))
                .foreign_key(&mut fk("programme_positions", "position_id", "positions"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("programme_units")
                .col(uuid("programme_id"))
                .col(uuid("org_unit_id"))
                .primary_key(Index::create().col("programme_id").col("org_unit_id"))
                .foreign_key(&mut fk("programme_units", "programme_id", "programmes"))
                .foreign_key(&mut fk("programme_units", "org_unit_id", "org_units"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            timestamps(
                Table::create()
                    .table("programme_modules")
                    .col(pk_uuid("id"))
                    .col(uuid("programme_id"))
                    .col(integer("seq"))
                    .col(string_len("title", 200))
                    .col(text_null("summary"))
                    .col(integer("minutes"))
                    .foreign_key(&mut fk("programme_modules", "programme_id", "programmes")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("programme_modules", &["programme_id", "seq"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("module_materials")
                .col(pk_uuid("id"))
                .col(uuid("module_id"))
                .col(uuid("agency_id"))
                .col(integer("seq"))
                .col(string_len("title", 200))
                // `file` (stored under `storage_key`) or `link` (at `url`).
                .col(string_len("kind", 10))
                .col(text_null("url"))
                .col(string_len_null("storage_key", 100))
                .col(string_len_null("file_name", 255))
                .col(string_len_null("content_type", 100))
                .col(big_integer_null("size_bytes"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "module_materials",
                    "module_id",
                    "programme_modules",
                ))
                .foreign_key(&mut fk("module_materials", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("module_materials", &["module_id", "seq"], false))
            .await?;
        m.create_table(
            timestamps(
                Table::create()
                    .table("programme_tests")
                    .col(pk_uuid("id"))
                    .col(uuid("programme_id"))
                    .col(uuid_null("module_id"))
                    // pre, post or module.
                    .col(string_len("kind", 10))
                    .col(integer("pass_mark"))
                    // The questions with their answer key, as JSON.
                    .col(text("questions"))
                    .foreign_key(&mut fk("programme_tests", "programme_id", "programmes"))
                    .foreign_key(&mut fk("programme_tests", "module_id", "programme_modules")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("programme_tests", &["programme_id", "kind"], false))
            .await?;
        m.create_table(
            timestamps(
                Table::create()
                    .table("learning_sessions")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid("programme_id"))
                    .col(string_len("name", 200))
                    .col(string_len("delivery", 20))
                    .col(date_null("start_date"))
                    .col(date_null("end_date"))
                    .col(string_len_null("place", 300))
                    .col(text_null("online_url"))
                    // JSON array of names.
                    .col(text("trainers"))
                    .col(integer_null("capacity"))
                    .col(boolean("self_registration"))
                    .foreign_key(&mut fk("learning_sessions", "agency_id", "agencies"))
                    .foreign_key(&mut fk("learning_sessions", "programme_id", "programmes")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "learning_sessions",
            &["agency_id", "start_date"],
            false,
        ))
        .await?;
        m.create_index(index("learning_sessions", &["programme_id"], false))
            .await?;
        m.create_table(
            timestamps(
                Table::create()
                    .table("enrolments")
                    .col(pk_uuid("id"))
                    .col(uuid("agency_id"))
                    .col(uuid("session_id"))
                    .col(uuid("programme_id"))
                    .col(uuid("employee_id"))
                    .col(string_len("status", 20))
                    .col(string_len("source", 20))
                    .col(date_null("completed_on"))
                    .col(string_len_null("certificate_code", 16))
                    // Where the learner was last (e-learning resume).
                    .col(uuid_null("last_module_id"))
                    .foreign_key(&mut fk("enrolments", "agency_id", "agencies"))
                    .foreign_key(&mut fk("enrolments", "session_id", "learning_sessions"))
                    .foreign_key(&mut fk("enrolments", "programme_id", "programmes"))
                    .foreign_key(&mut fk("enrolments", "employee_id", "employees")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("enrolments", &["session_id", "employee_id"], true))
            .await?;
        m.create_index(index("enrolments", &["employee_id"], false))
            .await?;
        m.create_index(index("enrolments", &["certificate_code"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("attendance")
                .col(uuid("enrolment_id"))
                .col(date("day"))
                .col(boolean("present"))
                .col(uuid_null("recorded_by"))
                .col(timestamp_with_time_zone("recorded_at"))
                .primary_key(Index::create().col("enrolment_id").col("day"))
                .foreign_key(&mut fk("attendance", "enrolment_id", "enrolments"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("module_progress")
                .col(uuid("enrolment_id"))
                .col(uuid("module_id"))
                // Where the learner is within the module (material, video second), as JSON.
                .col(text_null("position"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .primary_key(Index::create().col("enrolment_id").col("module_id"))
                .foreign_key(&mut fk("module_progress", "enrolment_id", "enrolments"))
                .foreign_key(&mut fk("module_progress", "module_id", "programme_modules"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("test_attempts")
                .col(pk_uuid("id"))
                .col(uuid("enrolment_id"))
                .col(uuid("test_id"))
                .col(text("answers"))
                .col(integer("right_answers"))
                .col(integer("total_questions"))
                .col(double("percent"))
                .col(boolean("passed"))
                .col(timestamp_with_time_zone("submitted_at"))
                .foreign_key(&mut fk("test_attempts", "enrolment_id", "enrolments"))
                .foreign_key(&mut fk("test_attempts", "test_id", "programme_tests"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("test_attempts", &["enrolment_id", "test_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("jp_credits")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(uuid("employee_id"))
                .col(integer("year"))
                .col(date("occurred_on"))
                // session (a Pembina completion), external (imported training) or activity
                // (a non-classical activity recorded by an admin).
                .col(string_len("source", 20))
                // Unique per employee and source: the enrolment, or the caller's reference.
                .col(string_len("source_ref", 128))
                .col(string_len("title", 200))
                .col(string_len("activity_kind", 30))
                .col(string_len_null("provider", 200))
                .col(integer_null("minutes"))
                // Hundredths of a JP.
                .col(integer("jp_centi"))
                .col(uuid_null("recorded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("jp_credits", "agency_id", "agencies"))
                .foreign_key(&mut fk("jp_credits", "employee_id", "employees"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "jp_credits",
            &["employee_id", "source", "source_ref"],
            true,
        ))
        .await?;
        m.create_index(index("jp_credits", &["agency_id", "year"], false))
            .await?;
        m.create_index(index("jp_credits", &["employee_id", "year"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("jp_conversions")
                .col(uuid("agency_id"))
                .col(string_len("activity_kind", 30))
                .col(integer("credit_percent"))
                .col(integer_null("yearly_cap_centi"))
                .primary_key(Index::create().col("agency_id").col("activity_kind"))
                .foreign_key(&mut fk("jp_conversions", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "jp_conversions",
            "jp_credits",
            "test_attempts",
            "module_progress",
            "attendance",
            "enrolments",
            "learning_sessions",
            "programme_tests",
            "module_materials",
            "programme_modules",
            "programme_units",
            "programme_positions",
            "programme_competencies",
            "programmes",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
