//! The server side of the account forms (feature `ssr`): the routes and the pages behind a
//! login. Each handler (in `signup`, `login`, `password`, `team`, `settings`, `admin`) returns
//! [`crate::server::render::Handled`]: CSRF token and rate limit first (the `Posted` and
//! `LimitedPost` extractors), then validation of every field, then one `store` call (one
//! transaction), then a 303 redirect — or the same page again with the input kept and a message
//! per field.
use axum::routing::{get, post};
use axum::Router;

use crate::domain::account::Role;
use crate::server::pages::{provide, GuardedPage, PageData};
use crate::server::{AppState, DbError};

use super::{admin, login, password, settings, signup, store, team};

/// The account pages behind a login (served by `server::pages`, with their data loaded first).
pub static PAGES: &[GuardedPage] = &[
    GuardedPage {
        path: "/account",
        roles: None,
        load: |state, user, _| {
            Box::pin(async move {
                let view = store::account_view(&state, &user).await?;
                Ok::<PageData, DbError>(provide(view))
            })
        },
    },
    GuardedPage {
        path: "/beheer",
        roles: Some(Role::STAFF),
        load: |state, user, _| {
            Box::pin(async move {
                let mut queues = Vec::with_capacity(state.queues.len());
                for queue in state.queues.iter() {
                    queues.push(super::QueueRow {
                        path: queue.path.to_string(),
                        title_nl: queue.title.0.to_string(),
                        title_en: queue.title.1.to_string(),
                        open: (queue.open)(state.clone()).await?,
                    });
                }
                Ok::<PageData, DbError>(provide(super::StaffHome {
                    queues,
                    admin: user.role == Role::Admin,
                }))
            })
        },
    },
    GuardedPage {
        path: "/beheer/gebruikers",
        roles: Some(&[Role::Admin]),
        load: |state, _, _| {
            Box::pin(async move { Ok::<PageData, DbError>(provide(store::users(&state).await?)) })
        },
    },
    GuardedPage {
        path: "/beheer/audit",
        roles: Some(&[Role::Admin]),
        load: |state, _, _| {
            Box::pin(async move { Ok::<PageData, DbError>(provide(store::audit(&state).await?)) })
        },
    },
];

/// The account routes that take form posts, and the data download.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/registreren", post(signup::register))
        .route("/bevestigen", post(signup::confirm))
        .route("/inloggen", post(login::login))
        .route("/uitloggen", post(login::logout))
        .route("/wachtwoord-vergeten", post(password::forgot_password))
        .route("/wachtwoord-herstellen", post(password::reset_password))
        .route("/account/gegevens", get(settings::download))
        .route("/account/wachtwoord", post(password::change_password))
        .route("/account/uitnodigen", post(team::invite))
        .route("/account/verwijderen", post(settings::delete_account))
        .route("/uitnodiging", post(team::join))
        .route("/beheer/gebruikers", post(admin::admin_create_coordinator))
        .route("/beheer/gebruikers/status", post(admin::admin_set_disabled))
}
