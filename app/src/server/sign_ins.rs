//! Sign-ins: one row per session a user logged in with. The session holds the row's secret
//! token; a request is signed in only while that row exists. Deleting a row signs that device out
//! whatever the session engine, even `signed_cookies`, whose cookie the server cannot delete.
use super::db::Pool;
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// One sign-in as the devices page lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SignIn {
    pub id: i64,
    pub token: String,
    pub signed_in_at: i64,
    pub last_seen: i64,
    pub user_agent: String,
    pub client_address: String,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// "Last seen" is kept to the minute: a request writes it at most once a minute.
const LAST_SEEN_STEP: i64 = 60;

/// Records a new sign-in of `user_id` and returns its token.
pub async fn create(
    pool: &Pool,
    user_id: i64,
    user_agent: &str,
    client_address: &str,
) -> Result<String, sqlx::Error> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let now = now();
    sqlx::query(
        "INSERT INTO sign_ins (token, user_id, signed_in_at, last_seen, user_agent, client_address) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&token)
    .bind(user_id)
    .bind(now)
    .bind(now)
    .bind(user_agent.chars().take(300).collect::<String>())
    .bind(client_address)
    .execute(pool)
    .await?;
    Ok(token)
}

/// Every sign-in of `user_id`, the most recently seen first.
pub async fn of_user(pool: &Pool, user_id: i64) -> Result<Vec<SignIn>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, token, signed_in_at, last_seen, user_agent, client_address FROM sign_ins \
         WHERE user_id = $1 ORDER BY last_seen DESC, id DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// Whether `token` is still a sign-in of `user_id` and the account active: `Some(is_librarian)`
/// with the role as stored now (a librarian may have changed it), or `None`. Notes the visit in
/// `last_seen`.
pub async fn check_and_touch(
    pool: &Pool,
    user_id: i64,
    token: &str,
) -> Result<Option<bool>, sqlx::Error> {
    let now = now();
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT s.last_seen, u.is_librarian FROM sign_ins s JOIN users u ON u.id = s.user_id \
         WHERE s.token = $1 AND s.user_id = $2 AND u.is_active = 1",
    )
    .bind(token)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    let Some((last_seen, librarian)) = found else {
        return Ok(None);
    };
    if now - last_seen >= LAST_SEEN_STEP {
        sqlx::query("UPDATE sign_ins SET last_seen = $1 WHERE token = $2")
            .bind(now)
            .bind(token)
            .execute(pool)
            .await?;
    }
    Ok(Some(librarian != 0))
}

/// Deletes the sign-ins of `user_id` that `which` selects, and returns their tokens.
pub async fn delete(
    pool: &Pool,
    user_id: i64,
    which: Which<'_>,
) -> Result<Vec<String>, sqlx::Error> {
    let query = match which {
        Which::Token(token) => sqlx::query_scalar(
            "DELETE FROM sign_ins WHERE user_id = $1 AND token = $2 RETURNING token",
        )
        .bind(user_id)
        .bind(token),
        Which::Id(id) => sqlx::query_scalar(
            "DELETE FROM sign_ins WHERE user_id = $1 AND id = $2 RETURNING token",
        )
        .bind(user_id)
        .bind(id),
        Which::AllBut(token) => sqlx::query_scalar(
            "DELETE FROM sign_ins WHERE user_id = $1 AND token <> $2 RETURNING token",
        )
        .bind(user_id)
        .bind(token),
        Which::All => sqlx::query_scalar("DELETE FROM sign_ins WHERE user_id = $1 RETURNING token")
            .bind(user_id),
    };
    query.fetch_all(pool).await
}

/// Deletes sign-ins not seen for `max_age` (their sessions have expired); returns how many.
pub async fn delete_stale(pool: &Pool, max_age: Duration) -> Result<u64, sqlx::Error> {
    let cutoff = now().saturating_sub(i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX));
    let done = sqlx::query("DELETE FROM sign_ins WHERE last_seen < $1")
        .bind(cutoff)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Which of a user's sign-ins to delete.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    /// The one whose token this is (logging out).
    Token(&'a str),
    /// The one listed with this id (a "Sign out" button on the devices page).
    Id(i64),
    /// Every one but this token's ("Sign out everywhere else", a password change).
    AllBut(&'a str),
    /// Every one (a password reset).
    All,
}

/// Tokens known to be valid a moment ago, with the role found then, so most requests need no
/// query to check their sign-in. A sign-out, role change or deactivation on this server forgets
/// its tokens at once (and a check that started before the forgetting is not remembered after
/// it); another server's is seen once the entry is older than [`SignInCache::FRESH_FOR`].
#[derive(Debug, Default)]
pub struct SignInCache {
    state: Mutex<CacheState>,
}

#[derive(Debug, Default)]
struct CacheState {
    /// Token → when it was found valid, and whether its user was a librarian then.
    checked: HashMap<String, (Instant, bool)>,
    /// Token → when it was forgotten: a check begun before then must not bring it back.
    forgotten: HashMap<String, Instant>,
}

impl SignInCache {
    /// How long a check is trusted.
    pub const FRESH_FOR: Duration = Duration::from_secs(5);
    /// How long a forgotten token stays marked: longer than any check can take (a request
    /// waiting on a busy database gives up well before).
    const MARKED_FOR: Duration = Duration::from_secs(120);
    /// Tokens remembered at most (old entries go first when it is full).
    const CAPACITY: usize = 50_000;

    fn state(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The role found for `token` within [`Self::FRESH_FOR`] (`Some(is_librarian)`), if any.
    pub fn fresh(&self, token: &str) -> Option<bool> {
        self.state()
            .checked
            .get(token)
            .filter(|(at, _)| at.elapsed() < Self::FRESH_FOR)
            .map(|(_, librarian)| *librarian)
    }

    /// Notes that `token` was found valid, with its role, by a check begun at `began`.
    pub fn remember(&self, token: &str, librarian: bool, began: Instant) {
        let mut state = self.state();
        if state
            .forgotten
            .get(token)
            .is_some_and(|gone| *gone >= began)
        {
            return;
        }
        if state.checked.len() >= Self::CAPACITY {
            state
                .checked
                .retain(|_, (at, _)| at.elapsed() < Self::FRESH_FOR);
        }
        if state.checked.len() < Self::CAPACITY {
            state
                .checked
                .insert(token.to_string(), (Instant::now(), librarian));
        }
    }

    /// Forgets `tokens` (they were signed out, or their user's role or activity changed).
    pub fn forget(&self, tokens: &[String]) {
        let mut state = self.state();
        let now = Instant::now();
        // Only checks still running can need a mark, and none runs longer than this.
        state
            .forgotten
            .retain(|_, at| at.elapsed() < Self::MARKED_FOR);
        for token in tokens {
            state.checked.remove(token);
            if state.forgotten.len() < Self::CAPACITY {
                state.forgotten.insert(token.clone(), now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_that_began_before_a_sign_out_is_not_remembered_after_it() {
        let cache = SignInCache::default();
        let began = Instant::now();
        cache.remember("t", false, began);
        assert_eq!(cache.fresh("t"), Some(false));
        cache.forget(&["t".to_string()]);
        assert_eq!(cache.fresh("t"), None);
        // A request that read the row before the sign-out finishes after it.
        cache.remember("t", false, began);
        assert_eq!(
            cache.fresh("t"),
            None,
            "a stale check must not revive the token"
        );
        // A check begun after the forgetting is trusted again, with the new role.
        cache.remember("t", true, Instant::now());
        assert_eq!(cache.fresh("t"), Some(true));
    }
}
