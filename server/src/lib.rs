//! The Huis van Werk server: configuration, the axum router around the Leptos app, middleware,
//! start-up and the command-line subcommands. `Application::build` is what `main` and the
//! integration tests both start.
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use std::sync::Arc;

use app::server::auth::SessionPolicy;
use app::server::outbox::SmtpSettings;
use app::server::state::RateLimits;
use app::server::{AppState, Db, SiteConfig};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    middleware::from_fn_with_state,
    response::IntoResponse,
    routing::get,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

pub mod config;
pub mod middleware;
pub mod serve;
pub mod telemetry;

pub use config::Config;
use middleware::Security;

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    smtp: Option<SmtpSettings>,
    retention_days: u32,
    limits: serve::ConnectionLimits,
    state: AppState,
}

impl Application {
    /// Connects to the database, runs the migrations (failing fast with a clear message),
    /// builds the router and binds the address (port 0 picks a free port).
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        // The compiled-in data files are read now, so a broken one stops the start-up with its
        // problems named instead of failing the first request that needs it.
        app::matcher::handlers::load_data();
        let db = connect_and_migrate(config).await?;
        let leptos_options = leptos_options(config)?;
        let addr = config.bind_addr();
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr().context("listening address")?;
        let csrf_key = app::server::auth::CsrfKey::load_or_create(&db)
            .await
            .context("loading the CSRF key failed")?;
        let site = SiteConfig {
            public_url: config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{local}"))
                .trim_end_matches('/')
                .to_string(),
            behind_tls: config.behind_tls,
            session: SessionPolicy {
                idle: config.session_idle_minutes * 60,
                absolute: config.session_max_hours * 3600,
            },
            dev_outbox: config.dev_outbox,
            application_retention_days: config.application_retention_days,
            response_retention_days: config.response_retention_days,
            csrf_key,
        };
        let limits = RateLimits::new(config.form_rate_per_minute, config.login_rate_per_minute);
        let state = AppState {
            leptos_options,
            db: db.clone(),
            site: Arc::new(site),
            limits: Arc::new(limits),
            catalogue: Default::default(),
            catalogue_loaded: Default::default(),
            pages: app::guarded_pages().into(),
            public_pages: app::public_pages().into(),
            queues: app::queues().into(),
            indexes: Default::default(),
            tallies: Default::default(),
        };
        app::catalogue::reload(&state)
            .await
            .context("loading the catalogue of schemes failed")?;
        // The start-up retention purge, done before the first request is served.
        app::purge_personal(&db, config.application_retention_days).await;
        app::stages::store::responses::jobs_now(&state).await;
        let router = router(state.clone(), config);
        let smtp = config
            .smtp_url
            .clone()
            .filter(|url| !url.trim().is_empty())
            .map(|url| SmtpSettings {
                url,
                from: config.mail_from.clone(),
            });
        Ok(Application {
            listener,
            router,
            db,
            smtp,
            retention_days: config.application_retention_days,
            state,
            limits: serve::ConnectionLimits {
                max_connections: config.max_connections,
                header_timeout: Duration::from_secs(config.header_timeout_seconds),
                ..serve::ConnectionLimits::default()
            },
        })
    }

    /// The state the handlers share (tests use it to run the background jobs' work at once).
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn port(&self) -> u16 {
        self.local_addr().port()
    }

    /// Serves until the process gets Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then shuts down gracefully and closes the pool.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Application {
            listener,
            router,
            db,
            smtp,
            retention_days,
            limits,
            state,
        } = self;
        let sender = tokio::spawn(app::server::outbox::run_sender(db.clone(), smtp));
        let watch = tokio::spawn(db.clone().watch());
        let retention = tokio::spawn(app::run_retention(db.clone(), retention_days));
        let stages_jobs = tokio::spawn(app::stages::store::responses::run_jobs(state.clone()));
        let catalogue = tokio::spawn(app::catalogue::follow(state.clone()));
        let alerts = tokio::spawn(app::subsidies::alerts::run(state.clone()));
        let tallies = state.tallies.clone();
        let tally = tokio::spawn(app::server::tally::run(db.clone(), tallies.clone()));
        let digest = tokio::spawn(app::server::digest::run(state));
        serve::serve(listener, router, limits, stop).await;
        digest.abort();
        tally.abort();
        // The monitor's last counts of this instance, before the pool closes.
        if let Err(error) = app::server::tally::flush(&db, &tallies).await {
            tracing::warn!(%error, "the monitor's last counts could not be written");
        }
        catalogue.abort();
        alerts.abort();
        stages_jobs.abort();
        sender.abort();
        retention.abort();
        watch.abort();
        db.close().await;
        Ok(())
    }
}

