//! The home page's visit counter: what a view reports, and the server functions that count.
use crate::{error::AppError, i18n::Msg};
use leptos::server;
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

/// The sentence shown under the counts, in the plural form the number needs.
pub fn visit_sentence(visits: u64) -> Msg {
    Msg::new("visits-sentence").with("count", visits)
}

/// Counts one visit to the home page and returns the new total.
///
/// Called once per SSR render of the home page (its result travels to the browser with the
/// page, so hydration does not call it again) and once per client-side navigation to it.
#[server(endpoint = "visits/record")]
pub async fn record_visit() -> Result<VisitReport, AppError> {
    crate::server::calls::count();
    use crate::server::{context::AppContext, cookies::cookie_presence, session::VisitorSession};
    let presence = cookie_presence();
    if presence.cookies_refused() {
        // Counting would store a session the browser will never send back.
        return Ok(VisitReport {
            visits: 0,
            had_cookie: false,
            cookies_refused: true,
        });
    }
    let context = AppContext::current()?;
    let session = VisitorSession::current().await?;
    // A stranger's first visit is counted in a cookie, not stored: a client that never sends
    // cookies back (a script, a flood) must not be able to grow the database. The visit that
    // brings the cookie back shows the browser keeps cookies; the session it starts carries
    // the visits counted in it. The cookie is signed and single-use, so neither a forged one
    // nor copies of a real one start sessions (see `VisitorSession::start_counting`): a forged
    // one is a stranger's first visit, and a copy is counted on in a new cookie.
    if !session.counts_visits().await? && !session.start_counting().await? {
        let visits = session.count_visit_in_cookie()?;
        return Ok(VisitReport {
            visits,
            had_cookie: presence.had_cookie,
            cookies_refused: false,
        });
    }
    let (key, carried) = session.counter_key().await?;
    session.renew_if_due(context.session_age).await?;
    let request_id = crate::server::context::proxy_request_id();
    let visits = context.counter.record(key, carried, request_id).await?;
    if carried > 0 {
        session.carried_visits_counted().await?;
    }
    Ok(VisitReport {
        visits,
        had_cookie: presence.had_cookie,
        cookies_refused: false,
    })
}

/// Whether this request carried the session cookie: called once by the browser after a first
/// visit, to learn (without a reload) whether the cookie that page set was accepted.
#[server(endpoint = "visits/cookie-check")]
pub async fn cookie_check() -> Result<bool, AppError> {
    crate::server::calls::count();
    Ok(crate::server::cookies::cookie_presence().had_cookie)
}

#[cfg(test)]
mod tests {
    use super::visit_sentence;
    use crate::i18n::Lang;

    #[test]
    fn one_visit_is_singular() {
        assert_eq!(
            visit_sentence(1).text(Lang::En),
            "You have visited this page 1 time."
        );
        assert_eq!(
            visit_sentence(21).text(Lang::Ru),
            "Вы посетили эту страницу 21 раз."
        );
    }

    #[test]
    fn other_counts_are_plural() {
        let english = |n| visit_sentence(n).text(Lang::En);
        assert_eq!(english(0), "You have visited this page 0 times.");
        assert_eq!(english(2), "You have visited this page 2 times.");
        assert_eq!(english(21), "You have visited this page 21 times.");
        assert_eq!(
            visit_sentence(3).text(Lang::Ru),
            "Вы посетили эту страницу 3 раза."
        );
    }
}
