//! The state every handler and server function reaches: handed to server functions through
//! `provide_context`, never through globals.
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::Db;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
