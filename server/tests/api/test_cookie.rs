//! The test cookie cannot be forged or replayed into sessions (issue 21, finding 6): it is signed
//! with the server's secret, expires after `SESSION_COOKIE_AGE`, and a counted first visit in it
//! is taken over once; choices made before a session exists live in it, not in a session.
use crate::helpers::{both_databases, new_browser, visit_sentence, TestApp};
use reqwest::{header::HeaderMap, Client};
use tokio::task::JoinSet;

/// Sessions and visit counters stored in the app's database.
async fn stored_rows(app: &TestApp) -> (i64, i64) {
    let sessions = if app.is_postgres() {
        "tower_sessions.session"
    } else {
        "tower_sessions"
    };
    let pool = app.pool().await;
    let mut counts = Vec::new();
    for table in [sessions, "visit_counters"] {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&pool)
            .await
            .unwrap();
        counts.push(count);
    }
    (counts[0], counts[1])
}

/// The `name=value` of the test cookie a response sets, if it sets one.
fn test_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .rfind(|c| c.starts_with("cookietest="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
}

/// A genuine test cookie with a first visit counted in it: what a stranger's first home visit
/// hands out.
async fn counted_cookie(app: &TestApp) -> String {
    let (_, headers, body) = app.get(&Client::new(), "/").await;
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 1 time."
    );
    test_cookie(&headers).expect("a first visit sets the test cookie")
}

/// Sends `GET /` with `cookie` `times` times, 16 at once, without a cookie jar; returns the visit
/// sentences the pages showed.
async fn home_with_cookie(app: &TestApp, cookie: &str, times: usize) -> Vec<String> {
    let client = Client::new();
    let mut running = JoinSet::new();
    let mut sentences = Vec::new();
    for i in 0..times {
        if i >= 16 {
            sentences.push(running.join_next().await.unwrap().unwrap());
        }
        let request = client
            .get(format!("{}/", app.address))
            .header("cookie", cookie.to_string());
        running.spawn(async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200);
            visit_sentence(&response.text().await.unwrap()).unwrap()
        });
    }
    while let Some(sentence) = running.join_next().await {
        sentences.push(sentence.unwrap());
    }
    sentences
}

