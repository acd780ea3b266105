//! Limits registration attempts per client: `governor`'s GCRA limiter (a burst of the limit, then
//! one more attempt each minute / limit), keyed by [`rate_key`], in a bounded in-memory store.
//!
//! In memory is enough for one server; with several servers each enforces its own share.
use crate::{
    errors::{error_response, request_lang},
    middleware::client_ip::ClientInfo,
};
use app::error::AppError;
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};
use governor::{
    clock::{Clock, DefaultClock},
    middleware::NoOpMiddleware,
    nanos::Nanos,
    state::StateStore,
    Quota,
};
use std::{
    collections::{BTreeSet, HashMap},
    fmt,
    net::IpAddr,
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::Duration,
};

/// Clients remembered at most; beyond this, the one whose limit is nearest to free goes first.
const MAX_TRACKED: usize = 100_000;

/// The paths whose POSTs count as registration attempts.
pub const LIMITED_PATHS: [&str; 2] = ["/register", "/api/registration/register"];

/// What one client is limited as: the same grouping the login lockout uses (an IPv6 client is
/// its /64).
pub fn rate_key(ip: IpAddr) -> IpAddr {
    app::server::login_throttle::client_key(ip)
}

/// Registration attempts per client.
pub struct RateLimiter<C: Clock = DefaultClock> {
    limiter: Option<governor::RateLimiter<IpAddr, BoundedStore, C, NoOpMiddleware<C::Instant>>>,
    clock: C,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("enabled", &self.limiter.is_some())
            .finish()
    }
}

impl RateLimiter {
    /// Allows `max` attempts per `window` per client; `max == 0` allows everything.
    pub fn new(max: u32, window: Duration) -> Self {
        Self::with_clock(max, window, MAX_TRACKED, DefaultClock::default())
    }
}

impl<C: Clock + Clone> RateLimiter<C> {
    /// Like [`RateLimiter::new`], remembering at most `capacity` clients, on `clock`.
    pub fn with_clock(max: u32, window: Duration, capacity: usize, clock: C) -> Self {
        let limiter = NonZeroU32::new(max).and_then(|burst| {
            Quota::with_period(window / burst.get()).map(|quota| {
                let store = BoundedStore {
                    capacity,
                    entries: Mutex::default(),
                };
                governor::RateLimiter::new(quota.allow_burst(burst), store, clock.clone())
            })
        });
        Self { limiter, clock }
    }

    /// Records an attempt from `ip`; `Err(seconds)` says how long until it may retry.
    pub fn check(&self, ip: IpAddr) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter.check_key(&rate_key(ip)).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// Each client's next free time (GCRA's "theoretical arrival time"), and the same ordered by
/// that time, so the client closest to being allowed again is the one evicted when full: it
/// loses the least, where clearing everything would let a flood of addresses reset every limit.
struct BoundedStore {
    capacity: usize,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    next_free: HashMap<IpAddr, Nanos>,
    by_time: BTreeSet<(Nanos, IpAddr)>,
}

impl StateStore for BoundedStore {
    type Key = IpAddr;

    fn measure_and_replace<T, F, E>(&self, key: &IpAddr, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let previous = entries.next_free.get(key).copied();
        let (outcome, next_free) = f(previous)?;
        if let Some(previous) = previous {
            entries.by_time.remove(&(previous, *key));
        }
        entries.next_free.insert(*key, next_free);
        entries.by_time.insert((next_free, *key));
        while entries.next_free.len() > self.capacity {
            let Some((_, evicted)) = entries.by_time.pop_first() else {
                break;
            };
            entries.next_free.remove(&evicted);
        }
        Ok(outcome)
    }
}

/// Axum middleware: answers 429 to registration attempts over the limit.
pub async fn limit_registrations(
    State(limiter): State<Arc<RateLimiter>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if request.method() == Method::POST && LIMITED_PATHS.contains(&path.as_str()) {
        let ip = request
            .extensions()
            .get::<ClientInfo>()
            .map(|client| client.ip);
        if let Some(ip) = ip {
            if let Err(wait) = limiter.check(ip) {
                tracing::warn!(%ip, "registration rate limit reached");
                let lang = request_lang(&request);
                return error_response(&path, &AppError::RateLimited(wait), lang);
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;
    use std::net::Ipv4Addr;

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));

    fn limiter(max: u32, capacity: usize) -> (RateLimiter<FakeRelativeClock>, FakeRelativeClock) {
        let clock = FakeRelativeClock::default();
        let limiter =
            RateLimiter::with_clock(max, Duration::from_secs(60), capacity, clock.clone());
        (limiter, clock)
    }

    fn v6(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn allows_a_burst_then_one_attempt_per_share_of_the_window() {
        let (limiter, clock) = limiter(2, 100);
        assert!(limiter.check(A).is_ok());
        assert!(limiter.check(A).is_ok());
        clock.advance(Duration::from_secs(15));
        assert_eq!(limiter.check(A), Err(15));
        assert!(limiter.check(B).is_ok(), "other addresses are separate");
        clock.advance(Duration::from_secs(15));
        assert!(limiter.check(A).is_ok(), "one attempt back every 30 s");
        assert!(limiter.check(A).is_err());
    }

    #[test]
    fn zero_means_no_limit() {
        let (limiter, _) = limiter(0, 100);
        assert!((0..1000).all(|_| limiter.check(A).is_ok()));
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let (limiter, _) = limiter(1, 100);
        assert!(limiter.check(v6("2001:db8:1:2::1")).is_ok());
        assert!(
            limiter
                .check(v6("2001:db8:1:2:ffff:1234:5678:9abc"))
                .is_err(),
            "another address in the same /64"
        );
        assert!(limiter.check(v6("2001:db8:1:3::1")).is_ok(), "the next /64");
        assert!(limiter.check(A).is_ok());
        assert!(
            limiter.check(v6("::ffff:192.0.2.1")).is_err(),
            "an IPv4-mapped address is its IPv4 client"
        );
    }

    #[test]
    fn a_flood_of_addresses_evicts_the_oldest_not_everyone() {
        let (limiter, clock) = limiter(1, 3);
        assert!(limiter.check(A).is_ok());
        for i in 1..=3u8 {
            clock.advance(Duration::from_secs(1));
            assert!(limiter
                .check(IpAddr::V4(Ipv4Addr::new(198, 51, 100, i)))
                .is_ok());
        }
        // A was the oldest and went; the newer ones are still limited.
        assert!(limiter.check(A).is_ok(), "the oldest client was forgotten");
        assert!(limiter
            .check(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 3)))
            .is_err());
    }
}
