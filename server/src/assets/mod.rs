//! The built site's static files (WASM, JS, CSS, favicon), served from memory the way production
//! static servers do: before any session, cookie or template work, with the brotli or gzip copy
//! made at build time, an ETag, and a year of immutable caching for content-hashed names.
mod names;

pub use names::{hash_file, BuildNames};

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
mod tests;
