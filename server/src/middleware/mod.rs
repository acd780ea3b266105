//! The middleware every request passes through, assembled in one place: [`stack`].
//!
//! From the outside in: the request id, access line and metrics, the health probes, static files (answered from memory, so they never
//! touch the rest), compression of everything else, who the client is, security headers,
//! error pages for failed plain form posts and readable bare errors (outside the session layer,
//! to see its failed saves), the cookie policy, strangers' catalog pages from memory, the
//! session layer, the language, the cross-site check, the registration rate limit and
//! the body limit.
pub mod access;
pub mod client_ip;
pub mod cookies;
pub mod cross_site;
pub mod language;
pub mod page_cache;
pub mod rate_limit;
pub mod security_headers;

use crate::{
    assets::{self, StaticAssets},
    config::Config,
    errors,
    health::{self, Health},
    sessions::Sessions,
};
use app::server::test_cookie::TestCookies;
use axum::{middleware::from_fn, middleware::from_fn_with_state, Router};
use rate_limit::RateLimiter;
use std::{net::IpAddr, sync::Arc};
use tower::ServiceBuilder;
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
};

/// The largest request body accepted (forms and server-function arguments).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// `routes` wrapped in every layer, in order. The only place layers are put together.
///
/// The layers go around the whole router as two `ServiceBuilder` stacks (one inside the
/// session layer, one outside it), not onto each route with `Router::layer`: that boxes every
/// route once per layer, and each layer then clones the boxed chain below it, down to the
/// route's handler and its copy of the app state, on every request (about 350 allocations and
/// a fifth of a kept page's CPU; see BENCHMARKS.md, issue 23). Around the router, a layer's
/// clone of what is below it is one reference count.
pub fn stack(
    routes: Router,
    config: &Config,
    limiter: Arc<RateLimiter>,
    test_cookies: TestCookies,
    sessions: Sessions,
    (assets, pages, health): (StaticAssets, page_cache::PageCache, Health),
    access: Arc<access::Access>,
) -> Router {
    let trusted: Arc<[IpAddr]> = config.trusted_proxies.clone().into();
    // A `ServiceBuilder` lists its layers from the outside in.
    let inside_sessions = ServiceBuilder::new()
        // Inside the session layer, which it reads the visitor's choice from (or, before a
        // session is stored, the test cookie).
        .layer(from_fn_with_state(
            test_cookies.clone(),
            language::choose_language,
        ))
        .layer(from_fn(cross_site::refuse_cross_site_writes))
        .layer(from_fn_with_state(limiter, rate_limit::limit_registrations))
        // Every form and server-function call here is small; refuse anything bigger before it
        // is read. Innermost, as the body type it makes is one only the routes take.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
    let outside_sessions = ServiceBuilder::new()
        // Outermost: every answer gets its id, its access line and its count.
        .layer(from_fn_with_state(access, access::observe))
        // Probes answer without touching sessions, pages or static files.
        .layer(from_fn_with_state(health, health::probes))
        .layer(from_fn_with_state(assets, assets::serve_static))
        // Pages are small and made per request: a fast brotli level keeps the CPU cost low.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(from_fn_with_state(trusted, client_ip::identify_client))
        .layer(from_fn(security_headers::security_headers))
        .layer(from_fn(errors::show_form_post_errors))
        .layer(from_fn_with_state(
            Arc::new(errors::BareErrorHints::new(
                config.session.engine,
                MAX_BODY_BYTES,
            )),
            errors::explain_bare_errors,
        ))
        .layer(from_fn_with_state(
            cookies::cookie_policy(&config.session, test_cookies),
            cookies::apply_cookie_policy,
        ))
        // Outside the session layer, which a stranger's kept page never reaches; inside the
        // cookie policy and the security headers, so each answer gets its own test cookie and
        // nonce.
        .layer(from_fn_with_state(
            pages,
            page_cache::serve_strangers_from_memory,
        ));
    let behind_sessions = sessions.around(inside_sessions.service(routes));
    Router::new().fallback_service(outside_sessions.service(behind_sessions))
}
