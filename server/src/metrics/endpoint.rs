//! The `/metrics` listener on `METRICS_ADDR`: its own socket, so the public port (and a
//! balancer in front of it) never shows it.
use super::{POOL_ACQUIRE, POOL_IDLE, POOL_SIZE};
use app::server::db::Pool;
use axum::{extract::State, http::header, response::IntoResponse, routing::get, Router};
use metrics_exporter_prometheus::PrometheusHandle;
use std::{net::SocketAddr, time::Instant};
use tokio::net::TcpListener;

/// Why the metrics endpoint could not start.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("cannot set up the metrics recorder: {0}")]
    Recorder(String),
    #[error("cannot listen on METRICS_ADDR={addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    pool: Pool,
}

/// Binds `addr` and serves `/metrics` until the task is aborted; returns the bound address.
pub async fn serve(
    addr: SocketAddr,
    handle: PrometheusHandle,
    pool: Pool,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), MetricsError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| MetricsError::Bind { addr, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| MetricsError::Bind { addr, source })?;
    let router = Router::new()
        .route("/metrics", get(metrics))
        .with_state(Scrape { handle, pool });
    let task = tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, router).await {
            tracing::error!(error = %err, "the metrics listener stopped");
        }
    });
    Ok((bound, task))
}

/// Samples the pool (its size and a probe of how long a connection takes), then renders
/// every metric in Prometheus's text format.
async fn metrics(State(scrape): State<Scrape>) -> impl IntoResponse {
    metrics::gauge!(POOL_SIZE).set(f64::from(scrape.pool.size()));
    metrics::gauge!(POOL_IDLE).set(scrape.pool.num_idle() as f64);
    let start = Instant::now();
    if scrape.pool.acquire().await.is_ok() {
        metrics::histogram!(POOL_ACQUIRE).record(start.elapsed().as_secs_f64());
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        scrape.handle.render(),
    )
}
