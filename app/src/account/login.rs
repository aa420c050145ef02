//! Logging in and out.
use axum::extract::{Request, State};
use axum::response::Response;
use http::StatusCode;
use sqlx::Row;

use crate::domain::account::parse_email;
use crate::server::auth::{self};
use crate::server::form::{again, read_form, see_other, too_many};
use crate::server::render::internal;
use crate::server::{session, AppState};

/// Logs in: a new session id (rotation), and a new CSRF token.
pub(super) async fn login(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let email_input = sub.get("email").trim().to_lowercase();
    if state
        .limits
        .login_per_ip
        .check_key(&sub.client_ip())
        .is_err()
        || state
            .limits
            .login_per_account
            .check_key(&auth::digest(&email_input))
            .is_err()
    {
        return too_many(&state, sub).await;
    }
    let mut form = sub.kept();
    let email = parse_email(&email_input)
        .map_err(|e| form.add_error("email", e))
        .ok();
    let password = sub.get("password").to_string();
    if password.is_empty() {
        form.add_error("password", "password_required");
    }
    let Some(email) = email.filter(|_| !form.has_errors()) else {
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let row = match sqlx::query(
        "SELECT id, password_hash, email_confirmed_at, disabled_at FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(state.db.pool())
    .await
    {
        Ok(row) => row,
        Err(e) => return internal(e),
    };
    let (user_id, hash, confirmed, disabled) = match &row {
        Some(r) => (
            r.try_get::<i64, _>(0).ok(),
            r.try_get::<String, _>(1).unwrap_or_default(),
            r.try_get::<Option<i64>, _>(2).ok().flatten(),
            r.try_get::<Option<i64>, _>(3).ok().flatten(),
        ),
        None => (None, auth::dummy_hash().await, None, None),
    };
    let password_ok = auth::verify_password(password, hash).await;
    let user_id = match user_id {
        Some(id) if password_ok && disabled.is_none() => id,
        _ => {
            form.add_error("email", "login_failed");
            return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    if confirmed.is_none() {
        form.add_error("email", "email_unconfirmed");
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let previous = sub.cookie(state.site.session_cookie());
    match session::log_in(&state, user_id, previous.as_deref(), see_other("/account")).await {
        Ok(response) => response,
        Err(e) => internal(e),
    }
}

/// Logs out: the session ends on the server and the cookie is cleared.
pub(super) async fn logout(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    if let Some(user) = sub.current_user() {
        if let Err(e) = auth::end_session(&state.db, &user.session_digest).await {
            return internal(e);
        }
    }
    let mut response = see_other("/inloggen?melding=uitgelogd");
    session::clear_session_cookie(&state, &mut response);
    response
}
