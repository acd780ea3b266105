//! Limits registration attempts per client IP: a fixed window per address, in memory.
//!
//! In memory is enough for one server; the map is bounded, so a flood of addresses cannot grow it
//! without limit. With several servers each enforces its own share of the limit.
use crate::{errors::error_response, middleware::client_ip::ClientInfo};
use app::error::AppError;
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};
use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Addresses remembered at most; beyond this, finished windows are dropped first.
const MAX_TRACKED: usize = 100_000;

/// The paths whose POSTs count as registration attempts.
pub const LIMITED_PATHS: [&str; 2] = ["/register", "/api/registration/register"];

/// Attempts per address per window.
#[derive(Debug)]
pub struct RateLimiter {
    max: u32,
    window: Duration,
    seen: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimiter {
    /// Allows `max` attempts per `window` per address; `max == 0` allows everything.
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt from `ip` at `now`; `Err(seconds)` says how long until it may retry.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.max == 0 {
            return Ok(());
        }
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() >= MAX_TRACKED && !seen.contains_key(&ip) {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
            if seen.len() >= MAX_TRACKED {
                // Still full of live windows: an address flood. Forget the lot rather than grow.
                seen.clear();
            }
        }
        let entry = seen.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.max {
            let wait = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
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
            if let Err(wait) = limiter.check(ip, Instant::now()) {
                tracing::warn!(%ip, "registration rate limit reached");
                return error_response(&path, &AppError::RateLimited(wait));
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));

    #[test]
    fn allows_max_then_refuses_until_the_window_ends() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(limiter.check(A, t0).is_ok());
        assert!(limiter.check(A, t0).is_ok());
        assert_eq!(limiter.check(A, t0 + Duration::from_secs(15)), Err(45));
        assert!(limiter.check(B, t0).is_ok(), "other addresses are separate");
        assert!(limiter.check(A, t0 + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0, Duration::from_secs(60));
        let now = Instant::now();
        assert!((0..1000).all(|_| limiter.check(A, now).is_ok()));
    }

    #[test]
    fn memory_stays_bounded_under_an_address_flood() {
        let limiter = RateLimiter::new(5, Duration::from_secs(60));
        let now = Instant::now();
        for i in 0..(MAX_TRACKED as u32 + 10) {
            let _ = limiter.check(IpAddr::V4(Ipv4Addr::from(i)), now);
        }
        assert!(limiter.seen.lock().unwrap().len() <= MAX_TRACKED);
    }
}
