//! Failed logins, per username and per client address: after [`LoginThrottle::MAX_FAILURES`] in
//! [`LoginThrottle::WINDOW`], further tries are refused until the oldest failure is that old.
//! Kept in memory, like the registration limit: each server counts its own.
use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
};

/// Recent failed logins.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// Failures allowed per key within [`Self::WINDOW`].
    pub const MAX_FAILURES: usize = 5;
    /// How far back failures count.
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);
    /// Keys remembered at most; when full, keys whose failures have all aged out go first,
    /// then the least recently failed.
    const CAPACITY: usize = 100_000;

    /// The keys a login attempt is counted under.
    pub fn keys(username_key: &str, client: &str) -> [String; 2] {
        [format!("user:{username_key}"), format!("client:{client}")]
    }

    /// How long until `keys` may try again, if any of them is locked at `now`.
    pub fn locked_for(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let failures = self.lock();
        keys.iter()
            .filter_map(|key| failures.get(key))
            .filter_map(|times| {
                let recent: Vec<_> = times
                    .iter()
                    .filter(|at| now.duration_since(**at) < Self::WINDOW)
                    .collect();
                (recent.len() >= Self::MAX_FAILURES)
                    .then(|| Self::WINDOW.saturating_sub(now.duration_since(*recent[0])))
            })
            .max()
    }

    /// Records a failed attempt under `keys` at `now`.
    pub fn failed(&self, keys: &[String], now: Instant) {
        let mut failures = self.lock();
        if failures.len() >= Self::CAPACITY {
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|at| now.duration_since(*at) < Self::WINDOW)
            });
            if failures.len() >= Self::CAPACITY {
                let oldest = failures
                    .iter()
                    .min_by_key(|(_, times)| times.back().copied())
                    .map(|(key, _)| key.clone());
                if let Some(oldest) = oldest {
                    failures.remove(&oldest);
                }
            }
        }
        for key in keys {
            let times = failures.entry(key.clone()).or_default();
            times.push_back(now);
            while times.len() > Self::MAX_FAILURES {
                times.pop_front();
            }
        }
    }

    /// Forgets the username's failures after a successful login (the client's stay).
    pub fn succeeded(&self, username_key: &str) {
        self.lock().remove(&format!("user:{username_key}"));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_for_the_rest_of_the_window() {
        let throttle = LoginThrottle::default();
        let keys = LoginThrottle::keys("ada", "192.0.2.1");
        let t0 = Instant::now();
        for i in 0..5 {
            assert_eq!(throttle.locked_for(&keys, t0), None, "attempt {i}");
            throttle.failed(&keys, t0 + Duration::from_secs(i));
        }
        let later = t0 + Duration::from_secs(60);
        assert_eq!(
            throttle.locked_for(&keys, later),
            Some(Duration::from_secs(14 * 60))
        );
        // Another username from the same client is locked too; from elsewhere it is not.
        let same_client = LoginThrottle::keys("grace", "192.0.2.1");
        assert!(throttle.locked_for(&same_client, later).is_some());
        let elsewhere = LoginThrottle::keys("grace", "198.51.100.1");
        assert_eq!(throttle.locked_for(&elsewhere, later), None);
        assert_eq!(throttle.locked_for(&keys, t0 + LoginThrottle::WINDOW), None);
    }
}
