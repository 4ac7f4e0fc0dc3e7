//! User accounts, roles, sign-in bookkeeping (failed attempts, lock-out) and refresh tokens.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use pembina_domain::DomainError;
use pembina_domain::accounts::{Role, Scope};
use pembina_domain::page::{Page, PageRequest};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;
use uuid::Uuid;

use super::{contains_ci, fetch_page, scoped};
use crate::DbResultExt;
use crate::audit::{self, Actor, Change};
use crate::entities::{employees, refresh_tokens, user_roles, users};

/// A user with their roles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserAccount {
    #[serde(flatten)]
    pub user: users::Model,
    pub roles: Vec<Role>,
}

/// A new account; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub agency_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    pub roles: Vec<Role>,
}

/// Changes to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub display_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    pub active: Option<bool>,
    pub employee_id: Option<Option<Uuid>>,
}

async fn roles_of<C: ConnectionTrait>(
    db: &C,
    user_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Role>>, DomainError> {
    let rows = user_roles::Entity::find()
        .filter(user_roles::Column::UserId.is_in(user_ids.iter().copied()))
        .all(db)
        .await
        .dom()?;
    let mut map: HashMap<Uuid, Vec<Role>> = HashMap::new();
    for r in rows {
        if let Ok(role) = r.role.parse::<Role>() {
            map.entry(r.user_id).or_default().push(role);
        }
    }
    for roles in map.values_mut() {
        roles.sort();
    }
    Ok(map)
}

async fn with_roles<C: ConnectionTrait>(
    db: &C,
    user: users::Model,
) -> Result<UserAccount, DomainError> {
    let roles = roles_of(db, &[user.id])
        .await?
        .remove(&user.id)
        .unwrap_or_default();
    Ok(UserAccount { user, roles })
}

/// Finds the account to sign in: by NIP (18 digits, through the linked employee) or by e-mail.
pub async fn find_for_login(
    db: &DatabaseConnection,
    username: &str,
) -> Result<Option<UserAccount>, DomainError> {
    let username = username.trim();
    let user = if username.len() == 18 && username.bytes().all(|b| b.is_ascii_digit()) {
        let Some(emp) = employees::Entity::find()
            .filter(employees::Column::Nip.eq(username))
            .one(db)
            .await
            .dom()?
        else {
            return Ok(None);
        };
        users::Entity::find()
            .filter(users::Column::EmployeeId.eq(emp.id))
            .one(db)
            .await
            .dom()?
    } else {
        users::Entity::find()
            .filter(users::Column::Email.eq(username.to_lowercase()))
            .one(db)
            .await
            .dom()?
    };
    match user {
        Some(u) => Ok(Some(with_roles(db, u).await?)),
        None => Ok(None),
    }
}

pub async fn find_by_email(
    db: &DatabaseConnection,
    email: &str,
) -> Result<Option<UserAccount>, DomainError> {
    match users::Entity::find()
        .filter(users::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await
        .dom()?
    {
        Some(u) => Ok(Some(with_roles(db, u).await?)),
        None => Ok(None),
    }
}

/// Counts a failed sign-in; at `threshold` failures the account locks for `lock_for`.
/// Returns the time the lock ends, when this failure locked the account.
pub async fn record_failed_login(
    db: &DatabaseConnection,
    user: &users::Model,
    threshold: i32,
    lock_for: Duration,
) -> Result<Option<DateTime<Utc>>, DomainError> {
    let failures = user.failed_logins + 1;
    let mut am = user.clone().into_active_model();
    let locked = if failures >= threshold {
        let until = Utc::now() + lock_for;
        am.failed_logins = Set(0);
        am.locked_until = Set(Some(until));
        Some(until)
    } else {
        am.failed_logins = Set(failures);
        None
    };
    am.update(db).await.dom()?;
    Ok(locked)
}

pub async fn record_successful_login(
    db: &DatabaseConnection,
    user_id: Uuid,
) -> Result<(), DomainError> {
    users::Entity::update_many()
        .col_expr(users::Column::FailedLogins, Expr::val(0))
        .col_expr(
            users::Column::LockedUntil,
            Expr::val(Option::<DateTime<Utc>>::None),
        )
        .col_expr(users::Column::LastLoginAt, Expr::val(Utc::now()))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await
        .dom()?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub agency_id: Option<Uuid>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Case-insensitive match on e-mail or display name.
    pub q: Option<String>,
}

pub async fn list_users(
    db: &DatabaseConnection,
    scope: Scope,
    f: UserFilter,
    page: PageRequest,
) -> Result<Page<UserAccount>, DomainError> {
    let mut q = scoped(users::Entity::find(), users::Column::AgencyId, scope);
    if let Some(a) = f.agency_id {
        q = q.filter(users::Column::AgencyId.eq(a));
    }
    if let Some(a) = f.active {
        q = q.filter(users::Column::Active.eq(a));
    }
    if let Some(r) = f.role {
        let with_role = sea_orm::sea_query::Query::select()
            .column(user_roles::Column::UserId)
            .from(user_roles::Entity)
            .and_where(Expr::col(user_roles::Column::Role).eq(r.as_str()))
            .to_owned();
        q = q.filter(users::Column::Id.in_subquery(with_role));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            contains_ci(users::Column::Email, text)
                .or(contains_ci(users::Column::DisplayName, text)),
        );
    }
    let Page { items, total, .. } =
        fetch_page(db, q.order_by_asc(users::Column::Email), page).await?;
    let ids: Vec<Uuid> = items.iter().map(|u| u.id).collect();
    let mut roles = roles_of(db, &ids).await?;
    let items = items
        .into_iter()
        .map(|u| UserAccount {
            roles: roles.remove(&u.id).unwrap_or_default(),
            user: u,
        })
        .collect();
    Ok(Page::new(items, total, page))
}

pub async fn get_user<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<UserAccount, DomainError> {
    let user = scoped(
        users::Entity::find_by_id(id),
        users::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("user"))?;
    with_roles(db, user).await
}

async fn set_roles<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    roles: &[Role],
) -> Result<(), DomainError> {
    user_roles::Entity::delete_many()
        .filter(user_roles::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .dom()?;
    if roles.is_empty() {
        return Ok(());
    }
    let rows = roles.iter().map(|r| user_roles::ActiveModel {
        user_id: Set(user_id),
        role: Set(r.as_str().to_owned()),
    });
    user_roles::Entity::insert_many(rows).exec(db).await.dom()?;
    Ok(())
}

async fn check_employee_link<C: ConnectionTrait>(
    db: &C,
    agency_id: Option<Uuid>,
    employee_id: Option<Uuid>,
    except: Option<Uuid>,
) -> Result<(), DomainError> {
    let Some(eid) = employee_id else {
        return Ok(());
    };
    let scope = agency_id.map_or(Scope::All, Scope::Agency);
    if super::people::get_employee(db, scope, eid).await.is_err() {
        return Err(DomainError::field(
            "employee_id",
            "unknown_reference",
            "no such employee in this agency",
        ));
    }
    if let Some(other) = users::Entity::find()
        .filter(users::Column::EmployeeId.eq(eid))
        .one(db)
        .await
        .dom()?
        && Some(other.id) != except
    {
        return Err(DomainError::conflict(
            "employee_already_linked",
            Some("employee_id"),
            "this employee already has an account",
        ));
    }
    Ok(())
}

pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    u: NewUser,
) -> Result<UserAccount, DomainError> {
    let txn = db.begin().await.dom()?;
    let m = insert_user(&txn, actor, u).await?;
    txn.commit().await.dom()?;
    Ok(m)
}

