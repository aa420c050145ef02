//! The data-access layer: one pool over SQLite or PostgreSQL, chosen by `DATABASE_URL`.
//!
//! Features write portable SQL (`$1` placeholders, which both backends accept; `ON CONFLICT`
//! upserts; integers for timestamps) against [`Db::pool`]. Every difference between the two
//! dialects lives in this module and in `migrations/<dialect>/`.
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(DbError::UnsupportedUrl)
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres:")]
    UnsupportedUrl,
    #[error("cannot create the directory for the SQLite database {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the {backend} database: {source}")]
    Connect {
        backend: &'static str,
        source: sqlx::Error,
    },
    #[error("the {backend} migrations failed: {source}")]
    Migrate {
        backend: &'static str,
        source: sqlx::migrate::MigrateError,
    },
    #[error(transparent)]
    Query(#[from] sqlx::Error),
    /// The database is down for the moment ([`Db::watch`]): not even tried.
    #[error("the database is down")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl DbError {
    /// The database cannot be reached for now (see [`is_unavailable`]).
    pub fn is_unavailable(&self) -> bool {
        match self {
            DbError::Unavailable => true,
            DbError::Query(error) | DbError::Connect { source: error, .. } => is_unavailable(error),
            _ => false,
        }
    }

    /// A unique constraint refused the write (on both backends).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, DbError::Query(sqlx::Error::Database(db)) if db.is_unique_violation())
    }
}

/// Whether an error means the database is unavailable for the moment — down, restarting,
/// unreachable, or too busy to give a connection in time — rather than a fault in the request
/// or in our code. Such requests are answered 503 and work again by themselves.
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(error) => error.code().is_some_and(|code| {
            // PostgreSQL: connection exceptions (08…), shutdown and start-up (57P01–57P03);
            // SQLite: busy and locked (with their extended codes).
            code.starts_with("08")
                || matches!(
                    &*code,
                    "57P01" | "57P02" | "57P03" | "5" | "6" | "517" | "261" | "262"
                )
        }),
        _ => false,
    }
}

/// How long a request waits for a database connection. A busy database is not a down one:
/// requests wait for it. A database that is down is found by [`Db::watch`] and requests are
/// answered 503 at once ([`Db::is_down`]).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// In a request's extensions while the database is down (put there by the session middleware),
/// so every part of the request pipeline can answer 503 without waiting for a connection.
#[derive(Debug, Clone, Copy)]
pub struct DbDown;

/// How often [`Db::watch`] checks whether PostgreSQL can be reached.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(500);

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    options: AnyConnectOptions,
    /// Set by [`Db::watch`] while the database cannot be reached.
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Db {
    /// Connects to `url`. For SQLite the file (and its directory) is created when missing, and
    /// every connection runs with WAL, `synchronous = FULL`, foreign keys on and a busy timeout.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(|source| DbError::Connect {
            backend: backend.as_str(),
            source,
        })?;
        let pool_options = options.clone();
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(pool_options)
            .await
            .map_err(|source| DbError::Connect {
                backend: backend.as_str(),
                source,
            })?;
        Ok(Db {
            pool,
            backend,
            options,
            down: Default::default(),
        })
    }

    /// Whether the database is down for the moment (see [`Db::watch`]): requests that need it
    /// are answered 503 at once instead of waiting for a connection that will not come.
    pub fn is_down(&self) -> bool {
        self.down.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Watches whether PostgreSQL can be reached, until aborted: every [`WATCH_INTERVAL`] an
    /// idle connection of the pool is pinged; when none is idle (all busy serving) or the ping
    /// fails, a new connection is tried. Refused or broken means down; a connection means up
    /// again; slow (no answer in time) changes nothing — a busy database is not a down one. A
    /// SQLite file is never "down", so for SQLite this returns at once.
    pub async fn watch(self) {
        use sqlx::{ConnectOptions, Connection};
        if self.backend != Backend::Postgres {
            return;
        }
        let mut tick = tokio::time::interval(WATCH_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Some(mut idle) = self.pool.try_acquire() {
                match tokio::time::timeout(ACQUIRE_TIMEOUT, idle.ping()).await {
                    Ok(Ok(())) => {
                        self.set_down(false);
                        continue;
                    }
                    // A broken connection (the server restarted, say) is not given back to
                    // the pool; whether the database is down, a new connection tells.
                    _ => idle.close_on_drop(),
                }
            }
            let attempt = tokio::time::timeout(ACQUIRE_TIMEOUT, self.options.connect()).await;
            let down = match attempt {
                Ok(Ok(connection)) => {
                    let _ = connection.close().await;
                    false
                }
                Ok(Err(error)) => is_unavailable(&error),
                Err(_) => continue,
            };
            self.set_down(down);
        }
    }

    fn set_down(&self, down: bool) {
        let was = self.down.swap(down, std::sync::atomic::Ordering::Relaxed);
        if was != down {
            if down {
                tracing::warn!("the database cannot be reached: answering 503 until it is back");
            } else {
                tracing::info!("the database is reachable again");
            }
        }
    }

    /// Applies the migrations of this backend's dialect that have not run yet.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|source| DbError::Migrate {
                backend: self.backend.as_str(),
                source,
            })
    }

    /// A round trip to the database, for the readiness probe.
    pub async fn ping(&self) -> Result<(), DbError> {
        if self.is_down() {
            return Err(DbError::Unavailable);
        }
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// A transaction that will write. On SQLite it takes the write lock at `BEGIN` (`BEGIN
    /// IMMEDIATE`), so it waits its turn (busy timeout) instead of failing when another writer
    /// commits between its first read and its first write (`SQLITE_BUSY_SNAPSHOT` of a
    /// deferred transaction). Every transaction that writes begins here.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes sure the SQLite file can be created: its directory exists and the URL asks for
/// read-write-create mode.
fn prepare_sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
                path: path.to_string(),
                source,
            })?;
        }
    }
    let query = if query.split('&').any(|p| p.starts_with("mode=")) {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://data/x.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(Backend::from_url("sqlite:x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::from_url("mysql://u@h/db").is_err());
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join("hvw-db-url-test");
        let url = format!("sqlite://{}/a.db", dir.display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.is_dir());
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:").unwrap(),
            "sqlite://:memory:?mode=rwc"
        );
        assert_eq!(
            prepare_sqlite_url("sqlite://x.db?mode=ro").unwrap(),
            "sqlite://x.db?mode=ro"
        );
    }
}
