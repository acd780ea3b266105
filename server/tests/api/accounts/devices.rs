//! The devices page with every session engine: another device signed out from here is signed
//! out on its very next request, even with `signed_cookies`, whose cookie the server cannot
//! delete.
use super::support::{call, log_in, logged_in_as, user, PASSWORD};
use crate::helpers::{new_browser, TestApp};

async fn devices(app: &TestApp, browser: &reqwest::Client) -> Vec<serde_json::Value> {
    let (status, body) = call(app, browser, "devices", &[]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn other_devices_are_listed_and_signed_out(engine: &str) {
    let Some(app) = TestApp::builder().engine(engine).spawn().await else {
        return;
    };
    user(&app, "ada");
    let (laptop, phone, tablet) = (new_browser(), new_browser(), new_browser());
    for browser in [&laptop, &phone, &tablet] {
        assert_eq!(log_in(&app, browser, "ada", PASSWORD).await.0, 200);
    }
    let listed = devices(&app, &laptop).await;
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(
        listed.iter().filter(|d| d["this_device"] == true).count(),
        1,
        "one is marked as this device"
    );
    assert!(
        listed.iter().all(|d| d["address"] == "127.0.0.1"),
        "{listed:?}"
    );

    // "Sign out" on the phone's row: the phone is out on its next request.
    let phone_id = {
        let mine = devices(&app, &phone).await;
        mine.iter().find(|d| d["this_device"] == true).unwrap()["id"].clone()
    };
    let (status, _) = call(
        &app,
        &laptop,
        "sign-out-device",
        &[("id", &phone_id.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        logged_in_as(&app, &phone).await,
        None,
        "{engine}: the phone is signed out"
    );
    assert_eq!(logged_in_as(&app, &laptop).await.as_deref(), Some("ada"));
    assert_eq!(logged_in_as(&app, &tablet).await.as_deref(), Some("ada"));

    // "Sign out everywhere else".
    let (status, _) = call(&app, &laptop, "sign-out-others", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        logged_in_as(&app, &tablet).await,
        None,
        "{engine}: the tablet is signed out"
    );
    assert_eq!(logged_in_as(&app, &laptop).await.as_deref(), Some("ada"));
    assert_eq!(devices(&app, &laptop).await.len(), 1);

    // Nobody can sign out someone else's device.
    user(&app, "grace");
    let mallory = new_browser();
    log_in(&app, &mallory, "grace", PASSWORD).await;
    let laptop_id = devices(&app, &laptop).await[0]["id"].to_string();
    call(&app, &mallory, "sign-out-device", &[("id", &laptop_id)]).await;
    assert_eq!(logged_in_as(&app, &laptop).await.as_deref(), Some("ada"));
}

macro_rules! engines {
    ($($engine:ident),*) => {
        $(#[tokio::test]
        async fn $engine() {
            other_devices_are_listed_and_signed_out(stringify!($engine)).await
        })*
    };
}

engines!(
    db,
    file,
    cache,
    cached_db,
    signed_cookies,
    redis,
    postgres,
    cached_postgres
);

#[tokio::test]
async fn the_devices_page_needs_a_login() {
    let Some(app) = TestApp::builder().spawn().await else {
        return;
    };
    let response = new_browser()
        .get(format!("{}/accounts/sessions", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers()["location"],
        "/accounts/login?next=/accounts/sessions"
    );
}

/// Logins whose sessions have expired leave the devices list, and used-up or expired reset
/// links go, with the background cleanup.
#[tokio::test]
async fn stale_sign_ins_and_expired_reset_links_are_cleaned_away() {
    let Some(app) = TestApp::builder()
        .env("SESSION_CLEANUP_INTERVAL", "1")
        .spawn()
        .await
    else {
        return;
    };
    user(&app, "ada");
    let (old, current) = (new_browser(), new_browser());
    log_in(&app, &old, "ada", PASSWORD).await;
    log_in(&app, &current, "ada", PASSWORD).await;
    call(
        &app,
        &current,
        "password-reset",
        &[("email", "ada@example.com")],
    )
    .await;
    let pool = app.pool().await;
    sqlx::query("UPDATE sign_ins SET last_seen = last_seen - 30 * 86400 WHERE id = (SELECT MIN(id) FROM sign_ins)")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE password_resets SET expires_at = expires_at - 7200")
        .execute(&pool)
        .await
        .unwrap();
    let count = |table: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let mut left = (2, 1);
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        left = (count("sign_ins").await, count("password_resets").await);
        if left == (1, 0) {
            break;
        }
    }
    assert_eq!(left, (1, 0));
    assert_eq!(devices(&app, &current).await.len(), 1);
}
