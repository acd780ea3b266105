//! Prometheus metrics: the recorder, the names this server records under, and the endpoint
//! that shows them on `METRICS_ADDR` (never on the public port).
//!
//! The app crate records its own counters (logins, mails, visit batches) through the same
//! `metrics` facade; without `METRICS_ADDR` no recorder is installed and every one is a no-op.
mod endpoint;
mod routes;

pub use endpoint::{serve, MetricsError};
pub use routes::RouteTemplates;

use axum::http::{Method, StatusCode};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        OnceLock,
    },
    time::Duration,
};

/// Requests answered, by route template, method and status.
pub const REQUESTS: &str = "locallibrary_http_requests_total";
/// Time to answer, by route template.
pub const LATENCY: &str = "locallibrary_http_request_duration_seconds";
/// Requests refused by a rate limit, by limit.
pub const RATE_LIMITED: &str = "locallibrary_rate_limited_total";
/// Session-store operations that failed, by engine.
pub const SESSION_STORE_ERRORS: &str = "locallibrary_session_store_errors_total";
/// Connections the database pool holds, and how many of them are idle.
pub const POOL_SIZE: &str = "locallibrary_db_pool_connections";
/// Idle connections in the database pool.
pub const POOL_IDLE: &str = "locallibrary_db_pool_idle_connections";
/// How long the scrape's own probe waited for a pool connection.
pub const POOL_ACQUIRE: &str = "locallibrary_db_pool_acquire_seconds";
/// This build: always 1, with the version as a label.
pub const BUILD_INFO: &str = "locallibrary_build_info";

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
static ENABLED: AtomicBool = AtomicBool::new(false);

/// How often the recorder drains its histograms' samples and publishes descriptions, whether
/// or not anyone scrapes: without it, every request's latency sample would wait in memory
/// for a scrape that may never come.
const UPKEEP_INTERVAL: Duration = Duration::from_secs(5);

/// Keeps the recorder's memory bounded until aborted.
pub fn spawn_upkeep(handle: PrometheusHandle) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(UPKEEP_INTERVAL);
        loop {
            ticker.tick().await;
            handle.run_upkeep();
        }
    })
}

/// Installs the process-wide recorder (once; later calls get the same handle).
pub fn install() -> Result<PrometheusHandle, MetricsError> {
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let latency_buckets = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
    ];
    let batch_buckets = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            metrics_exporter_prometheus::Matcher::Full(LATENCY.into()),
            &latency_buckets,
        )
        .and_then(|b| {
            b.set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Suffix("_seconds".into()),
                &latency_buckets,
            )
        })
        .and_then(|b| {
            b.set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Full(
                    app::server::metrics::VISIT_BATCH.into(),
                ),
                &batch_buckets,
            )
        })
        .map_err(|e| MetricsError::Recorder(e.to_string()))?
        .install_recorder()
        .map_err(|e| MetricsError::Recorder(e.to_string()))?;
    let handle = HANDLE.get_or_init(|| handle).clone();
    ENABLED.store(true, Ordering::Relaxed);
    describe();
    metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    Ok(handle)
}

/// Whether a recorder is installed: recording per request costs label allocations, skipped
/// when nobody will read them.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        REQUESTS,
        "Requests answered, by route template, method and status."
    );
    describe_histogram!(LATENCY, Unit::Seconds, "Time to answer, by route template.");
    describe_counter!(RATE_LIMITED, "Requests refused by a rate limit.");
    describe_counter!(
        SESSION_STORE_ERRORS,
        "Failed session-store operations, by engine."
    );
    describe_gauge!(POOL_SIZE, "Open connections in the database pool.");
    describe_gauge!(POOL_IDLE, "Idle connections in the database pool.");
    describe_histogram!(
        POOL_ACQUIRE,
        Unit::Seconds,
        "Wait for a pool connection, probed at each scrape."
    );
    describe_gauge!(BUILD_INFO, "The running build (always 1).");
    app::server::metrics::describe();
}

/// Records one answered request under its route template.
pub fn request(route: &'static str, method: &Method, status: StatusCode, took: Duration) {
    if !enabled() {
        return;
    }
    let method = match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        // Methods are a client's choice: anything else is one label, not one per spelling.
        _ => "other",
    };
    metrics::counter!(REQUESTS, "route" => route, "method" => method, "status" => status_label(status))
        .increment(1);
    metrics::histogram!(LATENCY, "route" => route).record(took.as_secs_f64());
}

fn status_label(status: StatusCode) -> String {
    status.as_u16().to_string()
}

/// Counts a request refused by the rate limit `limit`.
pub fn rate_limited(limit: &'static str) {
    metrics::counter!(RATE_LIMITED, "limit" => limit).increment(1);
}

/// Shows every counter from zero, so a dashboard sees "none yet" rather than "unknown".
pub fn start_at_zero(session_engine: &'static str) {
    metrics::counter!(SESSION_STORE_ERRORS, "engine" => session_engine).increment(0);
    metrics::counter!(RATE_LIMITED, "limit" => "registration").increment(0);
    app::server::metrics::start_at_zero();
}

/// Counts a failed operation of the session store `engine`.
pub fn session_store_error(engine: &'static str) {
    metrics::counter!(SESSION_STORE_ERRORS, "engine" => engine).increment(1);
}
