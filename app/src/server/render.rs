//! Renders a page of the app from a plain handler, in one pass (no streaming, no Suspense):
//! the page a form is on, again, with the [`FormState`] of the submission — how a form without
//! JavaScript gets its messages — and the pages whose data is loaded before rendering.
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{request::Parts, Method, Request, StatusCode};
use leptos::prelude::provide_context;

use crate::forms::FormState;

use super::AppState;

/// Renders the page at `parts.uri` with `form` and answers with `status`.
pub async fn render_with_form(
    state: &AppState,
    parts: Parts,
    form: FormState,
    status: StatusCode,
) -> Response {
    render_with(state, parts, status, move || provide_context(form.clone())).await
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
