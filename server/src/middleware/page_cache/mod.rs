//! Strangers' catalog pages from memory: a visitor without a session sees the same list or
//! record page as every other stranger with the same language and page size, so it is rendered
//! once and kept until the catalog changes ([`CatalogVersion`]).
//!
//! Only the CSP nonce differs between two strangers' answers. A kept page is stored cut at its
//! nonce and joined with each response's own (minted further out), so no two responses share
//! one; the test cookie is offered further out too, per response. Anything with a session cookie,
//! any answer that sets a cookie or is not a 200 HTML page, and every page outside the catalog's
//! lists and records is rendered as before.
//!
//! Every write request that passes through here (any method but GET and HEAD) tells the
//! catalog version, so the next page this server serves is checked against the database first.
mod catalog_pages;
mod kept_page;

use super::security_headers::CspNonce;
use app::{
    i18n::Lang,
    server::{
        catalog_version::CatalogVersion,
        cookies::{read_test_cookie, sends_session_cookie},
        language::from_browser,
        test_cookie::TestCookies,
    },
    ui::page_size::effective_page_size,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
pub use catalog_pages::is_catalog_page;
use kept_page::{split_at, KeptPage};
use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};

/// Says whether a stranger's catalog page came from memory (`hit`) or was rendered and kept
/// (`miss`), for operators and tests; other answers do not carry it.
const CACHE_STATE: &str = "x-cache";

/// The largest page kept; a bigger one is served but not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// Put on a response by the language layer, inside the session layer, when the page was made
/// for a request with no stored session: the language and page size it was made in. Only such
/// a page is kept, and only under the key it matches, so however this layer read the cookies
/// (a header the session layer reads differently, a test cookie that expired in between), it
/// never keeps a visitor's page for strangers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderedForStranger {
    pub lang: Lang,
    pub page_size: u32,
}

/// The kept pages and what tells a stranger from a visitor.
#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Inner>,
}

struct Inner {
    /// `PAGE_CACHE_MB` was not 0.
    enabled: bool,
    pages: moka::sync::Cache<Key, Arc<KeptPage>>,
    /// The catalog version the kept pages were rendered at.
    kept_at: AtomicI64,
    version: CatalogVersion,
    session_cookie: Arc<str>,
    test_cookies: TestCookies,
}

/// What makes two strangers' pages the same.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: Lang,
    page_size: u32,
}

impl PageCache {
    /// At most `max_bytes` of pages (0 keeps none), valid while `version` stays the same.
    pub fn new(
        max_bytes: u64,
        version: CatalogVersion,
        session_cookie: &str,
        test_cookies: TestCookies,
    ) -> Self {
        let pages = moka::sync::Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|_: &Key, page: &Arc<KeptPage>| page.bytes().try_into().unwrap_or(u32::MAX))
            .build();
        Self {
            inner: Arc::new(Inner {
                enabled: max_bytes > 0,
                pages,
                kept_at: AtomicI64::new(0),
                version,
                session_cookie: session_cookie.into(),
                test_cookies,
            }),
        }
    }

    /// The key of a stranger's catalog page, or `None` when this request is not one.
    fn key(&self, request: &Request) -> Option<Key> {
        if !self.inner.enabled
            || request.method() != Method::GET
            || !is_catalog_page(request.uri().path())
        {
            return None;
        }
        let headers = request.headers();
        if sends_session_cookie(headers, &self.inner.session_cookie) {
            return None;
        }
        // The same choices `app::server::language` and the list pages make without a session.
        let cookie = read_test_cookie(headers, &self.inner.test_cookies);
        let (lang, page_size) = match cookie {
            Some(cookie) => (cookie.language, cookie.page_size),
            None => (None, None),
        };
        Some(Key {
            path_and_query: request.uri().path_and_query().map_or_else(
                || request.uri().path().to_string(),
                |p| p.as_str().to_string(),
            ),
            lang: lang.or_else(|| from_browser(headers)).unwrap_or_default(),
            page_size: effective_page_size(page_size),
        })
    }

    /// The kept page for `key` at `version`, dropping everything kept at an older version.
    fn get(&self, key: &Key, version: i64) -> Option<Arc<KeptPage>> {
        let inner = &self.inner;
        if inner.kept_at.swap(version, Ordering::SeqCst) != version {
            inner.pages.invalidate_all();
        }
        inner.pages.get(key).filter(|page| page.version == version)
    }

    /// How many pages are kept (for tests and logs; moka counts lazily).
    pub fn len(&self) -> u64 {
        self.inner.pages.run_pending_tasks();
        self.inner.pages.entry_count()
    }

    /// Whether no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Axum middleware (outside the session layer): answers strangers' catalog pages from memory,
/// keeps the ones it renders, and reports every write request to the catalog version.
pub async fn serve_strangers_from_memory(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let response = next.run(request).await;
        cache.inner.version.written();
        return response;
    }
    let Some(key) = cache.key(&request) else {
        return next.run(request).await;
    };
    let Some(CspNonce(nonce)) = request.extensions().get::<CspNonce>().cloned() else {
        return next.run(request).await;
    };
    // A database that cannot be read is reported by the page itself, rendered as usual.
    let Ok(version) = cache.inner.version.current().await else {
        return next.run(request).await;
    };
    if let Some(page) = cache.get(&key, version) {
        return page.response(&nonce);
    }
    let response = next.run(request).await;
    keep(&cache, key, version, &nonce, response).await
}

/// Keeps `response` if it is a stranger's ordinary page, and returns it unchanged either way.
async fn keep(
    cache: &PageCache,
    key: Key,
    version: i64,
    nonce: &str,
    response: Response,
) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let made_for_this_key = response
        .extensions()
        .get::<RenderedForStranger>()
        .is_some_and(|made| made.lang == key.lang && made.page_size == key.page_size);
    if response.status() != StatusCode::OK
        || !is_html
        || !made_for_this_key
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Our pages are rendered whole before they are sent (`SsrMode::Async`), so reading the body
    // here costs no time to first byte.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        // Only a render that failed midway: the visitor would have had a cut-off page.
        Err(err) => {
            tracing::warn!(%err, "a stranger's page failed while it was read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if body.len() > MAX_PAGE_BYTES {
        return Response::from_parts(parts, Body::from(body));
    }
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    let page = Arc::new(KeptPage {
        version,
        headers,
        parts: split_at(&body, nonce.as_bytes()),
    });
    // A page made before the catalog moved on would only be refused by every later lookup.
    if cache.inner.kept_at.load(Ordering::SeqCst) == version {
        cache.inner.pages.insert(key, page);
    }
    let mut response = Response::from_parts(parts, Body::from(body));
    response
        .headers_mut()
        .insert(CACHE_STATE, HeaderValue::from_static("miss"));
    response
}
