//! The LocalLibrary server: configuration, database, seeding, sessions and the axum app.
#![forbid(unsafe_code)]

pub mod api_errors;
pub mod cli;
pub mod config;
pub mod db;
pub mod seed;
pub mod sessions;
pub mod startup;
pub mod telemetry;
