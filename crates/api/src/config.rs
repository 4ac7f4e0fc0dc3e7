//! Typed, layered configuration: built-in defaults, then `config/default.toml` (or the file in
//! `PEMBINA_CONFIG`), then `PEMBINA_*` environment variables, then command-line flags.
//! Secrets are wrapped so they never reach a log line or a debug print.

use std::path::PathBuf;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// The JWT secret shipped in `config/default.toml`; accepted only in demo mode.
pub const DEFAULT_JWT_SECRET: &str = "insecure-default-secret-change-me-in-production!";

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub bind: String,
    pub database_url: String,
    pub database_max_connections: u32,
    /// HTTP worker threads; 0 means one per CPU core.
    pub workers: usize,
    pub frontend_dir: PathBuf,
    pub demo_password: SecretString,
    pub auth: AuthSettings,
    pub log: LogSettings,
    pub storage: StorageSettings,
    pub evaluation: EvaluationSettings,
    /// Public rating submissions accepted per minute from one client address
    /// (`PEMBINA_PUBLIC_RATE_LIMIT`); 0 turns the limit off.
    pub public_rate_limit: u32,
    /// Public rating submissions accepted per minute for one unit
    /// (`PEMBINA_PUBLIC_UNIT_RATE_LIMIT`); 0 turns the limit off.
    pub public_unit_rate_limit: u32,
    /// The address citizens reach Pembina at, used in rating links and QR codes
    /// (`PEMBINA_PUBLIC_BASE_URL`, e.g. `https://pembina.bengkuluprov.go.id`). Empty: the scheme
    /// and host of the request asking for the link.
    pub public_base_url: String,
    /// Signs rating links and salts the hashes of citizens' addresses
    /// (`PEMBINA_RATING_LINK_SECRET`). Without it the JWT secret is used, and rotating that
    /// secret then invalidates every printed QR code.
    #[serde(default)]
    pub rating_link_secret: Option<SecretString>,
    /// Behind a reverse proxy: take the client's address for rate limits from the last entry of
    /// `X-Forwarded-For` (the one the proxy added) instead of the connection's peer
    /// (`PEMBINA_TRUST_FORWARDED_FOR`). Leave off when clients connect directly, since they
    /// could then write the header themselves.
    pub trust_forwarded_for: bool,
}

impl Settings {
    /// The key of rating links and address hashes.
    pub fn rating_secret(&self) -> &SecretString {
        self.rating_link_secret
            .as_ref()
            .unwrap_or(&self.auth.jwt_secret)
    }
}

/// Training evaluation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvaluationSettings {
    /// Whether `serve` runs the behaviour follow-up scheduler (at start, then hourly). Turn it
    /// off on all but one instance if you like; running it on several is harmless.
    pub follow_up_scheduler: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub jwt_secret: SecretString,
    pub access_ttl_seconds: i64,
    pub refresh_ttl_days: i64,
    pub lockout_threshold: i32,
    pub lockout_minutes: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

/// Where uploaded training materials are kept; see [`crate::storage::Storage::from_url`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StorageSettings {
    /// A directory path (relative to the working directory) or `file:///abs/dir`, an
    /// `s3://bucket[/prefix]` URL (credentials and endpoint from the `AWS_*` variables), or
    /// `memory://`.
    pub url: String,
    /// Largest accepted upload, in MiB.
    pub max_upload_mb: u64,
}

