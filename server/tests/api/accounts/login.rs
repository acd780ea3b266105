//! Logging in and out with Django's session rules, on both databases.
use super::support::{createuser, log_in, logged_in_as, user, PASSWORD};
use crate::{
    helpers::english,
    helpers::{both_databases, new_browser, visit_sentence},
};

fn session_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sessionid="))
        .map(|c| c.split(';').next().unwrap().to_string())
}

both_databases! {
    async fn createuser_refuses_weak_passwords_and_taken_names(builder) {
        let app = spawn!(builder);
        for (password, reason) in [
            ("short", "too short"),
            ("adalovelace", "too similar to the username"),
            ("password123", "too common"),
        ] {
            let (ok, text) = createuser(&app, &["AdaLovelace"], password);
            assert!(!ok && text.contains(reason), "{password}: {text}");
        }
        let (ok, text) = createuser(&app, &["ada lovelace"], PASSWORD);
        assert!(!ok && text.contains("username"), "{text}");
        let (ok, text) = createuser(&app, &["AdaLovelace", "--email", "not-an-email"], PASSWORD);
        assert!(!ok && text.contains("--email"), "{text}");
        let (ok, text) = createuser(&app, &["AdaLovelace", "--librarian"], PASSWORD);
        assert!(ok && text.contains("created librarian AdaLovelace"), "{text}");
        let (ok, text) = createuser(&app, &["adalovelace"], PASSWORD);
        assert!(!ok && text.contains("already exists"), "{text}");
        // The password is stored hashed (Argon2id), never as typed.
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$") && !hash.contains(PASSWORD), "{hash}");
    }

    async fn a_login_cycles_the_id_and_keeps_the_anonymous_data(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let browser = new_browser();
        let (_, headers, _) = app.start_session(&browser).await;
        let before = session_id(&headers).unwrap();
        let registered = browser
            .post(format!("{}/register", app.address))
            .form(&[("name", "Ada"), ("email", "ada@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(registered.status(), 303);

        let response = browser
            .post(format!("{}/api/accounts/login", app.address))
            .header("accept", "application/json")
            .form(&[("username", "ADA"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        let after = session_id(response.headers()).expect("a new session cookie");
        assert_ne!(after, before);
        assert_eq!(logged_in_as(&app, &browser).await.as_deref(), Some("ada"));
        let (_, _, home) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&home).unwrap(), "You have visited this page 3 times.");
        // Logged in, the header greets the account, not the session's registration (issue 24),
        // but the registration itself carries on in the session.
        assert!(!home.contains("Hello, ") && !home.contains("href=\"/register\""), "{home:.3000}");
        assert!(home.contains("Logged in as"), "{home:.3000}");
        let (_, _, session) = app.get(&browser, "/session").await;
        assert!(session.contains("ada@example.com"), "the registration carries on: {session:.3000}");
    }

    async fn logging_in_as_another_user_flushes_the_session_first(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        user(&app, "grace");
        let browser = new_browser();
        app.start_session(&browser).await;
        assert_eq!(log_in(&app, &browser, "ada", PASSWORD).await.0, 200);
        app.get(&browser, "/").await;
        assert_eq!(log_in(&app, &browser, "grace", PASSWORD).await.0, 200);
        assert_eq!(logged_in_as(&app, &browser).await.as_deref(), Some("grace"));
        let (_, _, home) = app.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&home).unwrap(),
            "You have visited this page 1 time.",
            "nothing of ada's session carries over"
        );
    }

    async fn logout_flushes_the_whole_session(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let browser = new_browser();
        app.start_session(&browser).await;
        log_in(&app, &browser, "ada", PASSWORD).await;
        app.get(&browser, "/").await;
        let response = browser
            .post(format!("{}/api/accounts/logout", app.address))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let replaced = session_id(response.headers()).expect("the cookie is replaced");
        assert!(replaced == "sessionid=" || !replaced.is_empty(), "{replaced}");
        assert_eq!(logged_in_as(&app, &browser).await, None);
        let (status, _, page) = app.get(&browser, "/accounts/logout").await;
        assert_eq!(status, 200);
        assert!(page.contains("You are logged out."), "{page:.3000}");
        let (_, _, home) = app.get(&browser, "/").await;
        assert_eq!(visit_sentence(&home).unwrap(), "You have visited this page 1 time.");
    }

    async fn a_wrong_username_and_a_wrong_password_look_the_same(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let mut timings = [std::time::Duration::ZERO; 2];
        let mut answers = Vec::new();
        for round in 0..3 {
            for (i, (username, password)) in [("nobody", PASSWORD), ("ada", "wrong password!")].iter().enumerate() {
                // A fresh client address each time would need a proxy; a fresh browser is enough
                // to keep under the per-client lockout (3 rounds × 2 < 5 per username).
                let started = std::time::Instant::now();
                let answer = log_in(&app, &new_browser(), username, password).await;
                timings[i] += started.elapsed();
                if round == 0 {
                    answers.push(answer);
                }
            }
        }
        assert_eq!(answers[0], answers[1], "same status and message");
        assert_eq!(answers[0].0, 400);
        assert!(
            english(&answers[0].1).contains("Please enter a correct username and password"),
            "{}",
            answers[0].1
        );
        let (unknown, wrong) = (timings[0].as_secs_f64(), timings[1].as_secs_f64());
        assert!(
            unknown > wrong / 3.0 && unknown < wrong * 3.0,
            "an unknown user took {unknown:.3} s, a wrong password {wrong:.3} s"
        );
    }

    async fn five_failures_lock_the_username_from_that_client(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        user(&app, "grace");
        for _ in 0..5 {
            assert_eq!(log_in(&app, &new_browser(), "ada", "wrong password!").await.0, 400);
        }
        let (status, body) = log_in(&app, &new_browser(), "ada", PASSWORD).await;
        assert_eq!(status, 429, "even the right password waits: {body}");
        assert!(body.contains("LockedOut"), "{body}");
        // Without JavaScript the same refusal is a page that says how long to wait.
        let page = new_browser()
            .post(format!("{}/api/accounts/login", app.address))
            .header("accept", "text/html")
            .form(&[("username", "ada"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 429);
        let page = page.text().await.unwrap();
        assert!(page.contains("Too many failed logins. Try again in 15 minutes."), "{page}");
        let (status, _) = log_in(&app, &new_browser(), "grace", PASSWORD).await;
        assert_eq!(status, 200, "only the pair is locked (see accounts::attacks)");
    }

    async fn without_javascript_login_redirects_to_a_same_site_next_only(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        for (next, expected) in [
            ("/catalog/books?page=2", "/catalog/books?page=2"),
            ("//evil.example/", "/"),
            ("https://evil.example/", "/"),
        ] {
            let browser = new_browser();
            let response = browser
                .post(format!("{}/api/accounts/login", app.address))
                .header("accept", "text/html")
                .header("referer", format!("{}/accounts/login", app.address))
                .form(&[("username", "ada"), ("password", PASSWORD), ("next", next)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 302, "{next}");
            assert_eq!(response.headers()["location"], expected, "{next}");
            assert_eq!(logged_in_as(&app, &browser).await.as_deref(), Some("ada"));
        }
        let failed = new_browser()
            .post(format!("{}/api/accounts/login", app.address))
            .header("accept", "text/html")
            .header("referer", format!("{}/accounts/login", app.address))
            .form(&[("username", "ada"), ("password", "wrong password!")])
            .send()
            .await
            .unwrap();
        assert_eq!(failed.status(), 400);
        assert!(failed.text().await.unwrap().contains("Please enter a correct username and password"));
    }

    async fn the_login_page_and_header_speak_djangos_words(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        let (status, _, page) = app.get(&browser, "/accounts/login?next=/catalog/books").await;
        assert_eq!(status, 200);
        for words in [">Username<", ">Password<", ">Log in<", "value=\"/catalog/books\""] {
            assert!(page.contains(words), "{words} missing");
        }
        user(&app, "ada");
        log_in(&app, &browser, "ada", PASSWORD).await;
        let (_, _, home) = app.get(&browser, "/").await;
        assert!(home.contains("Logged in as") && home.contains(">Log out<"), "{home:.4000}");
    }
}
