//! The account holder's own data: the download, and deleting the account.
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use sqlx::Row;

use crate::server::auth::{self, CurrentUser};
use crate::server::form::{again_on, read_form, require_user, see_other};
use crate::server::render::internal;
use crate::server::{session, AppState};

/// Everything held about the logged-in user, as a JSON download.
pub(super) async fn download(
    State(state): State<AppState>,
    request: Request<axum::body::Body>,
) -> Response {
    let Some(user) = request.extensions().get::<CurrentUser>().cloned() else {
        return see_other("/inloggen");
    };
    let view = match super::store::account_view(&state, &user).await {
        Ok(view) => view,
        Err(e) => return internal(e),
    };
    let body = serde_json::json!({
        "account": { "name": view.name, "email": view.email, "role": view.role },
        "organisation": view.organisation.map(|name| serde_json::json!({ "name": name, "kvk": view.kvk })),
    });
    (
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
        .into_response()
}

/// Deletes the logged-in user's account and every personal row about them: sessions and
/// tokens (by cascade), their e-mails in the outbox, and the organisation when they were its
/// last user. The audit log keeps the ids only.
pub(super) async fn delete_account(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let user = match require_user(&sub) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
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
    if !auth::verify_password(sub.get("delete_password").to_string(), hash).await {
        form.add_error("delete_password", "password_wrong");
        return again_on(
            &state,
            &sub,
            "/account",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match super::store::delete_user(&state, user.user_id, &email, Some(user.user_id)).await {
        Ok(()) => {
            let mut response = see_other("/inloggen?melding=verwijderd");
            session::clear_session_cookie(&state, &mut response);
            response
        }
        Err(e) => internal(e),
    }
}
