//! Every request's id, its access line, and its request metrics, outermost of all layers so
//! probes, static files and refusals are seen too.
//!
//! The id is a trusted proxy's `X-Request-Id` (nginx's `$request_id`, so one request can be
//! followed through the proxy's log and every server it reached) or one made here; either way
//! it goes back in the response. Log lines name the route template, never the raw path: a
//! path can hold a password-reset token.
use super::client_ip::proxy_request_id;
use crate::metrics::{self, RouteTemplates};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::HeaderValue,
    middleware::Next,
    response::Response,
};
use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    sync::Arc,
    time::Instant,
};
use tracing::Instrument;

/// What the access layer needs to know, built once.
pub struct Access {
    /// The routes, for bounded labels.
    pub routes: RouteTemplates,
    /// Proxies whose `X-Request-Id` is believed.
    pub trusted: Arc<[IpAddr]>,
    /// `INSTANCE_NAME`, in every access line.
    pub instance: Option<String>,
}

/// Axum middleware: tags the request with its id, answers with it, and logs and counts it.
///
/// It runs for every request, kept pages and static files included, so it allocates as little
/// as it can: the id is encoded on the stack and copied once, into its header.
pub async fn observe(State(access): State<Arc<Access>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let header = match proxy_request_id(peer, request.headers(), &access.trusted) {
        Some(id) => HeaderValue::from_str(&id).ok(),
        None => None,
    }
    .unwrap_or_else(made_here);
    let id = header.to_str().unwrap_or("-");
    let method = request.method().clone();
    let path = request.uri().path();
    let (template, static_file) = (access.routes.find(path), path.starts_with("/pkg/"));
    let span = tracing::info_span!("request", id, route = template.unwrap_or("-"));
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = start.elapsed();
    let status = response.status();
    let route = template.unwrap_or_else(|| RouteTemplates::stray(static_file, status.as_u16()));
    // The id goes in the line itself, not only in the span: a filter such as
    // `RUST_LOG=warn,access=info` keeps this line but drops the span it sits in.
    tracing::info!(
        target: "access",
        parent: &span,
        id = header.to_str().unwrap_or("-"),
        method = %method,
        route,
        status = status.as_u16(),
        latency_ms = took.as_secs_f64() * 1000.0,
        instance = access.instance.as_deref().unwrap_or("-"),
        "answered"
    );
    response.headers_mut().insert("x-request-id", header);
    metrics::request(route, &method, status, took);
    response
}

/// A fresh id: 32 hex digits, like nginx's `$request_id`.
fn made_here() -> HeaderValue {
    let mut buffer = uuid::Uuid::encode_buffer();
    let id = uuid::Uuid::new_v4().simple().encode_lower(&mut buffer);
    HeaderValue::from_str(id).unwrap_or(HeaderValue::from_static("-"))
}
