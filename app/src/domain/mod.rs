//! Shared types and pure logic: no I/O and no server-only dependencies, so everything here runs
//! in the browser and on the server alike and is unit-tested on its own.
pub mod account;
pub mod calculator;
pub mod cv;
pub mod date;
pub mod intake;
#[cfg(feature = "ssr")]
pub mod jobposting;
pub mod locale;
pub mod matching;
pub mod monitor;
pub mod region;
pub mod schemes;
pub mod skills;
pub mod stages;
pub mod trainings;
pub mod travel;
pub mod vacancies;
