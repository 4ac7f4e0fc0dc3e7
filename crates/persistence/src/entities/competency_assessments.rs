//! `competency_assessments` table: one employee's level in one competency, as assessed on a
//! date. Rows are never changed except to void them; the latest valid one counts.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "competency_assessments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub competency_id: Uuid,
    pub level: i16,
    pub assessed_on: Date,
    pub method: String,
    pub assessor_user_id: Option<Uuid>,
    pub assessor_name: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub evidence: Option<String>,
    pub valid_until: Option<Date>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub voided_at: Option<DateTimeUtc>,
    pub void_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
