//! The visit-counter table: one row per visitor, keyed by a random key kept in their session.
//!
//! The count itself is not in the session blob. Sessions are loaded at the start of a request and
//! saved at its end, so two concurrent visits would both write "n + 1"; an atomic UPSERT cannot
//! lose an increment, whatever the session engine and however many servers share the database.
use super::db::Pool;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Adds visits to several counters inside the caller's transaction `tx` and returns each
/// counter's new total, in the order given: `counts` holds distinct keys, each with the value a
/// new counter starts from and how many visits to add.
pub async fn add_visits(
    tx: &mut sqlx::AnyConnection,
    counts: &[(String, u64, u64)],
) -> Result<Vec<u64>, sqlx::Error> {
    if counts.is_empty() {
        return Ok(Vec::new());
    }
    let number = |n: u64| i64::try_from(n).unwrap_or(i64::MAX / 2);
    // One UPSERT: a counter seen for the first time starts at the visits carried over from the
    // session plus these; an existing one adds these. Per row, `$k` is the key, `$k+1` the new
    // counter's value, `$k+2` the time and `$k+3` the visits to add.
    let rows: Vec<String> = (0..counts.len())
        .map(|i| format!("(${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3))
        .collect();
    let cases: String = (0..counts.len())
        .map(|i| format!(" WHEN ${} THEN ${}", 4 * i + 1, 4 * i + 4))
        .collect();
    let add = format!(
        "INSERT INTO visit_counters (visitor_key, visits, last_visit) VALUES {} \
         ON CONFLICT (visitor_key) DO UPDATE SET \
         visits = visit_counters.visits + CASE excluded.visitor_key{cases} END, \
         last_visit = excluded.last_visit RETURNING visitor_key, visits",
        rows.join(", ")
    );
    let now = now();
    let mut update = sqlx::query_as::<_, (String, i64)>(&add);
    for (key, start, visits) in counts {
        update = update
            .bind(key.as_str())
            .bind(number(start.saturating_add(*visits)))
            .bind(now)
            .bind(number(*visits));
    }
    let totals: std::collections::HashMap<String, i64> =
        update.fetch_all(&mut *tx).await?.into_iter().collect();
    Ok(counts
        .iter()
        .map(|(key, _, _)| {
            totals
                .get(key)
                .and_then(|v| u64::try_from(*v).ok())
                .unwrap_or(0)
        })
        .collect())
}

/// Creates the counter of `key` holding `visits`, unless it exists already; whether this call
/// created it. One atomic statement on both databases, so of many requests racing with one key
/// (on one server or several) exactly one gets `true`.
pub async fn claim(pool: &Pool, key: &str, visits: u64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO visit_counters (visitor_key, visits, last_visit) VALUES ($1, $2, $3) \
         ON CONFLICT (visitor_key) DO NOTHING",
    )
    .bind(key)
    .bind(i64::try_from(visits).unwrap_or(i64::MAX / 2))
    .bind(now())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
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
