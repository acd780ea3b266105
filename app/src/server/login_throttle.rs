//! Failed logins, per username and per client address: after [`MAX_FAILURES`] in [`WINDOW`],
//! further tries are refused until the oldest of those failures is that old. Kept in the
//! database, so every server sharing it counts the same failures.
use super::db::{values_placeholders, Pool};
use std::time::Duration;

/// Failures allowed per key within [`WINDOW`].
pub const MAX_FAILURES: i64 = 5;
/// How far back failures count.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

fn window_secs() -> i64 {
    i64::try_from(WINDOW.as_secs()).unwrap_or(i64::MAX)
}

/// Now, in the Unix seconds the table keeps.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The keys a login attempt is counted under.
pub fn keys(username_key: &str, client: &str) -> [String; 2] {
    [format!("user:{username_key}"), format!("client:{client}")]
}

/// How long a key stays locked at `now`, given the time of its [`MAX_FAILURES`]-th latest
/// failure within the window (none: fewer failures, not locked).
fn wait(nth_latest: Option<i64>, now: i64) -> Option<Duration> {
    let at = nth_latest?;
    let left = window_secs() - now.saturating_sub(at);
    (left > 0).then(|| Duration::from_secs(u64::try_from(left).unwrap_or(0)))
}

/// How long until `keys` may try again, if any of them is locked at `now`.
pub async fn locked_for(
    pool: &Pool,
    keys: &[String],
    now: i64,
) -> Result<Option<Duration>, sqlx::Error> {
    let mut longest = None;
    for key in keys {
        let nth_latest: Option<i64> = sqlx::query_scalar(
            "SELECT failed_at FROM login_failures WHERE throttle_key = $1 AND failed_at > $2 \
             ORDER BY failed_at DESC LIMIT 1 OFFSET $3",
        )
        .bind(key.as_str())
        .bind(now.saturating_sub(window_secs()))
        .bind(MAX_FAILURES - 1)
        .fetch_optional(pool)
        .await?;
        longest = longest.max(wait(nth_latest, now));
    }
    Ok(longest)
}

/// Records a failed attempt under `keys` at `now`.
pub async fn failed(pool: &Pool, keys: &[String], now: i64) -> Result<(), sqlx::Error> {
    if keys.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO login_failures (throttle_key, failed_at) VALUES {}",
        values_placeholders(keys.len(), 2)
    );
    let mut insert = sqlx::query(&sql);
    for key in keys {
        insert = insert.bind(key.as_str()).bind(now);
    }
    insert.execute(pool).await?;
    Ok(())
}

/// Forgets the username's failures after a successful login (the client's stay).
pub async fn succeeded(pool: &Pool, username_key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1")
        .bind(format!("user:{username_key}"))
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes failures too old to count at `now`; returns how many went.
pub async fn delete_stale(pool: &Pool, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM login_failures WHERE failed_at <= $1")
        .bind(now.saturating_sub(window_secs()))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_lasts_until_the_fifth_latest_failure_leaves_the_window() {
        let t0 = 1_000_000;
        assert_eq!(wait(None, t0), None, "fewer than five failures");
        assert_eq!(wait(Some(t0), t0 + 60), Some(Duration::from_secs(14 * 60)));
        assert_eq!(wait(Some(t0), t0 + 15 * 60), None, "the window has passed");
    }

    #[test]
    fn a_username_and_a_client_are_separate_keys() {
        assert_eq!(
            keys("ada", "192.0.2.1"),
            ["user:ada".to_string(), "client:192.0.2.1".to_string()]
        );
    }
}
