//! Sign-up of an employer organisation and the confirmation of its e-mail address.
use axum::extract::{Request, State};
use axum::response::Response;
use http::StatusCode;
use sqlx::Row;

use crate::domain::account::{parse_email, parse_kvk, parse_text, SECTORS};
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, TokenPurpose};
use crate::server::form::{again, read_limited_form, see_other};
use crate::server::outbox::{self, Email, TokenLink};
use crate::server::render::internal;
use crate::server::{AppState, DbError};

/// Sign-up of an employer organisation and its first user.
pub(super) async fn register(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let locale = sub.locale();
    let mut form = sub.kept();
    let org_name = parse_text(sub.get("org_name"), 200)
        .map_err(|e| form.add_error("org_name", e))
        .ok();
    let kvk = parse_kvk(sub.get("kvk"))
        .map_err(|e| form.add_error("kvk", e))
        .ok();
    let gemeente = match sub.get("gemeente") {
        "" => {
            form.add_error("gemeente", "choose_one");
            None
        }
        "elders" => Some(None),
        code if crate::domain::region::gemeente(code).is_some() => Some(Some(code.to_string())),
        _ => {
            form.add_error("gemeente", "choose_one");
            None
        }
    };
    let sector = match sub.get("sector") {
        s if SECTORS.contains(&s) => Some(s.to_string()),
        _ => {
            form.add_error("sector", "choose_one");
            None
        }
    };
    let erkend = match sub.get("erkend") {
        "ja" => Some(true),
        "nee" => Some(false),
        _ => {
            form.add_error("erkend", "choose_one");
            None
        }
    };
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let email = parse_email(sub.get("email"))
        .map_err(|e| form.add_error("email", e))
        .ok();
    let password = sub.get("password").to_string();
    if let Err(e) = auth::check_password_strength(
        &password,
        &[sub.get("email"), sub.get("name"), sub.get("org_name")],
    ) {
        form.add_error("password", e);
    }
    if let Some(kvk) = &kvk {
        match sqlx::query("SELECT 1 FROM organisations WHERE kvk = $1")
            .bind(kvk)
            .fetch_optional(state.db.pool())
            .await
        {
            Ok(Some(_)) => form.add_error("kvk", "kvk_taken"),
            Ok(None) => {}
            Err(e) => return internal(e),
        }
    }
    let (
        Some(org_name),
        Some(kvk),
        Some(gemeente),
        Some(sector),
        Some(erkend),
        Some(name),
        Some(email),
    ) = (org_name, kvk, gemeente, sector, erkend, name, email)
    else {
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    if form.has_errors() {
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }

    let hash = match auth::hash_password(password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.begin_write().await?;
        let existing = sqlx::query("SELECT id FROM users WHERE email = $1").bind(&email).fetch_optional(&mut *tx).await?;
        if existing.is_some() {
            // Never reveal that an address has an account: tell its owner instead.
            let forgot = format!("{}/wachtwoord-vergeten", state.site.public_url);
            outbox::enqueue(
                &mut tx,
                &Email::from_templates(
                    &email,
                    td_string!(locale, email.exists_subject),
                    td_string!(locale, email.exists_body),
                    &[("link", &forgot)],
                ),
            )
            .await?;
            tx.commit().await?;
            return Ok(());
        }
        let now = auth::now();
        let org_id: i64 = sqlx::query(
            "INSERT INTO organisations (name, kvk, gemeente_code, sector, erkend_leerbedrijf, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&org_name)
        .bind(&kvk)
        .bind(gemeente.as_deref())
        .bind(&sector)
        .bind(erkend)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let user_id: i64 = sqlx::query(
            "INSERT INTO users (organisation_id, role, name, email, password_hash, created_at) \
             VALUES ($1, 'employer', $2, $3, $4, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(&name)
        .bind(&email)
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        outbox::send_token_link(
            &mut tx,
            &state.site.public_url,
            TokenLink {
                purpose: TokenPurpose::ConfirmEmail,
                user_id: Some(user_id),
                organisation_id: None,
                bound_email: None,
                recipient: &email,
                page: "/bevestigen",
                subject: td_string!(locale, email.confirm_subject),
                body: td_string!(locale, email.confirm_body),
                values: &[],
            },
        )
        .await?;
        audit::record(&mut tx, Some(user_id), "account_created", Target::User(user_id), Some(org_id)).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/inloggen?melding=bevestig-email"),
        Err(DbError::Query(e)) if is_unique_violation(&e) => {
            // A parallel sign-up took the KvK number between the check and the insert.
            form.add_error("kvk", "kvk_taken");
            again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => internal(e),
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Confirms an e-mail address with the token from the link (a POST: no state changes on GET).
pub(super) async fn confirm(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let token = sub.get("token").to_string();
    let result: Result<bool, DbError> = async {
        let mut tx = state.db.begin_write().await?;
        let Some(claim) = auth::redeem_token(&mut tx, TokenPurpose::ConfirmEmail, &token).await?
        else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
        )
        .bind(auth::now())
        .bind(claim.user_id)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            claim.user_id,
            "email_confirmed",
            claim.user_id.map_or(Target::Nothing, Target::User),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => see_other("/inloggen?melding=bevestigd"),
        Ok(false) => {
            let mut form = sub.kept();
            form.add_error("token", "token_invalid");
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await
        }
        Err(e) => internal(e),
    }
}
