//! `jp_credits` table: one credited learning activity in an employee's JP ledger.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "jp_credits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub year: i32,
    pub occurred_on: Date,
    pub source: String,
    pub source_ref: String,
    pub title: String,
    pub activity_kind: String,
    pub provider: Option<String>,
    pub minutes: Option<i32>,
    pub jp_centi: i32,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
