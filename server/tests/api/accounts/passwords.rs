//! Password change (this session stays, the others are signed out) and reset by mail (a link
//! that works once, within the hour, and signs every session out).
use super::support::{call, log_in, logged_in_as, user, PASSWORD};
use crate::{
    helpers::english,
    helpers::{both_databases, new_browser, TestApp},
};

const NEW_PASSWORD: &str = "a much better passphrase";

/// The reset link in the only mail in `outbox`.
async fn reset_link(outbox: &std::path::Path) -> String {
    // The mail is sent after the answer (its timing must not tell an account exists).
    let mails = super::attacks::wait_for_mails(outbox, 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = std::fs::read_to_string(&mails[0]).unwrap();
    assert!(mail.contains("To: ada@example.com"), "{mail}");
    // Quoted-printable may fold long lines with "=\r\n".
    let mail = mail.replace("=\r\n", "").replace("=\n", "");
    let start = mail.find("http://").expect("a link in the mail");
    mail[start..].split_whitespace().next().unwrap().to_string()
}

both_databases! {
    async fn a_password_change_keeps_this_session_and_signs_out_the_others(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let (here, elsewhere) = (new_browser(), new_browser());
        log_in(&app, &here, "ada", PASSWORD).await;
        log_in(&app, &elsewhere, "ada", PASSWORD).await;

        let (status, body) = call(&app, &here, "password-change", &[
            ("old_password", "not my password"),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ]).await;
        assert_eq!(status, 422, "{body}");
        assert!(english(&body).contains("old password was entered incorrectly"), "{body}");
        let (status, body) = call(&app, &here, "password-change", &[
            ("old_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", "something else entirely"),
        ]).await;
        assert_eq!(status, 422);
        assert!(english(&body).contains("didn’t match"), "{body}");

        let (status, body) = call(&app, &here, "password-change", &[
            ("old_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(logged_in_as(&app, &here).await.as_deref(), Some("ada"));
        assert_eq!(logged_in_as(&app, &elsewhere).await, None);
        assert_eq!(log_in(&app, &new_browser(), "ada", PASSWORD).await.0, 400);
        assert_eq!(log_in(&app, &new_browser(), "ada", NEW_PASSWORD).await.0, 200);
    }

    async fn a_reset_link_works_once_and_signs_every_session_out(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()));
        user(&app, "ada");
        let signed_in = new_browser();
        log_in(&app, &signed_in, "ada", PASSWORD).await;

        let stranger = new_browser();
        // An unknown address gets the same answer, and no mail.
        assert_eq!(call(&app, &stranger, "password-reset", &[("email", "nobody@example.com")]).await.0, 200);
        assert_eq!(std::fs::read_dir(outbox.path()).unwrap().count(), 0);
        assert_eq!(call(&app, &stranger, "password-reset", &[("email", "ADA@example.com")]).await.0, 200);
        let link = reset_link(outbox.path()).await;
        let token = link.rsplit('/').next().unwrap().to_string();
        assert!(link.starts_with(&app.address), "{link}");

        // The link is exchanged for a session value and the browser sent on, token-free.
        let opened = stranger.get(&link).send().await.unwrap();
        assert_eq!(opened.status(), 302);
        assert_eq!(opened.headers()["location"], "/accounts/reset/set-password");
        let (status, _, page) = app.get(&stranger, "/accounts/reset/set-password").await;
        assert_eq!(status, 200);
        assert!(page.contains("New password") && !page.contains(&token), "{page:.3000}");
        let reset = |password: &'static str| {
            let (app, stranger) = (&app, &stranger);
            async move {
                call(app, stranger, "reset", &[
                    ("new_password", password),
                    ("confirm_password", password),
                ]).await
            }
        };
        assert_eq!(reset("short").await.0, 422, "the rules still apply");
        assert_eq!(reset(NEW_PASSWORD).await.0, 200);
        assert_eq!(logged_in_as(&app, &signed_in).await, None, "every session is signed out");
        let (status, body) = reset("yet another passphrase").await;
        assert_eq!(status, 400, "the link works once: {body}");
        let again = new_browser();
        again.get(&link).send().await.unwrap();
        let (_, _, page) = app.get(&again, "/accounts/reset/set-password").await;
        assert!(page.contains("invalid, possibly because it has already been used"), "{page:.3000}");
        assert_eq!(log_in(&app, &new_browser(), "ada", NEW_PASSWORD).await.0, 200);
    }

    async fn an_expired_reset_link_does_not_work(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()));
        user(&app, "ada");
        call(&app, &new_browser(), "password-reset", &[("email", "ada@example.com")]).await;
        let link = reset_link(outbox.path()).await;
        let browser = new_browser();
        browser.get(&link).send().await.unwrap();
        sqlx::query("UPDATE password_resets SET expires_at = expires_at - 3601")
            .execute(&app.pool().await)
            .await
            .unwrap();
        let (status, _) = call(&app, &browser, "reset", &[
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ]).await;
        assert_eq!(status, 400);
    }

    async fn the_session_page_shows_the_user_and_forget_everything_logs_out(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let browser = new_browser();
        log_in(&app, &browser, "ada", PASSWORD).await;
        let (_, _, page) = app.get(&browser, "/session").await;
        assert!(page.contains("data-fact=\"user\">ada<"), "{page:.4000}");
        let forget = browser
            .post(format!("{}/api/registration/forget-all", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(forget.status(), 200);
        assert_eq!(logged_in_as(&app, &browser).await, None);
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sign_ins")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert_eq!(rows, 0, "the sign-in is gone too");
    }
}

#[tokio::test]
async fn the_password_change_page_needs_a_login() {
    let Some(app) = TestApp::builder().spawn().await else {
        return;
    };
    let browser = new_browser();
    let (status, body) = call(
        &app,
        &browser,
        "password-change",
        &[
            ("old_password", "x"),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(status, 401, "{body}");
    let page = browser
        .get(format!("{}/accounts/password_change", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 302);
    assert_eq!(
        page.headers()["location"],
        "/accounts/login?next=/accounts/password_change"
    );
}
