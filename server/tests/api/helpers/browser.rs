//! Browsers (cookie jars) and reading pages.
use reqwest::Client;

/// A client with its own cookie jar that does not follow redirects, like one browser.
pub fn new_browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A browser (cookie jar, no redirects) that has registered as `name` at the server at
/// `address`, through the plain form post, with "remember me".
pub async fn registered_browser(address: &str, name: &str) -> Client {
    let browser = new_browser();
    let email = format!(
        "{}@example.com",
        name.split_whitespace().next().unwrap_or("x").to_lowercase()
    );
    let response = browser
        .post(format!("{address}/register"))
        .form(&[
            ("name", name),
            ("email", email.as_str()),
            ("remember", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    browser
}

/// The text of the visit sentence in a page.
pub fn visit_sentence(body: &str) -> Option<String> {
    let start = body.find("You have visited this page")?;
    let end = body[start..].find('.')? + start + 1;
    Some(body[start..end].to_string())
}
