//! The session's part in counting home visits: its counter key, and taking over the visits
//! counted in the test cookie.
use super::{unix_now, VisitorData, VisitorSession};
use crate::{
    error::AppError,
    server::{
        cookies::set_test_cookie,
        test_cookie::{TestCookie, MAX_COUNTED},
        visit_counter,
    },
};

impl VisitorSession {
    /// Whether this session already counts home visits (it has a counter, or visits carried
    /// over from an older release); a browser nothing is stored for does not.
    pub async fn counts_visits(&self) -> Result<bool, AppError> {
        let data = self.data().await?;
        Ok(data.counter_key.is_some() || data.carried_visits > 0)
    }

    /// Counts a home visit in the test cookie instead of storing anything, and returns the
    /// visit's number: a stranger's first visit, or one more on a cookie whose visits a session
    /// took over already. That happens when the response that took them over never arrived (a
    /// crash, a dropped connection), and to copies of the cookie; either way the browser keeps
    /// the number it was shown, and nothing is stored. A new nonce and issue time (this
    /// visit's own), keeping the choices the cookie carried.
    pub fn count_visit_in_cookie(&self) -> Result<u64, AppError> {
        let context = self.context.as_ref().ok_or_else(no_context)?;
        let carried = self.test_cookie.as_ref();
        let counted_visits = carried
            .map_or(0, |cookie| cookie.counted_visits)
            .saturating_add(1)
            .min(MAX_COUNTED);
        set_test_cookie(&TestCookie {
            counted_visits,
            language: carried.and_then(|cookie| cookie.language),
            page_size: carried.and_then(|cookie| cookie.page_size),
            ..context.test_cookies.fresh()
        });
        Ok(counted_visits)
    }

    /// Starts counting for a browser whose test cookie brings back counted visits: the
    /// session is created with the redeemed counter (see `redeem`) and the cookie's
    /// choices. Returns `false`, storing nothing, when the request has no such cookie or its
    /// visit was taken over already.
    pub async fn start_counting(&self) -> Result<bool, AppError> {
        let Some(key) = self.redeem().await? else {
            return Ok(false);
        };
        // The browser has shown it keeps cookies, and this cookie is used up.
        self.allow_creating();
        self.store_counter_key(key).await?;
        Ok(true)
    }

    /// This visitor's counter key, created (and stored) on first use, with the visits counted
    /// elsewhere that the counter must still add (ones carried over from an older release).
    /// Visits counted in the test cookie are in a redeemed counter's row already.
    pub async fn counter_key(&self) -> Result<(String, u64), AppError> {
        let data = self.data().await?;
        if let Some(key) = data.counter_key {
            return Ok((key, data.carried_visits));
        }
        let key = match self.redeem().await? {
            Some(key) => key,
            None => uuid::Uuid::new_v4().simple().to_string(),
        };
        let data = self.store_counter_key(key.clone()).await?;
        Ok((key, data.carried_visits))
    }

    /// Stores `key` as the counter key, with the test cookie's choices, and hands the browser a
    /// fresh test cookie: from now on the session holds what the cookie held.
    async fn store_counter_key(&self, key: String) -> Result<VisitorData, AppError> {
        let mut data = self.data().await?;
        data.counter_key = Some(key);
        data.renewed_at = Some(unix_now());
        self.adopt_test_cookie(&mut data);
        self.store(&data).await?;
        Ok(data)
    }

    /// Takes over the visits counted in the request's test cookie, once: the counter key is
    /// derived from the cookie's nonce, and the counter row is created here holding them.
    /// Of any number of requests bringing copies of one cookie (a replay, a race), only the one
    /// whose insert creates the row gets the key; see `TestCookies::counter_key`.
    async fn redeem(&self) -> Result<Option<String>, AppError> {
        let (Some(cookie), Some(context)) = (&self.test_cookie, &self.context) else {
            return Ok(None);
        };
        if !cookie.counts_visits() {
            return Ok(None);
        }
        let key = context.test_cookies.counter_key(cookie);
        let claimed = visit_counter::claim(&context.pool, &key, cookie.counted_visits).await?;
        Ok(claimed.then_some(key))
    }

    /// The carried visits are in the counter now.
    pub async fn carried_visits_counted(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        data.carried_visits = 0;
        self.store(&data).await
    }

    /// Keeps a session that is in use alive, as Django's save on every counted visit does:
    /// saving pushes the stored expiry and the cookie's `Max-Age` forward by `age`. A visitor who
    /// reloads all day would rewrite the session each time for nothing, so it is saved only once
    /// a hundredth of `age` (at least a second) has passed since the last renewal.
    pub async fn renew_if_due(&self, age: std::time::Duration) -> Result<(), AppError> {
        let mut data = self.data().await?;
        let now = unix_now();
        let every = i64::try_from((age / 100).as_secs())
            .unwrap_or(i64::MAX)
            .max(1);
        if data.renewed_at.is_some_and(|at| now - at < every) {
            return Ok(());
        }
        data.renewed_at = Some(now);
        self.store(&data).await
    }

    /// The data with a counter key in it, so that once the session is stored for any reason,
    /// concurrent home-page visits all find the same key instead of each making one.
    pub(super) async fn data_with_counter_key(&self) -> Result<VisitorData, AppError> {
        self.counter_key().await?;
        self.data().await
    }
}

/// The app context is missing only outside a request, where nothing can be counted.
pub(super) fn no_context() -> AppError {
    AppError::Internal.logged(&"no app context for the visitor's session")
}
