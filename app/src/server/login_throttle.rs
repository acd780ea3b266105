//! Attempt counters for logins, password checks and reset requests: each attempt is counted
//! **before** the work it guards (an Argon2 check, a mail), in one upsert that hands every
//! attempt its own number, so concurrent attempts on any number of servers sharing the database
//! can never run more than the limit. Kept in the database (`login_attempts`), not in memory,
//! so every server counts the same attempts.
//!
//! A window starts at a key's first attempt; the attempt that reaches the limit restarts it, so
//! a lock lasts a whole window from then. Attempts refused while locked are counted but do not
//! extend the lock.
use super::db::Pool;
use std::{net::IpAddr, time::Duration};

/// How many attempts a key gets per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Attempts allowed within `window`.
    pub max: i64,
    /// How long a window (and so a lock) lasts.
    pub window: Duration,
}

const FIFTEEN_MINUTES: Duration = Duration::from_secs(15 * 60);
const HOUR: Duration = Duration::from_secs(60 * 60);

/// One username from one client (a password check of a login or a password change): the lock an
/// attacker trips locks only the attacker's own network out of that account.
pub const PAIR: Limit = Limit {
    max: 5,
    window: FIFTEEN_MINUTES,
};
/// One client, whatever the usernames: stops a password spray from one network.
pub const CLIENT: Limit = Limit {
    max: 30,
    window: FIFTEEN_MINUTES,
};
/// One username, whatever the clients: a ceiling for guesses spread over many networks (twenty
/// /64s' worth of [`PAIR`] locks). An attacker holding twenty networks (one IPv6 /56 holds 256
/// /64s) can still lock a member out this way; SECURITY.md weighs the trade-off.
pub const USER: Limit = Limit {
    max: 100,
    window: FIFTEEN_MINUTES,
};
/// Reset mails per account (whatever address or client asks).
pub const RESET_PER_ACCOUNT: Limit = Limit {
    max: 3,
    window: HOUR,
};
/// Reset requests per client, for any address.
pub const RESET_PER_CLIENT: Limit = Limit {
    max: 10,
    window: HOUR,
};

/// The longest window of any limit: rows older than this are stale whatever their key.
const LONGEST_WINDOW: Duration = HOUR;

fn secs(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// Now, in the Unix seconds the table keeps.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// What one client is counted as: an IPv4 address (an IPv4-mapped IPv6 one is the same client),
/// or an IPv6 address's /64, since one subscriber usually holds a whole /64 and could otherwise
/// pick a fresh address for every attempt.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(std::net::Ipv6Addr::from(prefix))
        }
        v4 => v4,
    }
}

/// The keys and limits a password check of `username_key` from `client` is counted under, in
/// the order they are tried: the client first, so a client past its limit adds no row for each
/// new username it tries; then the pair, so an attempt the pair refuses adds nothing to the
/// username's ceiling.
pub fn password_keys(username_key: &str, client: &str) -> [(String, Limit); 3] {
    [
        (format!("client:{client}"), CLIENT),
        (format!("pair:{username_key}|{client}"), PAIR),
        (format!("user:{username_key}"), USER),
    ]
}

/// How long a key stays locked at `now`, given its counter after this attempt.
fn wait(attempts: i64, window_start: i64, limit: Limit, now: i64) -> Option<Duration> {
    if attempts <= limit.max {
        return None;
    }
    let left = secs(limit.window) - now.saturating_sub(window_start);
    Some(Duration::from_secs(u64::try_from(left).unwrap_or(0).max(1)))
}

/// Counts one attempt under `key` at `now`: `None` if it may go ahead, else how long the key is
/// locked. One statement reads and moves the counter, so two attempts never get one number.
pub async fn attempt(
    pool: &Pool,
    key: &str,
    limit: Limit,
    now: i64,
) -> Result<Option<Duration>, sqlx::Error> {
    // In SET, both databases read the row as it was before this update.
    let (attempts, window_start): (i64, i64) = sqlx::query_as(
        "INSERT INTO login_attempts (throttle_key, window_start, attempts) VALUES ($1, $2, 1) \
         ON CONFLICT (throttle_key) DO UPDATE SET \
           window_start = CASE \
             WHEN login_attempts.window_start <= $3 THEN $2 \
             WHEN login_attempts.attempts + 1 = $4 THEN $2 \
             ELSE login_attempts.window_start END, \
           attempts = CASE \
             WHEN login_attempts.window_start <= $3 THEN 1 \
             ELSE login_attempts.attempts + 1 END \
         RETURNING attempts, window_start",
    )
    .bind(key)
    .bind(now)
    .bind(now.saturating_sub(secs(limit.window)))
    .bind(limit.max)
    .fetch_one(pool)
    .await?;
    Ok(wait(attempts, window_start, limit, now))
}

/// Counts one attempt under each of `keys` in order; stops at the first that is locked and
/// says how long it is locked for.
pub async fn attempt_all(
    pool: &Pool,
    keys: &[(String, Limit)],
    now: i64,
) -> Result<Option<Duration>, sqlx::Error> {
    for (key, limit) in keys {
        if let Some(wait) = attempt(pool, key, *limit, now).await? {
            return Ok(Some(wait));
        }
    }
    Ok(None)
}

/// Takes back one attempt under each of `keys` (the password was right): a member who typed
/// it wrong a few times and then right is not nearer a lock for it. Only this attempt is taken
/// back, so a right password in a burst of guesses frees one place, not the whole window.
pub async fn forget_one(pool: &Pool, keys: &[(String, Limit)]) -> Result<(), sqlx::Error> {
    for (key, _) in keys {
        sqlx::query(
            "UPDATE login_attempts SET attempts = attempts - 1 \
             WHERE throttle_key = $1 AND attempts > 0",
        )
        .bind(key.as_str())
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// Deletes counters whose window ended at `now` for every limit; returns how many went.
pub async fn delete_stale(pool: &Pool, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM login_attempts WHERE window_start <= $1")
        .bind(now.saturating_sub(secs(LONGEST_WINDOW)))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_lasts_a_window_from_the_attempt_that_reached_the_limit() {
        let t0 = 1_000_000;
        assert_eq!(
            wait(5, t0, PAIR, t0 + 60),
            None,
            "the fifth attempt still goes ahead"
        );
        assert_eq!(
            wait(6, t0, PAIR, t0 + 60),
            Some(Duration::from_secs(14 * 60))
        );
        assert_eq!(
            wait(6, t0, PAIR, t0 + 15 * 60),
            Some(Duration::from_secs(1)),
            "never a zero wait while the counter says locked"
        );
    }

    #[test]
    fn a_pair_a_client_and_a_username_are_separate_keys() {
        let keys = password_keys("ada", "192.0.2.1");
        let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["client:192.0.2.1", "pair:ada|192.0.2.1", "user:ada"]
        );
        assert!(PAIR.max < CLIENT.max && CLIENT.max < USER.max);
    }

    #[test]
    fn ipv6_clients_are_their_slash_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}
