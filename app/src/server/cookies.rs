//! Reading the request's cookies: did this browser send one of ours?
use super::{
    context::AppContext,
    test_cookie::{TestCookie, TestCookies},
};
use axum::http::{header, request::Parts};
use leptos::prelude::use_context;

/// The test cookie (Django's name for the idea): offered to every browser that sent none of
/// ours, and the only thing kept for a visitor until their browser shows it keeps cookies. If
/// it does not come back from a visitor who is clearly browsing our pages, their browser
/// refuses cookies. Its value is signed (see [`super::test_cookie`]); one whose signature does
/// not check out is treated exactly as no test cookie.
pub const TEST_COOKIE: &str = "cookietest";

/// What the request tells about cookie support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookiePresence {
    /// The request carried one of our cookies (the session's, or a valid test cookie).
    pub had_cookie: bool,
    /// The request came from one of this site's own pages (its `Referer`).
    pub from_own_page: bool,
    /// The request's valid test cookie, if any.
    pub test_cookie: Option<TestCookie>,
}

impl CookiePresence {
    /// A visitor who navigated here from our page yet sent none of our cookies has a browser
    /// that refuses them.
    pub fn cookies_refused(&self) -> bool {
        !self.had_cookie && self.from_own_page
    }

    /// The home visits the test cookie counted before any session was stored.
    pub fn counted_visits(&self) -> u64 {
        self.test_cookie
            .as_ref()
            .map_or(0, |cookie| cookie.counted_visits)
    }
}

/// The values of the request's cookies named `name`.
fn cookie_values<'a>(
    headers: &'a axum::http::HeaderMap,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .filter(move |(cookie, _)| *cookie == name)
        .map(|(_, value)| value)
}

/// Whether the request carries a session cookie called `session_cookie` (valid or not).
pub fn sends_session_cookie(headers: &axum::http::HeaderMap, session_cookie: &str) -> bool {
    cookie_values(headers, session_cookie).next().is_some()
}

/// The request's valid test cookie, if it sent one.
pub fn read_test_cookie(
    headers: &axum::http::HeaderMap,
    test_cookies: &TestCookies,
) -> Option<TestCookie> {
    test_cookies.read(cookie_values(headers, TEST_COOKIE))
}

/// Whether `headers` carry the session cookie named `session_cookie` (whatever its value: the
/// session layer judges that), or a valid test cookie.
pub fn sends_our_cookie(
    headers: &axum::http::HeaderMap,
    session_cookie: &str,
    test_cookies: &TestCookies,
) -> bool {
    cookie_values(headers, session_cookie).next().is_some()
        || read_test_cookie(headers, test_cookies).is_some()
}

/// The `Set-Cookie` value that gives the browser `cookie`.
pub fn test_cookie_header(test_cookies: &TestCookies, cookie: &TestCookie) -> String {
    format!(
        "{TEST_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        test_cookies.encode(cookie),
        test_cookies.max_age().as_secs()
    )
}

/// Sets the test cookie to `cookie` on the response being made.
pub fn set_test_cookie(cookie: &TestCookie) {
    let (Some(response), Ok(context)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        AppContext::current(),
    ) else {
        return;
    };
    let line = test_cookie_header(&context.test_cookies, cookie);
    if let Ok(value) = axum::http::HeaderValue::from_str(&line) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Cookie support as the current request shows it.
pub fn cookie_presence() -> CookiePresence {
    let none = || CookiePresence {
        had_cookie: false,
        from_own_page: false,
        test_cookie: None,
    };
    let Ok(context) = AppContext::current() else {
        return none();
    };
    // Borrowed, not cloned: cloning the parts copies every header and extension.
    leptos::reactive::owner::with_context::<Parts, _>(|parts| presence_in(parts, &context))
        .unwrap_or_else(none)
}

fn presence_in(parts: &Parts, context: &AppContext) -> CookiePresence {
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
    let test_cookie = read_test_cookie(&parts.headers, &context.test_cookies);
    CookiePresence {
        had_cookie: test_cookie.is_some()
            || cookie_values(&parts.headers, &context.session_cookie)
                .next()
                .is_some(),
        from_own_page,
        test_cookie,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::signing::ServerSecret;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn only_our_names_and_valid_test_cookies_count() {
        let signer = TestCookies::new(
            ServerSecret::new(b"key").unwrap(),
            std::time::Duration::from_secs(60),
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; sessionidx=2"),
        );
        assert!(!sends_our_cookie(&headers, "sessionid", &signer));
        headers.append(header::COOKIE, HeaderValue::from_static("sessionid=abc"));
        assert!(sends_our_cookie(&headers, "sessionid", &signer));
        for forged in ["cookietest=1", "cookietest=home", "a=home; cookietest=home"] {
            let mut forged_only = HeaderMap::new();
            forged_only.insert(header::COOKIE, HeaderValue::from_str(forged).unwrap());
            assert!(
                !sends_our_cookie(&forged_only, "sessionid", &signer),
                "{forged}"
            );
            assert_eq!(read_test_cookie(&forged_only, &signer), None, "{forged}");
        }
        let counted = TestCookie {
            counted_visits: 1,
            ..signer.fresh()
        };
        let line = format!(
            "a=home; cookietest=junk; cookietest={}",
            signer.encode(&counted)
        );
        let mut genuine = HeaderMap::new();
        genuine.insert(header::COOKIE, HeaderValue::from_str(&line).unwrap());
        assert!(sends_our_cookie(&genuine, "sessionid", &signer));
        assert_eq!(read_test_cookie(&genuine, &signer), Some(counted));
    }
}
