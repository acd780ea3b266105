//! The middleware every request passes through, assembled in one place: [`stack`].
//!
//! From the outside in: static files (answered from memory, so they never touch the rest),
//! compression of everything else, who the client is, security headers, readable bare errors (outside the
//! session layer, to see its failed saves) and error pages for failed plain form posts, the cookie policy, the session layer, the language, tracing, the
//! body limit, the cross-site check and the registration rate limit.
pub mod client_ip;
pub mod cookies;
pub mod cross_site;
pub mod language;
pub mod rate_limit;
pub mod security_headers;

use crate::{
    assets::{self, StaticAssets},
    config::Config,
    errors,
    sessions::Sessions,
};
use app::server::test_cookie::TestCookies;
use axum::{middleware::from_fn, middleware::from_fn_with_state, Router};
use rate_limit::RateLimiter;
use std::{net::IpAddr, sync::Arc};
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    trace::TraceLayer,
};

/// The largest request body accepted (forms and server-function arguments).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// `routes` wrapped in every layer, in order. The only place layers are put together.
pub fn stack(
    routes: Router,
    config: &Config,
    limiter: Arc<RateLimiter>,
    test_cookies: TestCookies,
    sessions: Sessions,
    assets: StaticAssets,
) -> Router {
    let trusted: Arc<[IpAddr]> = config.trusted_proxies.clone().into();
    // Each `.layer` wraps everything above it, so the list reads from the inside out.
    let routes = routes
        .layer(from_fn_with_state(limiter, rate_limit::limit_registrations))
        .layer(from_fn(cross_site::refuse_cross_site_writes))
        // Every form and server-function call here is small; refuse anything bigger early.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        // Inside the session layer, which it reads the visitor's choice from (or, before a
        // session is stored, the test cookie).
        .layer(from_fn_with_state(
            test_cookies.clone(),
            language::choose_language,
        ));
    sessions
        .apply(routes)
        .layer(from_fn_with_state(
            cookies::cookie_policy(&config.session, test_cookies),
            cookies::apply_cookie_policy,
        ))
        .layer(from_fn_with_state(
            errors::BareErrorHints::new(config.session.engine, MAX_BODY_BYTES),
            errors::explain_bare_errors,
        ))
        .layer(from_fn(errors::show_form_post_errors))
        .layer(from_fn(security_headers::security_headers))
        .layer(from_fn_with_state(trusted, client_ip::identify_client))
        // Pages are small and made per request: a fast brotli level keeps the CPU cost low.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(from_fn_with_state(assets, assets::serve_static))
}
