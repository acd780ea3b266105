//! Reading the request's cookies: did this browser send one of ours?
use super::context::AppContext;
use axum::http::{header, request::Parts};
use leptos::prelude::use_context;

/// A cookie holding nothing, offered to every browser that sent none of ours (Django's "test
/// cookie"): if it does not come back from a visitor who is clearly browsing our pages, their
/// browser refuses cookies.
pub const TEST_COOKIE: &str = "cookietest";

/// The test cookie's value once a first home visit has been counted without storing anything:
/// the next visit that brings it back is the second, and the first to be stored.
pub const FIRST_VISIT_COUNTED: &str = "home";

/// What the request tells about cookie support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookiePresence {
    /// The request carried one of our cookies (the session's or the test cookie).
    pub had_cookie: bool,
    /// The request came from one of this site's own pages (its `Referer`).
    pub from_own_page: bool,
    /// The test cookie says one home visit was counted before any session was stored.
    pub first_visit_counted: bool,
}

impl CookiePresence {
    /// A visitor who navigated here from our page yet sent none of our cookies has a browser
    /// that refuses them.
    pub fn cookies_refused(self) -> bool {
        !self.had_cookie && self.from_own_page
    }
}

/// The `(name, value)` pairs of the request's cookies.
fn cookies(headers: &axum::http::HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
}

/// Whether `headers` carry a cookie named `name` (or the test cookie).
pub fn sends_our_cookie(headers: &axum::http::HeaderMap, name: &str) -> bool {
    cookies(headers).any(|(cookie, _)| cookie == name || cookie == TEST_COOKIE)
}

/// Whether `headers` carry the test cookie saying a first home visit was counted.
pub fn first_visit_counted(headers: &axum::http::HeaderMap) -> bool {
    cookies(headers).any(|(cookie, value)| cookie == TEST_COOKIE && value == FIRST_VISIT_COUNTED)
}

/// The test cookie with `value`, kept for `max_age`.
pub fn test_cookie(value: &str, max_age: std::time::Duration) -> String {
    format!(
        "{TEST_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        max_age.as_secs()
    )
}

/// Sets the test cookie to `value` on the response being made.
pub fn set_test_cookie(value: &str, max_age: std::time::Duration) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(cookie) = axum::http::HeaderValue::from_str(&test_cookie(value, max_age)) {
        response.append_header(header::SET_COOKIE, cookie);
    }
}

/// Cookie support as the current request shows it.
pub fn cookie_presence() -> CookiePresence {
    let (Some(parts), Ok(context)) = (use_context::<Parts>(), AppContext::current()) else {
        return CookiePresence {
            had_cookie: false,
            from_own_page: false,
            first_visit_counted: false,
        };
    };
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let from_own_page = parts
        .headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
        .is_some_and(|referer_host| Some(referer_host) == host);
    CookiePresence {
        had_cookie: sends_our_cookie(&parts.headers, &context.session_cookie),
        from_own_page,
        first_visit_counted: first_visit_counted(&parts.headers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn only_our_cookie_names_count() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; sessionidx=2"),
        );
        assert!(!sends_our_cookie(&headers, "sessionid"));
        headers.append(header::COOKIE, HeaderValue::from_static("sessionid=abc"));
        assert!(sends_our_cookie(&headers, "sessionid"));
        let mut test_only = HeaderMap::new();
        test_only.insert(header::COOKIE, HeaderValue::from_static("cookietest=1"));
        assert!(sends_our_cookie(&test_only, "sessionid"));
        assert!(!first_visit_counted(&test_only));
        let mut counted = HeaderMap::new();
        counted.insert(
            header::COOKIE,
            HeaderValue::from_static("a=home; cookietest=home"),
        );
        assert!(first_visit_counted(&counted));
    }
}
