//! Helpers for the HTTP-level integration tests: start the real server on a free port against a
//! fresh database — a new SQLite file, or a new PostgreSQL database — for every test.
//!
//! PostgreSQL comes from `TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`).
//! When it cannot be reached, the PostgreSQL variants are skipped with a loud message, except
//! with `CI=true`, where they fail.
use std::path::PathBuf;

use anyhow::Context;
use rand::distr::{Alphanumeric, SampleString};
use server::{Application, Config};
use sqlx::{AnyPool, Connection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database that is removed when dropped.
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                                let _ = sqlx::query(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .execute(&mut conn)
                                .await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

fn random_suffix() -> String {
    Alphanumeric
        .sample_string(&mut rand::rng(), 12)
        .to_lowercase()
}

pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl TestDatabase {
    /// A new database, or `None` when PostgreSQL is unreachable outside CI.
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("hvw-test-{}", random_suffix()));
                std::fs::create_dir_all(&dir).expect("create a temporary directory");
                let url = format!("sqlite://{}/test.db", dir.display());
                Some(TestDatabase {
                    url,
                    cleanup: Cleanup::File(dir),
                })
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let mut conn = match sqlx::PgConnection::connect(&admin_url).await {
                    Ok(conn) => conn,
                    Err(error) if !in_ci() => {
                        eprintln!(
                            "\n!!! SKIPPED: PostgreSQL at {admin_url} is unreachable ({error}).\n\
                             !!! Set TEST_POSTGRES_URL or start PostgreSQL; with CI=true this fails.\n"
                        );
                        return None;
                    }
                    Err(error) => panic!("PostgreSQL at {admin_url} is unreachable: {error}"),
                };
                let name = format!("hvw_test_{}", random_suffix());
                sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut conn)
                    .await
                    .expect("create a test database");
                let url = match admin_url.rsplit_once('/') {
                    Some((base, _)) => format!("{base}/{name}"),
                    None => panic!("TEST_POSTGRES_URL has no database name: {admin_url}"),
                };
                Some(TestDatabase {
                    url,
                    cleanup: Cleanup::Postgres { admin_url, name },
                })
            }
        }
    }

    /// A pool on this database, for checking what the server wrote.
    pub async fn pool(&self) -> AnyPool {
        sqlx::any::install_default_drivers();
        AnyPool::connect(&self.url)
            .await
            .expect("connect to the test database")
    }
}

/// A running server and an HTTP client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The server's shared state, to run a background job's work at once (the daily digest).
    pub state: app::server::AppState,
    pub db: TestDatabase,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A browser of its own: a client with its own cookies (one per role in the role matrix).
pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
}

fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        // A hung request fails its test instead of hanging the run.
        .timeout(std::time::Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("build the client")
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request succeeds")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// The CSRF token the page at `path` puts in its forms (and this client's cookie).
    pub async fn csrf_token(&self, path: &str) -> String {
        let (_, body) = self.get_text(path).await;
        let marker = "name=\"_csrf\" value=\"";
        let start = body
            .find(marker)
            .unwrap_or_else(|| panic!("no CSRF field on {path}"))
            + marker.len();
        body[start..start + body[start..].find('"').unwrap()].to_string()
    }

    /// Posts `fields` to `action` with the CSRF token of the page at `page`.
    pub async fn post_from(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf_token(page).await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &token));
        self.client
            .post(self.url(action))
            .form(&all)
            .send()
            .await
            .expect("post succeeds")
    }

    /// Posts a form from the page at `path` (with that page's CSRF token) to `path`.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = path.split('?').next().unwrap_or(path);
        self.post_from(path, page, fields).await
    }
}

