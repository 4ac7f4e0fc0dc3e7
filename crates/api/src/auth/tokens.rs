//! Access tokens (HS256 JWT) and refresh tokens (256 random bits, base64url).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use pembina_domain::accounts::{Principal, Role};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

const ISSUER: &str = "pembina";

/// What an access token says about its bearer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: Uuid,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
    #[serde(default)]
    pub agency: Option<Uuid>,
    #[serde(default)]
    pub employee: Option<Uuid>,
    pub roles: Vec<Role>,
}

impl AccessClaims {
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.sub,
            agency_id: self.agency,
            roles: self.roles.clone(),
            employee_id: self.employee,
            api_key: None,
        }
    }
}

/// Signing and verifying keys, built once from the configured secret.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub access_ttl_seconds: i64,
}

impl TokenKeys {
    pub fn new(secret: &[u8], access_ttl_seconds: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            access_ttl_seconds,
        }
    }

    pub fn issue_access(&self, p: &Principal) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: p.user_id,
            iss: ISSUER.to_owned(),
            iat: now,
            exp: now + self.access_ttl_seconds,
            agency: p.agency_id,
            employee: p.employee_id,
            roles: p.roles.clone(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    pub fn verify_access(&self, token: &str) -> Result<AccessClaims, jsonwebtoken::errors::Error> {
        decode::<AccessClaims>(token, &self.decoding, &self.validation).map(|d| d.claims)
    }
}

/// A fresh refresh token for the client; store only [`hash_refresh_token`] of it.
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A fresh API key (`pmb_` and 256 random bits); store only [`hash_refresh_token`] of it.
pub fn new_api_key() -> String {
    format!(
        "{}{}",
        pembina_domain::accounts::API_KEY_PREFIX,
        new_refresh_token()
    )
}

/// Hex SHA-256 of a refresh token or API key: enough for a 256-bit random secret (no salt needed).
pub fn hash_refresh_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal() -> Principal {
        Principal {
            user_id: Uuid::from_u128(7),
            agency_id: Some(Uuid::from_u128(1)),
            roles: vec![Role::AgencyAdmin],
            employee_id: None,
            api_key: None,
        }
    }

    #[test]
    fn an_issued_token_verifies_to_the_same_principal() {
        let keys = TokenKeys::new(b"a test secret of sufficient length!!", 900);
        let token = keys.issue_access(&principal()).expect("issue");
        assert_eq!(
            keys.verify_access(&token).expect("verify").principal(),
            principal()
        );
    }

    #[test]
    fn tokens_signed_with_another_key_or_expired_are_refused() {
        let keys = TokenKeys::new(b"a test secret of sufficient length!!", 900);
        let other = TokenKeys::new(b"another secret of sufficient length!", 900);
        assert!(
            other
                .verify_access(&keys.issue_access(&principal()).expect("issue"))
                .is_err()
        );
        let expired = TokenKeys::new(b"a test secret of sufficient length!!", -60);
        assert!(
            keys.verify_access(&expired.issue_access(&principal()).expect("issue"))
                .is_err()
        );
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed_to_hex() {
        let (a, b) = (new_refresh_token(), new_refresh_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_refresh_token(&a).len(), 64);
        assert_eq!(hash_refresh_token(&a), hash_refresh_token(&a));
    }
}
