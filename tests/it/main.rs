//! One test binary for all HTTP-level tests (faster to link than one per file).
mod accounts;
mod calculator;
mod catalogue;
mod concurrency;
mod coordinators;
mod database;
mod email;
mod forms;
mod hardening;
mod matcher;
mod pages;
mod platform;
mod responses;
mod roles;
mod stages;
mod subsidies;