impl TestApp {
    /// A second browser on the same server, with cookies of its own.
    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: new_client(),
        }
    }

    fn own(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: self.client.clone(),
        }
    }

    pub async fn post_from(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.own().post_from(page, action, fields).await
    }

    pub fn url(&self, path: &str) -> String {
        self.own().url(path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.own().get(path).await
    }

    /// GET and return status and body.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        self.own().get_text(path).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Starts the server on a free port against a fresh database of `backend`, with `configure`
/// applied to the configuration. `None` when the backend is unavailable (see module docs).
pub async fn spawn_app_with(
    backend: Backend,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let db = TestDatabase::create(backend).await?;
    let mut config = Config::for_tests(db.url.clone());
    configure(&mut config);
    // As `make run` does: the reference data and the catalogue of schemes (data/schemes.json).
    let seeded = server::connect_and_migrate(&config).await.unwrap();
    app::seed(&seeded, &config.catalogue).await.unwrap();
    seeded.close().await;
    if std::env::var("TEST_LOG").is_ok() {
        config.log_level = "debug".into();
        server::telemetry::init(&config);
    }
    let app = Application::build(&config)
        .await
        .context("start the server")
        .unwrap();
    let address = format!("http://{}", app.local_addr());
    let state = app.state();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let client = new_client();
    Some(TestApp {
        address,
        client,
        state,
        db,
        stop: Some(stop),
    })
}

/// Another server instance on the database of `app` (as a second machine behind a load
/// balancer would run), stopped when dropped.
pub struct Instance {
    pub browser: Browser,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub async fn spawn_instance(app: &TestApp) -> Instance {
    let config = Config::for_tests(app.db.url.clone());
    let instance = Application::build(&config)
        .await
        .context("start the second instance")
        .unwrap();
    let address = format!("http://{}", instance.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(instance.run_until(async move {
        let _ = stopped.await;
    }));
    Instance {
        browser: Browser {
            address,
            client: new_client(),
        },
        stop: Some(stop),
    }
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// Runs an async test body once per backend: `backend_tests!(name_of_async_fn_taking_backend);`
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(integration_tests::Backend::Sqlite).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(integration_tests::Backend::Postgres).await;
                }
            }
        )*
    };
}

impl TestApp {
    /// The CSRF token the page at `path` puts in its forms (and this client's cookie).
    pub async fn csrf_token(&self, path: &str) -> String {
        self.own().csrf_token(path).await
    }

    /// Posts a form from the page at `path` (with that page's CSRF token) to `path`.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.own().submit(path, fields).await
    }

    /// The newest e-mail to `recipient` in the outbox: (subject, body).
    pub async fn last_email_to(&self, recipient: &str) -> Option<(String, String)> {
        let pool = self.db.pool().await;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(recipient)
        .fetch_optional(&pool)
        .await
        .expect("read the outbox");
        pool.close().await;
        row
    }

    /// The path and query of the first link in the newest e-mail to `recipient`.
    pub async fn link_in_last_email(&self, recipient: &str) -> String {
        let (_, body) = self
            .last_email_to(recipient)
            .await
            .expect("an e-mail was sent");
        let start = body
            .find(&self.address)
            .expect("the e-mail has a link to the site");
        let link = body[start..].split_whitespace().next().unwrap();
        link.trim_start_matches(&self.address).to_string()
    }

    /// Runs a statement on the test database (to backdate sessions, say).
    pub async fn execute(&self, sql: &str) {
        let pool = self.db.pool().await;
        sqlx::query(sql)
            .execute(&pool)
            .await
            .expect("statement runs");
        pool.close().await;
    }

    /// A count from the test database.
    pub async fn count(&self, sql: &str) -> i64 {
        let pool = self.db.pool().await;
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&pool)
            .await
            .expect("count runs");
        pool.close().await;
        n
    }
}

/// A strong password for tests (zxcvbn score 4).
pub const STRONG_PASSWORD: &str = "paarse-kikker-fietst-langs-de-IJssel";

/// A valid sign-up form for an employer organisation with this address and KvK number.
pub fn sign_up_fields<'a>(email: &'a str, kvk: &'a str) -> [(&'a str, &'a str); 8] {
    [
        ("org_name", "Bakkerij De Korf"),
        ("kvk", kvk),
        ("gemeente", "GM0193"),
        ("sector", "horeca"),
        ("erkend", "ja"),
        ("name", "Anna de Vries"),
        ("email", email),
        ("password", STRONG_PASSWORD),
    ]
}

/// Signs up an employer organisation and confirms the address through the outbox link.
pub async fn register_confirmed(app: &TestApp, email: &str, kvk: &str) {
    let response = app
        .submit("/registreren", &sign_up_fields(email, kvk))
        .await;
    assert_eq!(response.status(), 303, "sign-up succeeds");
    let link = app.link_in_last_email(email).await;
    assert!(link.starts_with("/bevestigen?token="), "{link}");
    let token = link.split("token=").nth(1).unwrap().to_string();
    let response = app.submit(&link, &[("token", &token)]).await;
    assert_eq!(response.status(), 303, "confirmation succeeds");
}

/// Logs in and returns the response.
pub async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.submit("/inloggen", &[("email", email), ("password", password)])
        .await
}

