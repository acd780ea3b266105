//! One test body, run on both databases.

/// Turns each `async fn name(builder) { … }` into a module `name` with two tests, `sqlite`
/// and `postgres`, that run the body with `TestApp::builder()` and
/// `TestApp::builder().postgres()`. Select one database with `cargo test ::sqlite` or
/// `cargo test ::postgres`.
///
/// ```ignore
/// both_databases! {
///     /// What the test shows.
///     async fn each_browser_counts_its_own_visits(builder) {
///         let app = spawn!(builder.env("SESSION_COOKIE_SECURE", "true"));
///         // …
///     }
/// }
/// ```
macro_rules! both_databases {
    ($($(#[$attr:meta])* async fn $name:ident($builder:ident) $body:block)*) => {$(
        $(#[$attr])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use $crate::helpers::{spawn, TestApp, TestAppBuilder};

            async fn body($builder: TestAppBuilder) $body

            #[tokio::test]
            async fn sqlite() {
                body(TestApp::builder()).await
            }

            #[tokio::test]
            async fn postgres() {
                body(TestApp::builder().postgres()).await
            }
        }
    )*};
}

/// `spawn!(builder)` starts the server, or ends the test (it passes) when the builder needs
/// PostgreSQL or Redis and that is not configured here.
macro_rules! spawn {
    ($builder:expr) => {
        match $builder.spawn().await {
            Some(app) => app,
            None => return,
        }
    };
}

pub(crate) use {both_databases, spawn};
