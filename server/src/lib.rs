//! The LocalLibrary server: configuration, database, seeding, sessions and the axum app.
//!
//! Layers, top to bottom: `main` and `cli` → `startup` → `routes` and `middleware` → `state`,
//! `sessions`, `errors`, `db`, `seed` → `config`. Arrows only point down.
#![forbid(unsafe_code)]

pub mod assets;
pub mod backup;
pub mod cli;
pub mod config;
pub mod createuser;
pub mod db;
pub mod errors;
pub mod fixtures;
pub mod health;
pub mod metrics;
pub mod middleware;
pub mod routes;
pub mod seed;
pub mod serve;
pub mod server_secret;
pub mod sessions;
pub mod startup;
pub mod startup_lock;
pub mod state;
pub mod telemetry;
