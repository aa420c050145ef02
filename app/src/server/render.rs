//! Renders a page of the app from a plain handler, in one pass (no streaming, no Suspense):
//! the page a form is on, again, with the [`FormState`] of the submission — how a form without
//! JavaScript gets its messages — and the pages whose data is loaded before rendering.
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{request::Parts, Method, Request, StatusCode};
use leptos::prelude::provide_context;

use crate::forms::FormState;
use crate::layout::PageFailure;

use super::auth::CurrentUser;
use super::{db, AppState, DbError};

/// A request failed in a way the person cannot fix: the database is unavailable (503) or
/// something broke on our side (500). Handlers answer with [`internal`]; the response carries
/// this marker, and the `failure_pages` middleware (server crate) renders the failure page in
/// the layout and language of the request. Server functions answer JSON errors instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure(pub StatusCode);

/// The answer of a handler whose database work failed: 503 when the database is unavailable
/// (down, restarting, its pool exhausted), else 500. The detail goes to the log only.
pub fn internal<E: std::fmt::Display + 'static>(error: E) -> Response {
    let any = &error as &dyn std::any::Any;
    let unavailable = any
        .downcast_ref::<DbError>()
        .is_some_and(DbError::is_unavailable)
        || any
            .downcast_ref::<sqlx::Error>()
            .is_some_and(db::is_unavailable);
    if unavailable {
        tracing::warn!(%error, "database unavailable");
        failure_response(StatusCode::SERVICE_UNAVAILABLE)
    } else {
        tracing::error!(%error, "request failed");
        failure_response(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Why a handler stops before its happy end: it already has its answer (a refusal, the form
/// again with its messages) or something failed ([`internal`]: 503 when the database is
/// unavailable, else 500, rendered as the failure page). Handlers return [`Handled`] and stop
/// with `?` on any database, auth or refusal error — one error type for every handler.
pub struct Stop(pub Response);

/// What a plain (non-Leptos) handler returns.
pub type Handled = Result<Response, Stop>;

impl IntoResponse for Stop {
    fn into_response(self) -> Response {
        self.0
    }
}

impl From<Response> for Stop {
    fn from(response: Response) -> Self {
        Stop(response)
    }
}

impl From<DbError> for Stop {
    fn from(error: DbError) -> Self {
        Stop(internal(error))
    }
}

impl From<sqlx::Error> for Stop {
    fn from(error: sqlx::Error) -> Self {
        Stop(internal(DbError::Query(error)))
    }
}

/// A bare failure response with its [`Failure`] marker (a short text until the middleware
/// renders the page).
pub fn failure_response(status: StatusCode) -> Response {
    let mut response = (status, "Er ging iets mis. Probeer het later opnieuw.").into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static("30"),
        );
    }
    response.extensions_mut().insert(Failure(status));
    response
}

/// The failure page for a request (`parts` of the original request, for its path, language and
/// nonce), with the failure's status.
pub async fn render_failure(state: &AppState, parts: Parts, failure: Failure) -> Response {
    let status = failure.0;
    let mut response = render_with(state, parts, status, move || {
        provide_context(PageFailure {
            status: status.as_u16(),
        })
    })
    .await;
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static("30"),
        );
    }
    response
}

/// Renders the page at `parts.uri` again with `form` (after a failed post) and answers with
/// `status`. A guarded page ([`super::pages`]) gets its data too, loaded for the logged-in user
/// when their role may see it.
pub async fn render_again(
    state: &AppState,
    parts: Parts,
    form: FormState,
    status: StatusCode,
) -> Response {
    render_again_with(state, parts, form, status, ()).await
}

/// [`render_again`], with one more value provided as context (what a failed post found: an
/// import's problems, say).
pub async fn render_again_with<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: Parts,
    form: FormState,
    status: StatusCode,
    extra: T,
) -> Response {
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let page = super::pages::find(state, parts.uri.path());
    let data = match (page, user) {
        (Some(page), Some(user)) if page.allows(user.role) => {
            let query = parts.uri.query().unwrap_or_default().to_string();
            match (page.load)(state.clone(), user, query).await {
                Ok(data) => Some(data),
                Err(e) => return internal(e),
            }
        }
        _ => match super::pages::find_public(state, parts.uri.path()) {
            Some(page) => match (page.load)(
                state.clone(),
                parts.uri.query().unwrap_or_default().to_string(),
            )
            .await
            {
                Ok(data) => Some(data),
                Err(e) => return internal(e),
            },
            None => None,
        },
    };
    render_with(state, parts, status, move || {
        provide_context(form.clone());
        provide_context(extra.clone());
        if let Some(data) = &data {
            data();
        }
    })
    .await
}

/// Renders the page at `parts.uri` with whatever `context` provides (the data the page shows,
/// loaded before rendering) and answers with `status`.
pub async fn render_with(
    state: &AppState,
    mut parts: Parts,
    status: StatusCode,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.clone());
            context();
        },
        move || crate::shell(options.clone()),
    );
    parts.method = Method::GET;
    let mut response = handler(Request::from_parts(parts, Body::empty()))
        .await
        .into_response();
    *response.status_mut() = status;
    response
}
