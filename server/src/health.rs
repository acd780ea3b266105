//! What a load balancer and an operator ask a server: `/healthz` (the process answers) and
//! `/readyz` (its database and session store answer within `DATABASE_TIMEOUT`), answered before
//! any session or page work; and, with `INSTANCE_NAME` set, an `X-Instance` header on every
//! response naming the server that made it.
use crate::sessions::DynStore;
use app::server::db::Pool;
use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::time::Duration;
use tower_sessions::{session::Id, SessionStore};

/// The response header that names the server (when `INSTANCE_NAME` is set).
pub const INSTANCE_HEADER: HeaderName = HeaderName::from_static("x-instance");

/// What the probes check, and the name to stamp on responses.
#[derive(Clone)]
pub struct Health {
    pub pool: Pool,
    /// The session store, for engines that keep sessions on the server.
    pub store: Option<DynStore>,
    pub timeout: Duration,
    pub instance: Option<HeaderValue>,
}

impl Health {
    /// Whether the database and the session store answer in time; otherwise what does not.
    async fn ready(&self) -> Result<(), &'static str> {
        let database = sqlx::query("SELECT 1").execute(&self.pool);
        match tokio::time::timeout(self.timeout, database).await {
            Ok(Ok(_)) => {}
            _ => return Err("the database does not answer"),
        }
        if let Some(store) = &self.store {
            // Loading an id nobody has is a harmless round trip to the store.
            match tokio::time::timeout(self.timeout, store.load(&Id::default())).await {
                Ok(Ok(_)) => {}
                _ => return Err("the session store does not answer"),
            }
        }
        Ok(())
    }
}

/// Axum middleware: answers the probes itself and stamps `X-Instance` on everything else.
pub async fn probes(State(health): State<Health>, request: Request, next: Next) -> Response {
    let reads = request.method() == Method::GET || request.method() == Method::HEAD;
    let probe = match request.uri().path() {
        "/healthz" if reads => Some(true),
        "/readyz" if reads => Some(false),
        _ => None,
    };
    let mut response = match probe {
        Some(true) => (StatusCode::OK, "ok\n").into_response(),
        Some(false) => match health.ready().await {
            Ok(()) => (StatusCode::OK, "ready\n").into_response(),
            Err(why) => (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("not ready: {why}\n"),
            )
                .into_response(),
        },
        None => next.run(request).await,
    };
    if let Some(name) = &health.instance {
        response.headers_mut().insert(INSTANCE_HEADER, name.clone());
    }
    response
}
