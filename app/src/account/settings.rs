//! The account holder's own data: the download, and deleting the account.
use axum::extract::{Request, State};
use axum::response::IntoResponse;
use http::{header, StatusCode};

use crate::server::auth::{self, CurrentUser};
use crate::server::form::{again_on, require_user, see_other, Posted};
use crate::server::render::{Handled, Stop};
use crate::server::{session, AppState};

use super::store;

/// Everything held about the logged-in user, as a JSON download.
pub(super) async fn download(State(state): State<AppState>, request: Request) -> Handled {
    let Some(user) = request.extensions().get::<CurrentUser>().cloned() else {
        return Ok(see_other("/inloggen"));
    };
    let view = store::account_view(&state, &user).await?;
    let body = serde_json::json!({
        "account": { "name": view.name, "email": view.email, "role": view.role },
        "organisation": view.organisation.map(|name| serde_json::json!({ "name": name, "kvk": view.kvk })),
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"huisvanwerk-gegevens.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        serde_json::to_string_pretty(&body).unwrap_or_default(),
    )
        .into_response())
}

/// Deletes the logged-in user's account and every personal row about them: sessions and
/// tokens (by cascade), their e-mails in the outbox, and the organisation when they were its
/// last user. The audit log keeps the ids only.
pub(super) async fn delete_account(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_user(&sub)?;
    let account = store::credentials(&state, user.user_id).await?;
    let password = sub.get("delete_password").to_string();
    if !auth::verify_password(password, account.password_hash).await {
        let mut form = sub.kept();
        form.add_error("delete_password", "password_wrong");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Err(Stop(again_on(&state, &sub, "/account", form, status).await));
    }
    store::delete_user(&state, user.user_id, &account.email, Some(user.user_id)).await?;
    let mut response = see_other("/inloggen?melding=verwijderd");
    session::clear_session_cookie(&state, &mut response);
    Ok(response)
}
