//! The built site's static files (WASM, JS, CSS, favicon), served from memory the way production
//! static servers do: before any session, cookie or template work, with the brotli or gzip copy
//! made at build time, an ETag, and a year of immutable caching for content-hashed names.
use crate::errors::STYLESHEET;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use bytes::Bytes;
use std::{
    collections::HashMap,
    hash::{Hash, Hasher},
    path::Path,
    sync::Arc,
};

/// How long browsers keep files whose names change with their content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files with stable names (the favicon) may change between releases; a day is a fair bet.
const STABLE_NAME: &str = "public, max-age=86400";
/// Development builds keep stable names in `pkg/`; browsers must revalidate them.
const REVALIDATE: &str = "no-cache";

/// One file, in each encoding the build produced.
struct Asset {
    content_type: HeaderValue,
    cache_control: &'static str,
    etag: HeaderValue,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

impl Asset {
    /// The same content under another name, cached as `cache_control` says.
    fn copy_with(&self, cache_control: &'static str) -> Self {
        Self {
            content_type: self.content_type.clone(),
            cache_control,
            etag: self.etag.clone(),
            identity: self.identity.clone(),
            brotli: self.brotli.clone(),
            gzip: self.gzip.clone(),
        }
    }
}

/// Every static file of the site, by URL path.
#[derive(Clone, Default)]
pub struct StaticAssets {
    files: Arc<HashMap<String, Asset>>,
}

/// The names pages use for the WASM, JS and CSS files.
///
/// cargo-leptos (`hash-files`) names each file after its content and lists the hashes in
/// `hash.txt` beside the server binary. Leptos would read that file on every render (two file
/// reads and a `readlink` per page, 4 % of a list page's CPU), so it is read once here instead:
/// the three hashes make one token, pages name the files `<output>.<token>.{js,wasm,css}`, and
/// the static files answer those names with the hashed files' content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildNames {
    /// Leptos' `output_name`: `locallibrary`, or `locallibrary.<token>` for a hashed build.
    pub output_name: String,
    /// Each name the pages use, with the file that holds its content.
    aliases: Vec<(String, String)>,
}

impl BuildNames {
    /// The names of the build beside this binary, whose files are called `base.*`.
    pub fn detect(base: &str) -> Self {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
            .and_then(|file| std::fs::read_to_string(file).ok());
        Self::from_hash_file(base, hashes.as_deref())
    }

    /// The names for a `hash.txt` holding `hashes` (`js: …`, `wasm: …`, `css: …` lines), or
    /// plain names when there is none.
    pub fn from_hash_file(base: &str, hashes: Option<&str>) -> Self {
        let plain = Self {
            output_name: base.to_string(),
            aliases: Vec::new(),
        };
        let Some(hashes) = hashes else { return plain };
        let kinds: Vec<(&str, &str)> = hashes
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(kind, hash)| (kind.trim(), hash.trim()))
            .filter(|(kind, hash)| ["js", "wasm", "css"].contains(kind) && !hash.is_empty())
            .collect();
        if kinds.is_empty() {
            return plain;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        kinds.hash(&mut hasher);
        let output_name = format!("{base}.{:016x}", hasher.finish());
        let aliases = kinds
            .iter()
            .map(|(kind, hash)| {
                (
                    format!("/pkg/{output_name}.{kind}"),
                    format!("/pkg/{base}.{hash}.{kind}"),
                )
            })
            .collect();
        Self {
            output_name,
            aliases,
        }
    }

    /// Whether the file names carry content hashes (so they can be cached for good).
    pub fn hashed(&self) -> bool {
        !self.aliases.is_empty()
    }
}

impl StaticAssets {
    /// Reads every file under `site_root` into memory, answering each of `names`' aliases too;
    /// a missing folder means no files (the server still serves pages, unstyled and without
    /// hydration, and says so in the log).
    pub fn load(site_root: &Path, names: &BuildNames) -> Self {
        let mut files = HashMap::new();
        if let Err(err) = load_dir(site_root, site_root, names.hashed(), &mut files) {
            tracing::warn!(root = %site_root.display(), error = %err, "static files not loaded");
        }
        for (alias, real) in &names.aliases {
            if let Some(asset) = files.get(real).map(|a| a.copy_with(a.cache_control)) {
                files.insert(alias.clone(), asset);
            }
        }
        add_stylesheet_alias(&mut files);
        Self {
            files: Arc::new(files),
        }
    }

    /// How many files are served.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is served.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

fn load_dir(
    root: &Path,
    dir: &Path,
    hashed_names: bool,
    files: &mut HashMap<String, Asset>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            load_dir(root, &path, hashed_names, files)?;
            continue;
        }
        let name = path.to_string_lossy();
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
        let identity = Bytes::from(std::fs::read(&path)?);
        let variant = |suffix: &str| {
            std::fs::read(format!("{name}{suffix}"))
                .ok()
                .map(Bytes::from)
        };
        let in_pkg = url.starts_with("/pkg/");
        let cache_control = match (in_pkg, hashed_names) {
            (true, true) => IMMUTABLE,
            (true, false) => REVALIDATE,
            (false, _) => STABLE_NAME,
        };
        let mime = mime_guess::from_path(&path).first_or_octet_stream();
        files.insert(
            url,
            Asset {
                content_type: HeaderValue::from_str(mime.as_ref())
                    .unwrap_or(HeaderValue::from_static("application/octet-stream")),
                cache_control,
                etag: etag(&identity),
                brotli: variant(".br"),
                gzip: variant(".gz"),
                identity,
            },
        );
    }
    Ok(())
}