/// Inserts an account inside the caller's transaction.
pub async fn insert_user<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    u: NewUser,
) -> Result<UserAccount, DomainError> {
    let email = u.email.trim().to_lowercase();
    if users::Entity::find()
        .filter(users::Column::Email.eq(&email))
        .one(txn)
        .await
        .dom()?
        .is_some()
    {
        return Err(DomainError::conflict(
            "duplicate_email",
            Some("email"),
            "an account with this e-mail exists",
        ));
    }
    check_employee_link(txn, u.agency_id, u.employee_id, None).await?;
    let now = Utc::now();
    let m = users::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email),
        display_name: Set(u.display_name),
        password_hash: Set(u.password_hash),
        agency_id: Set(u.agency_id),
        employee_id: Set(u.employee_id),
        active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .dom()?;
    set_roles(txn, m.id, &u.roles).await?;
    let account = UserAccount {
        user: m,
        roles: u.roles,
    };
    audit::record(
        txn,
        actor,
        Change {
            agency_id: account.user.agency_id,
            entity_type: "user",
            entity_id: account.user.id,
            action: "create",
            before: None,
            after: Some(&account),
        },
    )
    .await?;
    Ok(account)
}

/// Changes an account. Deactivating it also revokes every refresh token it holds.
pub async fn update_user(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    change: UserChange,
) -> Result<UserAccount, DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_user(&txn, scope, id).await?;
    let mut am = before.user.clone().into_active_model();
    if let Some(n) = change.display_name {
        am.display_name = Set(n);
    }
    if let Some(a) = change.active {
        am.active = Set(a);
        if !a {
            revoke_user_tokens(&txn, id).await?;
        }
    }
    if let Some(link) = change.employee_id {
        check_employee_link(&txn, before.user.agency_id, link, Some(id)).await?;
        am.employee_id = Set(link);
    }
    am.updated_at = Set(Utc::now());
    let user = am.update(&txn).await.dom()?;
    let roles = match change.roles {
        Some(r) => {
            set_roles(&txn, id, &r).await?;
            r
        }
        None => before.roles.clone(),
    };
    let after = UserAccount { user, roles };
    audit::record(
        &txn,
        actor,
        Change {
            agency_id: after.user.agency_id,
            entity_type: "user",
            entity_id: id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(after)
}

/// Replaces an account's password, clears any lock-out and signs it out everywhere.
pub async fn set_password(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    id: Uuid,
    password_hash: String,
) -> Result<(), DomainError> {
    let txn = db.begin().await.dom()?;
    let before = get_user(&txn, scope, id).await?;
    let mut am = before.user.clone().into_active_model();
    am.password_hash = Set(password_hash);
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await.dom()?;
    revoke_user_tokens(&txn, id).await?;
    // The hash never enters the trail; the action says what happened.
    audit::record(
        &txn,
        actor,
        Change::<()> {
            agency_id: before.user.agency_id,
            entity_type: "user",
            entity_id: id,
            action: "reset_password",
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await.dom()?;
    Ok(())
}

// ---------------------------------------------------------------- refresh tokens

pub async fn insert_refresh_token(
    db: &DatabaseConnection,
    user_id: Uuid,
    family_id: Uuid,
    token_hash: String,
    expires_at: DateTime<Utc>,
) -> Result<(), DomainError> {
    refresh_tokens::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        created_at: Set(Utc::now()),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await
    .dom()?;
    Ok(())
}

pub async fn find_refresh_token(
    db: &DatabaseConnection,
    token_hash: &str,
) -> Result<Option<refresh_tokens::Model>, DomainError> {
    refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
        .dom()
}

/// Marks a token used. Returns false when another request used it first (a replay).
pub async fn consume_refresh_token(db: &DatabaseConnection, id: Uuid) -> Result<bool, DomainError> {
    let res = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::val(Utc::now()))
        .filter(refresh_tokens::Column::Id.eq(id))
        .filter(refresh_tokens::Column::UsedAt.is_null())
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .dom()?;
    Ok(res.rows_affected == 1)
}

/// Revokes every token descended from one sign-in.
pub async fn revoke_family(db: &DatabaseConnection, family_id: Uuid) -> Result<(), DomainError> {
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::val(Utc::now()))
        .filter(refresh_tokens::Column::FamilyId.eq(family_id))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .dom()?;
    Ok(())
}

async fn revoke_user_tokens<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<(), DomainError> {
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::val(Utc::now()))
        .filter(refresh_tokens::Column::UserId.eq(user_id))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .dom()?;
    Ok(())
}
