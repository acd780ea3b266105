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

/// Whether `token` is still a sign-in of `user_id`; notes the visit in `last_seen`.
pub async fn check_and_touch(pool: &Pool, user_id: i64, token: &str) -> Result<bool, sqlx::Error> {
    let now = now();
    let last_seen: Option<i64> =
        sqlx::query_scalar("SELECT last_seen FROM sign_ins WHERE token = $1 AND user_id = $2")
            .bind(token)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    let Some(last_seen) = last_seen else {
        return Ok(false);
    };
    if now - last_seen >= LAST_SEEN_STEP {
        sqlx::query("UPDATE sign_ins SET last_seen = $1 WHERE token = $2")
            .bind(now)
            .bind(token)
            .execute(pool)
            .await?;
    }
    Ok(true)
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

/// Tokens known to be valid a moment ago, so most requests need no query to check their
/// sign-in. A sign-out on this server removes its tokens at once; another server's sign-out is
/// seen once the entry is older than [`SignInCache::FRESH_FOR`].
#[derive(Debug, Default)]
pub struct SignInCache {
    checked: Mutex<HashMap<String, Instant>>,
}

impl SignInCache {
    /// How long a check is trusted.
    pub const FRESH_FOR: Duration = Duration::from_secs(5);
    /// Tokens remembered at most (old entries go first when it is full).
    const CAPACITY: usize = 50_000;

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Instant>> {
        self.checked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `token` was found valid within [`Self::FRESH_FOR`].
    pub fn fresh(&self, token: &str) -> bool {
        self.entries()
            .get(token)
            .is_some_and(|at| at.elapsed() < Self::FRESH_FOR)
    }

    /// Notes that `token` was just found valid.
    pub fn remember(&self, token: &str) {
        let mut entries = self.entries();
        if entries.len() >= Self::CAPACITY {
            entries.retain(|_, at| at.elapsed() < Self::FRESH_FOR);
        }
        if entries.len() < Self::CAPACITY {
            entries.insert(token.to_string(), Instant::now());
        }
    }

    /// Forgets `tokens` (they were just signed out).
    pub fn forget(&self, tokens: &[String]) {
        let mut entries = self.entries();
        for token in tokens {
            entries.remove(token);
        }
    }
}
