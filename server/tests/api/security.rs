//! Security headers, cookies behind a TLS proxy, cross-site writes and the registration limit.
use crate::helpers::{both_databases, profile_count};
use reqwest::Client;

both_databases! {
    async fn html_pages_carry_a_nonce_csp_and_the_other_headers(builder) {
        let app = spawn!(builder);
        for path in ["/", "/catalog/books", "/register", "/no-such-page"] {
            let (_, headers, body) = app.get(&app.browser(), path).await;
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(
                csp.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-"),
                "{path}: {csp}"
            );
            assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
            assert!(!csp.contains("unsafe-inline"), "{csp}");
            assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
            assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
            assert_eq!(headers["x-frame-options"], "DENY", "{path}");

            // Every inline script carries this response's nonce, or the browser would block it.
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .unwrap()
                .split('\'')
                .next()
                .unwrap();
            for script in body.split("<script").skip(1) {
                let tag = script.split('>').next().unwrap();
                if !tag.contains("src=") {
                    assert!(
                        tag.contains(&format!("nonce=\"{nonce}\"")),
                        "{path}: <script{tag}>"
                    );
                }
            }
        }
        let (_, first, _) = app.get(&app.browser(), "/").await;
        let (_, second, _) = app.get(&app.browser(), "/").await;
        assert_ne!(
            first["content-security-policy"], second["content-security-policy"],
            "a fresh nonce per response"
        );
    }

    async fn cookies_are_secure_only_behind_a_trusted_tls_proxy(builder) {
        let set_cookie = |client: Client, address: String, proto: &'static str| async move {
            let response = client
                .get(format!("{address}/"))
                .header("x-forwarded-proto", proto)
                .header("x-forwarded-for", "203.0.113.9")
                .send()
                .await
                .unwrap();
            response.headers()["set-cookie"]
                .to_str()
                .unwrap()
                .to_string()
        };
        let trusting = spawn!(builder.clone().env("TRUSTED_PROXIES", "127.0.0.1"));
        let cookie = set_cookie(Client::new(), trusting.address.clone(), "https").await;
        assert!(cookie.contains("; Secure"), "{cookie}");
        for attribute in ["HttpOnly", "SameSite=Lax"] {
            assert!(cookie.contains(attribute), "{cookie}");
        }
        let cookie = set_cookie(Client::new(), trusting.address.clone(), "http").await;
        assert!(!cookie.contains("Secure"), "{cookie}");

        // Without the setting anyone could claim HTTPS (or another address): ignored.
        let plain = spawn!(builder);
        let cookie = set_cookie(Client::new(), plain.address.clone(), "https").await;
        assert!(!cookie.contains("Secure"), "{cookie}");
    }

    async fn no_state_changing_server_function_accepts_a_cross_site_call(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        app.get(&browser, "/").await;
        let calls = [
            (
                "/api/registration/register",
                "name=Eve&email=eve%40example.com&remember=on",
            ),
            ("/api/registration/forget", ""),
            ("/api/registration/forget-all", ""),
            ("/api/catalog/page-size", "size=50"),
            ("/api/visits/record", ""),
            ("/register", "name=Eve&email=eve%40example.com"),
        ];
        for (path, body) in calls {
            for (header, value) in [
                ("sec-fetch-site", "cross-site"),
                ("sec-fetch-site", "same-site"),
                ("origin", "https://evil.example"),
                ("origin", "null"),
            ] {
                let response = browser
                    .post(format!("{}{path}", app.address))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header(header, value)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 403, "{path} with {header}: {value}");
                assert!(response.headers().get("set-cookie").is_none(), "{path}");
            }
        }
        assert_eq!(profile_count(&app).await, 0);
        let (_, _, body) = app.get(&browser, "/").await;
        assert!(
            body.contains("You have visited this page 2 times."),
            "counter untouched"
        );
    }

    /// Two servers on one database count one client's attempts together: a balancer spreading
    /// a client over the cluster gives it the limit once, not once per server.
    async fn the_registration_limit_is_shared_by_every_server(builder) {
        let first = spawn!(builder.env("REGISTRATION_RATE_LIMIT", "2"));
        let Some(second) = crate::helpers::TestApp::builder()
            .database_url(first.database_url.clone())
            .env("REGISTRATION_RATE_LIMIT", "2")
            .spawn()
            .await
        else {
            return;
        };
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut statuses = Vec::new();
        for (i, app) in [&first, &second, &first, &second].into_iter().enumerate() {
            let response = client
                .post(format!("{}/register", app.address))
                .form(&[("name", "Ada"), ("email", &format!("shared{i}@example.com"))])
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
        }
        assert_eq!(statuses, [303, 303, 429, 429]);
    }

    async fn registration_is_rate_limited_per_client_with_a_friendly_429(builder) {
        let app = spawn!(builder.env("REGISTRATION_RATE_LIMIT", "3"));
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        for i in 0..3 {
            let response = client
                .post(format!("{}/register", app.address))
                .form(&[("name", "Ada"), ("email", &format!("ada{i}@example.com"))])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 303, "attempt {i}");
        }
        let page = client
            .post(format!("{}/register", app.address))
            .form(&[("name", "Ada"), ("email", "ada9@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 429);
        assert!(page.headers().contains_key("retry-after"));
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Too many attempts") && html.contains("seconds"),
            "{html}"
        );

        // The server function gets the same limit, as an error the WASM form can show.
        let api = client
            .post(format!("{}/api/registration/register", app.address))
            .form(&[("name", "Ada"), ("email", "ada9@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), 429);
        assert!(api.text().await.unwrap().contains("RateLimited"));
        assert_eq!(profile_count(&app).await, 3);

        // Reading pages is never limited.
        let (status, _, _) = app.get(&client, "/register").await;
        assert_eq!(status, 200);
    }
}

/// Refusing one request must never change another's answer: the refusal once set its status
/// through whatever Leptos context was current on the thread, and a page served at the same
/// moment went out as a 403.
#[tokio::test]
async fn refusals_do_not_leak_into_pages_served_at_the_same_time() {
    let app = crate::helpers::TestApp::builder().spawn().await.unwrap();
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..300 {
        let (client, address) = (app.browser(), app.address.clone());
        requests.spawn(async move {
            if i % 2 == 0 {
                let response = client
                    .post(format!("{address}/api/catalog/page-size"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("sec-fetch-site", "cross-site")
                    .body("size=50")
                    .send()
                    .await
                    .unwrap();
                (false, response.status().as_u16())
            } else {
                let response = client.get(format!("{address}/")).send().await.unwrap();
                (true, response.status().as_u16())
            }
        });
    }
    while let Some(answer) = requests.join_next().await {
        let (page, status) = answer.unwrap();
        assert_eq!(status, if page { 200 } else { 403 }, "page: {page}");
    }
}

/// Registration attempts through a trusted proxy (the test's own address) from clients named in
/// `X-Forwarded-For`; the status of each.
async fn attempts_forwarded_for(app: &crate::helpers::TestApp, clients: &[&str]) -> Vec<u16> {
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut statuses = Vec::new();
    for (i, forwarded_for) in clients.iter().enumerate() {
        let response = client
            .post(format!("{}/register", app.address))
            .header("x-forwarded-for", *forwarded_for)
            .form(&[("name", "Ada"), ("email", &format!("ada{i}@example.com"))])
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    statuses
}

/// A client cannot dodge the limit by picking a new address for each attempt: IPv6 clients are
/// limited by their /64, and junk in `X-Forwarded-For` ends the walk instead of being skipped
/// (so the address written before it is not believed).
#[tokio::test]
async fn the_rate_limit_cannot_be_dodged_by_changing_addresses() {
    let app = crate::helpers::spawn!(crate::helpers::TestApp::builder()
        .env("REGISTRATION_RATE_LIMIT", "2")
        .env("TRUSTED_PROXIES", "127.0.0.1"));
    let same_64 = ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:a:b:c:d"];
    assert_eq!(
        attempts_forwarded_for(&app, &same_64).await,
        [303, 303, 429]
    );
    assert_eq!(
        attempts_forwarded_for(&app, &["2001:db8:5:7::1"]).await,
        [303],
        "another /64 is another client"
    );
    let junk_after = [
        "198.51.100.1, junk",
        "198.51.100.2, junk",
        "198.51.100.3, junk",
    ];
    assert_eq!(
        attempts_forwarded_for(&app, &junk_after).await,
        [303, 303, 429]
    );
}
