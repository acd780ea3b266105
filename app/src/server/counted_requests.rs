//! Home views already counted, by the id a trusted reverse proxy gave the request.
//!
//! nginx sends a GET to the next server when the first one fails before answering. If that
//! server had already committed the view, counting the retry would count one view twice; the
//! retry carries the same `X-Request-Id`, so the next server finds the number the view got and
//! answers with it. Every statement here runs inside the visit counter's transaction.
use super::db::values_placeholders;
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// How long a counted request is remembered: far longer than nginx goes on retrying one
/// (`proxy_next_upstream_timeout`), short enough that the table stays small.
pub const REMEMBERED_FOR: std::time::Duration = std::time::Duration::from_secs(600);

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The numbers earlier views got, for those of `requests` (`(request id, visitor key)`) counted
/// before on the same counter.
pub async fn numbers(
    tx: &mut AnyConnection,
    requests: &[(&str, &str)],
) -> Result<HashMap<String, u64>, sqlx::Error> {
    if requests.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = (1..=requests.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT request_id, visitor_key, visits FROM counted_requests WHERE request_id IN ({})",
        ids.join(", ")
    );
    let mut select = sqlx::query_as::<_, (String, String, i64)>(&sql);
    for (id, _) in requests {
        select = select.bind(*id);
    }
    let expected: HashMap<&str, &str> = requests.iter().copied().collect();
    Ok(select
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        // An id seen on another visitor's counter is not this view's (ids come from the proxy,
        // so this takes a broken proxy; counting the view is the safe answer).
        .filter(|(id, key, _)| expected.get(id.as_str()) == Some(&key.as_str()))
        .filter_map(|(id, _, visits)| Some((id, u64::try_from(visits).ok()?)))
        .collect())
}

/// Stores each request's id with its counter and the number it got (ids distinct), and returns
/// the ids stored. An id missing from the answer was stored before, by this server or another:
/// the caller rolls back and answers that view with the number stored then. An id another
/// transaction is storing at this moment waits for it, so two servers never both count a view.
pub async fn remember(
    tx: &mut AnyConnection,
    requests: &[(&str, &str, u64)],
) -> Result<HashSet<String>, sqlx::Error> {
    if requests.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = format!(
        "INSERT INTO counted_requests (request_id, visitor_key, visits, counted_at) VALUES {} \
         ON CONFLICT (request_id) DO NOTHING RETURNING request_id",
        values_placeholders(requests.len(), 4)
    );
    let now = now();
    let mut insert = sqlx::query_scalar::<_, String>(&sql);
    for (id, key, number) in requests {
        insert = insert
            .bind(*id)
            .bind(*key)
            .bind(i64::try_from(*number).unwrap_or(i64::MAX))
            .bind(now);
    }
    Ok(insert.fetch_all(&mut *tx).await?.into_iter().collect())
}

/// Forgets requests counted longer ago than [`REMEMBERED_FOR`]; returns how many went.
pub async fn forget_old(pool: &super::db::Pool) -> Result<u64, sqlx::Error> {
    let age = i64::try_from(REMEMBERED_FOR.as_secs()).unwrap_or(i64::MAX);
    let done = sqlx::query("DELETE FROM counted_requests WHERE counted_at < $1")
        .bind(now().saturating_sub(age))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Every how often [`spawn_forgetting`] deletes old requests: often, so that each delete is a
/// minute's worth of rows rather than an hour's.
const FORGET_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Forgets old requests every [`FORGET_EVERY`] for as long as the returned task runs (the
/// session cleaner's interval, an hour by default, would let the table hold an hour of views).
pub fn spawn_forgetting(pool: super::db::Pool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(FORGET_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(err) = forget_old(&pool).await {
                tracing::warn!(error = %err, "cannot delete old counted requests; trying again later");
            }
        }
    })
}
