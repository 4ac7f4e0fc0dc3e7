//! `enrolments` table: an employee's place (or waiting-list place) in a session.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub session_id: Uuid,
    pub programme_id: Uuid,
    pub employee_id: Uuid,
    pub status: String,
    pub source: String,
    pub completed_on: Option<Date>,
    pub certificate_code: Option<String>,
    pub last_module_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
