//! Error answers produced outside Leptos (by middleware), in the same two shapes Leptos uses: a
//! readable HTML page for browsers, an encoded [`AppError`] for server-function calls, so the
//! WASM client shows the same message it would for an error raised inside the function.
//!
//! Errors raised inside Leptos get their status from `AppError` itself (see `app::error`). The
//! only body read back is a server function's encoded error, to show it as a page to a browser
//! that posted a plain form (see [`show_form_post_errors`]).
use crate::config::SessionEngine;
use app::{
    error::AppError,
    i18n::{self, Lang, Msg},
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use std::sync::Arc;

/// Server functions live under this prefix.
pub const API_PREFIX: &str = "/api/";

/// The stylesheet by its stable name, which error pages made outside Leptos link to (the static
/// files serve it even when the build gave it a content-hashed name).
pub const STYLESHEET: &str = "/pkg/locallibrary.css";

/// A response for `error`, shaped for whoever asked for `path`, in `lang` if it is a page.
pub fn error_response(path: &str, error: &AppError, lang: Lang) -> Response {
    let status = error.status();
    let mut response = if path.starts_with(API_PREFIX) {
        let mut response = (status, error.encode()).into_response();
        response.headers_mut().insert(
            SERVER_FN_ERROR_HEADER,
            HeaderValue::from_str(path).unwrap_or(HeaderValue::from_static("/")),
        );
        response
    } else {
        (status, Html(error_page_html(error, lang))).into_response()
    };
    if let Some(seconds) = error.retry_after() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// The language the language middleware chose for a request (English before it has run).
pub fn request_lang(request: &Request) -> Lang {
    request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or_default()
}

/// The language of an answer on its way out: what the language middleware chose for the
/// request, or (when an outer layer made the response itself) what the browser asks for.
pub fn answer_lang(response: &Response, browser: Option<Lang>) -> Lang {
    response
        .extensions()
        .get::<Lang>()
        .copied()
        .or(browser)
        .unwrap_or_default()
}

/// A small standalone page in `lang`: used where the Leptos shell is not available.
pub fn error_page_html(error: &AppError, lang: Lang) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} - LocalLibrary</title>\
         <link rel=\"stylesheet\" href=\"{STYLESHEET}\"></head>\
         <body><main class=\"content error-page\"><h1>{title}</h1><p class=\"error\">{message}</p>\
         <p><a href=\"/\">{back}</a></p></main></body></html>",
        code = lang.code(),
        title = escape(&error.title(lang)),
        message = escape(&error.message(lang)),
        back = escape(&i18n::text(lang, "error-back-home")),
    )
}

/// What bare errors from lower layers mean here: a 500 from the session layer depends on the
/// engine, a 413 on the body limit.
#[derive(Debug, Clone)]
pub struct BareErrorHints {
    server_error: AppError,
    too_large: AppError,
}

impl BareErrorHints {
    /// Store engines fail to save when their store is down; the cookie engine only when the
    /// session outgrew a cookie. Bodies over `max_body_bytes` are refused.
    pub fn new(engine: SessionEngine, max_body_bytes: usize) -> Self {
        let server_error = match engine {
            SessionEngine::SignedCookies => AppError::BadRequest(
                Msg::new("error-cookie-too-big").with("bytes", crate::sessions::MAX_COOKIE_BYTES),
            ),
            _ => AppError::Unavailable,
        };
        let too_large =
            AppError::BadRequest(Msg::new("error-too-large").with("kib", max_body_bytes / 1024));
        Self {
            server_error,
            too_large,
        }
    }
}