/// Creates a coordinator or admin (as the `create-admin` command does) with `STRONG_PASSWORD`
/// chosen through the link, and returns a browser logged in as them.
pub async fn staff_browser(
    app: &TestApp,
    role: app::domain::account::Role,
    email: &str,
) -> Browser {
    let db = app::server::Db::connect(&app.db.url)
        .await
        .expect("connect");
    let path = app::account::create_staff_user(
        &db,
        &app.address,
        role,
        "Medewerker",
        email,
        None,
        app::i18n::Locale::nl,
    )
    .await
    .expect("create the user")
    .expect("a new address");
    db.close().await;
    let browser = app.browser();
    let token = path.split("token=").nth(1).unwrap().to_string();
    let response = browser
        .submit(&path, &[("token", &token), ("password", STRONG_PASSWORD)])
        .await;
    assert_eq!(response.status(), 303, "the staff password is set");
    let response = browser
        .submit(
            "/inloggen",
            &[("email", email), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 303, "staff login");
    browser
}

/// An employer of a new organisation, logged in, in a browser of its own.
pub async fn employer_browser(app: &TestApp, email: &str, kvk: &str, org: &str) -> Browser {
    let browser = app.browser();
    let response = browser
        .submit(
            "/registreren",
            &[
                ("org_name", org),
                ("kvk", kvk),
                ("gemeente", "GM0166"),
                ("sector", "zorg"),
                ("erkend", "nee"),
                ("name", "Piet Jansen"),
                ("email", email),
                ("password", STRONG_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let link = app.link_in_last_email(email).await;
    let token = link.split("token=").nth(1).unwrap().to_string();
    assert_eq!(
        browser.submit(&link, &[("token", &token)]).await.status(),
        303
    );
    let response = browser
        .submit(
            "/inloggen",
            &[("email", email), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 303);
    browser
}

/// The Location header of a response ("" when absent).
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// A TCP proxy in front of PostgreSQL that a test cuts — as if the database went down: open
/// connections break and new ones are refused — and restores.
pub struct DatabaseCutter {
    target: String,
    address: std::net::SocketAddr,
    accept: std::sync::Mutex<Option<tokio::task::AbortHandle>>,
    links: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl DatabaseCutter {
    /// A proxy to the PostgreSQL of `TEST_POSTGRES_URL`; `None` when it is unreachable outside CI.
    pub async fn start() -> Option<Self> {
        let admin_url = postgres_admin_url();
        if let Err(error) = sqlx::PgConnection::connect(&admin_url).await {
            if in_ci() {
                panic!("PostgreSQL at {admin_url} is unreachable: {error}");
            }
            eprintln!("\n!!! SKIPPED: PostgreSQL at {admin_url} is unreachable ({error}).\n");
            return None;
        }
        let target = admin_url
            .rsplit_once('@')
            .map_or(admin_url.as_str(), |(_, rest)| rest)
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let cutter = DatabaseCutter {
            target,
            address: listener.local_addr().unwrap(),
            accept: std::sync::Mutex::new(None),
            links: Default::default(),
        };
        cutter.serve(listener);
        Some(cutter)
    }

    /// `url` (of the test server's PostgreSQL) through this proxy.
    pub fn route(&self, url: &str) -> String {
        url.replacen(&self.target, &self.address.to_string(), 1)
    }

    fn serve(&self, listener: tokio::net::TcpListener) {
        let target = self.target.clone();
        let links = self.links.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let target = target.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                links.lock().unwrap().push(link.abort_handle());
            }
        });
        *self.accept.lock().unwrap() = Some(accept.abort_handle());
    }

    /// The database "goes down": the listener closes and every open connection breaks.
    pub fn cut(&self) {
        if let Some(accept) = self.accept.lock().unwrap().take() {
            accept.abort();
        }
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    /// The database is back, on the same address.
    pub fn restore(&self) {
        // The aborted accept task drops its listener on the runtime: retry until the port is free.
        let bind = || {
            let socket = tokio::net::TcpSocket::new_v4().ok()?;
            socket.set_reuseaddr(true).ok()?;
            socket.bind(self.address).ok()?;
            Some(socket)
        };
        let mut socket = bind();
        for _ in 0..100 {
            if socket.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            socket = bind();
        }
        let socket = socket.expect("bind the proxy's address again");
        self.serve(socket.listen(128).unwrap());
    }
}

impl Drop for DatabaseCutter {
    fn drop(&mut self) {
        self.cut();
    }
}
