//! Renders a page of the app from a plain form handler: the page the form is on, again, with
//! the [`FormState`] of the submission — how a form without JavaScript gets its messages.
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{request::Parts, Method, Request, StatusCode};
use leptos::prelude::provide_context;

use crate::forms::FormState;

use super::AppState;

/// Renders the page at `parts.uri` with `form` and answers with `status`.
pub async fn render_with_form(
    state: &AppState,
    mut parts: Parts,
    form: FormState,
    status: StatusCode,
) -> Response {
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.clone());
            provide_context(form.clone());
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
