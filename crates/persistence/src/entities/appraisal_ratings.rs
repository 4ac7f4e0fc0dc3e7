//! `appraisal_ratings` table: an employee's rating for a year, from a finalised plan or imported.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "appraisal_ratings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub year: i32,
    pub org_unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
    pub predikat: String,
    pub results_rating: Option<String>,
    pub behaviour_rating: Option<String>,
    pub months: i16,
    pub source: String,
    pub plan_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
