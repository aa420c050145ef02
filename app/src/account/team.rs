//! Colleagues: an employer invites one, the colleague joins with the invitation.
use axum::extract::State;
use http::StatusCode;

use crate::domain::account::{parse_email, parse_text, Role};
use crate::server::auth::{self, TokenPurpose};
use crate::server::form::{
    again, again_on, forbidden, invalid, require_role, see_other, too_many, unless_taken,
    LimitedPost, Posted,
};
use crate::server::render::{Handled, Stop};
use crate::server::{session, AppState};

use super::store::{self, NewColleague};

/// An employer invites a colleague to their organisation by e-mail.
pub(super) async fn invite(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    if state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_err()
    {
        return Err(too_many(&state, sub).await.into());
    }
    let mut form = sub.kept();
    let Ok(email) =
        parse_email(sub.get("invite_email")).map_err(|e| form.add_error("invite_email", e))
    else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Err(Stop(again_on(&state, &sub, "/account", form, status).await));
    };
    let Some(org_id) = user.organisation_id else {
        return Err(Stop(forbidden()));
    };
    store::invite(&state, user.user_id, org_id, &email, sub.locale()).await?;
    Ok(see_other("/account?melding=uitnodiging-verstuurd"))
}

/// An invited colleague creates their account: the invitation proves the e-mail address.
pub(super) async fn join(State(state): State<AppState>, LimitedPost(sub): LimitedPost) -> Handled {
    let mut form = sub.kept();
    let token = sub.get("token");
    let claim = auth::peek_token(&state.db, TokenPurpose::Invite, token).await?;
    let Some((org_id, email)) = claim.and_then(|c| Some((c.organisation_id?, c.email?))) else {
        form.add_error("name", "token_invalid");
        return Err(Stop(
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await,
        ));
    };
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let password = sub.get("password").to_string();
    if let Err(e) = auth::check_password_strength(&password, &[&email, sub.get("name")]) {
        form.add_error("password", e);
    }
    let Some(name) = name.filter(|_| !form.has_errors()) else {
        return Err(invalid(&state, &sub, form).await);
    };
    let hash = auth::hash_password(password).await?;
    let new = NewColleague {
        token,
        organisation_id: org_id,
        name: &name,
        email: &email,
        password_hash: &hash,
    };
    // A parallel post may take the address between the check and the insert.
    let result = store::join(&state, &new).await;
    let Some(user_id) = unless_taken(&state, &sub, &form, result, "name", "token_invalid").await?
    else {
        form.add_error("name", "token_invalid");
        return Err(Stop(
            again(&state, &sub, form, StatusCode::BAD_REQUEST).await,
        ));
    };
    let previous = sub.cookie(state.site.session_cookie());
    Ok(session::log_in(&state, user_id, previous.as_deref(), see_other("/account")).await?)
}
