//! What admins do with accounts: create coordinators (and admins, from the command line),
//! disable and enable accounts.
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use sqlx::Row;

use crate::domain::account::{parse_email, parse_text, Role};
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, TokenPurpose};
use crate::server::form::{again, read_form, require_role, see_other};
use crate::server::outbox::{self, TokenLink};
use crate::server::render::{failure_response, internal};
use crate::server::{AppState, DbError};

/// An admin creates a coordinator account; the coordinator sets a password through a link.
pub(super) async fn admin_create_coordinator(
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let admin = match require_role(&sub, &[Role::Admin]) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    let mut form = sub.kept();
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let email = parse_email(sub.get("email"))
        .map_err(|e| form.add_error("email", e))
        .ok();
    let (Some(name), Some(email)) = (name, email) else {
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match create_staff_user(
        &state.db,
        &state.site.public_url,
        Role::Coordinator,
        &name,
        &email,
        Some(admin.user_id),
        sub.locale(),
    )
    .await
    {
        Ok(Some(_)) => see_other("/beheer/gebruikers?melding=aangemaakt"),
        Ok(None) => {
            form.add_error("email", "email_taken");
            again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => internal(e),
    }
}

/// Creates a coordinator or admin with no usable password and e-mails a link (valid 1 hour)
/// to choose one. Returns the link's path, or `None` when the address has an account.
pub async fn create_staff_user(
    db: &crate::server::Db,
    public_url: &str,
    role: Role,
    name: &str,
    email: &str,
    actor: Option<i64>,
    locale: Locale,
) -> Result<Option<String>, DbError> {
    let mut tx = db.begin_write().await?;
    if sqlx::query("SELECT 1 FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?
        .is_some()
    {
        return Ok(None);
    }
    let now = auth::now();
    // An argon2 hash of a random secret nobody knows: the account can only be entered after
    // choosing a password through the link.
    let unusable = auth::hash_password(auth::new_secret()).await?;
    let user_id: i64 = sqlx::query(
        "INSERT INTO users (organisation_id, role, name, email, password_hash, email_confirmed_at, created_at) \
         VALUES (NULL, $1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(role.as_str())
    .bind(name)
    .bind(email)
    .bind(&unusable)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let path = outbox::send_token_link(
        &mut tx,
        public_url,
        TokenLink {
            purpose: TokenPurpose::ResetPassword,
            user_id: Some(user_id),
            organisation_id: None,
            bound_email: None,
            recipient: email,
            page: "/wachtwoord-herstellen",
            subject: td_string!(locale, email.staff_subject),
            body: td_string!(locale, email.staff_body),
            values: &[],
        },
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        &format!("{}_created", role.as_str()),
        Target::User(user_id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(path))
}

/// An admin disables or enables an account; disabling ends its sessions at once.
pub(super) async fn admin_set_disabled(
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let admin = match require_role(&sub, &[Role::Admin]) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    let Ok(target) = sub.get("user_id").parse::<i64>() else {
        return failure_response(StatusCode::BAD_REQUEST);
    };
    if target == admin.user_id {
        // An admin cannot disable their own account (the page offers no such button).
        return failure_response(StatusCode::BAD_REQUEST);
    }
    let disable = sub.get("action") == "disable";
    let result: Result<bool, DbError> = async {
        let mut tx = state.db.begin_write().await?;
        let changed = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
            .bind(if disable { Some(auth::now()) } else { None })
            .bind(target)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        if disable {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(target)
                .execute(&mut *tx)
                .await?;
        }
        let action = if disable {
            "account_disabled"
        } else {
            "account_enabled"
        };
        audit::record(
            &mut tx,
            Some(admin.user_id),
            action,
            Target::User(target),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => see_other("/beheer/gebruikers"),
        Ok(false) => failure_response(StatusCode::NOT_FOUND),
        Err(e) => internal(e),
    }
}
