//! Huis van Werk: the Leptos application shared by the server (feature `ssr`) and the browser
//! (feature `hydrate`). Organised by feature: one module per capability, with `domain` for shared
//! types and pure logic, and `server` (ssr only) for database access and state.
#![recursion_limit = "256"]

// `pub mod i18n`: the typed translations that `build.rs` generates from `locales/nl.json` and
// `locales/en.json` (the `Locale` enum, the keys, and the `t!`/`td_string!` macros).
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

#[cfg(test)]
mod i18n_keys;

pub mod account;
/// The description of the open API, `/api/v1/openapi.json`.
#[cfg(feature = "ssr")]
pub mod api;
pub mod calculator;
pub mod catalogue;
pub mod charts;
pub mod domain;
pub mod error;
pub mod forms;
pub mod shell;

mod home;
mod info;
pub mod intake;
mod layout;
pub mod matcher;
pub mod monitor;
pub mod stages;
pub mod subsidies;

#[cfg(feature = "ssr")]
pub mod server;

/// What the islands share in the browser (wasm only).
#[cfg(not(feature = "ssr"))]
mod browser;

#[cfg(feature = "ssr")]
pub use shell::shell;
pub use shell::App;

/// The composition root of the server side: what the capabilities contribute.
#[cfg(feature = "ssr")]
mod composition {
    use std::path::Path;

    use crate::server::pages::{GuardedPage, PublicPage, Queue};
    use crate::server::seed::{load_reference, SeedReport};
    use crate::server::{Db, DbError};

    /// Every page behind a login, from each capability's table.
    pub fn guarded_pages() -> Vec<&'static GuardedPage> {
        crate::account::PAGES
            .iter()
            .chain(crate::calculator::PAGES)
            .chain(crate::stages::PAGES)
            .chain(crate::catalogue::PAGES)
            .chain(crate::matcher::PAGES)
            .chain(crate::monitor::PAGES)
            .chain(crate::intake::PAGES)
            .collect()
    }

    /// The pages with a path parameter that a capability's handler renders itself (the router
    /// leaves them to it).
    pub fn handler_pages() -> Vec<&'static str> {
        crate::subsidies::handlers::PAGE_ROUTES
            .iter()
            .chain(crate::intake::handlers::PAGE_ROUTES)
            .copied()
            .collect()
    }

    /// Every public page whose data comes from the database.
    pub fn public_pages() -> Vec<&'static PublicPage> {
        crate::stages::PUBLIC_PAGES
            .iter()
            .chain(crate::subsidies::PUBLIC_PAGES)
            .chain(crate::matcher::PUBLIC_PAGES)
            .chain(crate::monitor::PUBLIC_PAGES)
            .collect()
    }

    /// Every coordinators' queue, in the order the beheer start page lists them.
    pub fn queues() -> Vec<&'static Queue> {
        crate::calculator::QUEUES
            .iter()
            .chain(crate::stages::QUEUES)
            .chain(crate::intake::QUEUES)
            .collect()
    }

    /// Deletes what people left that is past its retention: handled applications and intake
    /// contact requests. The server awaits it before it serves its first request, so the
    /// start-up purge never races anything a request (or a test) writes.
    pub async fn purge_personal(db: &Db, retention_days: u32) {
        crate::calculator::store::purge_now(db, retention_days).await;
        crate::intake::store::purge_now(db, retention_days).await;
    }

    /// The retention job: [`purge_personal`] every hour, the first time an hour from now.
    /// Runs until aborted.
    pub async fn run_retention(db: Db, retention_days: u32) {
        let period = std::time::Duration::from_secs(3600);
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        loop {
            tick.tick().await;
            purge_personal(&db, retention_days).await;
        }
    }

    /// Loads the reference data and the catalogue of schemes from `catalogue`
    /// (`data/schemes.json`): schemes are added or updated, the places granted so far are kept.
    pub async fn seed(db: &Db, catalogue: &Path) -> Result<SeedReport, DbError> {
        let mut report = load_reference(db).await?;
        report.schemes = crate::catalogue::seed(db, catalogue).await?;
        report.demo_pledges = crate::stages::store::seed_demo(db).await?;
        report.demo_vacancies = crate::matcher::store::seed_demo(
            db,
            &crate::matcher::handlers::TAXONOMY,
            crate::domain::date::Date::today(),
        )
        .await?;
        Ok(report)
    }
}

#[cfg(feature = "ssr")]
pub use composition::{
    guarded_pages, handler_pages, public_pages, purge_personal, queues, run_retention, seed,
};
