//! Integration tests: the real server on port 0 with a temporary database.
mod catalog;
mod cli;
mod concurrency;
mod engines;
mod file_engine;
mod flood;
mod helpers;
mod home;
mod hostile_input;
mod lifecycle;
mod outage;
mod postgres_app;
mod registration;
mod security;
mod visits;
