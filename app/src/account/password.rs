//! Forgotten, reset and changed passwords.
use axum::extract::{Request, State};
use axum::response::Response;
use http::StatusCode;

use crate::domain::account::parse_email;
use crate::server::auth::{self, TokenPurpose};
use crate::server::form::{
    again, again_on, invalid, read_limited_form, require_user, see_other, too_many, LimitedPost,
    Posted,
};
use crate::server::render::{Handled, Stop};
use crate::server::AppState;

use super::store;

/// How long the forgot-password answer takes at least. Sending a link writes a token and an
/// e-mail; an unknown address writes nothing. Without a floor the answer's timing would tell
/// whether an address has an account.
const FORGOT_PASSWORD_FLOOR: std::time::Duration = std::time::Duration::from_millis(250);

/// Sends a reset link when the address has an enabled account; says the same either way, and
/// takes the same time either way ([`FORGOT_PASSWORD_FLOOR`]), the reading of the form included.
pub(super) async fn forgot_password(State(state): State<AppState>, request: Request) -> Response {
    let started = tokio::time::Instant::now();
    let response = send_reset_link(&state, request)
        .await
        .unwrap_or_else(|stop| stop.0);
    tokio::time::sleep_until(started + FORGOT_PASSWORD_FLOOR).await;
    response
}

/// The forgot-password form ([`read_limited_form`], as [`LimitedPost`] reads it), inside the
/// time floor of [`forgot_password`].
async fn send_reset_link(state: &AppState, request: Request) -> Handled {
    let sub = read_limited_form(state, request).await?;
    let mut form = sub.kept();
    let Ok(email) = parse_email(sub.get("email")).map_err(|e| form.add_error("email", e)) else {
        return Err(invalid(state, &sub, form).await);
    };
    store::mail_reset_link(state, &email, sub.locale()).await?;
    Ok(see_other("/wachtwoord-vergeten?melding=link-verstuurd"))
}

/// Sets a new password with a reset token; ends every session of that account.
pub(super) async fn reset_password(
    State(state): State<AppState>,
    LimitedPost(sub): LimitedPost,
) -> Handled {
    let mut form = sub.kept();
    let token = sub.get("token");
    let claim = auth::peek_token(&state.db, TokenPurpose::ResetPassword, token).await?;
    let Some(user_id) = claim.and_then(|c| c.user_id) else {
        form.add_error("password", "token_invalid");
        return Err(Stop(
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await,
        ));
    };
    let password = sub.get("password").to_string();
    let email = store::email_of(&state, user_id).await?;
    if let Err(e) = auth::check_password_strength(&password, &[&email]) {
        form.add_error("password", e);
        return Err(invalid(&state, &sub, form).await);
    }
    let hash = auth::hash_password(password).await?;
    if !store::reset_password(&state, token, user_id, &hash).await? {
        form.add_error("password", "token_invalid");
        return Err(Stop(
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await,
        ));
    }
    Ok(see_other("/inloggen?melding=wachtwoord-gewijzigd"))
}

/// Changes the password of the logged-in user; other sessions of the account end.
pub(super) async fn change_password(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_user(&sub)?;
    if state
        .limits
        .login_per_account
        .check_key(&format!("user:{}", user.user_id))
        .is_err()
    {
        return Err(too_many(&state, sub).await.into());
    }
    let mut form = sub.kept();
    let account = store::credentials(&state, user.user_id).await?;
    let current = sub.get("current_password").to_string();
    if !auth::verify_password(current, account.password_hash).await {
        form.add_error("current_password", "password_wrong");
    }
    let new_password = sub.get("new_password").to_string();
    if let Err(e) = auth::check_password_strength(&new_password, &[&account.email]) {
        form.add_error("new_password", e);
    }
    if form.has_errors() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Err(Stop(again_on(&state, &sub, "/account", form, status).await));
    }
    let hash = auth::hash_password(new_password).await?;
    store::change_password(&state, &user, &hash).await?;
    Ok(see_other("/account?melding=wachtwoord-gewijzigd"))
}
