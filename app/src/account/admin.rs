//! What admins do with accounts: create coordinators (and admins, from the command line),
//! disable and enable accounts.
use axum::extract::State;
use http::StatusCode;

use crate::domain::account::{parse_email, parse_text, Role};
use crate::server::form::{invalid, require_role, see_other, unless_taken, Posted};
use crate::server::render::{failure_response, Handled, Stop};
use crate::server::AppState;

use super::store;

pub use super::store::create_staff_user;

/// An admin creates a coordinator account; the coordinator sets a password through a link.
pub(super) async fn admin_create_coordinator(
    State(state): State<AppState>,
    Posted(sub): Posted,
) -> Handled {
    let admin = require_role(&sub, &[Role::Admin])?;
    let mut form = sub.kept();
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let email = parse_email(sub.get("email"))
        .map_err(|e| form.add_error("email", e))
        .ok();
    let (Some(name), Some(email)) = (name, email) else {
        return Err(invalid(&state, &sub, form).await);
    };
    let result = create_staff_user(
        &state.db,
        &state.site.public_url,
        Role::Coordinator,
        &name,
        &email,
        Some(admin.user_id),
        sub.locale(),
    )
    .await;
    // The address has an account, or a parallel post took it between the check and the insert.
    if unless_taken(&state, &sub, &form, result, "email", "email_taken")
        .await?
        .is_none()
    {
        form.add_error("email", "email_taken");
        return Err(invalid(&state, &sub, form).await);
    }
    Ok(see_other("/beheer/gebruikers?melding=aangemaakt"))
}

/// An admin disables or enables an account; disabling ends its sessions at once.
pub(super) async fn admin_set_disabled(
    State(state): State<AppState>,
    Posted(sub): Posted,
) -> Handled {
    let admin = require_role(&sub, &[Role::Admin])?;
    let Ok(target) = sub.get("user_id").parse::<i64>() else {
        return Err(Stop(failure_response(StatusCode::BAD_REQUEST)));
    };
    if target == admin.user_id {
        // An admin cannot disable their own account (the page offers no such button).
        return Err(Stop(failure_response(StatusCode::BAD_REQUEST)));
    }
    let disable = sub.get("action") == "disable";
    if !store::set_disabled(&state, admin.user_id, target, disable).await? {
        return Err(Stop(failure_response(StatusCode::NOT_FOUND)));
    }
    Ok(see_other("/beheer/gebruikers"))
}
