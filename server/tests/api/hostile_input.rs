//! Hostile cookies, forms and URLs: always a readable 4xx (or a fresh session), never a 5xx,
//! and nothing stored.
use crate::helpers::{both_databases, english, profile_count, visit_sentence, TestApp};
use reqwest::header::HeaderValue;

async fn post(app: &TestApp, path: &str, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", app.address))
        .header("content-type", content_type)
        .header("accept", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

const FORM: &str = "application/x-www-form-urlencoded";
const REGISTER_FN: &str = "/api/registration/register";

both_databases! {
    async fn hostile_cookies_get_a_fresh_session(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        let (_, headers, _) = app.start_session(&browser).await;
        let real = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("sessionid="))
            .expect("a session cookie");
        let real_id = real["sessionid=".len()..]
            .split(';')
            .next()
            .unwrap()
            .to_string();

        let mut cookies: Vec<HeaderValue> = vec![
            HeaderValue::from_str(&format!("sessionid={}", &real_id[..real_id.len() / 2])).unwrap(),
            HeaderValue::from_str(&format!("sessionid={}", "A".repeat(10 * 1024))).unwrap(),
            HeaderValue::from_bytes(b"sessionid=\xff\xfe\xc3\x28abc").unwrap(),
            HeaderValue::from_static("sessionid=BBBBBBBBBBBBBBBBBBBBBB"),
            HeaderValue::from_static("sessionid=\"quoted\"; sessionid=twice"),
            HeaderValue::from_static("sessionid="),
        ];
        // A few random byte strings of cookie-safe characters.
        let mut seed = 0x2545_f491_u32;
        for _ in 0..5 {
            let value: String = (0..40)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    char::from(b'!' + (seed % 90) as u8)
                })
                .filter(|c| *c != ';' && *c != ',' && *c != '\\' && *c != '"')
                .collect();
            cookies.push(HeaderValue::from_str(&format!("sessionid={value}")).unwrap());
        }

        let client = reqwest::Client::new();
        for cookie in cookies {
            let response = client
                .get(format!("{}/", app.address))
                .header("cookie", cookie.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "cookie {cookie:?}");
            let fresh: Vec<_> = response.headers().get_all("set-cookie").iter().collect();
            let fresh = format!("{fresh:?}");
            assert!(
                !fresh.contains(&real_id),
                "{cookie:?} must not reach the real session"
            );
            let body = response.text().await.unwrap();
            assert_eq!(
                visit_sentence(&body).unwrap(),
                "You have visited this page 1 time.",
                "cookie {cookie:?}"
            );
        }
        // The real session is untouched by all of that.
        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 3 times."
        );
    }

    async fn oversized_fields_are_refused_with_a_message(builder) {
        let app = spawn!(builder);
        let big = format!("name={}&email=a%40b.example", "x".repeat(1024 * 1024));
        for path in [REGISTER_FN, "/register"] {
            let (status, body) = post(&app, path, FORM, big.clone().into_bytes()).await;
            assert_eq!(status, 413, "{path}");
            let text = format!("{body}{}", english(&body));
            assert!(text.contains("too large"), "{path}: {body}");
        }
        assert_eq!(profile_count(&app).await, 0);
    }

    async fn malformed_form_bodies_are_client_errors_and_store_nothing(builder) {
        let app = spawn!(builder);
        let nested = format!(
            "{}=1&email=a%40b.example",
            "name".to_string() + &"[x]".repeat(2000)
        );
        let cases: Vec<(&str, &str, Vec<u8>)> = vec![
            (
                "NUL bytes",
                FORM,
                b"name=Ada%00Lovelace&email=ada%40example.com".to_vec(),
            ),
            (
                "raw NUL",
                FORM,
                b"name=Ada\0&email=ada%40example.com".to_vec(),
            ),
            (
                "bad percent-encoding",
                FORM,
                b"name=%ZZ%E0%A4&email=%FF%FE%40x".to_vec(),
            ),
            (
                "raw invalid UTF-8",
                FORM,
                b"name=\xff\xfe&email=\xc3\x28".to_vec(),
            ),
            ("deeply nested keys", FORM, nested.into_bytes()),
            (
                "JSON where a form is expected",
                "application/json",
                br#"{"name":"Ada","email":"ada@example.com"}"#.to_vec(),
            ),
            (
                "wrong content type",
                "text/plain",
                b"name=Ada&email=ada%40example.com".to_vec(),
            ),
            (
                "multipart garbage",
                "multipart/form-data; boundary=x",
                b"--x\r\nnonsense".to_vec(),
            ),
            ("no fields", FORM, Vec::new()),
            ("email missing", FORM, b"name=Ada".to_vec()),
        ];
        for (what, content_type, body) in cases {
            for path in [REGISTER_FN, "/register"] {
                let (status, text) = post(&app, path, content_type, body.clone()).await;
                assert!(
                    (400..500).contains(&status),
                    "{what} at {path}: status {status}: {text:.200}"
                );
                assert!(!text.trim().is_empty(), "{what} at {path}: an empty answer");
            }
        }
        assert_eq!(profile_count(&app).await, 0);
    }

    async fn unknown_server_functions_and_methods_are_4xx(builder) {
        let app = spawn!(builder);
        for path in [
            "/api/nope",
            "/api/registration/register2",
            "/api/../etc/passwd",
        ] {
            let (status, text) = post(&app, path, FORM, b"x=1".to_vec()).await;
            assert!((400..500).contains(&status), "{path}: {status} {text}");
        }
        let response = reqwest::Client::new()
            .delete(format!("{}/register", app.address))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_client_error(), "{}", response.status());
    }

    async fn hostile_urls_are_4xx_or_harmless(builder) {
        let app = spawn!(builder);
        let client = app.browser();
        for path in [
            "/catalog/book/%FF%FE",
            "/catalog/book/1%00",
            "/catalog/author/99999999999999999999999",
            "/catalog/books?page=%FF",
            "/catalog/books?q=%E0%A4",
            "/catalog/books?q=%00",
            &format!("/catalog/books?q={}", "a".repeat(4000)),
            "/%2e%2e/%2e%2e/etc/passwd",
            "/pkg/../../Cargo.toml",
        ] {
            let (status, _, body) = app.get(&client, path).await;
            assert!(status < 500, "{path}: {status}");
            assert!(!body.contains("[workspace]"), "{path} leaked a file");
        }
    }

    async fn hostile_cookies_are_logged_as_warnings(builder) {
        // The binary as its own process, to read its log.
        let Some(server) = builder.spawn_process().await else {
            return;
        };
        let client = reqwest::Client::new();
        for cookie in ["sessionid=AAAAAAAAAAAAAAAAAAAAAA", "sessionid=not-an-id"] {
            let response = client
                .get(format!("{}/", server.address))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
        }
        assert!(
            server.logged(&["WARN", "record not found in store"]).await,
            "a well-formed but unknown id is logged"
        );
        assert!(
            server.logged(&["WARN", "malformed session id"]).await,
            "a malformed id is logged"
        );
    }
}
