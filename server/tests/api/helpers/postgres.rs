//! The PostgreSQL server of the test run: one fresh database per server under test.

/// The URL of the PostgreSQL server that `make test` starts, or `None` (saying so) when it is
/// not configured.
pub fn admin_url() -> Option<String> {
    match std::env::var("LOCALLIBRARY_TEST_POSTGRES_URL") {
        Ok(url) => Some(url),
        Err(_) => {
            eprintln!(
                "LOCALLIBRARY_TEST_POSTGRES_URL is not set: skipping PostgreSQL (make test sets it)"
            );
            None
        }
    }
}

/// A fresh, empty `ll_<uuid>` database on that server (its URL), so tests running in parallel
/// never see each other's rows; `None` when the server is not configured.
pub async fn fresh_database() -> Option<String> {
    let admin_url = admin_url()?;
    let name = format!("ll_{}", uuid::Uuid::new_v4().simple());
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = admin_url.rsplit_once('/').unwrap().0;
    Some(format!("{base}/{name}"))
}
