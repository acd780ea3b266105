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

/// The request's id, for any layer or handler that wants to log it.
#[derive(Debug, Clone)]
pub struct RequestId(pub HeaderValue);

/// Axum middleware: tags the request with its id, answers with it, and logs and counts it.
pub async fn observe(
    State(access): State<Arc<Access>>,
    mut request: Request,
    next: Next,
) -> Response {
    let start = Instant::now();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let id = proxy_request_id(peer, request.headers(), &access.trusted)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let header = HeaderValue::from_str(&id).unwrap_or(HeaderValue::from_static("invalid"));
    request.extensions_mut().insert(RequestId(header.clone()));
    let method = request.method().clone();
    let path_template = access.routes.find(request.uri().path());
    let span = tracing::info_span!("request", id = %id, route = path_template.unwrap_or("-"));
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = start.elapsed();
    let status = response.status();
    let route = path_template.unwrap_or_else(|| access.routes.label(&path, status.as_u16()));
    response.headers_mut().insert("x-request-id", header);
    tracing::info!(
        target: "access",
        parent: &span,
        method = %method,
        route,
        status = status.as_u16(),
        latency_ms = took.as_secs_f64() * 1000.0,
        instance = access.instance.as_deref().unwrap_or("-"),
        "answered"
    );
    metrics::request(route, &method, status, took);
    response
}
