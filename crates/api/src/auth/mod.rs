//! Authentication: argon2id password hashes, short-lived JWT access tokens, opaque rotating
//! refresh tokens (only their SHA-256 hash is stored), API keys for scripts (hashed likewise),
//! and the [`Auth`] extractor that turns a bearer token or key into the [`Principal`] every
//! handler authorises against.

mod password;
mod tokens;

pub use password::{dummy_verify, hash_password, verify_password};
pub use tokens::{AccessClaims, TokenKeys, hash_refresh_token, new_api_key, new_refresh_token};

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use pembina_domain::accounts::{Principal, is_api_key};
use pembina_persistence::repositories::api_keys;

use crate::error::ApiError;
use crate::startup::AppState;

/// The authenticated caller. Extracting it answers 401 (problem+json) when the bearer token is
/// missing, malformed, expired or signed with another key.
#[derive(Debug, Clone)]
pub struct Auth(pub Principal);

impl std::ops::Deref for Auth {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.0
    }
}

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
    }
}

async fn authenticate(req: &HttpRequest) -> Result<Auth, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    let header = req.headers().get(AUTHORIZATION).ok_or_else(|| {
        ApiError::unauthorized("sign in first: send Authorization: Bearer <access token>")
    })?;
    let token = header
        .to_str()
        .ok()
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::unauthorized("the Authorization header must be 'Bearer <access token>'")
        })?;
    if is_api_key(token) {
        let key = api_keys::authenticate_key(&state.db, &hash_refresh_token(token))
            .await?
            .ok_or_else(|| ApiError::unauthorized("the API key is unknown, expired or revoked"))?;
        let scopes = api_keys::scopes_of(&key);
        return Ok(Auth(Principal {
            user_id: key.created_by,
            agency_id: Some(key.agency_id),
            roles: Vec::new(),
            employee_id: None,
            api_key: Some((key.id, scopes)),
        }));
    }
    let claims = state
        .keys
        .verify_access(token)
        .map_err(|_| ApiError::unauthorized("the access token is invalid or has expired"))?;
    Ok(Auth(claims.principal()))
}
