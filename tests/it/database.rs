//! The data-access layer on both backends: migrations, seeding, and failing fast.
use app::server::Db;
use integration_tests::{backend_tests, Backend, TestDatabase};
use server::{connect_and_migrate, Application, Config};

async fn migrations_and_seed_are_idempotent(backend: Backend) {
    let Some(db) = TestDatabase::create(backend).await else {
        return;
    };
    let config = Config::for_tests(db.url.clone());
    let handle = connect_and_migrate(&config).await.unwrap();
    // Migrating again is a no-op, seeding twice adds nothing twice.
    handle.migrate().await.unwrap();
    let first = app::seed(&handle, &config.catalogue).await.unwrap();
    let second = app::seed(&handle, &config.catalogue).await.unwrap();
    assert_eq!(
        (first.gemeenten, first.schemes),
        (second.gemeenten, second.schemes)
    );
    assert_eq!(first.gemeenten, 22);
    // The demo board is filled once: an empty board gets it, a second seed adds nothing.
    assert_eq!((first.demo_pledges, second.demo_pledges), (150, 0));
    assert!(first.schemes >= 25, "the whole catalogue is loaded");

    let pool = db.pool().await;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM gemeenten")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 22);
    let (name,): (String,) = sqlx::query_as("SELECT name FROM gemeenten WHERE code = $1")
        .bind("GM0193")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(name, "Zwolle");
    let (schemes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM schemes")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        schemes, first.schemes as i64,
        "seeding twice adds no scheme twice"
    );
    // The places coordinators granted survive a new seed.
    sqlx::query("UPDATE schemes SET capacity_used = 7 WHERE id = $1")
        .bind("scholingsvoucher-jongeren-regio-zwolle")
        .execute(&pool)
        .await
        .unwrap();
    app::seed(&handle, &config.catalogue).await.unwrap();
    let catalogue = app::catalogue::load(&handle).await.unwrap();
    let voucher = catalogue
        .scheme("scholingsvoucher-jongeren-regio-zwolle")
        .and_then(|s| s.capacity.clone())
        .unwrap();
    assert_eq!((voucher.total, voucher.used, voucher.left()), (500, 7, 493));
    handle.close().await;
}

async fn the_schema_rejects_an_unknown_province(backend: Backend) {
    let Some(db) = TestDatabase::create(backend).await else {
        return;
    };
    let handle = connect_and_migrate(&Config::for_tests(db.url.clone()))
        .await
        .unwrap();
    let result = sqlx::query("INSERT INTO gemeenten (code, name, province) VALUES ($1, $2, $3)")
        .bind("GM9999")
        .bind("Nergenshuizen")
        .bind("atlantis")
        .execute(handle.pool())
        .await;
    assert!(result.is_err(), "the CHECK constraint holds on {backend:?}");
    handle.close().await;
}

async fn the_server_starts_on_a_fresh_database_and_reports_its_backend(backend: Backend) {
    let Some(db) = TestDatabase::create(backend).await else {
        return;
    };
    let handle = Db::connect(&db.url).await.unwrap();
    let expected = match backend {
        Backend::Sqlite => app::server::Backend::Sqlite,
        Backend::Postgres => app::server::Backend::Postgres,
    };
    assert_eq!(handle.backend(), expected);
    handle.ping().await.unwrap();
    handle.close().await;
}

backend_tests!(
    migrations_and_seed_are_idempotent,
    the_schema_rejects_an_unknown_province,
    the_server_starts_on_a_fresh_database_and_reports_its_backend,
);

#[tokio::test]
async fn sqlite_runs_with_wal_and_foreign_keys() {
    let db = TestDatabase::create(Backend::Sqlite).await.unwrap();
    let handle = Db::connect(&db.url).await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(handle.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(handle.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
        .fetch_one(handle.pool())
        .await
        .unwrap();
    assert_eq!(sync, 2, "synchronous = FULL");
    handle.close().await;
}

#[tokio::test]
async fn a_bad_database_url_fails_fast_with_a_clear_message() {
    let config = Config::for_tests("mysql://localhost/x".into());
    let error = Application::build(&config).await.err().expect("refused");
    let message = format!("{error:#}");
    assert!(message.contains("DATABASE_URL"), "{message}");

    let config = Config::for_tests("postgres://nobody@127.0.0.1:1/none".into());
    let error = Application::build(&config).await.err().expect("refused");
    assert!(format!("{error:#}").contains("cannot connect to the postgres database"));
}
