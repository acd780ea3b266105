//! Reading session cookies, and requests that bypass any cookie jar.
use crate::helpers::TestApp;
use reqwest::{header::HeaderMap, Client};

/// The `Set-Cookie` for the session cookie called `name`, if the response has one.
pub fn session_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// Whether `set_cookie` has a Max-Age of `age` seconds (the cookie engine counts from the
/// record's expiry, so it may be a second less).
pub fn has_max_age(set_cookie: &str, age: u64) -> bool {
    set_cookie
        .split(';')
        .filter_map(|a| a.trim().strip_prefix("Max-Age="))
        .filter_map(|n| n.parse::<u64>().ok())
        .any(|n| n == age || n + 1 == age)
}

/// The value part of a `Set-Cookie` line.
pub fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

/// A GET with an explicit Cookie header (or none), bypassing any cookie jar.
pub async fn get_with_cookie(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> (u16, HeaderMap, String) {
    let mut request = Client::new().get(format!("{}{path}", app.address));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.text().await.unwrap())
}

/// A new session's cookie (`name=value`), made without a cookie jar: the first visit sets
/// only the test cookie, the visit that sends it back stores the session (two visits counted).
pub async fn new_session_cookie(app: &TestApp, name: &str) -> (HeaderMap, String) {
    let (_, first, _) = get_with_cookie(app, "/", None).await;
    let test_cookie = first
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cookietest="))
        .map(cookie_value)
        .expect("a first visit sets the test cookie");
    let (_, second, _) = get_with_cookie(app, "/", Some(&test_cookie)).await;
    let session = session_cookie(&second, name).expect("the second visit stores a session");
    (second, cookie_value(&session))
}

/// The visit sentence for `n` visits.
pub fn sentence(n: u32) -> String {
    format!(
        "You have visited this page {n} {}.",
        if n == 1 { "time" } else { "times" }
    )
}
