//! Pembina's storage: one schema for SQLite (embedded default) and PostgreSQL (production),
//! chosen by the database URL alone.
//!
//! Repositories translate database failures into [`DomainError`]s, so `DbErr` never reaches a
//! handler: unique violations become conflicts and missing rows (or rows outside the caller's
//! scope) become not-found.

pub mod audit;
mod bulk;
pub mod entities;
pub mod imports;
pub mod migrations;
pub mod repositories;

use std::time::Duration;

use pembina_domain::DomainError;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, SqlErr};
use sea_orm_migration::MigratorTrait;

pub use migrations::Migrator;
pub use sea_orm::DatabaseConnection as Db;

/// Which database engine a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// Opens a pool for `url`. SQLite gets WAL, foreign keys and a busy timeout; an in-memory SQLite
/// database keeps exactly one connection forever, since it vanishes with its last connection.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let backend = Backend::of(url).ok_or_else(|| {
        DbErr::Custom(format!(
            "unsupported database URL scheme (use sqlite: or postgres://): {}",
            redact(url)
        ))
    })?;
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10));
    if backend == Backend::Sqlite {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        if in_memory {
            opts.min_connections(1)
                .max_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
        }
        opts.map_sqlx_sqlite_opts(move |o| {
            let o = o.foreign_keys(true).busy_timeout(Duration::from_secs(10));
            if in_memory {
                o
            } else {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
            }
        });
    }
    Database::connect(opts).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// A URL with its password replaced, safe to log.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Maps a database error: constraint violations to conflicts, the rest to internal errors.
pub(crate) fn db_err(e: DbErr) -> DomainError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(m)) => DomainError::conflict(
            "duplicate",
            None,
            format!(
                "a record with the same unique key exists ({})",
                constraint_hint(&m)
            ),
        ),
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => DomainError::conflict(
            "reference_violation",
            None,
            "the record refers to, or is referred to by, another record",
        ),
        _ => DomainError::Internal(e.to_string()),
    }
}

fn constraint_hint(m: &str) -> &str {
    m.rsplit(['"', ' '])
        .find(|s| !s.is_empty())
        .unwrap_or("unique key")
}

/// `?` for database results inside repositories.
pub(crate) trait DbResultExt<T> {
    fn dom(self) -> Result<T, DomainError>;
}

impl<T> DbResultExt<T> for Result<T, DbErr> {
    fn dom(self) -> Result<T, DomainError> {
        self.map_err(db_err)
    }
}

/// Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_only_the_password() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("sqlite://data/p.db?mode=rwc"),
            "sqlite://data/p.db?mode=rwc"
        );
    }

    #[test]
    fn like_escape_neutralises_wildcards() {
        assert_eq!(like_escape(r"50%_a\b"), r"50\%\_a\\b");
    }
}
