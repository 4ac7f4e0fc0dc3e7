//! The audit trail: every write, who made it, when, and the fields before and after.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use pembina_domain::page::PageRequest;
use pembina_persistence::entities::audit_events;
use pembina_persistence::repositories::audit::{self, AuditFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::Page;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::startup::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventResponse {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    /// The account that made the change; none for changes made by Pembina itself.
    pub actor_user_id: Option<Uuid>,
    pub occurred_at: DateTime<Utc>,
    /// `agency`, `org_unit`, `position`, `employee`, `user`.
    #[schema(example = "employee")]
    pub entity_type: String,
    pub entity_id: Uuid,
    /// `create`, `update`, `move`, `deactivate`, `reset_password`.
    #[schema(example = "update")]
    pub action: String,
    /// Changed fields: `{"name": {"before": "A", "after": "B"}}`.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// The request that made the change (the `x-request-id` response header).
    pub request_id: Option<String>,
}

impl From<audit_events::Model> for AuditEventResponse {
    fn from(m: audit_events::Model) -> Self {
        Self {
            id: m.id,
            agency_id: m.agency_id,
            actor_user_id: m.actor_user_id,
            occurred_at: m.occurred_at,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            action: m.action,
            changes: m.changes,
            request_id: m.request_id,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListAuditEventsQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    /// Only events at or after this instant.
    pub since: Option<DateTime<Utc>>,
}

/// List audit events, newest first.
///
/// **Who may call:** super_admin (everything); agency_admin (events of their agency).
#[utoipa::path(tag = "audit", params(ListAuditEventsQuery), responses((status = 200, body = Page<AuditEventResponse>)), security(("bearer" = [])))]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListAuditEventsQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let filter = AuditFilter {
        entity_type: q.entity_type,
        entity_id: q.entity_id,
        actor_user_id: q.actor_user_id,
        since: q.since,
    };
    let result = audit::list_events(&state.db, auth.scope(), filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |m| {
        Ok(AuditEventResponse::from(m))
    })?))
}