/// Axum middleware: gives bodiless error responses from lower layers (the body-size limit, the
/// session layer when its store fails to save) a real message.
pub async fn explain_bare_errors(
    State(hints): State<Arc<BareErrorHints>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let browser = app::server::language::from_browser(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    // The body limit's own 413 says only "length limit exceeded"; replace that too.
    let bare = (status.is_client_error() || status.is_server_error())
        && (!response.headers().contains_key(header::CONTENT_TYPE)
            || status == StatusCode::PAYLOAD_TOO_LARGE);
    if !bare {
        return response;
    }
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => hints.too_large.clone(),
        // The session layers answer a bare 500 only when the session could not be saved.
        StatusCode::INTERNAL_SERVER_ERROR => hints.server_error.clone(),
        StatusCode::SERVICE_UNAVAILABLE => AppError::Unavailable,
        StatusCode::NOT_FOUND => AppError::NotFound(Msg::new("error-no-such-page")),
        StatusCode::METHOD_NOT_ALLOWED => AppError::BadRequest(Msg::new("error-wrong-method")),
        _ => return response,
    };
    let mut explained = error_response(&path, &error, answer_lang(&response, browser));
    // Keep the precise status (413, 405) where it is more exact than the error's own.
    if status.is_client_error() {
        *explained.status_mut() = status;
    }
    let (mut parts, body) = explained.into_parts();
    for (name, value) in response.headers() {
        if name != header::CONTENT_LENGTH
            && name != header::CONTENT_TYPE
            && !parts.headers.contains_key(name)
        {
            parts.headers.insert(name, value.clone());
        }
    }
    Response::from_parts(parts, Body::new(body))
}

/// The largest encoded server-function error read back (they are a few hundred bytes).
const MAX_ERROR_BYTES: usize = 64 * 1024;

/// Axum middleware: a server function posted as a plain form (JavaScript off) that fails would
/// answer its encoded error with a `Location` back to the page, which a browser shows as raw
/// text or, for a redirect status, not at all. Such answers become the error page instead.
pub async fn show_form_post_errors(request: Request, next: Next) -> Response {
    let plain_form_post = request.uri().path().starts_with(API_PREFIX)
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    let browser = app::server::language::from_browser(request.headers());
    let response = next.run(request).await;
    let lang = answer_lang(&response, browser);
    let status = response.status();
    if !plain_form_post || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let error = match axum::body::to_bytes(body, MAX_ERROR_BYTES).await {
        Ok(bytes) => serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::Internal),
        Err(_) => AppError::Internal,
    };
    parts.headers.remove(header::LOCATION);
    parts.headers.remove(SERVER_FN_ERROR_HEADER);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(error_page_html(&error, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_messages() {
        let error =
            AppError::BadRequest(Msg::new("error-bad-arguments").with("detail", "<script>"));
        let html = error_page_html(&error, Lang::En);
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
        let russian = error_page_html(&error, Lang::Ru);
        assert!(russian.contains("<html lang=\"ru\">"), "{russian}");
        assert!(russian.contains("На главную страницу"), "{russian}");
    }

    /// A router whose handler answers a bare 500, as a session layer does when it cannot save.
    async fn bare_500_through(engine: SessionEngine) -> (StatusCode, String) {
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/",
                axum::routing::get(|| async { StatusCode::INTERNAL_SERVER_ERROR }),
            )
            .layer(axum::middleware::from_fn_with_state(
                Arc::new(BareErrorHints::new(engine, 16 * 1024)),
                explain_bare_errors,
            ));
        let response = app
            .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn a_session_that_cannot_be_saved_is_explained_per_engine() {
        let (status, body) = bare_500_through(SessionEngine::Db).await;
        assert_eq!(status, 503);
        assert!(body.contains("temporarily unavailable"), "{body}");
        let (status, body) = bare_500_through(SessionEngine::SignedCookies).await;
        assert_eq!(status, 400);
        assert!(
            body.contains("no longer fits in a cookie (4096 bytes at most)"),
            "{body}"
        );
    }

    #[test]
    fn api_errors_are_encoded_for_the_client() {
        let response = error_response(
            "/api/registration/register",
            &AppError::RateLimited(30),
            Lang::En,
        );
        assert_eq!(response.status(), 429);
        assert!(response.headers().contains_key(SERVER_FN_ERROR_HEADER));
        assert_eq!(response.headers()[header::RETRY_AFTER], "30");
    }
}
