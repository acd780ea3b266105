//! Registration, forget-me and their session effects.
use crate::helpers::{both_databases, TestApp};
use reqwest::{cookie::CookieStore, Client};
use std::sync::Arc;

/// A browser whose cookie jar the test can read.
fn browser_with_jar() -> (Client, Arc<reqwest::cookie::Jar>) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let client = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (client, jar)
}

fn session_id(app: &TestApp, jar: &reqwest::cookie::Jar) -> Option<String> {
    let cookies = jar.cookies(&app.address.parse().unwrap())?;
    cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| c.strip_prefix("sessionid=").map(str::to_string))
}

/// Calls the register server function as the hydrated page does.
async fn register(app: &TestApp, client: &Client, body: &str) -> (u16, String) {
    let response = client
        .post(format!("{}/api/registration/register", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn profile_rows(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT email, name FROM user_profiles ORDER BY id")
        .fetch_all(&app.pool().await)
        .await
        .unwrap()
}

/// The facts on the /session page, by name.
async fn session_fact(app: &TestApp, client: &Client, fact: &str) -> String {
    let (_, _, body) = app.get(client, "/session").await;
    let marker = format!("data-fact=\"{fact}\">");
    let start = body.find(&marker).unwrap() + marker.len();
    body[start..].split('<').next().unwrap().to_string()
}

both_databases! {
    async fn valid_registration_saves_profile_and_rotates_the_session_id(builder) {
        let app = spawn!(builder);
        let (client, jar) = browser_with_jar();
        app.get(&client, "/").await;
        app.get(&client, "/").await;
        let before = session_id(&app, &jar).unwrap();

        let (status, body) = register(
            &app,
            &client,
            "name=%20Ada%20Lovelace%20&email=Ada@Example.COM&remember=on",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            profile_rows(&app).await,
            [("ada@example.com".into(), "Ada Lovelace".into())]
        );
        let after = session_id(&app, &jar).unwrap();
        assert_ne!(before, after, "the session id must change on registration");

        assert_eq!(session_fact(&app, &client, "name").await, "Ada Lovelace");
        assert_eq!(
            session_fact(&app, &client, "email").await,
            "ada@example.com"
        );
        assert_eq!(
            session_fact(&app, &client, "visits").await,
            "2",
            "visits survive the rotation"
        );
        let (_, _, home) = app.get(&client, "/catalog/books").await;
        assert!(home.contains("Hello, <span class=\"visitor-name\">Ada Lovelace</span>"));

        // The pre-registration cookie is dead: it loads nothing.
        let stranger = Client::new();
        let (_, _, page) = app.get(&stranger, "/session").await;
        assert!(page.contains("Not registered"));
        let old = stranger
            .get(format!("{}/session", app.address))
            .header("cookie", format!("sessionid={before}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(old.contains("Not registered") && !old.contains("Ada"));
    }

    async fn invalid_input_writes_nothing(builder) {
        let app = spawn!(builder);
        let (client, jar) = browser_with_jar();
        app.start_session(&client).await;
        let before = session_id(&app, &jar).unwrap();
        let long_name = "n".repeat(101);
        let long_email = format!("{}@example.com", "a".repeat(243));
        for (body, field) in [
            ("name=Ada&email=not-an-email".to_string(), "email"),
            ("name=%20%20&email=ada@example.com".to_string(), "name"),
            (format!("name={long_name}&email=ada@example.com"), "name"),
            (format!("name=Ada&email={long_email}"), "email"),
        ] {
            let (status, text) = register(&app, &client, &body).await;
            assert_eq!(status, 422, "{body}");
            assert!(text.contains("Invalid") && text.contains(field), "{text}");
        }
        assert!(profile_rows(&app).await.is_empty());
        assert_eq!(session_id(&app, &jar).unwrap(), before);
        assert_eq!(session_fact(&app, &client, "name").await, "Not registered");
    }

    async fn re_registering_the_same_email_updates_one_row(builder) {
        let app = spawn!(builder);
        let (client, _) = browser_with_jar();
        register(&app, &client, "name=Ada&email=ada@example.com").await;
        let (other, _) = browser_with_jar();
        let (status, _) = register(&app, &other, "name=Countess%20Ada&email=ADA@EXAMPLE.com").await;
        assert_eq!(status, 200);
        assert_eq!(
            profile_rows(&app).await,
            [("ada@example.com".into(), "Countess Ada".into())]
        );
    }

    async fn forget_me_removes_identity_but_keeps_the_counter(builder) {
        let app = spawn!(builder);
        let (client, jar) = browser_with_jar();
        app.get(&client, "/").await;
        register(&app, &client, "name=Ada&email=ada@example.com").await;
        let registered = session_id(&app, &jar).unwrap();
        let response = client
            .post(format!("{}/api/registration/forget", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_ne!(session_id(&app, &jar).unwrap(), registered);
        assert_eq!(session_fact(&app, &client, "name").await, "Not registered");
        assert_eq!(session_fact(&app, &client, "visits").await, "1");
        assert_eq!(
            profile_rows(&app).await.len(),
            1,
            "the profile row itself stays"
        );
    }

    async fn remember_me_unchecked_gives_a_browser_session_cookie(builder) {
        let app = spawn!(builder);
        let (client, _) = browser_with_jar();
        let response = client
            .post(format!("{}/api/registration/register", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("name=Ada&email=ada@example.com")
            .send()
            .await
            .unwrap();
        let cookie = response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(!cookie.contains("Max-Age"), "{cookie}");
        // Later changes (a home visit) must not turn it into a two-week cookie.
        let (_, headers, _) = app.get(&client, "/").await;
        let cookie = headers["set-cookie"].to_str().unwrap();
        assert!(!cookie.contains("Max-Age"), "{cookie}");
        assert_eq!(session_fact(&app, &client, "browser-close").await, "Yes");

        let (client, _) = browser_with_jar();
        let response = client
            .post(format!("{}/api/registration/register", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("name=Bob&email=bob@example.com&remember=on")
            .send()
            .await
            .unwrap();
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        assert!(cookie.contains("Max-Age=1209600"), "{cookie}");
    }

    async fn cross_site_posts_are_refused_and_change_nothing(builder) {
        let app = spawn!(builder);
        let (client, _) = browser_with_jar();
        for (header, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let response = client
                .post(format!("{}/api/registration/register", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .header(header, value)
                .body("name=Mallory&email=mallory@example.com")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403);
            let response = client
                .post(format!("{}/register", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .header(header, value)
                .body("name=Mallory&email=mallory@example.com")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403);
        }
        assert!(profile_rows(&app).await.is_empty());
    }

    async fn form_posted_without_javascript_redirects_or_shows_messages(builder) {
        let app = spawn!(builder);
        let (client, _) = browser_with_jar();
        let response = client
            .post(format!("{}/register", app.address))
            .form(&[("name", "<img src=x onerror=alert(1)>"), ("email", "nope")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        let body = response.text().await.unwrap();
        assert!(body.contains("Please enter a valid email address"));
        assert!(body.contains("aria-invalid=\"true\""));
        assert!(!body.contains("<img src=x"), "typed text is escaped");

        let response = client
            .post(format!("{}/register", app.address))
            .form(&[
                ("name", "<img src=x onerror=alert(1)>"),
                ("email", "x@example.com"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/register");
        let (_, _, page) = app.get(&client, "/register").await;
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!page.contains("<img src=x"));
    }

    async fn oversized_bodies_are_refused(builder) {
        let app = spawn!(builder);
        let (client, _) = browser_with_jar();
        let huge = format!("name={}&email=a@example.com", "a".repeat(1_000_000));
        let (status, _) = register(&app, &client, &huge).await;
        assert_eq!(status, 413);
        assert!(profile_rows(&app).await.is_empty());
    }
}
