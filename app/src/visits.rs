//! The home page's visit counter: a row per visitor, found through a key in their session.
//!
//! The count itself is not in the session blob. Sessions are loaded at the start of a request and
//! saved at its end, so two concurrent visits would both write "n + 1"; an atomic UPSERT cannot
//! lose an increment, whatever the session engine and however many servers share the database.
use crate::error::AppError;
use leptos::{prelude::*, server};
use serde::{Deserialize, Serialize};

/// What one home-page view learned about the visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitReport {
    /// Visits counted so far, this one included (0 when they cannot be counted).
    pub visits: u64,
    /// Whether the request carried the session cookie.
    pub had_cookie: bool,
    /// The browser evidently refuses cookies, so visits cannot be counted.
    pub cookies_refused: bool,
}

/// The notice shown instead of the count when the browser refuses cookies.
pub const COOKIES_REFUSED: &str =
    "Your browser does not accept cookies, so visits can't be counted.";

/// The sentence shown under the counts, with English pluralisation.
pub fn visit_sentence(visits: u64) -> String {
    let unit = if visits == 1 { "time" } else { "times" };
    format!("You have visited this page {visits} {unit}.")
}

/// Counts one visit to the home page and returns the new total.
///
/// Called once per SSR render of the home page (its result travels to the browser with the
/// page, so hydration does not call it again) and once per client-side navigation to it.
#[server(endpoint = "visits/record")]
pub async fn record_visit() -> Result<VisitReport, AppError> {
    let (had_cookie, from_own_page) = crate::session::cookie_presence();
    if !had_cookie && from_own_page {
        // Counting would store a session the browser will never send back.
        return Ok(VisitReport {
            visits: 0,
            had_cookie,
            cookies_refused: true,
        });
    }
    let pool = crate::db::pool()?;
    let visits = crate::session::VisitorSession::current()
        .await?
        .record_home_visit(&pool)
        .await?;
    Ok(VisitReport {
        visits,
        had_cookie,
        cookies_refused: false,
    })
}

/// Whether this request carried the session cookie: called once by the browser after a first
/// visit, to learn (without a reload) whether the cookie that page set was accepted.
#[server(endpoint = "visits/cookie-check")]
pub async fn cookie_check() -> Result<bool, AppError> {
    Ok(crate::session::cookie_presence().0)
}

/// The visit sentence for the current page view.
#[component]
pub fn VisitCounter() -> impl IntoView {
    let visits = Resource::new(|| (), |_| record_visit());
    // Django's test-cookie idea without a reload: after a first visit (no cookie came with it),
    // ask the server once whether the cookie it just set comes back.
    let refused = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(report)) = visits.get() {
            if !report.had_cookie && !report.cookies_refused {
                leptos::task::spawn_local(async move {
                    if let Ok(false) = cookie_check().await {
                        refused.set(true);
                    }
                });
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="visits">"Counting your visits…"</p> }>
            {move || Suspend::new(async move { crate::error_page::render_result(async move {
                visits.await.map(|report| view! {
                    {move || if report.cookies_refused || refused.get() {
                        view! { <p class="visits notice problem" id="visits" role="status">{COOKIES_REFUSED}</p> }.into_any()
                    } else {
                        view! { <p class="visits" id="visits">{visit_sentence(report.visits)}</p> }.into_any()
                    }}
                })
            }.await) })}
        </Suspense>
    }
}

/// The counter table's queries.
#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::db::Pool;

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
    pub async fn delete_stale(
        pool: &Pool,
        max_age: std::time::Duration,
    ) -> Result<u64, sqlx::Error> {
        let cutoff = now().saturating_sub(i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX));
        let done = sqlx::query("DELETE FROM visit_counters WHERE last_visit < $1")
            .bind(cutoff)
            .execute(pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::visit_sentence;

    #[test]
    fn one_visit_is_singular() {
        assert_eq!(visit_sentence(1), "You have visited this page 1 time.");
    }

    #[test]
    fn other_counts_are_plural() {
        assert_eq!(visit_sentence(0), "You have visited this page 0 times.");
        assert_eq!(visit_sentence(2), "You have visited this page 2 times.");
        assert_eq!(visit_sentence(21), "You have visited this page 21 times.");
    }
}