/// Connects to the configured database and brings its schema up to date.
pub async fn connect_and_migrate(config: &Config) -> anyhow::Result<Db> {
    let url = config.database_url();
    let db = Db::connect(&url)
        .await
        .context("database unavailable (check DATABASE_URL)")?;
    db.migrate().await.context("database migrations failed")?;
    app::server::seed::load_reference(&db)
        .await
        .context("loading the reference data failed")?;
    Ok(db)
}

fn leptos_options(config: &Config) -> anyhow::Result<LeptosOptions> {
    let mut options = get_configuration(None)
        .context("leptos configuration")?
        .leptos_options;
    options.site_addr = config.bind_addr();
    options.site_root = config.site_root.clone().into();
    // cargo-leptos builds with hashed file names and writes their hashes next to the binary;
    // use them whenever that file is there, also when the binary is started directly.
    if !options.hash_files {
        let hash_file = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())));
        options.hash_files = hash_file.is_some_and(|path| path.is_file());
    }
    Ok(options)
}

/// Responses slower than this are logged as a warning ("slow response").
const SLOW_RESPONSE: Duration = Duration::from_secs(2);

/// The Leptos routes, generated once per process.
///
/// Generating them renders the whole app once with resource loading switched off, through a
/// flag that is global to the process (`SuppressResourceLoad` in leptos_server): a resource
/// created on any other thread while that flag is up never starts loading, and the page that
/// waits for it never answers (leptos#4773). So the list is made exactly once, before any server
/// in this process can serve — `main` builds one server, the integration tests build many.
fn leptos_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES
        .get_or_init(|| {
            generate_route_list(app::App)
                .into_iter()
                // The pages the account and calculator handlers render themselves keep their
                // GET handlers.
                .filter(|route| {
                    !app::guarded_pages()
                        .iter()
                        .any(|page| page.path == route.path())
                        && !app::public_pages()
                            .iter()
                            .any(|page| page.path == route.path())
                        && !app::handler_pages().contains(&route.path())
                })
                .collect()
        })
        .clone()
}

