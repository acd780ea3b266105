//! Cookie handling around the session layers: `SESSION_COOKIE_SAMESITE=off` (Django's `False`)
//! means no SameSite attribute at all, while the layers always write one; and the test cookie
//! that lets the home page tell "first visit" from "this browser refuses cookies".
use crate::config::SessionConfig;
use app::server::{
    cookies::{sends_our_cookie, test_cookie_header, TEST_COOKIE},
    test_cookie::TestCookies,
};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use std::sync::Arc;

/// What to change on the session cookie of every response.
#[derive(Debug, Clone)]
pub struct CookiePolicy {
    name: Arc<str>,
    strip_same_site: bool,
    /// Signs the test cookie offered, and tells a valid one sent from a forged one.
    test_cookies: TestCookies,
}

/// The policy for `config`, offering test cookies signed by `test_cookies`.
pub fn cookie_policy(config: &SessionConfig, test_cookies: TestCookies) -> CookiePolicy {
    CookiePolicy {
        name: config.cookie_name.as_str().into(),
        strip_same_site: config.cookie_same_site.is_none(),
        test_cookies,
    }
}

/// Axum middleware: applies the [`CookiePolicy`] to the session's `Set-Cookie`, and offers the
/// test cookie to browsers that sent no cookie of ours.
pub async fn apply_cookie_policy(
    State(policy): State<CookiePolicy>,
    request: Request,
    next: Next,
) -> Response {
    // A forged, tampered or expired test cookie counts as none, and is replaced.
    let sent_ours = sends_our_cookie(request.headers(), &policy.name, &policy.test_cookies);
    let mut response = next.run(request).await;
    let sets_ours = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| sets_cookie(c, &policy.name) || sets_cookie(c, TEST_COOKIE));
    // The session cookie itself tells the same thing when it comes back, and the home page sets
    // the test cookie itself when it counts a first visit.
    if !sent_ours && !sets_ours {
        // No server-side state: the next request tells whether the browser keeps cookies.
        let fresh = policy.test_cookies.fresh();
        if let Ok(cookie) = HeaderValue::from_str(&test_cookie_header(&policy.test_cookies, &fresh))
        {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    if policy.strip_same_site {
        let headers = response.headers_mut();
        let cookies: Vec<HeaderValue> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .cloned()
            .collect();
        headers.remove(header::SET_COOKIE);
        for cookie in cookies {
            let rewritten = cookie
                .to_str()
                .ok()
                .filter(|c| sets_cookie(c, &policy.name))
                .map(without_same_site)
                .and_then(|c| HeaderValue::from_str(&c).ok())
                .unwrap_or(cookie);
            headers.append(header::SET_COOKIE, rewritten);
        }
    }
    response
}

/// Whether the `Set-Cookie` value `line` sets the cookie called `name`.
fn sets_cookie(line: &str, name: &str) -> bool {
    line.strip_prefix(name)
        .is_some_and(|rest| rest.starts_with('='))
}

fn without_same_site(cookie: &str) -> String {
    cookie
        .split(';')
        .filter(|attr| !attr.trim().to_ascii_lowercase().starts_with("samesite="))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::without_same_site;

    #[test]
    fn only_the_same_site_attribute_goes() {
        assert_eq!(
            without_same_site("sessionid=abc; HttpOnly; SameSite=Lax; Path=/"),
            "sessionid=abc; HttpOnly; Path=/"
        );
    }
}
