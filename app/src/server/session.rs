//! Sessions on the request: the middleware that puts the logged-in user in the request, and the
//! one place that issues and clears the session and CSRF cookies.
use axum::extract::{Request, State};
use axum::response::Response;
use http::{header, HeaderValue};

use super::auth::{self, cookie_value};
use super::render::internal;
use super::AppState;

/// Appends a `Set-Cookie` header (`value` is the whole cookie: name, value and attributes).
pub fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Starts a session for `user_id` (a new id, rotating the browser's previous one) and sets its
/// cookie and a fresh CSRF token on `response`.
pub async fn log_in(
    state: &AppState,
    user_id: i64,
    previous: Option<&str>,
    mut response: Response,
) -> Result<Response, super::DbError> {
    let session = auth::start_session(&state.db, user_id, previous).await?;
    set_cookie(
        &mut response,
        &format!(
            "{}={session}; {}",
            state.site.session_cookie(),
            state.site.cookie_attributes()
        ),
    );
    set_csrf_cookie(state, &mut response, &state.site.csrf_key.new_token());
    Ok(response)
}

/// Sets the browser's CSRF token cookie (a new browser, or a new session).
pub fn set_csrf_cookie(state: &AppState, response: &mut Response, token: &str) {
    set_cookie(
        response,
        &format!(
            "{}={token}; {}",
            state.site.csrf_cookie(),
            state.site.cookie_attributes()
        ),
    );
}

/// Clears the session cookie on `response` (the session itself ends in the database).
pub fn clear_session_cookie(state: &AppState, response: &mut Response) {
    set_cookie(
        response,
        &format!(
            "{}=; Max-Age=0; {}",
            state.site.session_cookie(),
            state.site.cookie_attributes()
        ),
    );
}

/// Puts the logged-in user (if any) in the request's extensions; clears a dead session cookie.
pub async fn session_middleware(
    State(state): State<AppState>,
    mut request: Request,
    next: axum::middleware::Next,
) -> Response {
    if state.db.is_down() {
        request.extensions_mut().insert(super::db::DbDown);
    }
    let name = state.site.session_cookie();
    // Static files and probes need no user: no database round trip for them.
    let path = request.uri().path();
    if path.starts_with("/pkg/") || matches!(path, "/healthz" | "/readyz" | "/favicon.svg") {
        return next.run(request).await;
    }
    let Some(id) = cookie_value(request.headers(), name).map(str::to_owned) else {
        return next.run(request).await;
    };
    let session = if state.db.is_down() {
        Err(super::DbError::Unavailable)
    } else {
        auth::load_session(&state.db, &id, state.site.session).await
    };
    match session {
        Ok(Some(user)) => {
            request.extensions_mut().insert(user);
            next.run(request).await
        }
        Ok(None) => {
            let mut response = next.run(request).await;
            clear_session_cookie(&state, &mut response);
            response
        }
        // The database is down or failing: a public page is still served, to an anonymous
        // visitor (it needs no database); everything else gets the failure page.
        Err(e)
            if request.method() == http::Method::GET && !is_personal_path(request.uri().path()) =>
        {
            tracing::warn!(error = %e, "session lookup failed; serving the page anonymously");
            next.run(request).await
        }
        Err(e) => internal(e),
    }
}

/// Whether a path serves personal data whoever asks: the account, the coordinators' pages, the
/// development outbox. Such pages never get an anonymous stand-in when the database fails, and
/// are never stored by any cache (`server::middleware::page_cache_headers`).
pub fn is_personal_path(path: &str) -> bool {
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    // A young person's status page holds their response (its link is their key).
    under("/account")
        || under("/beheer")
        || under("/dev")
        || under("/werkgevers")
        || path == "/stages/reactie"
}
