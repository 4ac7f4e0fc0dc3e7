//! `plan_items` table: one activity of an agency's yearly development plan (AKPK).

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub year: i32,
    pub competency_id: Uuid,
    pub org_unit_id: Option<Uuid>,
    pub title: String,
    pub activity_kind: String,
    pub form: String,
    pub provider: Option<String>,
    pub planned_start: Option<Date>,
    pub planned_end: Option<Date>,
    pub budget: Option<i64>,
    pub jp: Option<i32>,
    pub need_score: Option<f64>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
