//! Server-only code (feature `ssr`): database access, application state, request security.
//! Nothing here is compiled into the browser bundle.
pub mod audit;
pub mod auth;
pub mod csv;
pub mod db;
pub mod digest;
pub mod form;
pub mod hydration;
pub mod outbox;
pub mod pages;
pub mod render;
pub mod search;
pub mod security;
pub mod seed;
pub mod session;
pub mod state;
pub mod tally;

pub use db::{Backend, Db, DbError};
pub use state::{AppState, SiteConfig};
