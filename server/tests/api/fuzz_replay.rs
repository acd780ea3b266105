//! The kind of input the fuzz target (`fuzz/fuzz_targets/form_and_cookie.rs`) feeds the parsers,
//! sent to the running server on both databases: the parsers not panicking is not enough, the
//! database must take what they let through (PostgreSQL refuses a NUL byte that SQLite takes).
use crate::helpers::{both_databases, TestApp};

/// Bytes that have broken something somewhere: NUL and other controls, SQL and LIKE
/// metacharacters, percent signs, bytes that are never UTF-8, and the pieces of Cyrillic text.
const ALPHABET: &[u8] =
    b"\x00\x01\x08\x09\x0a\x0d\x1b\x7f%_\\'\";=&+?#/.*aZ9 \xff\xfe\xc3\x28\xd0\xb0\xe2\x80\xa8";

/// `count` byte strings made from [`ALPHABET`] by a fixed xorshift sequence, so a failure
/// reproduces, plus the inputs known to have failed once.
fn inputs(count: usize) -> Vec<Vec<u8>> {
    let mut seed = 0x9e37_79b9_u32;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let mut inputs: Vec<Vec<u8>> = vec![
        b"\x00".to_vec(),
        b"zzz\x00".to_vec(),
        b"%\x00_".to_vec(),
        "\u{0}Толстой".as_bytes().to_vec(),
        vec![0xff; 300],
    ];
    for _ in 0..count {
        let len = 1 + next() as usize % 24;
        inputs.push(
            (0..len)
                .map(|_| ALPHABET[next() as usize % ALPHABET.len()])
                .collect(),
        );
    }
    inputs
}

fn percent_encoded(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

async fn status_of(request: reqwest::RequestBuilder) -> (u16, String) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn assert_no_server_error(app: &TestApp, input: &[u8]) {
    let client = reqwest::Client::new();
    let encoded = percent_encoded(input);
    let requests = [
        (
            "search page",
            client.get(format!("{}/catalog/books?q={encoded}", app.address)),
        ),
        (
            "catalog search page",
            client.get(format!(
                "{}/catalog/search?q={encoded}&page={encoded}",
                app.address
            )),
        ),
        (
            "catalog search function",
            client
                .post(format!("{}/api/catalog/search", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("q={encoded}&page={encoded}")),
        ),
        (
            "page number",
            client.get(format!("{}/catalog/authors?page={encoded}", app.address)),
        ),
        (
            "search function",
            client
                .post(format!("{}/api/catalog/books", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("q={encoded}&page={encoded}")),
        ),
        (
            "registration form",
            client
                .post(format!("{}/register", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("name={encoded}&email={encoded}%40example.com")),
        ),
        (
            "reset request",
            client
                .post(format!("{}/api/accounts/password-reset", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("email={encoded}")),
        ),
        (
            "reset link",
            client.get(format!("{}/accounts/reset/{encoded}", app.address)),
        ),
        (
            "set-password form",
            client
                .post(format!("{}/api/accounts/reset", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("new_password={encoded}&confirm_password={encoded}")),
        ),
        (
            "password change form",
            client
                .post(format!("{}/api/accounts/password-change", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "old_password={encoded}&new_password={encoded}&confirm_password={encoded}"
                )),
        ),
        (
            "raw form body",
            client
                .post(format!("{}/api/registration/register", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(input.to_vec()),
        ),
    ];
    for (what, request) in requests {
        let (status, body) = status_of(request).await;
        assert!(
            status < 500,
            "{what} with {input:?}: status {status}: {body:.300}"
        );
    }
}

both_databases! {
    async fn fuzz_style_inputs_never_give_a_server_error(builder) {
        let app = spawn!(builder);
        for input in inputs(150) {
            assert_no_server_error(&app, &input).await;
        }
    }

    async fn a_nul_byte_does_not_cut_a_search_short(builder) {
        let app = spawn!(builder);
        let client = app.browser();
        let (status, _, body) = app.get(&client, "/catalog/books?q=zzzz%00").await;
        assert_eq!(status, 200);
        assert!(body.contains("No books match"), "{body:.2000}");
    }
}