fn router(state: AppState, config: &Config) -> Router {
    let routes = leptos_routes();
    let security = Security {
        behind_tls: config.behind_tls,
    };
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let shell = {
        let options = state.leptos_options.clone();
        move || app::shell(options.clone())
    };

    // Hashed bundle files never change under their name: cache them for a year. Without
    // hashing (a development build), make browsers revalidate.
    let pkg_dir = format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    );
    let pkg_cache = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        // The release build writes each file beside its brotli-11 and gzip copies
        // (`cargo leptos build --precompress`): served as they are, never compressed per request.
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .leptos_routes_with_context(&state, routes, context.clone(), shell)
        .merge(app::server::pages::routes(&state))
        .merge(app::account::handlers::routes())
        .merge(app::calculator::handlers::routes())
        .merge(app::stages::handlers::routes())
        .merge(app::subsidies::handlers::routes())
        .merge(app::matcher::handlers::routes())
        .merge(app::intake::handlers::routes())
        .merge(app::monitor::handlers::routes())
        .merge(app::api::routes())
        .merge(app::catalogue::routes())
        .nest_service("/pkg", pkg);
    if state.site.dev_outbox {
        router = router
            .route("/dev/outbox", get(dev_outbox))
            .route("/dev/meldingen", axum::routing::post(dev_digests));
    }
    router
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, app::shell))
        .layer(
            ServiceBuilder::new()
                .layer(TraceLayer::new_for_http().make_span_with(
                    |request: &axum::http::Request<axum::body::Body>| {
                        // The path only: queries can hold a person's answers.
                        tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                    },
                ).on_response(
                    |response: &axum::http::Response<_>, latency: Duration, _span: &tracing::Span| {
                        // A page that (nearly) hangs shows in the log, with its path (in the span).
                        if latency >= SLOW_RESPONSE {
                            tracing::warn!(status = response.status().as_u16(), latency_ms = latency.as_millis() as u64, "slow response");
                        }
                    },
                ))
                // A request that takes longer than this is answered 408, never left hanging.
                .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(30),
                ))
                // Pages and JSON, compressed per response at a level that costs little CPU
                // (brotli 4, gzip 4: within a few per cent of the best for HTML); the bundle
                // is served precompressed and passes through untouched.
                .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
                .layer(from_fn_with_state(security, middleware::security_headers))
                .layer(from_fn_with_state(security, middleware::language))
                .layer(from_fn_with_state(state.clone(), middleware::failure_pages))
                .layer(axum::middleware::from_fn(middleware::server_fn_status))
                .layer(from_fn_with_state(state.clone(), middleware::csrf))
                .layer(from_fn_with_state(
                    state.clone(),
                    app::server::session::session_middleware,
                ))
                .layer(axum::middleware::from_fn(middleware::page_cache_headers)),
        )
        .with_state(state)
}

/// Development only (HVW_DEV_OUTBOX=true): the e-mails the portal would have sent — the newest
/// 50, or with `?aan=<address>` every one to that address (the e2e suite finds its links so,
/// however many other mails a run sends).
/// Development only (with the outbox): sends the search alert digests of one address (`aan`)
/// now, as the daily job would a day from now (so an alert confirmed today is due), and answers
/// how many were queued. The browser tests follow an alert from its confirmation to its digest
/// with it; each sends only its own.
async fn dev_digests(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<Vec<(String, String)>>,
) -> impl IntoResponse {
    let Some((_, to)) = query.iter().find(|(k, _)| k == "aan") else {
        return (axum::http::StatusCode::BAD_REQUEST, "aan=".to_string());
    };
    let tomorrow = app::server::auth::now() + 86_400;
    match app::subsidies::alerts::send_digests_to(&state, tomorrow, Some(to)).await {
        Ok(sent) => (axum::http::StatusCode::OK, sent.to_string()),
        Err(error) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            error.to_string(),
        ),
    }
}

async fn dev_outbox(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<Vec<(String, String)>>,
) -> impl IntoResponse {
    let to = query
        .iter()
        .find(|(k, _)| k == "aan")
        .map(|(_, v)| v.as_str());
    let messages = app::server::outbox::recent(&state.db, to, if to.is_some() { 1000 } else { 50 })
        .await
        .unwrap_or_default();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let items: String = messages
        .iter()
        .map(|m| {
            format!(
                "<article><h2>{}</h2><p>Aan: {}</p><pre>{}</pre></article>",
                escape(&m.subject),
                escape(&m.recipient),
                linkify(&escape(&m.body))
            )
        })
        .collect();
    axum::response::Html(format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">\
         <title>Outbox (development)</title></head>\
         <body><main><h1>Outbox (development)</h1>{items}</main></body></html>"
    ))
}

/// Turns the links in an (escaped) e-mail body into anchors, for the development outbox.
fn linkify(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            if line.starts_with("http://") || line.starts_with("https://") {
                format!("<a href=\"{line}\">{line}</a>")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Liveness: the process is up and serving.
async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok")
}

/// Readiness: the database answers.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timeout"),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
