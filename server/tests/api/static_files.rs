//! Static files: answered before the session, cookie and page layers, cached and compressed the
//! way production static servers do; pages are compressed on the fly.
use crate::helpers::TestApp;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, ETAG, IF_NONE_MATCH,
    SET_COOKIE,
};

/// A built site with a stylesheet (and its brotli copy) and a favicon.
fn site_root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pkg")).unwrap();
    std::fs::write(
        dir.path().join("pkg/locallibrary.css"),
        "body { color: black }",
    )
    .unwrap();
    std::fs::write(dir.path().join("pkg/locallibrary.css.br"), "brotli bytes").unwrap();
    std::fs::write(dir.path().join("favicon.ico"), "icon").unwrap();
    dir
}

#[tokio::test]
async fn static_files_carry_no_cookie_and_revalidate_with_an_etag() {
    let site = site_root();
    let app = TestApp::builder()
        .env("LEPTOS_SITE_ROOT", site.path().display().to_string())
        .spawn()
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}/pkg/locallibrary.css", app.address);

    let first = client
        .get(&url)
        .header(ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .unwrap();

    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()[CONTENT_ENCODING], "br");
    assert!(
        first.headers().get(SET_COOKIE).is_none(),
        "no cookie on a static file"
    );
    assert!(first.headers().get(CONTENT_SECURITY_POLICY).is_none());
    // A test build's names carry no content hash, so browsers must revalidate.
    assert_eq!(first.headers()[CACHE_CONTROL], "no-cache");
    let tag = first.headers()[ETAG].clone();
    assert_eq!(first.text().await.unwrap(), "brotli bytes");

    let again = client
        .get(&url)
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.headers().get(SET_COOKIE).is_none());

    let icon = client
        .get(format!("{}/favicon.ico", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()[CACHE_CONTROL], "public, max-age=86400");
    assert!(icon.headers().get(SET_COOKIE).is_none());
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_accept_it() {
    let app = TestApp::builder().spawn().await.unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}/catalog/books", app.address);

    let compressed = client
        .get(&url)
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    let plain = client.get(&url).send().await.unwrap();

    assert_eq!(compressed.status(), 200);
    assert_eq!(compressed.headers()[CONTENT_ENCODING], "br");
    let compressed_len = compressed.bytes().await.unwrap().len();
    let plain_len = plain.bytes().await.unwrap().len();
    assert!(
        compressed_len * 3 < plain_len,
        "{compressed_len} compressed bytes for {plain_len}"
    );
}
