//! The `SESSION_COOKIE_*` and `SESSION_SAVE_EVERY_REQUEST` settings with every engine.
use super::{
    engine_suite,
    support::{has_max_age, new_session_cookie, sentence, session_cookie},
};
use crate::helpers::{spawn, visit_sentence, TestAppBuilder};

async fn cookie_attributes_follow_the_settings(builder: TestAppBuilder) {
    let app = spawn!(builder
        .clone()
        .env("SESSION_COOKIE_NAME", "libsid")
        .env("SESSION_COOKIE_DOMAIN", "library.example")
        .env("SESSION_COOKIE_PATH", "/")
        .env("SESSION_COOKIE_SECURE", "true")
        .env("SESSION_COOKIE_HTTPONLY", "false")
        .env("SESSION_COOKIE_SAMESITE", "Strict")
        .env("SESSION_COOKIE_AGE", "3600"));
    let (headers, _) = new_session_cookie(&app, "libsid").await;
    let cookie = session_cookie(&headers, "libsid").expect("a libsid cookie");
    for attribute in [
        "Domain=library.example",
        "Path=/",
        "Secure",
        "SameSite=Strict",
    ] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(has_max_age(&cookie, 3600), "{cookie}");
    assert!(!cookie.contains("HttpOnly"), "{cookie}");

    let app = spawn!(builder
        .clone()
        .env("SESSION_COOKIE_SAMESITE", "None")
        .env("SESSION_COOKIE_SECURE", "true"));
    let (headers, _) = new_session_cookie(&app, "sessionid").await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(
        cookie.contains("SameSite=None") && cookie.contains("Secure"),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "{cookie}");

    let app = spawn!(builder.env("SESSION_COOKIE_SAMESITE", "off"));
    let (headers, _) = new_session_cookie(&app, "sessionid").await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(!cookie.contains("SameSite"), "{cookie}");
}

async fn save_every_request_resends_the_cookie(builder: TestAppBuilder) {
    // Default: a page that does not change the session sends no cookie.
    let app = spawn!(builder.clone());
    let browser = app.browser();
    app.start_session(&browser).await;
    let (_, headers, _) = app.get(&browser, "/catalog/books").await;
    assert!(session_cookie(&headers, "sessionid").is_none());

    let app = spawn!(builder.env("SESSION_SAVE_EVERY_REQUEST", "true"));
    let browser = app.browser();
    app.start_session(&browser).await;
    let (_, headers, _) = app.get(&browser, "/catalog/books").await;
    let cookie = session_cookie(&headers, "sessionid").expect("re-sent on every request");
    assert!(
        has_max_age(&cookie, 1_209_600),
        "the expiry slides: {cookie}"
    );
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(3));
}

engine_suite!(
    cookie_attributes_follow_the_settings,
    save_every_request_resends_the_cookie
);
