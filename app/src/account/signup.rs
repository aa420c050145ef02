//! Sign-up of an employer organisation and the confirmation of its e-mail address.
use axum::extract::State;
use http::StatusCode;

use crate::domain::account::{parse_email, parse_kvk, parse_text, SECTORS};
use crate::server::auth;
use crate::server::form::{again, invalid, see_other, unless_taken, LimitedPost};
use crate::server::render::{Handled, Stop};
use crate::server::AppState;

use super::store::{self, NewEmployer};

/// Sign-up of an employer organisation and its first user.
pub(super) async fn register(
    State(state): State<AppState>,
    LimitedPost(sub): LimitedPost,
) -> Handled {
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
        if store::kvk_taken(&state, kvk).await? {
            form.add_error("kvk", "kvk_taken");
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
        return Err(invalid(&state, &sub, form).await);
    };
    if form.has_errors() {
        return Err(invalid(&state, &sub, form).await);
    }
    let new = NewEmployer {
        org_name,
        kvk,
        gemeente,
        sector,
        erkend,
        name,
        email,
        password_hash: auth::hash_password(password).await?,
    };
    // A parallel sign-up may take the KvK number between the check and the insert.
    let result = store::register(&state, &new, locale).await;
    unless_taken(&state, &sub, &form, result, "kvk", "kvk_taken").await?;
    Ok(see_other("/inloggen?melding=bevestig-email"))
}

/// Confirms an e-mail address with the token from the link (a POST: no state changes on GET).
pub(super) async fn confirm(
    State(state): State<AppState>,
    LimitedPost(sub): LimitedPost,
) -> Handled {
    if !store::confirm_email(&state, sub.get("token")).await? {
        let mut form = sub.kept();
        form.add_error("token", "token_invalid");
        return Err(Stop(
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await,
        ));
    }
    Ok(see_other("/inloggen?melding=bevestigd"))
}
