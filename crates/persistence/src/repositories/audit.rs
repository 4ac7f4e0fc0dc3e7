//! Reading the audit trail, scoped like everything else.

use chrono::{DateTime, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::page::{Page, PageRequest};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{fetch_page, scoped};
use crate::entities::audit_events;

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    pub since: Option<DateTime<Utc>>,
}

/// Newest first.
pub async fn list_events(
    db: &DatabaseConnection,
    scope: Scope,
    f: AuditFilter,
    page: PageRequest,
) -> Result<Page<audit_events::Model>, DomainError> {
    let mut q = scoped(
        audit_events::Entity::find(),
        audit_events::Column::AgencyId,
        scope,
    );
    if let Some(t) = f.entity_type {
        q = q.filter(audit_events::Column::EntityType.eq(t));
    }
    if let Some(id) = f.entity_id {
        q = q.filter(audit_events::Column::EntityId.eq(id));
    }
    if let Some(a) = f.actor_user_id {
        q = q.filter(audit_events::Column::ActorUserId.eq(a));
    }
    if let Some(s) = f.since {
        q = q.filter(audit_events::Column::OccurredAt.gte(s));
    }
    let q = q
        .order_by_desc(audit_events::Column::OccurredAt)
        .order_by_desc(audit_events::Column::Id);
    fetch_page(db, q, page).await
}
