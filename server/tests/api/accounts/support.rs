//! Users made with the real `createuser` command, and logging in as a browser would.
use crate::helpers::TestApp;
use reqwest::Client;

/// The password every test user gets (it passes the strength rules).
pub const PASSWORD: &str = "correct horse battery";

/// Runs `locallibrary createuser` against the app's database; returns (success, output).
pub fn createuser(app: &TestApp, args: &[&str], password: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("password");
    std::fs::write(&file, format!("{password}\n")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .arg("createuser")
        .args(args)
        .arg("--password-file")
        .arg(&file)
        .envs(app.settings().iter().cloned())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Creates `username` (with an email of the same name) or fails the test.
pub fn user(app: &TestApp, username: &str) {
    let email = format!("{}@example.com", username.to_lowercase());
    let (ok, text) = createuser(app, &[username, "--email", &email], PASSWORD);
    assert!(ok, "{text}");
}

/// Posts the login form the way the hydrated page does (a JSON answer); returns the status and
/// the body.
pub async fn log_in(
    app: &TestApp,
    browser: &Client,
    username: &str,
    password: &str,
) -> (u16, String) {
    let response = browser
        .post(format!("{}/api/accounts/login", app.address))
        .header("accept", "application/json")
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Who the server says is logged in on `browser` (`None` if nobody).
pub async fn logged_in_as(app: &TestApp, browser: &Client) -> Option<String> {
    let body: serde_json::Value = browser
        .post(format!("{}/api/accounts/current", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body.get("username")
        .and_then(|u| u.as_str())
        .map(str::to_string)
}

/// Posts an account server function with `form` (JSON answer); returns the status and body.
pub async fn call(
    app: &TestApp,
    browser: &Client,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    api(app, browser, &format!("accounts/{function}"), form).await
}

/// Posts the server function at `/api/{endpoint}` with `form`, as the hydrated page does (a
/// JSON answer); returns the status and body.
pub async fn api(
    app: &TestApp,
    browser: &Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = browser
        .post(format!("{}/api/{endpoint}", app.address))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A browser logged in as a new librarian `name` (email `name@example.com`).
pub async fn librarian_browser(app: &TestApp, name: &str) -> Client {
    let email = format!("{}@example.com", name.to_lowercase());
    let (ok, text) = createuser(app, &[name, "--librarian", "--email", &email], PASSWORD);
    assert!(ok, "{text}");
    let browser = crate::helpers::new_browser();
    assert_eq!(log_in(app, &browser, name, PASSWORD).await.0, 200);
    browser
}

/// A browser logged in as a new member `name` (email `name@example.com`).
pub async fn member_browser(app: &TestApp, name: &str) -> Client {
    user(app, name);
    let browser = crate::helpers::new_browser();
    assert_eq!(log_in(app, &browser, name, PASSWORD).await.0, 200);
    browser
}
