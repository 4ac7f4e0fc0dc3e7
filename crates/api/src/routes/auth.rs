//! Sign-in, token refresh (rotation with reuse detection) and sign-out, and `GET /me`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use chrono::{Duration, Utc};
use pembina_domain::accounts::Principal;
use pembina_persistence::repositories::{accounts, org};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::common::Role;
use crate::auth::{Auth, dummy_verify, hash_refresh_token, new_refresh_token, verify_password};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::startup::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// E-mail address, or the 18-digit NIP of the employee linked to the account.
    #[schema(example = "admin@pembina.local")]
    #[validate(length(min = 1, max = 254, message = "is required"))]
    pub username: String,
    #[schema(example = "Pembina#2026")]
    #[validate(length(min = 1, max = 256, message = "is required"))]
    pub password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last sign-in or refresh.
    #[validate(length(min = 1, max = 200, message = "is required"))]
    pub refresh_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Opaque token for `POST /auth/refresh`; each one works once.
    pub refresh_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
}

async fn issue(
    state: &AppState,
    principal: &Principal,
    family_id: Uuid,
) -> Result<TokenResponse, ApiError> {
    let access_token = state
        .keys
        .issue_access(principal)
        .map_err(ApiError::internal)?;
    let refresh_token = new_refresh_token();
    let expires_at = Utc::now() + Duration::days(state.settings.auth.refresh_ttl_days);
    accounts::insert_refresh_token(
        &state.db,
        principal.user_id,
        family_id,
        hash_refresh_token(&refresh_token),
        expires_at,
    )
    .await?;
    Ok(TokenResponse {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: state.keys.access_ttl_seconds,
    })
}

fn invalid_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        "Unauthorized",
        "the username or password is wrong",
    )
}

fn principal_of(a: &accounts::UserAccount) -> Principal {
    Principal {
        user_id: a.user.id,
        agency_id: a.user.agency_id,
        roles: a.roles.clone(),
        employee_id: a.user.employee_id,
        api_key: None,
    }
}

/// Sign in with e-mail or NIP and password.
///
/// After `lockout_threshold` wrong passwords in a row (default 5) the account locks for
/// `lockout_minutes` (default 15): the answer is then 423 `account_locked` with `Retry-After`.
///
/// **Who may call:** anyone.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid_credentials`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`account_disabled`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 423, description = "`account_locked`", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    body: ValidJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let Some(account) = accounts::find_for_login(&state.db, &req.username).await? else {
        dummy_verify(&req.password);
        return Err(invalid_credentials());
    };
    let now = Utc::now();
    if let Some(until) = account.user.locked_until.filter(|u| *u > now) {
        return Err(locked(until - now));
    }
    if !verify_password(&req.password, &account.user.password_hash) {
        let auth = &state.settings.auth;
        if let Some(until) = accounts::record_failed_login(
            &state.db,
            &account.user,
            auth.lockout_threshold,
            Duration::minutes(auth.lockout_minutes),
        )
        .await?
        {
            return Err(locked(until - now));
        }
        return Err(invalid_credentials());
    }
    if !account.user.active {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "account_disabled",
            "Forbidden",
            "this account has been deactivated; ask your administrator",
        ));
    }
    accounts::record_successful_login(&state.db, account.user.id).await?;
    Ok(HttpResponse::Ok().json(issue(&state, &principal_of(&account), Uuid::now_v7()).await?))
}

fn locked(remaining: Duration) -> ApiError {
    let secs = remaining.num_seconds().max(1);
    ApiError::new(
        StatusCode::LOCKED,
        "account_locked",
        "Locked",
        format!(
            "too many wrong passwords: the account is locked for {} more minute(s)",
            (secs + 59) / 60
        ),
    )
    .with_header(actix_web::http::header::RETRY_AFTER, &secs.to_string())
}

/// Exchange a refresh token for a new access token and a new refresh token.
///
/// Each refresh token works once. Presenting one that was already used revokes every token of
/// that sign-in (it may have been stolen), so both holders must sign in again.
///
/// **Who may call:** anyone holding a valid refresh token.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem, content_type = "application/problem+json"))
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: ValidJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let rejected = || {
        ApiError::unauthorized("the refresh token is invalid, expired or revoked; sign in again")
    };
    let token = accounts::find_refresh_token(&state.db, &hash_refresh_token(&body.0.refresh_token))
        .await?
        .ok_or_else(rejected)?;
    if token.revoked_at.is_some() || token.expires_at <= Utc::now() {
        return Err(rejected());
    }
    if token.used_at.is_some() || !accounts::consume_refresh_token(&state.db, token.id).await? {
        tracing::warn!(user_id = %token.user_id, family_id = %token.family_id, "refresh token reused: revoking its family");
        accounts::revoke_family(&state.db, token.family_id).await?;
        return Err(rejected());
    }
    let account = accounts::get_user(
        &state.db,
        pembina_domain::accounts::Scope::All,
        token.user_id,
    )
    .await?;
    if !account.user.active {
        accounts::revoke_family(&state.db, token.family_id).await?;
        return Err(rejected());
    }
    Ok(HttpResponse::Ok().json(issue(&state, &principal_of(&account), token.family_id).await?))
}

/// Sign out: revokes the refresh token and every token issued from the same sign-in.
///
/// Answers 204 even for an unknown token, so the call is safe to repeat.
///
/// **Who may call:** anyone holding a refresh token.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 204, description = "Signed out")))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: ValidJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    if let Some(token) =
        accounts::find_refresh_token(&state.db, &hash_refresh_token(&body.0.refresh_token)).await?
    {
        accounts::revoke_family(&state.db, token.family_id).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeAgency {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The agency the account belongs to (none for super admins).
    pub agency: Option<MeAgency>,
    /// The employee record linked to the account, if any.
    pub employee_id: Option<Uuid>,
}

/// The signed-in account.
///
/// **Who may call:** any signed-in user (not API keys).
#[utoipa::path(tag = "auth", responses((status = 200, body = MeResponse)), security(("bearer" = [])))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, auth: Auth) -> Result<HttpResponse, ApiError> {
    auth.require_user()?;
    let account = accounts::get_user(
        &state.db,
        pembina_domain::accounts::Scope::All,
        auth.user_id,
    )
    .await?;
    let agency = match account.user.agency_id {
        Some(id) => org::get_agency(&state.db, pembina_domain::accounts::Scope::All, id)
            .await
            .ok()
            .map(|a| MeAgency {
                id: a.id,
                code: a.code,
                name: a.name,
            }),
        None => None,
    };
    Ok(HttpResponse::Ok().json(MeResponse {
        id: account.user.id,
        email: account.user.email,
        display_name: account.user.display_name,
        roles: account.roles.into_iter().map(Into::into).collect(),
        agency,
        employee_id: account.user.employee_id,
    }))
}
