//! Django's login rules with every session engine: a login cycles the id and keeps the
//! anonymous data, another user's login flushes first, a logout flushes everything, and a
//! password change signs the other sessions out.
use super::{engine_suite, support::sentence};
use crate::{
    accounts::support::{call, log_in, logged_in_as, user, PASSWORD},
    helpers::{new_browser, spawn, visit_sentence, TestAppBuilder},
};

async fn login_rules_hold(builder: TestAppBuilder) {
    let app = spawn!(builder);
    user(&app, "ada");
    user(&app, "grace");
    let browser = new_browser();
    app.start_session(&browser).await;
    assert_eq!(log_in(&app, &browser, "ada", PASSWORD).await.0, 200);
    let (_, _, home) = app.get(&browser, "/").await;
    assert_eq!(
        visit_sentence(&home).unwrap(),
        sentence(3),
        "the count carries on"
    );
    assert_eq!(logged_in_as(&app, &browser).await.as_deref(), Some("ada"));

    assert_eq!(log_in(&app, &browser, "grace", PASSWORD).await.0, 200);
    let (_, _, home) = app.get(&browser, "/").await;
    assert_eq!(
        visit_sentence(&home).unwrap(),
        sentence(1),
        "another user starts afresh"
    );

    let other = new_browser();
    log_in(&app, &other, "grace", PASSWORD).await;
    let (status, _) = call(
        &app,
        &browser,
        "password-change",
        &[
            ("old_password", PASSWORD),
            ("new_password", "a much better passphrase"),
            ("confirm_password", "a much better passphrase"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(logged_in_as(&app, &browser).await.as_deref(), Some("grace"));
    assert_eq!(
        logged_in_as(&app, &other).await,
        None,
        "the other session is signed out"
    );

    assert_eq!(call(&app, &browser, "logout", &[]).await.0, 200);
    assert_eq!(logged_in_as(&app, &browser).await, None);
    let (_, _, home) = app.get(&browser, "/").await;
    assert_eq!(
        visit_sentence(&home).unwrap(),
        sentence(1),
        "logout flushes the counter too"
    );
}

engine_suite!(login_rules_hold);
