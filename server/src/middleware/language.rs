//! Works out each request's interface language once, before anything renders: the visitor's
//! stored choice (in the session, or in the test cookie before a session is stored), else
//! `Accept-Language`, else English (see `app::server::language`).
use super::page_cache::RenderedForStranger;
use app::server::test_cookie::TestCookies;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use tower_sessions::Session;

/// Axum middleware (inside the session layer): puts the request's [`app::i18n::Lang`] into its
/// extensions, and tells caches that the answer depends on the language and the session.
pub async fn choose_language(
    State(test_cookies): State<TestCookies>,
    mut request: Request,
    next: Next,
) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let lang =
        app::server::language::for_request(session.as_ref(), request.headers(), &test_cookies)
            .await;
    // Looking the language up loaded the session: no id now means none is stored.
    let stranger = session
        .as_ref()
        .is_none_or(|session| session.id().is_none())
        .then(|| {
            let cookie = app::server::cookies::read_test_cookie(request.headers(), &test_cookies);
            RenderedForStranger {
                lang,
                page_size: app::ui::page_size::effective_page_size(
                    cookie.and_then(|cookie| cookie.page_size),
                ),
            }
        });
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    if let Some(stranger) = stranger {
        response.extensions_mut().insert(stranger);
    }
    // For the error pages made further out (see `crate::errors`).
    response.extensions_mut().insert(lang);
    // The same URL is a different page per language (and per visitor): a shared cache must
    // key it on both, never hand one visitor's Russian page to another's English browser.
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("accept-language, cookie"),
    );
    response
}
