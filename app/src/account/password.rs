//! Forgotten, reset and changed passwords.
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use sqlx::Row;

use crate::domain::account::parse_email;
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, TokenPurpose};
use crate::server::form::{
    again, again_on, read_form, read_limited_form, require_user, see_other, too_many,
};
use crate::server::outbox::{self, TokenLink};
use crate::server::render::internal;
use crate::server::{AppState, DbError};

/// How long the forgot-password answer takes at least. Sending a link writes a token and an
/// e-mail; an unknown address writes nothing. Without a floor the answer's timing would tell
/// whether an address has an account.
const FORGOT_PASSWORD_FLOOR: std::time::Duration = std::time::Duration::from_millis(250);

/// Sends a reset link when the address has an enabled account; says the same either way, and
/// takes the same time either way ([`FORGOT_PASSWORD_FLOOR`]).
pub(super) async fn forgot_password(State(state): State<AppState>, request: Request) -> Response {
    let started = tokio::time::Instant::now();
    let response = send_reset_link(state, request).await;
    tokio::time::sleep_until(started + FORGOT_PASSWORD_FLOOR).await;
    response
}

pub(super) async fn send_reset_link(state: AppState, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let locale = sub.locale();
    let mut form = sub.kept();
    let Ok(email) = parse_email(sub.get("email")).map_err(|e| form.add_error("email", e)) else {
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.begin_write().await?;
        let row = sqlx::query("SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = row {
            let user_id: i64 = row.try_get(0)?;
            outbox::send_token_link(
                &mut tx,
                &state.site.public_url,
                TokenLink {
                    purpose: TokenPurpose::ResetPassword,
                    user_id: Some(user_id),
                    organisation_id: None,
                    bound_email: None,
                    recipient: &email,
                    page: "/wachtwoord-herstellen",
                    subject: td_string!(locale, email.reset_subject),
                    body: td_string!(locale, email.reset_body),
                    values: &[],
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/wachtwoord-vergeten?melding=link-verstuurd"),
        Err(e) => internal(e),
    }
}

/// Sets a new password with a reset token; ends every session of that account.
pub(super) async fn reset_password(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let mut form = sub.kept();
    let token = sub.get("token").to_string();
    let claim = match auth::peek_token(&state.db, TokenPurpose::ResetPassword, &token).await {
        Ok(claim) => claim,
        Err(e) => return internal(e),
    };
    let Some(user_id) = claim.and_then(|c| c.user_id) else {
        form.add_error("password", "token_invalid");
        return again(&state, &sub, form, StatusCode::BAD_REQUEST).await;
    };
    let password = sub.get("password").to_string();
    let email: String = match sqlx::query("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(state.db.pool())
        .await
    {
        Ok(row) => row.try_get(0).unwrap_or_default(),
        Err(e) => return internal(e),
    };
    if let Err(e) = auth::check_password_strength(&password, &[&email]) {
        form.add_error("password", e);
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let hash = match auth::hash_password(password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<bool, DbError> = async {
        let mut tx = state.db.begin_write().await?;
        if auth::redeem_token(&mut tx, TokenPurpose::ResetPassword, &token)
            .await?
            .is_none()
        {
            return Ok(false);
        }
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(&hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        auth::void_tokens(&mut tx, TokenPurpose::ResetPassword, user_id).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Some(user_id),
            "password_reset",
            Target::User(user_id),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => see_other("/inloggen?melding=wachtwoord-gewijzigd"),
        Ok(false) => {
            form.add_error("password", "token_invalid");
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await
        }
        Err(e) => internal(e),
    }
}

/// Changes the password of the logged-in user; other sessions of the account end.
pub(super) async fn change_password(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let user = match require_user(&sub) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    if state
        .limits
        .login_per_account
        .check_key(&format!("user:{}", user.user_id))
        .is_err()
    {
        return too_many(&state, sub).await;
    }
    let mut form = sub.kept();
    let row = match sqlx::query("SELECT password_hash, email FROM users WHERE id = $1")
        .bind(user.user_id)
        .fetch_one(state.db.pool())
        .await
    {
        Ok(row) => row,
        Err(e) => return internal(e),
    };
    let hash: String = row.try_get(0).unwrap_or_default();
    let email: String = row.try_get(1).unwrap_or_default();
    if !auth::verify_password(sub.get("current_password").to_string(), hash).await {
        form.add_error("current_password", "password_wrong");
    }
    let new_password = sub.get("new_password").to_string();
    if let Err(e) = auth::check_password_strength(&new_password, &[&email]) {
        form.add_error("new_password", e);
    }
    if form.has_errors() {
        return again_on(
            &state,
            &sub,
            "/account",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let hash = match auth::hash_password(new_password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(&hash)
            .bind(user.user_id)
            .execute(&mut *tx)
            .await?;
        auth::void_tokens(&mut tx, TokenPurpose::ResetPassword, user.user_id).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
            .bind(user.user_id)
            .bind(&user.session_digest)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Some(user.user_id),
            "password_changed",
            Target::User(user.user_id),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/account?melding=wachtwoord-gewijzigd"),
        Err(e) => internal(e),
    }
}
