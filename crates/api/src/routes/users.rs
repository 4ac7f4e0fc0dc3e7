//! User accounts: administrators create them, set roles, reset passwords and deactivate them.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use pembina_domain::accounts::{Role as DRole, Scope, check_role_grant, validate_password};
use pembina_domain::page::PageRequest;
use pembina_persistence::repositories::accounts::{
    self, NewUser, UserAccount, UserChange, UserFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::common::{Page, Role, present};
use crate::auth::{Auth, hash_password};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::startup::{AppState, actor};

#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// None for super admins.
    pub agency_id: Option<Uuid>,
    /// The employee record linked to this account.
    pub employee_id: Option<Uuid>,
    pub active: bool,
    /// Set while the account is locked after too many wrong passwords.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<UserAccount> for UserResponse {
    fn from(a: UserAccount) -> Self {
        let u = a.user;
        Self {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            roles: a.roles.into_iter().map(Into::into).collect(),
            agency_id: u.agency_id,
            employee_id: u.employee_id,
            active: u.active,
            locked_until: u.locked_until.filter(|t| *t > Utc::now()),
            last_login_at: u.last_login_at,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListUsersQuery {
    pub page: Option<u64>,
    /// 1-200, default 20.
    pub per_page: Option<u64>,
    pub agency_id: Option<Uuid>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// E-mail or display name contains (case-insensitive).
    pub q: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[validate(email(message = "must be an e-mail address"))]
    #[schema(example = "siti.rahmawati@bengkuluprov.go.id")]
    pub email: String,
    #[validate(length(min = 1, max = 150, message = "must be 1-150 characters"))]
    pub display_name: String,
    /// At least 10 characters.
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
    #[schema(min_items = 1)]
    pub roles: Vec<Role>,
    /// Required unless the roles include super_admin. Agency admins may only name their own.
    pub agency_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[validate(length(min = 1, max = 150, message = "must be 1-150 characters"))]
    pub display_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    /// `false` deactivates the account and signs it out everywhere.
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub employee_id: Option<Option<Uuid>>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// The new password, at least 10 characters.
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
}

fn domain_roles(roles: &[Role]) -> Vec<DRole> {
    let mut r: Vec<DRole> = roles.iter().map(|r| (*r).into()).collect();
    r.sort();
    r.dedup();
    r
}

/// List user accounts.
///
/// **Who may call:** super_admin (all accounts); agency_admin (accounts of their agency).
#[utoipa::path(tag = "accounts", params(ListUsersQuery), responses((status = 200, body = Page<UserResponse>)), security(("bearer" = [])))]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    auth: Auth,
    q: ValidQuery<ListUsersQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let q = q.0;
    let page = PageRequest::parse(q.page, q.per_page)?;
    let filter = UserFilter {
        agency_id: q.agency_id,
        role: q.role.map(Into::into),
        active: q.active,
        q: q.q,
    };
    let result = accounts::list_users(&state.db, auth.scope(), filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from_domain(result, |a| Ok(UserResponse::from(a)))?))
}

/// Get one user account.
///
/// **Who may call:** super_admin; agency_admin (accounts of their agency).
#[utoipa::path(tag = "accounts", params(("id" = Uuid, Path)), responses((status = 200, body = UserResponse)), security(("bearer" = [])))]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let a = accounts::get_user(&state.db, auth.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(a)))
}

/// Create a user account.
///
/// **Who may call:** super_admin; agency_admin (accounts of their own agency, never
/// super_admin).
#[utoipa::path(tag = "accounts", request_body = CreateUserRequest, responses((status = 201, body = UserResponse)), security(("bearer" = [])))]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidJson<CreateUserRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let b = body.0;
    let roles = domain_roles(&b.roles);
    let agency_id = match (auth.scope(), b.agency_id) {
        (Scope::All, requested) => requested,
        (Scope::Agency(_), requested) => Some(auth.target_agency(requested)?),
    };
    check_role_grant(&auth, &roles, agency_id)?;
    validate_password(&b.password)?;
    if let Some(a) = agency_id {
        pembina_persistence::repositories::org::get_agency(&state.db, Scope::All, a)
            .await
            .map_err(|_| ApiError::field("agency_id", "unknown_reference", "no such agency"))?;
    }
    let password_hash = hash(b.password).await?;
    let new = NewUser {
        email: b.email,
        display_name: b.display_name.trim().to_owned(),
        password_hash,
        agency_id,
        employee_id: b.employee_id,
        roles,
    };
    let a = accounts::create_user(&state.db, &actor(&auth, &req), new).await?;
    Ok(HttpResponse::Created().json(UserResponse::from(a)))
}

/// Hashes off the async workers: argon2 is deliberately slow.
async fn hash(password: String) -> Result<String, ApiError> {
    web::block(move || hash_password(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

/// Change an account's name, roles, link to an employee, or deactivate it.
///
/// **Who may call:** super_admin; agency_admin (accounts of their agency, never granting
/// super_admin). Nobody can deactivate their own account.
#[utoipa::path(tag = "accounts", params(("id" = Uuid, Path)), request_body = UpdateUserRequest, responses((status = 200, body = UserResponse)), security(("bearer" = [])))]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateUserRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let b = body.0;
    if id == auth.user_id && b.active == Some(false) {
        return Err(ApiError::field(
            "active",
            "cannot_deactivate_self",
            "you cannot deactivate your own account",
        ));
    }
    let roles = b.roles.as_deref().map(domain_roles);
    if let Some(r) = &roles {
        let current = accounts::get_user(&state.db, auth.scope(), id).await?;
        check_role_grant(&auth, r, current.user.agency_id)?;
    }
    let change = UserChange {
        display_name: b.display_name.map(|s| s.trim().to_owned()),
        roles,
        active: b.active,
        employee_id: b.employee_id,
    };
    let a = accounts::update_user(&state.db, &actor(&auth, &req), auth.scope(), id, change).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(a)))
}

/// Set a new password for an account; it is signed out everywhere and any lock is lifted.
///
/// **Who may call:** super_admin; agency_admin (accounts of their agency).
#[utoipa::path(tag = "accounts", params(("id" = Uuid, Path)), request_body = ResetPasswordRequest, responses((status = 204, description = "Password replaced")), security(("bearer" = [])))]
#[post("/users/{id}/reset-password")]
pub async fn reset_user_password(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ResetPasswordRequest>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    validate_password(&body.0.password)?;
    // Look the account up first so a foreign id is 404 before any hashing work.
    accounts::get_user(&state.db, auth.scope(), id).await?;
    let password_hash = hash(body.0.password).await?;
    accounts::set_password(
        &state.db,
        &actor(&auth, &req),
        auth.scope(),
        id,
        password_hash,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