/// Posts `body` to the server function at `/api/{function}` as a hydrated page does.
async fn call(app: &TestApp, client: &Client, function: &str, body: &str) -> reqwest::Response {
    client
        .post(format!("{}/api/{function}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

both_databases! {
    async fn a_forged_test_cookie_stores_nothing(builder) {
        let other_server = spawn!(builder.clone());
        let app = spawn!(builder);
        let counted = counted_cookie(&app).await;
        let (_, headers, _) = app.get(&Client::new(), "/catalog/books").await;
        let uncounted = test_cookie(&headers).expect("a page offers the test cookie");
        let forgeries = [
            // What a first visit used to be counted in.
            "cookietest=home".to_string(),
            "cookietest=1".to_string(),
            // A genuine uncounted value claiming a counted visit.
            uncounted.replacen(".n.", ".c.", 1),
            // A genuine counted value, its tag cut short.
            counted[..counted.len() - 2].to_string(),
            // A counted value signed by another server (its own secret).
            counted_cookie(&other_server).await,
        ];
        let mut pages = Vec::new();
        for (i, forged) in forgeries.iter().enumerate() {
            let times = if i == 0 { 200 } else { 20 };
            pages.push((forged, home_with_cookie(&app, forged, times).await));
        }
        assert_eq!(stored_rows(&app).await, (0, 0), "no session and no counter for a forgery");
        assert_ne!(forgeries[2], uncounted, "the flag was flipped");
        for (forged, sentences) in pages {
            for sentence in sentences {
                assert_eq!(sentence, "You have visited this page 1 time.", "{forged}");
            }
        }
    }

    async fn a_replayed_test_cookie_starts_one_session_at_most(builder) {
        let app = spawn!(builder);
        let cookie = counted_cookie(&app).await;
        let sentences = home_with_cookie(&app, &cookie, 200).await;
        assert_eq!(stored_rows(&app).await, (1, 1), "one copy takes the first visit over");
        // That copy's visit is the counter's second; every other copy counts its second visit
        // in a new cookie, storing nothing.
        assert!(
            sentences.iter().all(|s| s.ends_with("2 times.")),
            "{sentences:?}"
        );
        // And later on, once the first session is in use.
        home_with_cookie(&app, &cookie, 20).await;
        assert_eq!(stored_rows(&app).await, (1, 1));
    }

    /// The crash test's finding: a browser whose visit took its cookie over, but whose answer
    /// never arrived (the server died, the connection dropped), sends the same cookie again. It
    /// must not start again from 1: the visit it was shown is kept, in the cookie.
    async fn a_taken_over_cookie_whose_answer_was_lost_counts_on(builder) {
        let app = spawn!(builder);
        let cookie = counted_cookie(&app).await;
        // The taking-over visit, whose answer (the session cookie) the browser never gets.
        assert_eq!(
            home_with_cookie(&app, &cookie, 1).await,
            ["You have visited this page 2 times."]
        );
        let client = Client::new();
        let again = client
            .get(format!("{}/", app.address))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        let next = test_cookie(again.headers()).expect("the visit is counted in a new cookie");
        let body = again.text().await.unwrap();
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 2 times."
        );
        assert_eq!(stored_rows(&app).await, (1, 1), "nothing more is stored");
        // The new cookie starts the browser's own session, which counts on from there.
        let page = client
            .get(format!("{}/", app.address))
            .header("cookie", &next)
            .send()
            .await
            .unwrap();
        assert_eq!(
            visit_sentence(&page.text().await.unwrap()).unwrap(),
            "You have visited this page 3 times."
        );
        assert_eq!(stored_rows(&app).await, (2, 2));
    }

    async fn an_expired_test_cookie_counts_as_none(builder) {
        let app = spawn!(builder.env("SESSION_COOKIE_AGE", "2"));
        let cookie = counted_cookie(&app).await;
        tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
        let sentences = home_with_cookie(&app, &cookie, 1).await;
        assert_eq!(sentences, ["You have visited this page 1 time."]);
        assert_eq!(stored_rows(&app).await, (0, 0));
    }

    async fn no_server_function_stores_a_session_for_a_stranger(builder) {
        let app = spawn!(builder);
        let client = Client::new();
        let mut kept_in_cookie = 0;
        for _ in 0..100 {
            let response = call(&app, &client, "language", "lang=ru").await;
            assert_eq!(response.status(), 200);
            kept_in_cookie += usize::from(test_cookie(response.headers()).is_some());
        }
        let calls = [
            ("catalog/page-size", "size=25"),
            ("registration/forget", ""),
            ("accounts/logout", ""),
            ("registration/forget-all", ""),
            ("visits/record", ""),
            ("registration/session", ""),
        ];
        for (function, body) in calls {
            let response = call(&app, &client, function, body).await;
            assert_eq!(response.status(), 200, "{function}");
        }
        // The account functions a stranger can reach: none stores a session either.
        let refused = [
            ("accounts/password-reset", "email=nobody%40example.com", 200),
            ("accounts/reset-valid", "", 200),
            ("accounts/reset", "new_password=a+long+passphrase&confirm_password=a+long+passphrase", 400),
            ("accounts/login", "username=nobody&password=wrong+password%21", 400),
        ];
        for (function, body, status) in refused {
            let response = call(&app, &client, function, body).await;
            assert_eq!(response.status(), status, "{function}");
        }
        let link = client
            .get(format!("{}/accounts/reset/{}", app.address, "ab".repeat(32)))
            .send()
            .await
            .unwrap();
        assert!(link.status().is_success() || link.status().is_redirection());
        assert_eq!(stored_rows(&app).await, (0, 0));
        assert_eq!(kept_in_cookie, 100, "the choice is in the test cookie");
    }

    async fn choices_wait_in_the_test_cookie_and_move_into_the_session(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        assert_eq!(call(&app, &browser, "language", "lang=ru").await.status(), 200);
        assert_eq!(call(&app, &browser, "catalog/page-size", "size=25").await.status(), 200);
        assert_eq!(stored_rows(&app).await, (0, 0), "chosen, nothing stored");
        let (_, _, books) = app.get(&browser, "/catalog/books").await;
        assert!(books.contains("<html lang=\"ru\""), "the next page shows the choice");
        assert_eq!(books.matches("class=\"title\">").count(), 25, "{books}");

        let (_, _, home) = app.get(&browser, "/").await;
        assert!(home.contains("Вы посетили эту страницу 1 раз."), "{home}");
        assert_eq!(stored_rows(&app).await, (0, 0));
        let (_, headers, home) = app.get(&browser, "/").await;
        assert!(home.contains("Вы посетили эту страницу 2 раза."), "{home}");
        assert_eq!(stored_rows(&app).await, (1, 1));
        // The choices are the session's now; the fresh test cookie carries none.
        let fresh = test_cookie(&headers).expect("a fresh test cookie");
        let (_, _, books) = app.get(&new_browser(), "/catalog/books").await;
        assert!(books.contains("<html lang=\"en\""));
        let other = Client::new();
        let response = other
            .get(format!("{}/catalog/books", app.address))
            .header("cookie", fresh)
            .send()
            .await
            .unwrap();
        assert!(response.text().await.unwrap().contains("<html lang=\"en\""));
        let (_, _, session) = app.get(&browser, "/session").await;
        assert!(session.contains("Русский"), "{session}");
        let (_, _, books) = app.get(&browser, "/catalog/books?page=1").await;
        assert_eq!(books.matches("class=\"title\">").count(), 25);
    }

    async fn the_plain_form_switch_works_for_a_stranger_and_stores_nothing(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        let response = browser
            .post(format!("{}/api/language", app.address))
            .header("accept", "text/html")
            .header("referer", format!("{}/catalog/genres", app.address))
            .form(&[("lang", "ru")])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let (_, _, genres) = app.get(&browser, "/catalog/genres").await;
        assert!(genres.contains("<html lang=\"ru\""), "{genres}");
        assert!(genres.contains("Все жанры"));
        assert_eq!(stored_rows(&app).await, (0, 0));
    }
}

both_databases! {
    async fn a_test_cookie_outlives_a_restart(builder) {
        // Without SECRET_KEY the key is kept in the database, not made afresh at each start.
        let app = spawn!(builder);
        let cookie = counted_cookie(&app).await;
        let app = spawn!(app.stop().await.restart());
        let sentences = home_with_cookie(&app, &cookie, 1).await;
        assert_eq!(sentences, ["You have visited this page 2 times."]);
    }
}

/// SQLite-only: where the secret comes from does not depend on the database.
#[tokio::test]
async fn secret_key_signs_the_test_cookie_when_set() {
    let key = "0123456789abcdef0123456789abcdef-one";
    let start = |key: &str| TestApp::builder().env("SECRET_KEY", key).spawn();
    let (Some(a), Some(b), Some(c)) = (
        start(key).await,
        start(key).await,
        start("0123456789abcdef0123456789abcdef-two").await,
    ) else {
        return;
    };
    // Each has a database of its own: only the key can make them agree.
    let cookie = counted_cookie(&a).await;
    let other_key = home_with_cookie(&c, &cookie, 1).await;
    assert_eq!(other_key, ["You have visited this page 1 time."]);
    let same_key = home_with_cookie(&b, &cookie, 1).await;
    assert_eq!(same_key, ["You have visited this page 2 times."]);
}

/// PostgreSQL-only: servers sharing a database (the cluster's setup) without SECRET_KEY.
#[tokio::test]
async fn servers_sharing_a_database_accept_each_others_test_cookies() {
    let Some(url) = crate::helpers::fresh_database().await else {
        return;
    };
    // Started together, so both offer a key at once: one wins, both use it.
    let start = || TestApp::builder().database_url(url.clone()).spawn();
    let (a, b) = tokio::join!(start(), start());
    let (a, b) = (a.unwrap(), b.unwrap());
    let cookie = counted_cookie(&a).await;
    let sentences = home_with_cookie(&b, &cookie, 1).await;
    assert_eq!(sentences, ["You have visited this page 2 times."]);
    assert_eq!(stored_rows(&b).await, (1, 1));
}
