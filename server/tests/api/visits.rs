//! The visit counter kept in the server-side session.
use crate::helpers::{both_databases, visit_sentence, TestApp};
use reqwest::header::HeaderMap;

/// The `Set-Cookie` line of the session cookie, if the response has one.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sessionid="))
        .map(str::to_string)
}

/// Sessions and visit counters stored in the app's database.
async fn stored_rows(app: &TestApp) -> (i64, i64) {
    let sessions = if app.is_postgres() {
        "tower_sessions.session"
    } else {
        "tower_sessions"
    };
    let count = |table: String| async move {
        sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&app.pool().await)
            .await
            .unwrap()
    };
    (
        count(sessions.into()).await,
        count("visit_counters".into()).await,
    )
}

both_databases! {
    async fn each_browser_counts_its_own_visits(builder) {
        let app = spawn!(builder);
        let (alice, bob) = (app.browser(), app.browser());

        for expected in ["1 time.", "2 times.", "3 times."] {
            let (status, _, body) = app.get(&alice, "/").await;
            assert_eq!(status, 200);
            assert_eq!(
                visit_sentence(&body).unwrap(),
                format!("You have visited this page {expected}")
            );
        }
        let (_, _, body) = app.get(&bob, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 1 time."
        );
    }

    async fn a_session_is_stored_only_when_the_browser_returns_the_cookie(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        let (_, headers, body) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&body).unwrap(), "You have visited this page 1 time.");
        assert!(session_cookie(&headers).is_none(), "no session yet");
        assert_eq!(stored_rows(&app).await, (0, 0), "nothing stored for a first visit");

        let (_, headers, body) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&body).unwrap(), "You have visited this page 2 times.");
        assert!(session_cookie(&headers).is_some());
        assert_eq!(stored_rows(&app).await, (1, 1));
        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&body).unwrap(), "You have visited this page 3 times.");

        // After "Forget everything" the browser is a stranger again: 1, and nothing stored.
        let forget = browser
            .post(format!("{}/api/registration/forget-all", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(forget.status(), 200);
        assert_eq!(stored_rows(&app).await, (0, 0));
        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&body).unwrap(), "You have visited this page 1 time.");
        assert_eq!(stored_rows(&app).await, (0, 0));
    }

    async fn a_first_visit_counted_in_the_cookie_is_kept_by_a_registration(builder) {
        let app = spawn!(builder);
        let browser = crate::helpers::new_browser();
        app.get(&browser, "/").await;
        let response = browser
            .post(format!("{}/register", app.address))
            .form(&[("name", "Ada"), ("email", "ada@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&body).unwrap(), "You have visited this page 2 times.");
    }

    async fn catalog_index_counts_too(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        app.get(&browser, "/").await;
        for path in ["/catalog", "/catalog/"] {
            let (status, _, _) = app.get(&browser, path).await;
            assert_eq!(status, 200, "{path}");
        }
        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 4 times."
        );
    }

    async fn session_cookie_has_the_django_attributes(builder) {
        let app = spawn!(builder);
        let (_, headers, _) = app.start_session(&app.browser()).await;
        let cookie = session_cookie(&headers).expect("a session cookie");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=1209600"] {
            assert!(
                cookie.contains(attribute),
                "{attribute} missing from {cookie}"
            );
        }
        assert!(
            !cookie.contains("Secure"),
            "plain http must not mark the cookie Secure: {cookie}"
        );
    }

    async fn secure_cookie_setting_is_honoured(builder) {
        let app = spawn!(builder.env("SESSION_COOKIE_SECURE", "true"));

        let (_, headers, _) = app.start_session(&app.browser()).await;

        let cookie = session_cookie(&headers).expect("a session cookie");
        assert!(cookie.contains("Secure"), "{cookie}");
    }

    async fn counting_pages_do_not_need_a_cookie_to_render(builder) {
        let app = spawn!(builder);
        let client = reqwest::Client::new();
        let (_, _, first) = app.get(&client, "/").await;
        let (_, _, second) = app.get(&client, "/").await;
        // Without a cookie jar every request is a new visitor.
        assert_eq!(visit_sentence(&first), visit_sentence(&second));
    }

    async fn bogus_session_cookie_starts_a_fresh_session(builder) {
        let app = spawn!(builder);
        let client = reqwest::Client::new();
        for bogus in [
            "nonsense",
            "AAAAAAAAAAAAAAAAAAAAAA",
            "%%%",
            &"x".repeat(4096),
        ] {
            let response = client
                .get(format!("{}/", app.address))
                .header("cookie", format!("sessionid={bogus}"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "cookie {bogus:.20}");
            let body = response.text().await.unwrap();
            assert_eq!(
                visit_sentence(&body).unwrap(),
                "You have visited this page 1 time."
            );
        }
    }

    async fn visit_count_survives_a_restart(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        app.get(&browser, "/").await;
        app.get(&browser, "/").await;

        let app = spawn!(app.stop().await.restart());

        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 3 times."
        );
    }

    async fn client_side_navigation_counts_through_the_server_function(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        app.get(&browser, "/").await;
        let response = browser
            .post(format!("{}/api/visits/record", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let report: serde_json::Value = response.json().await.unwrap();
        assert_eq!(report["visits"], 2);
        assert_eq!(report["had_cookie"], true);
        assert_eq!(report["cookies_refused"], false);
    }

    async fn a_browser_that_refuses_cookies_is_told_so(builder) {
        let app = spawn!(builder);
        // No cookie jar: like a browser that refuses cookies, following a link from our own page.
        let client = reqwest::Client::new();
        let response = client
            .get(format!("{}/", app.address))
            .header("referer", format!("{}/catalog/books", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let cookies: Vec<_> = response.headers().get_all("set-cookie").iter().collect();
        assert!(
            cookies
                .iter()
                .all(|c| c.to_str().unwrap().starts_with("cookietest=")),
            "no session is stored for it: {cookies:?}"
        );
        let body = response.text().await.unwrap();
        assert!(
            body.contains("Your browser does not accept cookies, so visits can&#x27;t be counted.")
                || body.contains("Your browser does not accept cookies, so visits can't be counted."),
            "{body}"
        );

        // The hydrated page asks once whether the cookie came back.
        let check = |cookie: Option<&'static str>| {
            let mut request = client
                .post(format!("{}/api/visits/cookie-check", app.address))
                .header("content-type", "application/x-www-form-urlencoded");
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send()
        };
        assert_eq!(check(None).await.unwrap().text().await.unwrap(), "false");
        assert_eq!(
            check(Some("sessionid=anything"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
            "true"
        );
    }

    async fn a_first_home_visit_from_another_catalog_page_is_counted(builder) {
        // The catalog page stores no session, but its test cookie comes back: cookies work.
        let app = spawn!(builder);
        let browser = app.browser();
        app.get(&browser, "/catalog/books").await;
        let response = browser
            .get(format!("{}/", app.address))
            .header("referer", format!("{}/catalog/books", app.address))
            .send()
            .await
            .unwrap();
        let body = response.text().await.unwrap();
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 1 time."
        );
    }
}

both_databases! {
    async fn a_session_in_use_does_not_expire(builder) {
        let app = spawn!(builder.env("SESSION_COOKIE_AGE", "6"));
        let browser = app.browser();
        let sentence = |n: u32| format!("You have visited this page {n} time{}.", if n == 1 { "" } else { "s" });

        // Visits 4 s apart: each keeps the 6-second session alive.
        for n in 1..=4 {
            if n > 1 {
                tokio::time::sleep(std::time::Duration::from_secs(4)).await;
            }
            let (_, _, body) = app.get(&browser, "/").await;
            assert_eq!(visit_sentence(&body).unwrap(), sentence(n), "visit {n}");
        }
        // A pause longer than the session's age starts afresh.
        tokio::time::sleep(std::time::Duration::from_secs(7)).await;
        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&body).unwrap(), sentence(1));
    }
}
