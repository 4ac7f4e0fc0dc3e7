//! The rest of the yearly performance plan (SKP): the leader's specific expectations for the
//! BerAKHLAK core values, evidence files of quarterly realisations, and the rater's quarterly
//! (periodic) evaluations.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Only values with a specific expectation have a row; the others have none.
        m.create_table(
            Table::create()
                .table("skp_behaviours")
                .col(pk_uuid("id"))
                .col(uuid("plan_id"))
                // berorientasi_pelayanan, akuntabel, kompeten, harmonis, loyal, adaptif,
                // kolaboratif.
                .col(string_len("value", 40))
                .col(text("expectation"))
                .foreign_key(&mut fk("skp_behaviours", "plan_id", "skp_plans"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_behaviours", &["plan_id", "value"], true))
            .await?;

        // A deleted file keeps its row (with `deleted_at`) so that the plan's history can still
        // find its audit events; the stored object itself is removed.
        m.create_table(
            Table::create()
                .table("skp_evidence")
                .col(pk_uuid("id"))
                .col(uuid("plan_id"))
                .col(uuid("realisation_id"))
                .col(string_len("storage_key", 100))
                .col(string_len("file_name", 255))
                .col(string_len("content_type", 100))
                .col(big_integer("size_bytes"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("deleted_at"))
                .foreign_key(&mut fk("skp_evidence", "plan_id", "skp_plans"))
                .foreign_key(&mut fk(
                    "skp_evidence",
                    "realisation_id",
                    "skp_realisations",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_evidence", &["realisation_id"], false))
            .await?;
        m.create_index(index("skp_evidence", &["plan_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("skp_periodic_ratings")
                .col(pk_uuid("id"))
                .col(uuid("plan_id"))
                .col(small_integer("quarter"))
                .col(uuid("rater_employee_id"))
                .col(string_len("results_rating", 20))
                .col(string_len("behaviour_rating", 20))
                .col(string_len("predikat", 20))
                .col(text_null("note"))
                .col(timestamp_with_time_zone("rated_at"))
                .foreign_key(&mut fk("skp_periodic_ratings", "plan_id", "skp_plans"))
                .foreign_key(&mut fk(
                    "skp_periodic_ratings",
                    "rater_employee_id",
                    "employees",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_periodic_ratings", &["plan_id", "quarter"], true))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["skp_periodic_ratings", "skp_evidence", "skp_behaviours"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
