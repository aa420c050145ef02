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
pub mod calculator;
pub mod catalogue;
pub mod domain;
pub mod error;
pub mod forms;
pub mod shell;

mod home;
mod info;
mod intake;
mod layout;
pub mod matcher;
mod monitor;
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
            .collect()
    }

    /// The pages with a path parameter that a capability's handler renders itself (the router
    /// leaves them to it).
    pub fn handler_pages() -> Vec<&'static str> {
        crate::subsidies::handlers::PAGE_ROUTES.to_vec()
    }

    /// Every public page whose data comes from the database.
    pub fn public_pages() -> Vec<&'static PublicPage> {
        crate::stages::PUBLIC_PAGES
            .iter()
            .chain(crate::subsidies::PUBLIC_PAGES)
            .chain(crate::matcher::PUBLIC_PAGES)
            .collect()
    }

    /// Every coordinators' queue, in the order the beheer start page lists them.
    pub fn queues() -> Vec<&'static Queue> {
        crate::calculator::QUEUES
            .iter()
            .chain(crate::stages::QUEUES)
            .collect()
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
pub use composition::{guarded_pages, handler_pages, public_pages, queues, seed};
