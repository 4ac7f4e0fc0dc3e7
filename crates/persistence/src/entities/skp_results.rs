//! `skp_results` table: one work result (RHK) of an SKP with its indicator and target.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "skp_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub section: String,
    pub seq: i32,
    pub description: String,
    pub supports_result_id: Option<Uuid>,
    pub indicator: String,
    pub target: String,
    pub approach: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
