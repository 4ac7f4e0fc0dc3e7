//! Writes the audit trail. Called inside the same transaction as the change it records, so a
//! change without its audit event (or the reverse) cannot be committed.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::entities::audit_events;
use crate::{DbResultExt, DomainError};

/// Who is making a change, and the request it came with.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    /// The API key the change came with (its creator is `user_id`).
    pub api_key_id: Option<Uuid>,
    pub request_id: Option<String>,
}

impl Actor {
    /// Changes made by Pembina itself (seeding, migrations, command-line tools).
    pub fn system() -> Self {
        Self::default()
    }
}

/// Fields never worth recording: bookkeeping that changes on every write.
const IGNORED: [&str; 2] = ["created_at", "updated_at"];

/// The fields that differ between two snapshots, as `{field: {"before": .., "after": ..}}`.
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Value {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = b
        .keys()
        .chain(a.keys())
        .filter(|k| !IGNORED.contains(&k.as_str()))
        .collect();
    keys.sort();
    keys.dedup();
    let mut out = Map::new();
    for k in keys {
        let (bv, av) = (
            b.get(k).unwrap_or(&Value::Null),
            a.get(k).unwrap_or(&Value::Null),
        );
        if bv != av {
            out.insert(k.clone(), json!({ "before": bv, "after": av }));
        }
    }
    Value::Object(out)
}

/// One change to record.
pub struct Change<'a, T: Serialize> {
    pub agency_id: Option<Uuid>,
    pub entity_type: &'static str,
    pub entity_id: Uuid,
    pub action: &'static str,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

/// Records `change` made by `actor`. Writes nothing when a change between two snapshots changed
/// no field.
pub async fn record<C: ConnectionTrait, T: Serialize>(
    db: &C,
    actor: &Actor,
    change: Change<'_, T>,
) -> Result<(), DomainError> {
    let to_json = |v: Option<&T>| v.map(|v| serde_json::to_value(v).unwrap_or(Value::Null));
    let changes = diff(
        to_json(change.before).as_ref(),
        to_json(change.after).as_ref(),
    );
    // A write that changed nothing (a repeated PATCH or deactivation) leaves no trace; events
    // without snapshots (such as a password reset) always do.
    let both = change.before.is_some() && change.after.is_some();
    if both && changes.as_object().is_some_and(Map::is_empty) {
        return Ok(());
    }
    audit_events::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(change.agency_id),
        actor_user_id: Set(actor.user_id),
        actor_api_key_id: Set(actor.api_key_id),
        occurred_at: Set(Utc::now()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        action: Set(change.action.to_owned()),
        changes: Set(changes),
        request_id: Set(actor.request_id.clone()),
    }
    .insert(db)
    .await
    .dom()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_changed_fields_only_and_ignores_timestamps() {
        let before = json!({"name": "A", "status": "active", "updated_at": 1});
        let after = json!({"name": "B", "status": "active", "updated_at": 2});
        assert_eq!(
            diff(Some(&before), Some(&after)),
            json!({"name": {"before": "A", "after": "B"}})
        );
    }

    #[test]
    fn diff_of_a_creation_shows_every_field_with_null_before() {
        let after = json!({"name": "A"});
        assert_eq!(
            diff(None, Some(&after)),
            json!({"name": {"before": null, "after": "A"}})
        );
    }
}
