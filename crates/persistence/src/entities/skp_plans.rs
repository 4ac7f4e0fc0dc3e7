//! `skp_plans` table: an employee's yearly performance plan (SKP).

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "skp_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub rater_employee_id: Uuid,
    pub year: i32,
    pub state: String,
    pub results_rating: Option<String>,
    pub behaviour_rating: Option<String>,
    pub predikat: Option<String>,
    pub evaluated_at: Option<DateTimeUtc>,
    pub finalised_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
