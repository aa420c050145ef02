//! Logging in and out.
use axum::extract::State;

use crate::domain::account::parse_email;
use crate::server::auth;
use crate::server::form::{invalid, see_other, too_many, Posted};
use crate::server::render::Handled;
use crate::server::{session, AppState};

use super::store;

/// Logs in: a new session id (rotation), and a new CSRF token.
pub(super) async fn login(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
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
        return Err(too_many(&state, sub).await.into());
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
        return Err(invalid(&state, &sub, form).await);
    };
    // An unknown address is checked against a dummy hash: the answer takes the same time.
    let (user_id, hash, confirmed, disabled) = match store::login_account(&state, &email).await? {
        Some(account) => (
            Some(account.id),
            account.password_hash,
            account.email_confirmed_at,
            account.disabled_at,
        ),
        None => (None, auth::dummy_hash().await, None, None),
    };
    let password_ok = auth::verify_password(password, hash).await;
    let user_id = match user_id {
        Some(id) if password_ok && disabled.is_none() => id,
        _ => {
            form.add_error("email", "login_failed");
            return Err(invalid(&state, &sub, form).await);
        }
    };
    if confirmed.is_none() {
        form.add_error("email", "email_unconfirmed");
        return Err(invalid(&state, &sub, form).await);
    }
    let previous = sub.cookie(state.site.session_cookie());
    Ok(session::log_in(&state, user_id, previous.as_deref(), see_other("/account")).await?)
}

/// Logs out: the session ends on the server and the cookie is cleared.
pub(super) async fn logout(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    if let Some(user) = sub.current_user() {
        auth::end_session(&state.db, &user.session_digest).await?;
    }
    let mut response = see_other("/inloggen?melding=uitgelogd");
    session::clear_session_cookie(&state, &mut response);
    // What this browser kept for the person (the Skills CV in localStorage) goes too: on a
    // shared computer the next person must not find it.
    response.headers_mut().insert(
        http::HeaderName::from_static("clear-site-data"),
        http::HeaderValue::from_static("\"storage\""),
    );
    Ok(response)
}
