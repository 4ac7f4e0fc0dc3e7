//! API keys: created per agency, listed without their secret, revoked, looked up by hash.

use chrono::{DateTime, Duration, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::{ApiScope, Scope};
use pembina_domain::page::{Page, PageRequest};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{fetch_page, scoped};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::api_keys;

/// A key to create; the secret is hashed by the caller.
pub struct NewApiKey {
    pub agency_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub key_hash: String,
    pub scopes: Vec<ApiScope>,
    pub expires_at: DateTime<Utc>,
}

/// The scopes stored with a key.
pub fn scopes_of(m: &api_keys::Model) -> Vec<ApiScope> {
    m.scopes
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect()
}

pub async fn create_key(
    db: &DatabaseConnection,
    actor: &Actor,
    k: NewApiKey,
) -> Result<api_keys::Model, DomainError> {
    let creator = actor
        .user_id
        .ok_or_else(|| DomainError::Forbidden("only people create API keys".into()))?;
    let txn = db.begin().await.dom()?;
    let m = api_keys::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(k.agency_id),
        name: Set(k.name),
        prefix: Set(k.prefix),
        key_hash: Set(k.key_hash),
        scopes: Set(k
            .scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")),
        created_by: Set(creator),
        created_at: Set(Utc::now()),
        expires_at: Set(k.expires_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await
    .dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(m.agency_id),
            entity_type: "api_key",
            entity_id: m.id,
            action: "create",
            before: None,
            after: Some(&m),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(m)
}

pub async fn list_keys(
    db: &DatabaseConnection,
    scope: Scope,
    page: PageRequest,
) -> Result<Page<api_keys::Model>, DomainError> {
    let q = scoped(api_keys::Entity::find(), api_keys::Column::AgencyId, scope)
        .order_by_desc(api_keys::Column::CreatedAt)
        .order_by_desc(api_keys::Column::Id);
    fetch_page(db, q, page).await
}

pub async fn get_key(
    db: &DatabaseConnection,
    scope: Scope,
    id: Uuid,
) -> Result<api_keys::Model, DomainError> {
    scoped(
        api_keys::Entity::find_by_id(id),
        api_keys::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("API key"))
}

/// Revokes a key for good (repeating it changes nothing).
pub async fn revoke_key(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
) -> Result<api_keys::Model, DomainError> {
    let before = get_key(db, scope, id).await?;
    if before.revoked_at.is_some() {
        return Ok(before);
    }
    let txn = db.begin().await.dom()?;
    let mut am = before.clone().into_active_model();
    am.revoked_at = Set(Some(Utc::now()));
    let after = am.update(&txn).await.dom()?;
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: Some(after.agency_id),
            entity_type: "api_key",
            entity_id: id,
            action: "revoke",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// The usable key with this hash: not revoked, not expired. Records its use (at most once a
/// minute, so busy scripts do not write on every request).
pub async fn authenticate_key(
    db: &DatabaseConnection,
    key_hash: &str,
) -> Result<Option<api_keys::Model>, DomainError> {
    let Some(key) = api_keys::Entity::find()
        .filter(api_keys::Column::KeyHash.eq(key_hash))
        .one(db)
        .await
        .dom()?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if key.revoked_at.is_some() || key.expires_at <= now {
        return Ok(None);
    }
    if key
        .last_used_at
        .is_none_or(|t| now - t > Duration::minutes(1))
    {
        api_keys::Entity::update_many()
            .col_expr(api_keys::Column::LastUsedAt, Expr::val(now))
            .filter(api_keys::Column::Id.eq(key.id))
            .exec(db)
            .await
            .dom()?;
    }
    Ok(Some(key))
}
