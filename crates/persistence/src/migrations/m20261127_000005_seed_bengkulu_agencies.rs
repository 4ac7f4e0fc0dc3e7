//! The first customer's agencies: the Province of Bengkulu, its 9 regencies and 1 city.

use chrono::Utc;
use pembina_domain::org::BENGKULU_AGENCIES;
use sea_orm_migration::prelude::*;
use uuid::Uuid;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let now = Utc::now();
        let mut insert = Query::insert();
        insert.into_table("agencies").columns([
            "id",
            "code",
            "name",
            "kind",
            "seat",
            "created_at",
            "updated_at",
        ]);
        for a in BENGKULU_AGENCIES {
            insert.values_panic([
                Uuid::now_v7().into(),
                a.code.into(),
                a.name.into(),
                a.kind.as_str().into(),
                a.seat.into(),
                now.into(),
                now.into(),
            ]);
        }
        m.exec_stmt(insert).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let codes: Vec<&str> = BENGKULU_AGENCIES.iter().map(|a| a.code).collect();
        m.exec_stmt(
            Query::delete()
                .from_table("agencies")
                .and_where(Expr::col("code").is_in(codes))
                .to_owned(),
        )
        .await
    }
}