/// Makes the stylesheet reachable by its stable name too, revalidated on every use, for pages
/// that cannot know the hashed name (errors answered by middleware).
fn add_stylesheet_alias(files: &mut HashMap<String, Asset>) {
    if files.contains_key(STYLESHEET) {
        return;
    }
    let stem = STYLESHEET.trim_end_matches(".css");
    let hashed = files
        .iter()
        .find(|(url, _)| url.starts_with(stem) && url.ends_with(".css"))
        .map(|(_, asset)| asset.copy_with(REVALIDATE));
    if let Some(alias) = hashed {
        files.insert(STYLESHEET.to_string(), alias);
    }
}

/// A strong validator from the content (the same bytes always give the same tag).
fn etag(content: &[u8]) -> HeaderValue {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content.hash(&mut hasher);
    HeaderValue::from_str(&format!("\"{:016x}-{:x}\"", hasher.finish(), content.len()))
        .expect("hex digits are a valid header value")
}

/// Which encoding the client accepts that we have: brotli, then gzip, then none.
fn negotiate<'a>(asset: &'a Asset, headers: &HeaderMap) -> (&'a Bytes, Option<&'static str>) {
    let accepts = |coding: &str| {
        headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|part| {
                let mut pieces = part.split(';');
                let name = pieces.next().unwrap_or_default().trim();
                let refused = pieces.any(|p| p.trim().replace(' ', "") == "q=0");
                name.eq_ignore_ascii_case(coding) && !refused
            })
    };
    match (&asset.brotli, &asset.gzip) {
        (Some(br), _) if accepts("br") => (br, Some("br")),
        (_, Some(gz)) if accepts("gzip") => (gz, Some("gzip")),
        _ => (&asset.identity, None),
    }
}

/// Axum middleware: answers GET and HEAD for a known static file, or passes the request on.
pub async fn serve_static(
    State(assets): State<StaticAssets>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method();
    let asset = (method == Method::GET || method == Method::HEAD)
        .then(|| assets.files.get(request.uri().path()))
        .flatten();
    let Some(asset) = asset else {
        return next.run(request).await;
    };
    let headers = request.headers();
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tags| tags.as_bytes() == asset.etag.as_bytes() || tags == "*");
    let (body, encoding) = negotiate(asset, headers);
    let mut response = Response::new(if fresh || method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body.clone())
    });
    if fresh {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
    }
    let out = response.headers_mut();
    out.insert(header::CONTENT_TYPE, asset.content_type.clone());
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(asset.cache_control),
    );
    out.insert(header::ETAG, asset.etag.clone());
    out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !fresh {
        out.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    }
    if let Some(encoding) = encoding {
        out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    /// A site root with a hashed WASM file (and its brotli copy) and a favicon.
    fn site() -> (tempfile::TempDir, axum::Router) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/app.abc123.wasm"), b"wasm bytes").unwrap();
        std::fs::write(dir.path().join("pkg/app.abc123.wasm.br"), b"br").unwrap();
        std::fs::write(dir.path().join("favicon.ico"), b"icon").unwrap();
        let names = BuildNames::from_hash_file("app", Some("wasm: abc123\n"));
        let assets = StaticAssets::load(dir.path(), &names);
        let app = axum::Router::new()
            .fallback(|| async { "page" })
            .layer(axum::middleware::from_fn_with_state(assets, serve_static));
        (dir, app)
    }

    async fn get(app: &axum::Router, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        app.clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn hashed_files_are_immutable_and_precompressed() {
        let (_dir, app) = site();
        let response = get(
            &app,
            "/pkg/app.abc123.wasm",
            &[("accept-encoding", "gzip, br")],
        )
        .await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CACHE_CONTROL], IMMUTABLE);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/wasm");
        assert!(response.headers().get(header::SET_COOKIE).is_none());
        let plain = get(
            &app,
            "/pkg/app.abc123.wasm",
            &[("accept-encoding", "br;q=0")],
        )
        .await;
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(plain.headers()[header::CONTENT_LENGTH], "10");
    }

    #[tokio::test]
    async fn pages_name_the_hashed_files_by_one_token() {
        let (_dir, app) = site();
        let names = BuildNames::from_hash_file("app", Some("wasm: abc123\n"));
        assert!(names.output_name.starts_with("app.") && names.hashed());
        let alias = format!("/pkg/{}.wasm", names.output_name);
        let response = get(&app, &alias, &[]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CACHE_CONTROL], IMMUTABLE);
        let other = BuildNames::from_hash_file("app", Some("wasm: def456\n"));
        assert_ne!(
            other.output_name, names.output_name,
            "new content, new name"
        );
        assert_eq!(BuildNames::from_hash_file("app", None).output_name, "app");
    }

    #[tokio::test]
    async fn a_matching_etag_gets_304_and_other_paths_pass_through() {
        let (_dir, app) = site();
        let first = get(&app, "/favicon.ico", &[]).await;
        assert_eq!(first.headers()[header::CACHE_CONTROL], STABLE_NAME);
        let tag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        let again = get(&app, "/favicon.ico", &[("if-none-match", &tag)]).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let page = get(&app, "/catalog/books", &[]).await;
        let body = axum::body::to_bytes(page.into_body(), 100).await.unwrap();
        assert_eq!(&body[..], b"page");
    }
}
