//! `follow_up_tasks` table: a behaviour follow-up (Kirkpatrick level 3) for the participant or
//! their supervisor, months after completion.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "follow_up_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub enrolment_id: Uuid,
    pub session_id: Uuid,
    pub programme_id: Uuid,
    pub participant_id: Uuid,
    pub role: String,
    pub respondent_id: Uuid,
    pub due_on: Date,
    pub opened_on: Date,
    pub reminder_count: i32,
    pub last_reminded_on: Option<Date>,
    pub usage: Option<String>,
    pub examples: Option<String>,
    pub barriers: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
