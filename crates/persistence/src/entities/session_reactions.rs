//! `session_reactions` table: a participant's reaction to a session (Kirkpatrick level 1).

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "session_reactions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub session_id: Uuid,
    #[sea_orm(unique)]
    pub enrolment_id: Uuid,
    pub organisation: i32,
    pub trainers: i32,
    pub materials: i32,
    pub comment: Option<String>,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
