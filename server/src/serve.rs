//! Accepting connections and serving them with limits a slow or hostile client cannot stretch:
//! a deadline for request headers (which also ends idle kept-alive connections), a cap on
//! connections served at once, and a shutdown that stops accepting, drains the open
//! connections for `SHUTDOWN_DRAIN`, then lets requests in flight finish and gives up
//! `SHUTDOWN_TIMEOUT` after that (so a stop takes at most the two together).
use crate::config::ConnectionLimits;
use axum::{
    extract::ConnectInfo,
    http::{header, HeaderValue, StatusCode},
    response::IntoResponse,
    Router,
};
use hyper::{body::Incoming, server::conn::http1, Request};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use std::{
    future::Future,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

/// Serves `app` on `listener` until `shutdown` resolves; returns once every connection has
/// finished, or `limits.shutdown_drain` and then `limits.shutdown_timeout` have passed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let connections = GracefulShutdown::new();
    let draining = Arc::new(AtomicBool::new(false));
    tokio::pin!(shutdown);
    loop {
        // Take a slot before accepting: at the cap, new clients wait in the kernel's queue.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors or similar: wait instead of spinning.
                    tracing::warn!(error = %err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let (app, draining) = (app.clone(), draining.clone());
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let (app, draining) = (app.clone(), draining.clone());
            async move {
                if !draining.load(Ordering::Relaxed) {
                    return app.oneshot(request).await;
                }
                // Shutting down: say so to a probe, and close each connection after its answer.
                let mut response = if request.uri().path() == "/readyz" {
                    (
                        StatusCode::SERVICE_UNAVAILABLE,
                        "not ready: shutting down\n",
                    )
                        .into_response()
                } else {
                    app.oneshot(request).await?
                };
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
                Ok(response)
            }
        });
        let connection = connections.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, %peer, "connection ended with an error");
            }
            drop(slot);
        });
    }
    // New connections are refused from here on, which a balancer retries elsewhere whatever
    // the request. A request written onto an open kept-alive connection is another matter: if
    // the connection closed under it, nginx could not tell whether it was handled and would not
    // resend a POST. So the open connections are served a while longer, each answer closing
    // its connection, before the idle ones are closed (sooner once every one has closed).
    drop(listener);
    draining.store(true, Ordering::Relaxed);
    let drained = tokio::time::Instant::now() + limits.shutdown_drain;
    while slots.available_permits() < limits.max_connections
        && tokio::time::Instant::now() < drained
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tracing::info!("shutting down: finishing in-flight requests");
    if tokio::time::timeout(limits.shutdown_timeout, connections.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            timeout = ?limits.shutdown_timeout,
            "connections still open after SHUTDOWN_TIMEOUT: closing them"
        );
    }
}
