//! `learning_sessions` table: a session (angkatan): one run of a programme.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "learning_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub programme_id: Uuid,
    pub name: String,
    pub delivery: String,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub trainers: String,
    pub capacity: Option<i32>,
    pub self_registration: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
