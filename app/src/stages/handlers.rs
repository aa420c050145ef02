//! The server side of the stages drive (feature `ssr`): its pages' data, its queue, and the form
//! handlers — CSRF and rate limit first, every field validated, one `store` call (one
//! transaction), then a 303, or the form again with the input kept and a message per field.
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use http::StatusCode;

use super::{store, EmployerView, PendingPledges};
use crate::domain::account::Role;
use crate::domain::date::Date;
use crate::domain::stages::{Pledge, PledgeStatus};
use crate::server::auth::CurrentUser;
use crate::server::form::{again_on, invalid, require_role, see_other, Posted};
use crate::server::pages::{provide, GuardedPage, PageData, PublicPage, Queue};
use crate::server::render::{failure_response, Handled, Stop};
use crate::server::{AppState, DbError};

/// The public board, loaded before it renders.
pub static PUBLIC_PAGES: &[PublicPage] = &[PublicPage {
    path: "/stages",
    load: |state| {
        Box::pin(async move { Ok::<PageData, DbError>(provide(store::board(&state.db).await?)) })
    },
}];

/// The employer's pages and the coordinators' page.
pub static PAGES: &[GuardedPage] = &[
    GuardedPage {
        path: "/werkgevers",
        roles: Some(&[Role::Employer]),
        load: |state, user| Box::pin(async move { employer_view(&state, &user).await }),
    },
    GuardedPage {
        path: "/werkgevers/toezegging",
        roles: Some(&[Role::Employer]),
        load: |state, user| Box::pin(async move { employer_view(&state, &user).await }),
    },
    GuardedPage {
        path: "/beheer/stages",
        roles: Some(Role::STAFF),
        load: |state, _| {
            Box::pin(async move {
                Ok::<PageData, DbError>(provide(PendingPledges(store::pending(&state.db).await?)))
            })
        },
    },
];

/// Pledges waiting for a coordinator, on the beheer start page.
pub static QUEUES: &[Queue] = &[Queue {
    path: "/beheer/stages",
    title: (
        "Toezeggingen voor stages en leerbanen",
        "Pledges of stages and leerbanen",
    ),
    open: |state| Box::pin(async move { store::pending_count(&state.db).await }),
}];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/werkgevers", post(pledge))
        .route("/werkgevers/toezegging", post(change))
        .route("/werkgevers/toezegging/intrekken", post(withdraw))
        .route("/beheer/stages/beoordelen", post(decide))
}

async fn employer_view(state: &AppState, user: &CurrentUser) -> Result<PageData, DbError> {
    let organisation = user.organisation_id.unwrap_or_default();
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation)
        .fetch_optional(state.db.pool())
        .await?;
    Ok(provide(EmployerView {
        organisation: name.unwrap_or_default(),
        pledges: store::for_organisation(&state.db, organisation).await?,
        history: store::history(&state.db, organisation).await?,
    }))
}

/// The failure page with `status`, as a handler's stop.
fn refuse(status: StatusCode) -> Stop {
    Stop(failure_response(status))
}

/// The employer's organisation: every employer account belongs to one (a database check).
fn organisation_of(user: &CurrentUser) -> Result<i64, StatusCode> {
    user.organisation_id.ok_or(StatusCode::FORBIDDEN)
}

/// A new pledge.
async fn pledge(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let mut form = sub.kept();
    let pledge = match Pledge::from_form(|f| sub.get(f), Date::today()) {
        Ok(pledge) => pledge,
        Err(errors) => {
            for (field, message) in errors {
                form.add_error(field, message);
            }
            return Err(invalid(&state, &sub, form).await);
        }
    };
    store::create(&state, organisation, Some(user.user_id), &pledge).await?;
    Ok(see_other("/werkgevers?melding=toegezegd"))
}

/// The pledge's id in the form (400 when it is not a number). A foreign id is answered 404 by
/// the store's check: never another organisation's pledge.
fn pledge_id(sub: &crate::server::form::Submission) -> Result<i64, StatusCode> {
    sub.get("id")
        .parse::<i64>()
        .map_err(|_| StatusCode::BAD_REQUEST)
}

/// A changed pledge (of the employer's own organisation).
async fn change(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    let mut form = sub.kept();
    let pledge = match Pledge::from_form(|f| sub.get(f), Date::today()) {
        Ok(pledge) => pledge,
        Err(errors) => {
            for (field, message) in errors {
                form.add_error(field, message);
            }
            return Err(invalid(&state, &sub, form).await);
        }
    };
    if !store::update(&state.db, organisation, user.user_id, id, &pledge).await? {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    Ok(see_other("/werkgevers?melding=gewijzigd"))
}

/// A withdrawn pledge (of the employer's own organisation).
async fn withdraw(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    if !store::withdraw(&state.db, organisation, user.user_id, id).await? {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    Ok(see_other("/werkgevers?melding=ingetrokken"))
}

/// A coordinator verifies a pending pledge, or rejects it with a reason.
async fn decide(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    let verdict = match sub.get("besluit") {
        "verified" => PledgeStatus::Verified,
        "rejected" => PledgeStatus::Rejected,
        _ => return Err(refuse(StatusCode::BAD_REQUEST)),
    };
    let reason = sub.get("reden").trim();
    if verdict == PledgeStatus::Rejected {
        if let Err(message) = crate::domain::account::parse_text(reason, 500) {
            let mut form = sub.kept();
            form.add_error(
                "form",
                if message == "required" {
                    "reason_required"
                } else {
                    message
                },
            );
            return Err(Stop(
                again_on(
                    &state,
                    &sub,
                    "/beheer/stages",
                    form,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await,
            ));
        }
    }
    let reason = (verdict == PledgeStatus::Rejected).then_some(reason);
    if !store::decide(&state, user.user_id, id, verdict, reason).await? {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    Ok(see_other("/beheer/stages"))
}
