//! `service_ratings` table: one citizen's rating of a service unit (an SKM response).

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_ratings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub org_unit_id: Uuid,
    pub submitted_at: DateTimeUtc,
    pub month: i32,
    pub u1: Option<i16>,
    pub u2: Option<i16>,
    pub u3: Option<i16>,
    pub u4: Option<i16>,
    pub u5: Option<i16>,
    pub u6: Option<i16>,
    pub u7: Option<i16>,
    pub u8: Option<i16>,
    pub u9: Option<i16>,
    pub service_type: String,
    pub sex: String,
    pub age_band: String,
    pub education: String,
    pub occupation: String,
    pub comment: Option<String>,
    pub waiting_minutes: Option<i16>,
    pub ticket: Option<String>,
    pub address_hash: String,
    pub flag_reason: Option<String>,
    pub review_state: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