impl StorageSettings {
    /// [`Self::max_upload_mb`] in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb.saturating_mul(1024 * 1024)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Defaults used when no file is found, identical to `config/default.toml`.
#[derive(Serialize)]
struct Defaults {
    bind: &'static str,
    database_url: &'static str,
    database_max_connections: u32,
    workers: usize,
    frontend_dir: &'static str,
    demo_password: &'static str,
    auth: DefaultAuth,
    log: LogSettings,
    storage: StorageSettings,
    evaluation: EvaluationSettings,
    public_rate_limit: u32,
    public_unit_rate_limit: u32,
    public_base_url: &'static str,
    trust_forwarded_for: bool,
}

#[derive(Serialize)]
struct DefaultAuth {
    jwt_secret: &'static str,
    access_ttl_seconds: i64,
    refresh_ttl_days: i64,
    lockout_threshold: i32,
    lockout_minutes: i64,
}

impl Settings {
    /// Loads the layers. `overrides` holds values from the command line (highest precedence).
    pub fn load(overrides: &[(&str, String)]) -> Result<Self, Box<figment::Error>> {
        let defaults = Defaults {
            bind: "127.0.0.1:8080",
            database_url: "sqlite://data/pembina.db?mode=rwc",
            database_max_connections: 10,
            workers: 0,
            frontend_dir: "frontend/dist",
            demo_password: "Pembina#2026",
            auth: DefaultAuth {
                jwt_secret: DEFAULT_JWT_SECRET,
                access_ttl_seconds: 900,
                refresh_ttl_days: 14,
                lockout_threshold: 5,
                lockout_minutes: 15,
            },
            log: LogSettings {
                format: LogFormat::Pretty,
                level: "info".into(),
            },
            storage: StorageSettings {
                url: "data/files".into(),
                max_upload_mb: 200,
            },
            evaluation: EvaluationSettings {
                follow_up_scheduler: true,
            },
            public_rate_limit: 10,
            public_unit_rate_limit: 600,
            public_base_url: "",
            trust_forwarded_for: false,
        };
        let file = std::env::var("PEMBINA_CONFIG").unwrap_or_else(|_| "config/default.toml".into());
        let mut fig = Figment::from(Serialized::defaults(defaults))
            .merge(Toml::file(file))
            .merge(
                Env::prefixed("PEMBINA_")
                    .split("__")
                    .ignore(&["config", "test_postgres_url"]),
            );
        for (k, v) in overrides {
            // Parsed like environment values, so "5" can fill a number.
            let value: figment::value::Value = v.parse().unwrap_or_else(|_| v.as_str().into());
            fig = fig.merge(Serialized::global(k, value));
        }
        fig.extract().map_err(Box::new)
    }

    /// Whether the signing key is the public default (fine for a demo, never for real data).
    pub fn uses_default_secret(&self) -> bool {
        self.auth.jwt_secret.expose_secret() == DEFAULT_JWT_SECRET
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_printed_by_debug() {
        let s = Settings::load(&[]).expect("defaults load");
        let printed = format!("{s:?}");
        assert!(!printed.contains(DEFAULT_JWT_SECRET), "{printed}");
        assert!(!printed.contains("Pembina#2026"));
    }

    #[test]
    fn command_line_values_override_the_layers_below() {
        let s = Settings::load(&[("bind", "0.0.0.0:9999".into())]).expect("load");
        assert_eq!(s.bind, "0.0.0.0:9999");
        assert!(s.uses_default_secret());
    }

    #[test]
    fn storage_defaults_and_nested_overrides() {
        let s = Settings::load(&[]).expect("defaults load");
        assert_eq!(s.storage.url, "data/files");
        assert_eq!(s.storage.max_upload_mb, 200);
        assert_eq!(s.storage.max_upload_bytes(), 200 * 1024 * 1024);

        // Same key path as PEMBINA_STORAGE__URL / PEMBINA_STORAGE__MAX_UPLOAD_MB.
        let s = Settings::load(&[
            ("storage.url", "s3://bucket/prefix".into()),
            ("storage.max_upload_mb", "5".into()),
        ])
        .expect("load");
        assert_eq!(s.storage.url, "s3://bucket/prefix");
        assert_eq!(s.storage.max_upload_mb, 5);
    }

    #[test]
    fn public_rating_limits_default_and_the_link_secret_falls_back_to_the_jwt_secret() {
        let s = Settings::load(&[]).expect("defaults load");
        assert_eq!((s.public_rate_limit, s.public_unit_rate_limit), (10, 600));
        assert_eq!(s.public_base_url, "");
        assert!(!s.trust_forwarded_for);
        assert_eq!(s.rating_secret().expose_secret(), DEFAULT_JWT_SECRET);
        let s = Settings::load(&[
            ("public_rate_limit", "0".into()),
            ("rating_link_secret", "another-secret".into()),
        ])
        .expect("load");
        assert_eq!(s.public_rate_limit, 0);
        assert_eq!(s.rating_secret().expose_secret(), "another-secret");
        assert!(!format!("{s:?}").contains("another-secret"));
    }

    #[test]
    fn the_follow_up_scheduler_is_on_unless_switched_off() {
        let s = Settings::load(&[]).expect("defaults load");
        assert!(s.evaluation.follow_up_scheduler);
        let s =
            Settings::load(&[("evaluation.follow_up_scheduler", "false".into())]).expect("load");
        assert!(!s.evaluation.follow_up_scheduler);
    }
}
