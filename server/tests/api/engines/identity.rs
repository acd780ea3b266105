//! Session ids with every engine: rotated on registering, deleted by "forget everything", and
//! never accepted when bogus, tampered or oversized.
use super::{
    engine_suite,
    support::{cookie_value, get_with_cookie, new_session_cookie, sentence, session_cookie},
};
use crate::helpers::{spawn, visit_sentence, TestAppBuilder};

async fn rotation_keeps_the_data(builder: TestAppBuilder) {
    let app = spawn!(builder);
    let browser = app.browser();
    let (_, headers, _) = app.start_session(&browser).await;
    let before = cookie_value(&session_cookie(&headers, "sessionid").unwrap());

    let response = browser
        .post(format!("{}/register", app.address))
        .form(&[
            ("name", "Ada"),
            ("email", "ada@example.com"),
            ("remember", "on"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 303);
    let after = cookie_value(&session_cookie(response.headers(), "sessionid").unwrap());
    assert_ne!(before, after, "a new id after registering");
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(3));
    assert!(body.contains("Ada"), "still greeted");
}

async fn flush_deletes_the_session_and_its_cookie(builder: TestAppBuilder) {
    let app = spawn!(builder);
    let browser = app.browser();
    let (_, headers, _) = app.start_session(&browser).await;
    let old = cookie_value(&session_cookie(&headers, "sessionid").unwrap());

    let response = browser
        .post(format!("{}/api/registration/forget-all", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let removal = session_cookie(response.headers(), "sessionid").expect("a removal cookie");
    assert!(
        removal.contains("Max-Age=0") || removal.contains("1970"),
        "{removal}"
    );
    // Even a copy of the old cookie finds nothing any more.
    let (status, _, body) = get_with_cookie(&app, "/", Some(&old)).await;
    assert_eq!(status, 200);
    assert_eq!(visit_sentence(&body).unwrap(), sentence(1));
}

async fn bogus_tampered_and_oversized_cookies_start_fresh(builder: TestAppBuilder) {
    let app = spawn!(builder);
    let (_, real) = new_session_cookie(&app, "sessionid").await;
    let value = real.trim_start_matches("sessionid=");
    let mut tampered = value.to_string().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();

    for cookie in [
        format!("sessionid={tampered}"),
        format!("sessionid={}", &value[..value.len() / 2]),
        format!("sessionid={}", "A".repeat(8 * 1024)),
        "sessionid=AAAAAAAAAAAAAAAAAAAAAA".to_string(),
        "sessionid=%00%ff".to_string(),
    ] {
        let (status, _, body) = get_with_cookie(&app, "/", Some(&cookie)).await;
        assert_eq!(status, 200, "{cookie:.40}");
        assert_eq!(visit_sentence(&body).unwrap(), sentence(1), "{cookie:.40}");
    }
}

engine_suite!(
    rotation_keeps_the_data,
    flush_deletes_the_session_and_its_cookie,
    bogus_tampered_and_oversized_cookies_start_fresh
);
