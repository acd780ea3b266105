//! Logs an operator can follow and share: `LOG_FORMAT=json` lines, one access line per request
//! tagged with its id, and no secret in any line at any level.
use crate::helpers::{fresh_database, ServerProcess, TestApp};
use reqwest::{cookie::CookieStore, Client};
use std::{path::Path, sync::Arc};

const PASSWORD: &str = "first horse battery staple";
const NEW_PASSWORD: &str = "second horse battery staple";
const WRONG_PASSWORD: &str = "guessing-is-not-knowing";

fn createuser(database_url: &str, outbox: &Path) {
    let file = outbox.parent().unwrap().join("password");
    std::fs::write(&file, format!("{PASSWORD}\n")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .args([
            "createuser",
            "ada",
            "--email",
            "ada@example.com",
            "--password-file",
        ])
        .arg(&file)
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

async fn post(browser: &Client, url: String, form: &[(&str, &str)]) -> u16 {
    let response = browser
        .post(url)
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

/// Signs in, fails a login, resets the password through its mailed link and signs in again,
/// all through `server`; returns every secret that went over the wire.
async fn a_members_secrets(server: &ServerProcess, outbox: &Path) -> Vec<String> {
    let address = &server.address;
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let browser = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    browser.get(format!("{address}/")).send().await.unwrap();
    browser.get(format!("{address}/")).send().await.unwrap();
    let login = format!("{address}/api/accounts/login");
    assert_eq!(
        post(
            &browser,
            login.clone(),
            &[("username", "ada"), ("password", WRONG_PASSWORD)]
        )
        .await,
        400
    );
    assert_eq!(
        post(
            &browser,
            login.clone(),
            &[("username", "ada"), ("password", PASSWORD)]
        )
        .await,
        200
    );
    let mut secrets: Vec<String> = cookie_values(&jar, address);
    let stranger = crate::helpers::new_browser();
    let reset = format!("{address}/api/accounts/password-reset");
    assert_eq!(
        post(&stranger, reset, &[("email", "ada@example.com")]).await,
        200
    );
    let link = mailed_link(outbox).await;
    let token = link.rsplit('/').next().unwrap().to_string();
    assert_eq!(stranger.get(&link).send().await.unwrap().status(), 302);
    let page = stranger
        .get(format!("{address}/accounts/reset/set-password"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let set = stranger
        .post(format!("{address}/api/accounts/reset"))
        .header("accept", "application/json")
        .form(&[
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let status = set.status().as_u16();
    assert_eq!(status, 200, "{}", set.text().await.unwrap());
    assert_eq!(
        post(
            &browser,
            login,
            &[("username", "ada"), ("password", NEW_PASSWORD)]
        )
        .await,
        200
    );
    secrets.extend(cookie_values(&jar, address));
    secrets.extend([PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, &token].map(String::from));
    secrets
}

fn cookie_values(jar: &reqwest::cookie::Jar, address: &str) -> Vec<String> {
    let url = address.parse().unwrap();
    let header = jar.cookies(&url).expect("the site set cookies");
    header
        .to_str()
        .unwrap()
        .split("; ")
        .filter_map(|pair| pair.split_once('=').map(|(_, value)| value.to_string()))
        .filter(|value| value.len() >= 8)
        .collect()
}

async fn mailed_link(outbox: &Path) -> String {
    for _ in 0..100 {
        if let Some(entry) = std::fs::read_dir(outbox)
            .unwrap()
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
        {
            // Quoted-printable may fold long lines with "=\r\n".
            let mail = std::fs::read_to_string(entry.path())
                .unwrap()
                .replace("=\r\n", "")
                .replace("=\n", "");
            if let Some(at) = mail.find("/accounts/reset/") {
                let start = mail[..at].rfind("http").unwrap();
                let end = mail[at..]
                    .find(char::is_whitespace)
                    .map_or(mail.len(), |e| at + e);
                return mail[start..end].to_string();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no reset mail in {}", outbox.display());
}

/// The server at `database_url`, logging everything (`RUST_LOG=trace`) as JSON.
async fn run_and_search(database_url: String, dir: tempfile::TempDir, db_password: Option<&str>) {
    let outbox = dir.path().join("outbox");
    createuser(&database_url, &outbox);
    let server = TestApp::builder()
        .database_url(database_url.clone())
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "trace")
        .env("TRUSTED_PROXIES", "127.0.0.1")
        .env("INSTANCE_NAME", "alpha")
        .env("EMAIL_OUTBOX", outbox.display().to_string())
        .spawn_process()
        .await
        .unwrap();
    let mut secrets = a_members_secrets(&server, &outbox).await;
    secrets.extend(db_password.map(String::from));

    // A proxy's id is taken and returned; one that is not a plain token is replaced.
    let client = Client::new();
    let traced = client
        .get(format!("{}/catalog/book/1", server.address))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(traced.status(), 200);
    assert_eq!(traced.headers()["x-request-id"], "trace-me-42");
    let replaced = client
        .get(format!("{}/", server.address))
        .header("x-request-id", "two words")
        .send()
        .await
        .unwrap();
    let made = replaced.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        made.len() == 32 && made.chars().all(|c| c.is_ascii_hexdigit()),
        "{made}"
    );

    assert!(server.line_with("trace-me-42").await.is_some());
    assert!(server.line_with(&made).await.is_some());
    server.terminate();
    let lines = server.log_lines();
    let access = |id: &str| {
        lines
            .iter()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .find(|line| line["target"] == "access" && line["fields"]["id"] == id)
            .unwrap_or_else(|| panic!("no access line for {id}"))
    };
    let line = access("trace-me-42");
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["fields"]["route"], "/catalog/book/:id");
    assert_eq!(line["fields"]["status"], 200);
    assert_eq!(line["fields"]["method"], "GET");
    assert_eq!(line["fields"]["instance"], "alpha");
    assert!(line["fields"]["latency_ms"].as_f64().is_some(), "{line}");
    assert_eq!(access(&made)["fields"]["route"], "/");

    let not_json: Vec<&String> = lines
        .iter()
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).is_err())
        .collect();
    assert!(
        not_json.is_empty(),
        "lines that are not JSON: {:?}",
        &not_json[..not_json.len().min(3)]
    );
    assert!(
        lines.len() > 100,
        "trace level logs plenty: {}",
        lines.len()
    );
    for secret in &secrets {
        if let Some(line) = lines.iter().find(|l| l.contains(secret.as_str())) {
            panic!("a secret ({secret:.6}…) is in the log: {line:.400}");
        }
    }
}

/// On SQLite: passwords, session ids, cookies and reset tokens never reach a log line.
#[tokio::test]
async fn json_logs_tag_requests_and_hold_no_secret_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("library.db").display());
    run_and_search(url, dir, None).await;
}

/// On PostgreSQL, with a password in `DATABASE_URL` (the local server trusts any).
#[tokio::test]
async fn json_logs_tag_requests_and_hold_no_secret_on_postgres() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let password = "db-pass-5f3a9c";
    let url = url.replacen("://postgres@", &format!("://postgres:{password}@"), 1);
    assert!(url.contains(password), "{url}");
    run_and_search(url, tempfile::tempdir().unwrap(), Some(password)).await;
}
