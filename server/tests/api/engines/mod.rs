//! One suite for every session engine (like tower-sessions' own `route_tests!`): each case runs
//! against db, file, cache, cached_db, signed_cookies, redis, cache on Redis, and db / cached_db
//! with a PostgreSQL session database, with the same expectations, and each of those on both
//! app databases (`engines::<concern>::<engine>::<case>::{sqlite, postgres}`).
mod accounts;
mod cookie_settings;
mod counter;
mod expiry;
mod identity;
mod support;

/// `engine_suite!(case, …)` runs each `async fn case(builder: TestAppBuilder)` of the calling
/// module with every engine on both databases.
macro_rules! engine_suite {
    ($($case:ident),* $(,)?) => {
        $crate::engines::engine_suite!(@engines [
            db, file, cache, cached_db, signed_cookies, redis, postgres, cached_postgres,
            cache_on_redis
        ] [$($case),*]);
    };
    (@engines [$($engine:ident),*] $cases:tt) => {
        $($crate::engines::engine_suite!(@engine $engine $cases);)*
    };
    (@engine $engine:ident [$($case:ident),*]) => {
        mod $engine {
            $($crate::helpers::both_databases! {
                async fn $case(builder) {
                    super::super::$case(builder.engine(stringify!($engine))).await
                }
            })*
        }
    };
}
pub(crate) use engine_suite;
