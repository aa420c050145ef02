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
pub mod domain;
pub mod error;
pub mod forms;
pub mod shell;

mod home;
mod info;
mod intake;
mod layout;
mod matcher;
mod monitor;
mod stages;
mod subsidies;

#[cfg(feature = "ssr")]
pub mod server;

pub use shell::{shell, App};
