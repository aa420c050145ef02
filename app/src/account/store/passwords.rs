//! Passwords: what logging in checks, reset links, and setting a new password.
use sqlx::AnyConnection;

use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, CurrentUser, TokenPurpose};
use crate::server::outbox::{self, TokenLink};
use crate::server::{AppState, DbError};

use super::end_sessions;

/// What logging in checks of an account.
#[derive(sqlx::FromRow)]
pub(in crate::account) struct LoginAccount {
    pub id: i64,
    pub password_hash: String,
    pub email_confirmed_at: Option<i64>,
    pub disabled_at: Option<i64>,
}

/// The account with this address, for logging in.
pub(in crate::account) async fn login_account(
    state: &AppState,
    email: &str,
) -> Result<Option<LoginAccount>, DbError> {
    Ok(sqlx::query_as::<_, LoginAccount>(
        "SELECT id, password_hash, email_confirmed_at, disabled_at FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(state.db.pool())
    .await?)
}

/// The password hash and address of an account: what a form that asks for the current
/// password checks it against, and keeps out of a new password.
#[derive(sqlx::FromRow)]
pub(in crate::account) struct Credentials {
    pub password_hash: String,
    pub email: String,
}

pub(in crate::account) async fn credentials(
    state: &AppState,
    user_id: i64,
) -> Result<Credentials, DbError> {
    Ok(
        sqlx::query_as::<_, Credentials>("SELECT password_hash, email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(state.db.pool())
            .await?,
    )
}

/// The e-mail address of an account.
pub(in crate::account) async fn email_of(
    state: &AppState,
    user_id: i64,
) -> Result<String, DbError> {
    Ok(sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(state.db.pool())
        .await?)
}

/// Sets the password hash of an account.
async fn set_password_hash(
    conn: &mut AnyConnection,
    user_id: i64,
    hash: &str,
) -> Result<(), DbError> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// E-mails a reset link when the address has an enabled account; does nothing else otherwise.
pub(in crate::account) async fn mail_reset_link(
    state: &AppState,
    email: &str,
    locale: Locale,
) -> Result<(), DbError> {
    let mut tx = state.db.begin_write().await?;
    let user_id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL")
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(user_id) = user_id {
        outbox::send_token_link(
            &mut tx,
            &state.site.public_url,
            TokenLink::for_user(
                TokenPurpose::ResetPassword,
                user_id,
                email,
                td_string!(locale, email.reset_subject),
                td_string!(locale, email.reset_body),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a new password with a reset token: the token is used, every other reset link voided,
/// every session of the account ended. False when the token is no longer valid.
pub(in crate::account) async fn reset_password(
    state: &AppState,
    token: &str,
    user_id: i64,
    hash: &str,
) -> Result<bool, DbError> {
    let mut tx = state.db.begin_write().await?;
    if auth::redeem_token(&mut tx, TokenPurpose::ResetPassword, token)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    set_password_hash(&mut tx, user_id, hash).await?;
    auth::void_tokens(&mut tx, TokenPurpose::ResetPassword, user_id).await?;
    end_sessions(&mut tx, user_id).await?;
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

/// Changes the logged-in user's password: reset links are voided, their other sessions end.
pub(in crate::account) async fn change_password(
    state: &AppState,
    user: &CurrentUser,
    hash: &str,
) -> Result<(), DbError> {
    let mut tx = state.db.begin_write().await?;
    set_password_hash(&mut tx, user.user_id, hash).await?;
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
