//! The national catalogue of PermenPANRB 38/2017: eight managerial competencies and one
//! socio-cultural, with their five levels.

use chrono::Utc;
use pembina_domain::competency::national::NATIONAL;
use sea_orm_migration::prelude::*;
use serde_json::json;
use uuid::Uuid;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let now = Utc::now();
        let mut insert = Query::insert();
        insert.into_table("competencies").columns([
            "id",
            "agency_id",
            "code",
            "competency_group",
            "name",
            "description",
            "levels",
            "created_at",
            "updated_at",
        ]);
        for c in &NATIONAL {
            let levels: Vec<_> = c
                .levels
                .iter()
                .zip(1..)
                .map(|(l, n): (_, u8)| {
                    json!({"level": n, "description": l.description, "indicators": l.indicators})
                })
                .collect();
            insert.values_panic([
                Uuid::now_v7().into(),
                Option::<Uuid>::None.into(),
                c.code.into(),
                c.group.as_str().into(),
                c.name.into(),
                c.description.into(),
                json!(levels).into(),
                now.into(),
                now.into(),
            ]);
        }
        m.exec_stmt(insert).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.exec_stmt(
            Query::delete()
                .from_table("competencies")
                .and_where(Expr::col("agency_id").is_null())
                .to_owned(),
        )
        .await
    }
}
