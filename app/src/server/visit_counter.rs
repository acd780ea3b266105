//! The visit-counter table: one row per visitor, keyed by a random key kept in their session.
//!
//! The count itself is not in the session blob. Sessions are loaded at the start of a request and
//! saved at its end, so two concurrent visits would both write "n + 1"; an atomic UPSERT cannot
//! lose an increment, whatever the session engine and however many servers share the database.
use super::db::Pool;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Adds one visit for `key` (starting from `start` for a new key) and returns the total.
pub async fn increment(pool: &Pool, key: &str, start: u64) -> Result<u64, sqlx::Error> {
    let start = i64::try_from(start).unwrap_or(i64::MAX - 1);
    let visits: i64 = sqlx::query_scalar(
        "INSERT INTO visit_counters (visitor_key, visits, last_visit) VALUES ($1, $2 + 1, $3)
         ON CONFLICT (visitor_key) DO UPDATE
            SET visits = visit_counters.visits + 1, last_visit = excluded.last_visit
         RETURNING visits",
    )
    .bind(key)
    .bind(start)
    .bind(now())
    .fetch_one(pool)
    .await?;
    Ok(u64::try_from(visits).unwrap_or(0))
}

/// Deletes the counter of `key`.
pub async fn delete(pool: &Pool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM visit_counters WHERE visitor_key = $1")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

/// The visits counted for `key` so far.
pub async fn get(pool: &Pool, key: &str) -> Result<u64, sqlx::Error> {
    let visits: Option<i64> =
        sqlx::query_scalar("SELECT visits FROM visit_counters WHERE visitor_key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await?;
    Ok(visits.and_then(|v| u64::try_from(v).ok()).unwrap_or(0))
}

/// Deletes counters whose last visit is older than `max_age`; returns how many went.
pub async fn delete_stale(pool: &Pool, max_age: std::time::Duration) -> Result<u64, sqlx::Error> {
    let cutoff = now().saturating_sub(i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX));
    let done = sqlx::query("DELETE FROM visit_counters WHERE last_visit < $1")
        .bind(cutoff)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
