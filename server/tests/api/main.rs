//! Integration tests: the real server on port 0 with a fresh database, started through
//! `TestApp::builder()` (helpers/). Tests written with `both_databases!` run on SQLite and on
//! PostgreSQL (`<module>::<test>::sqlite` / `::postgres`); the rest say why they are SQLite- or
//! PostgreSQL-only.
mod accounts;
mod catalog;
mod cli;
mod cluster;
mod concurrency;
mod copies;
mod editing;
mod engines;
mod file_engine;
mod flood;
mod forget_race;
mod fuzz_replay;
mod helpers;
mod holds;
mod home;
mod hostile_input;
mod language;
mod lifecycle;
mod loans;
mod member_admin;
mod outage;
mod page_cache;
mod permissions;
mod postgres_app;
mod redis_outage;
mod registration;
mod security;
mod session_write_failures;
mod static_files;
mod test_cookie;
mod visits;
