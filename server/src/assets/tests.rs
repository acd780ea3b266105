//! Static files: caching, encodings, ETags and the names pages use.
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
