//! The counters the app layer records for the server's Prometheus endpoint (through the
//! `metrics` facade: a no-op until the server installs a recorder).

/// Password checks that failed (wrong password, unknown or inactive account).
pub const LOGIN_FAILURES: &str = "locallibrary_login_failures_total";
/// Password checks refused because a throttle key was locked.
pub const LOGIN_LOCKOUTS: &str = "locallibrary_login_lockouts_total";
/// Mails handed to SMTP or the outbox, by outcome (`sent` or `failed`).
pub const MAILS: &str = "locallibrary_mails_total";
/// Visits committed per visit-counter transaction.
pub const VISIT_BATCH: &str = "locallibrary_visit_counter_batch_size";
/// Requests that waited out `DATABASE_TIMEOUT` for a pool connection.
pub const POOL_TIMEOUTS: &str = "locallibrary_db_pool_timeouts_total";

/// Gives each counter its help text.
pub fn describe() {
    use metrics::{describe_counter, describe_histogram};
    describe_counter!(LOGIN_FAILURES, "Failed password checks.");
    describe_counter!(LOGIN_LOCKOUTS, "Password checks refused by a lockout.");
    describe_counter!(MAILS, "Mails sent or failed, by outcome.");
    describe_histogram!(
        VISIT_BATCH,
        "Visits committed per visit-counter transaction."
    );
    describe_counter!(
        POOL_TIMEOUTS,
        "Waits for a database connection that timed out."
    );
}

/// Shows this layer's counters from zero.
pub fn start_at_zero() {
    for name in [LOGIN_FAILURES, LOGIN_LOCKOUTS, POOL_TIMEOUTS] {
        metrics::counter!(name).increment(0);
    }
    for outcome in ["sent", "failed"] {
        metrics::counter!(MAILS, "outcome" => outcome).increment(0);
    }
}

/// Counts a failed password check.
pub fn login_failed() {
    metrics::counter!(LOGIN_FAILURES).increment(1);
}

/// Counts a password check refused by a lockout.
pub fn locked_out() {
    metrics::counter!(LOGIN_LOCKOUTS).increment(1);
}

/// Counts a mail by whether it went out.
pub fn mail(sent: bool) {
    let outcome = if sent { "sent" } else { "failed" };
    metrics::counter!(MAILS, "outcome" => outcome).increment(1);
}

/// Records how many visits one counter transaction committed.
pub fn visit_batch(visits: usize) {
    metrics::histogram!(VISIT_BATCH).record(visits as f64);
}

/// Counts a wait for a pool connection that ran out.
pub fn pool_timeout() {
    metrics::counter!(POOL_TIMEOUTS).increment(1);
}
