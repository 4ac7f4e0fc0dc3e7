//! `skp_periodic_ratings` table: the rater's evaluation of one quarter of an SKP.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "skp_periodic_ratings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub quarter: i16,
    pub rater_employee_id: Uuid,
    pub results_rating: String,
    pub behaviour_rating: String,
    pub predikat: String,
    pub note: Option<String>,
    pub rated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
