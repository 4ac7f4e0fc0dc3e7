//! Training evaluation (Kirkpatrick levels 1 and 3; level 2 reads the test attempts): each
//! participant's reaction to a session, the behaviour follow-up tasks of the participant and
//! their supervisor months after completion, and each agency's follow-up settings.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("evaluation_settings")
                .col(pk_uuid("agency_id"))
                // Months after completion when the follow-up falls due.
                .col(integer("follow_up_months"))
                // Days between reminders of an open follow-up.
                .col(integer("reminder_days"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("evaluation_settings", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("session_reactions")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(uuid("session_id"))
                // One reaction per participant of a session.
                .col(uuid("enrolment_id"))
                .col(integer("organisation"))
                .col(integer("trainers"))
                .col(integer("materials"))
                .col(text_null("comment"))
                .col(timestamp_with_time_zone("submitted_at"))
                .foreign_key(&mut fk("session_reactions", "agency_id", "agencies"))
                .foreign_key(&mut fk(
                    "session_reactions",
                    "session_id",
                    "learning_sessions",
                ))
                .foreign_key(&mut fk("session_reactions", "enrolment_id", "enrolments"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("session_reactions", &["enrolment_id"], true))
            .await?;
        m.create_index(index("session_reactions", &["session_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("follow_up_tasks")
                .col(pk_uuid("id"))
                .col(uuid("agency_id"))
                .col(uuid("enrolment_id"))
                .col(uuid("session_id"))
                .col(uuid("programme_id"))
                // The employee who took the training.
                .col(uuid("participant_id"))
                // participant or supervisor.
                .col(string_len("role", 20))
                // Who answers: the participant, or their direct supervisor when it was created.
                .col(uuid("respondent_id"))
                .col(date("due_on"))
                // The day the scheduler created it (the due date, or later when it ran late).
                .col(date("opened_on"))
                .col(integer("reminder_count"))
                .col(date_null("last_reminded_on"))
                // not_used, partly or regularly; null until answered.
                .col(string_len_null("usage", 20))
                .col(text_null("examples"))
                .col(text_null("barriers"))
                // The first answer: it can be amended for 7 days from then.
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("follow_up_tasks", "agency_id", "agencies"))
                .foreign_key(&mut fk("follow_up_tasks", "enrolment_id", "enrolments"))
                .foreign_key(&mut fk(
                    "follow_up_tasks",
                    "session_id",
                    "learning_sessions",
                ))
                .foreign_key(&mut fk("follow_up_tasks", "programme_id", "programmes"))
                .foreign_key(&mut fk("follow_up_tasks", "participant_id", "employees"))
                .foreign_key(&mut fk("follow_up_tasks", "respondent_id", "employees"))
                .to_owned(),
        )
        .await?;
        // Rerunning the scheduler never creates a task twice.
        m.create_index(index("follow_up_tasks", &["enrolment_id", "role"], true))
            .await?;
        m.create_index(index("follow_up_tasks", &["respondent_id"], false))
            .await?;
        m.create_index(index("follow_up_tasks", &["agency_id", "due_on"], false))
            .await?;
        m.create_index(index("follow_up_tasks", &["session_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "follow_up_tasks",
            "session_reactions",
            "evaluation_settings",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
