//! Integration tests: the real server on port 0 with a temporary database.
mod catalog;
mod cli;
mod helpers;
mod home;
mod registration;
mod visits;
