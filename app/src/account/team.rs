//! Colleagues: an employer invites one, the colleague joins with the invitation.
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use sqlx::Row;

use crate::domain::account::{parse_email, parse_text, Role};
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{self, TokenPurpose};
use crate::server::form::{
    again, again_on, read_form, read_limited_form, require_role, see_other, too_many,
};
use crate::server::outbox::{self, TokenLink};
use crate::server::render::internal;
use crate::server::{session, AppState, DbError};

/// An employer invites a colleague to their organisation by e-mail.
pub(super) async fn invite(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let user = match require_role(&sub, &[Role::Employer]) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    if state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_err()
    {
        return too_many(&state, sub).await;
    }
    let locale = sub.locale();
    let mut form = sub.kept();
    let Ok(email) =
        parse_email(sub.get("invite_email")).map_err(|e| form.add_error("invite_email", e))
    else {
        return again_on(
            &state,
            &sub,
            "/account",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let Some(org_id) = user.organisation_id else {
        return crate::server::form::forbidden();
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.begin_write().await?;
        let org: String = sqlx::query("SELECT name FROM organisations WHERE id = $1")
            .bind(org_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        outbox::send_token_link(
            &mut tx,
            &state.site.public_url,
            TokenLink {
                purpose: TokenPurpose::Invite,
                user_id: None,
                organisation_id: Some(org_id),
                bound_email: Some(&email),
                recipient: &email,
                page: "/uitnodiging",
                subject: td_string!(locale, email.invite_subject),
                body: td_string!(locale, email.invite_body),
                values: &[("org", &org)],
            },
        )
        .await?;
        audit::record(
            &mut tx,
            Some(user.user_id),
            "colleague_invited",
            Target::Organisation(org_id),
            Some(org_id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/account?melding=uitnodiging-verstuurd"),
        Err(e) => internal(e),
    }
}

/// An invited colleague creates their account: the invitation proves the e-mail address.
pub(super) async fn join(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let mut form = sub.kept();
    let token = sub.get("token").to_string();
    let claim = match auth::peek_token(&state.db, TokenPurpose::Invite, &token).await {
        Ok(claim) => claim,
        Err(e) => return internal(e),
    };
    let Some((org_id, email)) = claim.and_then(|c| Some((c.organisation_id?, c.email?))) else {
        form.add_error("name", "token_invalid");
        return again(&state, &sub, form, StatusCode::BAD_REQUEST).await;
    };
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let password = sub.get("password").to_string();
    if let Err(e) = auth::check_password_strength(&password, &[&email, sub.get("name")]) {
        form.add_error("password", e);
    }
    let Some(name) = name.filter(|_| !form.has_errors()) else {
        return again(&state, &sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let hash = match auth::hash_password(password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<Option<i64>, DbError> = async {
        let mut tx = state.db.begin_write().await?;
        if auth::redeem_token(&mut tx, TokenPurpose::Invite, &token).await?.is_none() {
            return Ok(None);
        }
        let taken = sqlx::query("SELECT 1 FROM users WHERE email = $1").bind(&email).fetch_optional(&mut *tx).await?;
        if taken.is_some() {
            return Ok(None);
        }
        let now = auth::now();
        let user_id: i64 = sqlx::query(
            "INSERT INTO users (organisation_id, role, name, email, password_hash, email_confirmed_at, created_at) \
             VALUES ($1, 'employer', $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(&name)
        .bind(&email)
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        audit::record(&mut tx, Some(user_id), "colleague_joined", Target::User(user_id), Some(org_id)).await?;
        tx.commit().await?;
        Ok(Some(user_id))
    }
    .await;
    let user_id = match result {
        Ok(Some(id)) => id,
        Ok(None) => {
            form.add_error("name", "token_invalid");
            return again(&state, &sub, form, StatusCode::BAD_REQUEST).await;
        }
        Err(e) => return internal(e),
    };
    let previous = sub.cookie(state.site.session_cookie());
    match session::log_in(&state, user_id, previous.as_deref(), see_other("/account")).await {
        Ok(response) => response,
        Err(e) => internal(e),
    }
}
