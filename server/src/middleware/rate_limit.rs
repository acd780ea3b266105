//! Limits registration attempts per client, counted in the database (`login_attempts`, under
//! `register:<client>`), so every server sharing the database enforces one limit: a client
//! cannot get the limit once per server by being spread across a cluster by its balancer.
//!
//! The counter is the login lockout's (`app::server::login_throttle`): one upsert counts the
//! attempt and says whether it is over, so concurrent attempts on any server each get their own
//! number.
use crate::{
    errors::{error_response, request_lang},
    middleware::client_ip::ClientInfo,
};
use app::{
    error::AppError,
    server::{
        db::Pool,
        login_throttle::{self, Limit},
    },
};
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};
use std::{fmt, net::IpAddr, sync::Arc, time::Duration};

/// The paths whose POSTs count as registration attempts.
pub const LIMITED_PATHS: [&str; 2] = ["/register", "/api/registration/register"];

/// What one client is limited as: the same grouping the login lockout uses (an IPv6 client is
/// its /64).
pub fn rate_key(ip: IpAddr) -> IpAddr {
    login_throttle::client_key(ip)
}

/// The counter key of `ip`'s registration attempts.
pub fn counter_key(ip: IpAddr) -> String {
    format!("register:{}", rate_key(ip))
}

/// Registration attempts per client, shared through the database.
#[derive(Clone)]
pub struct RateLimiter {
    pool: Pool,
    limit: Option<Limit>,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("limit", &self.limit)
            .finish()
    }
}

impl RateLimiter {
    /// Allows `max` attempts per `window` per client; `max == 0` allows everything.
    pub fn new(pool: Pool, max: u32, window: Duration) -> Self {
        let limit = (max > 0).then_some(Limit {
            max: i64::from(max),
            window,
        });
        Self { pool, limit }
    }

    /// Records an attempt from `ip`; `Err(seconds)` says how long until it may retry.
    ///
    /// A database that cannot count lets the attempt through: registration itself needs the
    /// database and fails on its own, and a limit must not turn a slow moment into refusals.
    pub async fn check(&self, ip: IpAddr) -> Result<(), u64> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let counted =
            login_throttle::attempt(&self.pool, &counter_key(ip), limit, login_throttle::now())
                .await;
        match counted {
            Ok(None) => Ok(()),
            Ok(Some(wait)) => Err(wait.as_secs().max(1)),
            Err(err) => {
                tracing::warn!(error = %err, "cannot count a registration attempt; letting it through");
                Ok(())
            }
        }
    }
}

/// Axum middleware: answers 429 to registration attempts over the limit.
pub async fn limit_registrations(
    State(limiter): State<Arc<RateLimiter>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::POST && LIMITED_PATHS.contains(&request.uri().path()) {
        let ip = request
            .extensions()
            .get::<ClientInfo>()
            .map(|client| client.ip);
        if let Some(ip) = ip {
            if let Err(wait) = limiter.check(ip).await {
                tracing::warn!(client = %rate_key(ip), "registration rate limit reached");
                crate::metrics::rate_limited("registration");
                let lang = request_lang(&request);
                return error_response(request.uri().path(), &AppError::RateLimited(wait), lang);
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn clients_are_counted_by_address_and_ipv6_by_their_64() {
        let v4 = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        assert_eq!(counter_key(v4), "register:192.0.2.1");
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1234:5678:9abc".parse().unwrap();
        assert_eq!(counter_key(a), counter_key(b));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(counter_key(mapped), counter_key(v4));
    }
}
