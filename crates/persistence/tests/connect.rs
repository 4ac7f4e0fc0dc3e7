//! Connecting and migrating: the embedded SQLite defaults, and migrations that apply cleanly
//! (and idempotently) on both backends.

use pembina_persistence::{Backend, connect, migrate};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

async fn pragma(db: &DatabaseConnection, name: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("PRAGMA {name}"),
        ))
        .await
        .expect("query")
        .expect("row");
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(|v| v.to_string()))
        .expect("value")
}

#[tokio::test]
async fn a_sqlite_file_is_created_in_wal_mode_with_foreign_keys_on() {
    let dir = std::env::temp_dir().join(format!("pembina-connect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.display());
    let db = connect(&url, 4).await.expect("connect");
    migrate(&db).await.expect("migrate");
    assert_eq!(pragma(&db, "journal_mode").await, "wal");
    assert_eq!(pragma(&db, "foreign_keys").await, "1");
    // Migrating again is a no-op.
    migrate(&db).await.expect("migrate twice");
    db.close().await.expect("close");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn migrations_seed_the_eleven_bengkulu_agencies_on_every_backend() {
    let mut urls = vec!["sqlite::memory:".to_owned()];
    let mut cleanup = None;
    if let Ok(pg) = std::env::var("PEMBINA_TEST_POSTGRES_URL") {
        // A private schema keeps this test away from the shared database's tables.
        let schema = format!("pembina_connect_{}", std::process::id());
        let admin = connect(&pg, 1).await.expect("connect postgres");
        admin
            .execute_unprepared(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .await
            .expect("schema");
        let sep = if pg.contains('?') { '&' } else { '?' };
        urls.push(format!("{pg}{sep}options=-c%20search_path%3D{schema}"));
        cleanup = Some((admin, schema));
    }
    for url in urls {
        let db = connect(&url, 2).await.expect("connect");
        migrate(&db).await.expect("migrate");
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM agencies",
            ))
            .await
            .expect("query")
            .expect("row");
        assert_eq!(row.try_get::<i64>("", "n").expect("n"), 11, "{url}");
        db.close().await.expect("close");
    }
    if let Some((admin, schema)) = cleanup {
        admin
            .execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE"))
            .await
            .expect("drop schema");
    }
}

#[test]
fn the_backend_follows_the_url_scheme() {
    assert_eq!(Backend::of("sqlite::memory:"), Some(Backend::Sqlite));
    assert_eq!(Backend::of("postgres://u@h/db"), Some(Backend::Postgres));
    assert_eq!(Backend::of("postgresql://u@h/db"), Some(Backend::Postgres));
    assert_eq!(Backend::of("mysql://u@h/db"), None);
}
