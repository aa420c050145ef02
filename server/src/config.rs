//! Configuration from the command line and the environment, with defaults that make
//! `server` run with no set-up at all. Every variable is documented in `.env.example`.
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Overrides the port of the address (for platforms that hand out a PORT).
    #[arg(long, env = "PORT")]
    pub port: Option<u16>,

    /// Database: `sqlite://path/to/file.db` or `postgres://user@host/db`.
    /// Default: the SQLite file `huisvanwerk.db` in the data directory.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory for the default SQLite database.
    #[arg(long, env = "HVW_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// The catalogue of schemes `server seed` loads.
    #[arg(long, env = "HVW_CATALOGUE", default_value = "data/schemes.json")]
    pub catalogue: PathBuf,

    /// Days a handled application (aanmelding) is kept before it is deleted.
    #[arg(long, env = "HVW_APPLICATION_RETENTION_DAYS", default_value_t = 28)]
    pub application_retention_days: u32,

    /// Days a young person's response is kept after its opening closed, before it is deleted
    /// (the anonymous counts stay).
    #[arg(long, env = "HVW_RESPONSE_RETENTION_DAYS", default_value_t = 28)]
    pub response_retention_days: u32,

    /// Where the built site (pkg/, favicon, ...) lives.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Log filter, in tracing's EnvFilter syntax (e.g. `info`, `server=debug,sqlx=warn`).
    #[arg(
        long,
        env = "RUST_LOG",
        default_value = "info,sqlx=warn,tower_http=warn"
    )]
    pub log_level: String,

    /// Log format: `pretty` for people, `json` for log collectors.
    #[arg(long, env = "HVW_LOG_FORMAT", value_enum, default_value = "pretty")]
    pub log_format: LogFormat,

    /// Set when a TLS-terminating proxy serves the site over HTTPS: adds HSTS and marks cookies
    /// Secure.
    #[arg(long, env = "HVW_BEHIND_TLS", default_value_t = false)]
    pub behind_tls: bool,

    /// The address people reach the portal at, for links in e-mails.
    /// Default: http:// and the listening address.
    #[arg(long, env = "HVW_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// A session ends after this many minutes without a request.
    #[arg(long, env = "HVW_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: i64,

    /// A session ends this many hours after login, however active.
    #[arg(long, env = "HVW_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: i64,

    /// Posts per minute per client IP on each public form.
    #[arg(long, env = "HVW_FORM_RATE_PER_MINUTE", default_value_t = 20)]
    pub form_rate_per_minute: u32,

    /// Login attempts per minute per account (twice that per client IP).
    #[arg(long, env = "HVW_LOGIN_RATE_PER_MINUTE", default_value_t = 5)]
    pub login_rate_per_minute: u32,

    /// SMTP server for e-mail: `smtp://user:pass@host:587?tls=required`, `smtps://host:465`.
    /// Without it, e-mail stays in the outbox table.
    #[arg(long, env = "HVW_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The From address of e-mail.
    #[arg(
        long,
        env = "HVW_MAIL_FROM",
        default_value = "Huis van Werk <noreply@huisvanwerk.local>"
    )]
    pub mail_from: String,

    /// Development only: show the e-mail outbox at /dev/outbox. Never in production.
    #[arg(long, env = "HVW_DEV_OUTBOX", default_value_t = false)]
    pub dev_outbox: bool,

    /// Connections open at once; more wait until one closes (keep it below the process's file
    /// descriptor limit).
    #[arg(long, env = "HVW_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,

    /// Seconds a client may take to send a request's headers before its connection is closed.
    #[arg(long, env = "HVW_HEADER_TIMEOUT_SECONDS", default_value_t = 10)]
    pub header_timeout_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Config {
    /// The socket address to bind, after the PORT override.
    pub fn bind_addr(&self) -> SocketAddr {
        let mut addr = self.addr;
        if let Some(port) = self.port {
            addr.set_port(port);
        }
        addr
    }

    /// The database URL, or the default SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_string(),
            _ => format!("sqlite://{}/huisvanwerk.db", self.data_dir.display()),
        }
    }

    /// A configuration for tests: a free port on loopback and the given database.
    pub fn for_tests(database_url: String) -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            port: None,
            database_url: Some(database_url),
            data_dir: PathBuf::from("data"),
            catalogue: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/schemes.json")),
            application_retention_days: 28,
            response_retention_days: 28,
            site_root: "target/site".into(),
            log_level: "warn".into(),
            log_format: LogFormat::Pretty,
            behind_tls: false,
            public_url: None,
            session_idle_minutes: 30,
            session_max_hours: 12,
            form_rate_per_minute: 20,
            login_rate_per_minute: 5,
            dev_outbox: true,
            max_connections: 1024,
            header_timeout_seconds: 10,
            smtp_url: None,
            mail_from: "Huis van Werk <noreply@huisvanwerk.local>".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_is_a_sqlite_file_in_the_data_dir() {
        let mut config = Config::for_tests(String::new());
        config.database_url = None;
        config.data_dir = PathBuf::from("/srv/hvw");
        assert_eq!(config.database_url(), "sqlite:///srv/hvw/huisvanwerk.db");
        config.database_url = Some("  ".into());
        assert_eq!(config.database_url(), "sqlite:///srv/hvw/huisvanwerk.db");
        config.database_url = Some("postgres://u@h/db".into());
        assert_eq!(config.database_url(), "postgres://u@h/db");
    }

    #[test]
    fn port_overrides_the_port_of_the_address() {
        let mut config = Config::for_tests(String::new());
        config.addr = "0.0.0.0:3000".parse().unwrap();
        assert_eq!(config.bind_addr().to_string(), "0.0.0.0:3000");
        config.port = Some(8080);
        assert_eq!(config.bind_addr().to_string(), "0.0.0.0:8080");
    }
}
