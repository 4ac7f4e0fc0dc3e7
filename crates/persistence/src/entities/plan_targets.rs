//! `plan_targets` table: the employees a plan item is for.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub plan_item_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub employee_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
