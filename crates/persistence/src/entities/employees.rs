//! `employees` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "employees")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    #[sea_orm(unique)]
    pub nip: String,
    pub employment_type: String,
    pub name: String,
    pub title_prefix: Option<String>,
    pub title_suffix: Option<String>,
    pub sex: String,
    pub birth_date: Date,
    pub rank: Option<String>,
    pub org_unit_id: Uuid,
    pub position_id: Option<Uuid>,
    pub supervisor_id: Option<Uuid>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
