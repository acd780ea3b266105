//! Starting the real application for a test, on SQLite or PostgreSQL, with any session engine:
//! `TestApp::builder()` → [`TestAppBuilder`] → `spawn()` (in-process server) or
//! `spawn_process()` (the binary as its own process).
//!
//! PostgreSQL and Redis run for real: `make test` starts local servers (scripts/services.sh) and
//! sets `LOCALLIBRARY_TEST_POSTGRES_URL` / `LOCALLIBRARY_TEST_REDIS_URL`; without them (a bare
//! `cargo test`) the cases that need them say so and pass.
mod browser;
mod builder;
mod macros;
mod messages;
mod postgres;
mod process;
mod sqlite;
mod test_app;

pub use browser::{new_browser, registered_browser, visit_sentence};
pub use builder::TestAppBuilder;
pub(crate) use macros::{both_databases, spawn};
pub use messages::english;
pub use postgres::{admin_url, fresh_database};
pub use process::ServerProcess;
pub use sqlite::WriteLock;
pub use test_app::TestApp;

/// How many user profiles the app's database holds.
pub async fn profile_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM user_profiles")
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}
