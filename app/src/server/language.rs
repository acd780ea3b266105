//! Which language a request is answered in: the visitor's stored choice (in the session, or in
//! the test cookie before a session is stored), else what their browser's `Accept-Language`
//! prefers, else English. Worked out once per request by the server's middleware and read from
//! the request by renders and server functions.
use super::{cookies::read_test_cookie, session::VisitorSession, test_cookie::TestCookies};
use crate::i18n::Lang;
use axum::http::{header, request::Parts, HeaderMap};
use tower_sessions::Session;

/// The language for a request with these headers and this session; `test_cookies` reads the
/// choice a visitor made before any session was stored.
pub async fn for_request(
    session: Option<&Session>,
    headers: &HeaderMap,
    test_cookies: &TestCookies,
) -> Lang {
    if let Some(session) = session {
        // A store that cannot be read here fails the request later, where it is reported.
        if let Ok(Some(lang)) = VisitorSession::stored_language(session).await {
            return lang;
        }
    }
    read_test_cookie(headers, test_cookies)
        .and_then(|cookie| cookie.language)
        .or_else(|| from_browser(headers))
        .unwrap_or_default()
}

/// What the browser's `Accept-Language` asks for, if it names an offered language.
pub fn from_browser(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(Lang::from_accept_language)
}

/// The language of the request being handled (render or server function).
pub fn current() -> Lang {
    // Borrowed, not cloned: this runs for every message a page shows.
    leptos::reactive::owner::with_context::<Parts, _>(|parts| {
        parts.extensions.get::<Lang>().copied()
    })
    .flatten()
    .unwrap_or_default()
}
