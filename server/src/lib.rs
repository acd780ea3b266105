//! The LocalLibrary server: configuration, database, seeding, sessions and the axum app.
#![forbid(unsafe_code)]

pub mod api_errors;
pub mod cli;
pub mod config;
pub mod cross_site;
pub mod db;
pub mod error_pages;
pub mod forwarded;
pub mod rate_limit;
pub mod registration_form;
pub mod security_headers;
pub mod seed;
pub mod sessions;
pub mod startup;
pub mod telemetry;
