//! Strangers' catalog pages from memory (`middleware::page_cache`) and rows kept by catalog
//! version: kept pages still get their own nonce and test cookie, a change acknowledged by this
//! server shows at once, and a change made through another server within a second.
use crate::{
    editing::{edit, librarian},
    helpers::{both_databases, TestApp},
};
use reqwest::{header::HeaderMap, Client};
use std::time::{Duration, Instant};

/// A browser that keeps no cookie: every request is a stranger's.
fn stranger() -> Client {
    Client::new()
}

fn cache_state(headers: &HeaderMap) -> &str {
    headers
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
}

fn nonce(headers: &HeaderMap) -> String {
    let policy = headers["content-security-policy"].to_str().unwrap();
    let start = policy.find("'nonce-").expect("a nonce in the policy") + 7;
    policy[start..].split('\'').next().unwrap().to_string()
}

/// The number of genres the home page shows.
fn genre_count(home: &str) -> u64 {
    let start = home
        .find("data-count=\"genres\">")
        .expect("the home page counts genres")
        + 20;
    home[start..]
        .split('<')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The genre list's pages, joined (a new genre may land on any of them).
async fn genre_pages(app: &TestApp, client: &Client) -> (String, Vec<String>) {
    let mut all = String::new();
    let mut states = Vec::new();
    for path in [
        "/catalog/genres",
        "/catalog/genres?page=2",
        "/catalog/genres?page=3",
    ] {
        let (status, headers, body) = app.get(client, path).await;
        assert_eq!(status, 200, "{path}");
        states.push(cache_state(&headers).to_string());
        all.push_str(&body);
    }
    (all, states)
}

both_databases! {
    async fn a_kept_page_gets_its_own_nonce_and_test_cookie_each_time(builder) {
        let app = spawn!(builder);
        let (status, first_headers, first) = app.get(&stranger(), "/catalog/books").await;
        assert_eq!(status, 200);
        let (_, second_headers, second) = app.get(&stranger(), "/catalog/books").await;
        assert_eq!(cache_state(&second_headers), "hit", "the second stranger's page is kept");
        let (one, two) = (nonce(&first_headers), nonce(&second_headers));
        assert_ne!(one, two, "no two responses share a nonce");
        assert!(second.contains(&format!("nonce=\"{two}\"")), "the kept page carries this answer's nonce");
        assert!(!second.contains(&one), "and nothing of the first answer's");
        assert_eq!(first.replace(&one, "N"), second.replace(&two, "N"), "otherwise the same page");
        for headers in [&first_headers, &second_headers] {
            let cookies: Vec<_> = headers.get_all("set-cookie").iter().collect();
            assert!(
                cookies.iter().any(|c| c.to_str().unwrap().starts_with("cookietest=")),
                "each stranger is offered the test cookie: {cookies:?}"
            );
        }
        let test_cookie = |headers: &HeaderMap| {
            headers.get_all("set-cookie").iter().map(|c| c.to_str().unwrap().to_string()).find(|c| c.starts_with("cookietest="))
        };
        assert_ne!(test_cookie(&first_headers), test_cookie(&second_headers), "a test cookie of its own");

        // A visitor with a session is never served a stranger's page.
        let visitor = crate::helpers::new_browser();
        app.start_session(&visitor).await;
        let (_, headers, _) = app.get(&visitor, "/catalog/books").await;
        assert_eq!(cache_state(&headers), "none");
    }

    async fn a_change_acknowledged_here_shows_at_once_to_strangers_and_on_the_home_page(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (before, _) = genre_pages(&app, &stranger()).await;
        let (again, states) = genre_pages(&app, &stranger()).await;
        assert!(states.iter().all(|s| s == "hit"), "{states:?}");
        assert!(!before.contains("Solarpunk") && !again.contains("Solarpunk"));
        let (_, _, home) = app.get(&marian, "/").await;
        app.get(&marian, "/").await;
        let (status, _, form) = app.get(&marian, "/catalog/book/create").await;
        assert_eq!(status, 200);
        assert!(!form.contains("Solarpunk"));

        let (status, body) = edit(&app, &marian, "named", &[("kind", "genre"), ("name", "Solarpunk")]).await;
        assert_eq!(status, 200, "{body}");
        let (after, _) = genre_pages(&app, &stranger()).await;
        assert!(after.contains("Solarpunk"), "the stranger's list is current at once");
        let (_, _, home_after) = app.get(&marian, "/").await;
        assert_eq!(
            genre_count(&home_after),
            genre_count(&home) + 1,
            "the home page's kept counts moved with the catalog"
        );
        let (_, _, form) = app.get(&marian, "/catalog/book/create").await;
        assert!(form.contains("Solarpunk"), "and so did the book form's kept choices");
    }

    async fn a_change_made_through_another_server_shows_within_a_second(builder) {
        let first = spawn!(builder);
        let Some(second) = TestApp::builder().database_url(first.database_url.clone()).spawn().await else {
            return;
        };
        let marian = librarian(&first).await;
        let stranger = stranger();
        genre_pages(&second, &stranger).await;
        let (kept, states) = genre_pages(&second, &stranger).await;
        assert!(states.iter().all(|s| s == "hit"), "{states:?}");
        assert!(!kept.contains("Solarpunk"));

        let (status, body) = edit(&first, &marian, "named", &[("kind", "genre"), ("name", "Solarpunk")]).await;
        assert_eq!(status, 200, "{body}");
        let changed = Instant::now();
        loop {
            let (pages, _) = genre_pages(&second, &stranger).await;
            if pages.contains("Solarpunk") {
                break;
            }
            // One second, plus slack for a loaded test machine's scheduling.
            assert!(changed.elapsed() < Duration::from_millis(1500), "still the old list after {:?}", changed.elapsed());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

both_databases! {
    async fn a_session_cookie_the_cache_misreads_never_makes_a_visitors_page_a_strangers(builder) {
        let app = spawn!(builder);
        // Registering through the plain form gives a session; its cookie is read off the answer.
        let response = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!("{}/register", app.address))
            .form(&[("name", "Ada Lovelace"), ("email", "ada@example.com"), ("remember", "on")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let id = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|c| c.to_str().ok())
            .find_map(|c| c.strip_prefix("sessionid="))
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_string();
        // Spellings the session layer reads as the session but a plain name match does not.
        for cookie in [format!("sessionid ={id}"), format!("session%69d={id}")] {
            for _ in 0..2 {
                let (status, _, page) = app.get_with_cookie("/catalog/books", &cookie).await;
                assert_eq!(status, 200);
                assert!(page.contains("Ada Lovelace"), "the visitor's own page ({cookie})");
            }
        }
        for _ in 0..2 {
            let (_, _, page) = app.get(&stranger(), "/catalog/books").await;
            assert!(!page.contains("Ada Lovelace"), "a stranger never gets the visitor's page");
        }
    }
}

#[tokio::test]
async fn no_page_is_kept_with_a_zero_page_cache() {
    let Some(app) = TestApp::builder().env("PAGE_CACHE_MB", "0").spawn().await else {
        return;
    };
    for _ in 0..3 {
        let (status, headers, _) = app.get(&stranger(), "/catalog/books").await;
        assert_eq!(status, 200);
        assert_ne!(cache_state(&headers), "hit");
    }
}
