//! The LocalLibrary server: configuration, database, seeding, sessions and the axum app.
#![forbid(unsafe_code)]

pub mod api_errors;
pub mod cli;
pub mod config;
pub mod cross_site;
pub mod db;
pub mod registration_form;
pub mod seed;
pub mod sessions;
pub mod startup;
pub mod telemetry;
