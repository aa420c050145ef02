//! Pages behind a login, declared once per capability: path, who may see them, and how their
//! data is loaded before they render (in one pass: no Suspense on the server, see
//! ARCHITECTURE.md). The router serves them from these tables, a failed form post renders them
//! again with their data ([`super::render::render_again`]), and the role-matrix test walks them:
//! a page added to a table is covered by all three.
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use leptos::prelude::provide_context;

use crate::domain::account::Role;
use crate::forms::FormState;

use super::auth::CurrentUser;
use super::render::{internal, render_with};
use super::{AppState, DbError};

/// Provides a page's data as context while it renders.
pub type PageData = Arc<dyn Fn() + Send + Sync>;

/// Loads a guarded page's data for the person logged in and the page's query string.
pub type Loader = fn(
    AppState,
    CurrentUser,
    String,
) -> Pin<Box<dyn Future<Output = Result<PageData, DbError>> + Send>>;

/// A page behind a login.
pub struct GuardedPage {
    pub path: &'static str,
    /// The roles that may see it; `None`: anyone logged in.
    pub roles: Option<&'static [Role]>,
    pub load: Loader,
}

impl GuardedPage {
    pub fn allows(&self, role: Role) -> bool {
        self.roles.is_none_or(|roles| roles.contains(&role))
    }
}

/// A queue of work for coordinators (applications, later intake requests and pledges to
/// verify), declared by its capability and listed with its open count on the beheer start page.
pub struct Queue {
    /// The queue's page.
    pub path: &'static str,
    /// Its name in Dutch and in English (the start page shows the one of the request).
    pub title: (&'static str, &'static str),
    /// The items still open.
    pub open: Counter,
}

/// Counts a queue's open items.
pub type Counter = fn(AppState) -> Pin<Box<dyn Future<Output = Result<i64, DbError>> + Send>>;

/// `value` as page data (provided as context while the page renders).
pub fn provide<T: Clone + Send + Sync + 'static>(value: T) -> PageData {
    Arc::new(move || provide_context(value.clone()))
}

/// A public page whose data comes from the database: loaded before it renders, like a guarded
/// page's, for anyone (the stages board, later the monitor).
pub struct PublicPage {
    pub path: &'static str,
    pub load: PublicLoader,
}

/// Loads a public page's data, for the request's query string (its filters; "" when none).
pub type PublicLoader =
    fn(AppState, String) -> Pin<Box<dyn Future<Output = Result<PageData, DbError>> + Send>>;

/// The public page with data at `path`, if any.
pub fn find_public(state: &AppState, path: &str) -> Option<&'static PublicPage> {
    state
        .public_pages
        .iter()
        .copied()
        .find(|page| page.path == path)
}

/// GET of a public page with data: loaded, then rendered; 503 while the database is down.
pub async fn serve_public(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let Some(page) = find_public(&state, parts.uri.path()) else {
        return super::render::failure_response(StatusCode::NOT_FOUND);
    };
    if parts.extensions.get::<super::db::DbDown>().is_some() {
        return super::render::failure_response(StatusCode::SERVICE_UNAVAILABLE);
    }
    let query = parts.uri.query().unwrap_or_default().to_string();
    render_loaded(&state, parts, (page.load)(state.clone(), query).await).await
}

/// The guarded page at `path`, if any.
pub fn find(state: &AppState, path: &str) -> Option<&'static GuardedPage> {
    state.pages.iter().copied().find(|page| page.path == path)
}

/// GET of a guarded page: anonymous visitors go to the login page, people whose role may not
/// see it get the page's "no access" view with 403, the others the page with its data.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let Some(page) = find(&state, parts.uri.path()) else {
        return super::render::failure_response(StatusCode::NOT_FOUND);
    };
    if parts.extensions.get::<super::db::DbDown>().is_some() {
        return super::render::failure_response(StatusCode::SERVICE_UNAVAILABLE);
    }
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return (StatusCode::FOUND, [(http::header::LOCATION, "/inloggen")]).into_response();
    };
    if !page.allows(user.role) {
        return render_with(&state, parts, StatusCode::FORBIDDEN, || {}).await;
    }
    let query = parts.uri.query().unwrap_or_default().to_string();
    render_loaded(&state, parts, (page.load)(state.clone(), user, query).await).await
}

/// A page whose data was loaded: rendered with it (and an empty form), or the failure page.
async fn render_loaded(
    state: &AppState,
    parts: http::request::Parts,
    loaded: Result<PageData, DbError>,
) -> Response {
    match loaded {
        Ok(data) => {
            render_with(state, parts, StatusCode::OK, move || {
                provide_context(FormState::default());
                data();
            })
            .await
        }
        Err(e) => internal(e),
    }
}

/// A GET route for every guarded page ([`serve`]) and every public page with data
/// ([`serve_public`]).
pub fn routes(state: &AppState) -> axum::Router<AppState> {
    let guarded = state
        .pages
        .iter()
        .fold(axum::Router::new(), |router, page| {
            router.route(page.path, axum::routing::get(serve))
        });
    state.public_pages.iter().fold(guarded, |router, page| {
        router.route(page.path, axum::routing::get(serve_public))
    })
}
