//! Browser-side defences sent with every response: a Content-Security-Policy that lets only our
//! own scripts (and the WASM they load) run, plus no-sniff, no-framing and referrer rules.
//!
//! Leptos needs a few inline scripts (the hydration bootstrap and serialized resources); each
//! request gets a fresh nonce that Leptos puts on those scripts, so `unsafe-inline` is not needed.
use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use std::sync::Arc;

/// This request's CSP nonce, handed to Leptos through the request extensions.
#[derive(Debug, Clone)]
pub struct CspNonce(pub Arc<str>);

/// The policy for HTML pages carrying `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Axum middleware: mints the nonce and sets the security headers on the way out.
pub async fn security_headers(mut request: Request, next: Next) -> Response {
    // A v4 UUID carries 122 random bits from the OS generator: plenty for a nonce.
    let nonce: Arc<str> = uuid::Uuid::new_v4().simple().to_string().into();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // A handler may ask for a stricter policy (the reset-link exchange: no-referrer).
    headers
        .entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if is_html {
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

/// Makes this request's nonce the one Leptos puts on its inline scripts. Call it from the
/// Leptos context closure.
pub fn provide_leptos_nonce() {
    use leptos::prelude::provide_context;
    let nonce = leptos::reactive::owner::with_context::<axum::http::request::Parts, _>(|parts| {
        parts.extensions.get::<CspNonce>().cloned()
    })
    .flatten();
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn policy_allows_wasm_but_no_inline_scripts_or_framing() {
        let policy = content_security_policy("abc");
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-abc'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
    }
}
