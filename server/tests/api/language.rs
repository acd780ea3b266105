//! Russian and English: `Accept-Language` on a first visit, the choice kept in the session
//! (through login and logout), the switch as a plain form, and error pages in the language.
use crate::accounts::support::{log_in, user, PASSWORD};
use crate::helpers::{both_databases, new_browser, TestApp};
use reqwest::Client;

/// GETs `path` with an optional `Accept-Language`; returns status, `Vary` and body.
async fn page(
    app: &TestApp,
    browser: &Client,
    path: &str,
    accept: Option<&str>,
) -> (u16, String, String) {
    let mut request = browser.get(format!("{}{path}", app.address));
    if let Some(accept) = accept {
        request = request.header("accept-language", accept);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let vary = response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ");
    (status, vary, response.text().await.unwrap())
}

/// The `lang` of the page's `<html>`.
fn html_lang(body: &str) -> &str {
    let start = body.find("<html lang=\"").expect("an html element") + "<html lang=\"".len();
    &body[start..start + body[start..].find('"').unwrap()]
}

/// Chooses `lang` the way the hydrated switch does (a JSON answer).
async fn choose(app: &TestApp, browser: &Client, lang: &str) -> (u16, String) {
    let response = browser
        .post(format!("{}/api/language", app.address))
        .header("accept", "application/json")
        .form(&[("lang", lang)])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

both_databases! {
    async fn accept_language_decides_until_the_visitor_chooses(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        let (status, vary, body) = page(&app, &browser, "/", Some("ru-RU,ru;q=0.9,en;q=0.8")).await;
        assert_eq!(status, 200);
        assert_eq!(html_lang(&body), "ru");
        assert!(body.contains("Вы посетили эту страницу 1 раз."), "{body}");
        assert!(body.contains("Все книги"), "the navigation is Russian");
        assert!(vary.to_lowercase().contains("accept-language"), "Vary: {vary}");

        for accept in [None, Some("de-DE,fr;q=0.9"), Some("en-GB,en;q=0.9,ru;q=0.5"), Some("%%junk")] {
            let (_, _, body) = page(&app, &new_browser(), "/", accept).await;
            assert_eq!(html_lang(&body), "en", "{accept:?}");
            assert!(body.contains("You have visited this page 1 time."), "{accept:?}");
        }
    }

    async fn the_choice_is_kept_in_the_session_and_beats_the_browser(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        let (status, body) = choose(&app, &browser, "ru").await;
        assert_eq!((status, body.as_str()), (200, "\"Ru\""));

        let (_, _, books) = page(&app, &browser, "/catalog/books", Some("en")).await;
        assert_eq!(html_lang(&books), "ru");
        assert!(books.contains("Все книги"), "{books}");
        assert!(!books.contains("All books"), "no English heading left");
        let (_, _, copies) = page(&app, &browser, "/catalog/bookinstances", Some("en")).await;
        assert!(copies.contains(" экземпляр"), "the total is Russian: {copies}");
        let (_, _, session) = page(&app, &browser, "/session", None).await;
        assert!(session.contains("data-fact=\"language\""), "{session}");
        assert!(session.contains("Русский"), "{session}");

        // Another browser is not affected.
        let (_, _, other) = page(&app, &new_browser(), "/catalog/books", None).await;
        assert_eq!(html_lang(&other), "en");

        let (status, _) = choose(&app, &browser, "en").await;
        assert_eq!(status, 200);
        let (_, _, books) = page(&app, &browser, "/catalog/books", Some("ru")).await;
        assert_eq!(html_lang(&books), "en");
        assert!(books.contains("All books"));
    }

    async fn the_switch_works_as_a_plain_form(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        let response = browser
            .post(format!("{}/api/language", app.address))
            .header("accept", "text/html")
            .header("referer", format!("{}/catalog/authors?page=1", app.address))
            .form(&[("lang", "ru")])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert!(location.ends_with("/catalog/authors?page=1"), "{location}");
        let (_, _, body) = page(&app, &browser, "/catalog/authors?page=1", None).await;
        assert_eq!(html_lang(&body), "ru");
        assert!(body.contains("Все авторы"));
    }

    async fn an_unknown_language_is_a_clear_error_and_changes_nothing(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        assert_eq!(choose(&app, &browser, "ru").await.0, 200);
        for junk in ["de", "", "ru\u{0}", "<script>"] {
            let (status, body) = choose(&app, &browser, junk).await;
            assert_eq!(status, 400, "{junk:?}: {body}");
            assert!(body.contains("language-unknown"), "{body}");
        }
        // The plain form gets a readable page, in the visitor's language.
        let response = browser
            .post(format!("{}/api/language", app.address))
            .header("accept", "text/html")
            .form(&[("lang", "klingon")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let body = response.text().await.unwrap();
        assert!(body.contains("<html lang=\"ru\">"), "{body}");
        assert!(body.contains("не язык этого сайта"), "{body}");
        let (_, _, books) = page(&app, &browser, "/catalog/books", None).await;
        assert_eq!(html_lang(&books), "ru", "the stored choice is intact");
    }

    async fn the_choice_survives_login_and_logout_but_not_forget_everything(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        user(&app, "grace");
        let browser = new_browser();
        assert_eq!(choose(&app, &browser, "ru").await.0, 200);
        assert_eq!(log_in(&app, &browser, "ada", PASSWORD).await.0, 200);
        let (_, _, home) = page(&app, &browser, "/", None).await;
        assert_eq!(html_lang(&home), "ru", "kept through the login");
        // A login as someone else flushes the session first; the language stays.
        assert_eq!(log_in(&app, &browser, "grace", PASSWORD).await.0, 200);
        let (_, _, home) = page(&app, &browser, "/", None).await;
        assert_eq!(html_lang(&home), "ru", "kept through a login as another user");

        let response = browser
            .post(format!("{}/api/accounts/logout", app.address))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let (_, _, home) = page(&app, &browser, "/", Some("en")).await;
        assert_eq!(html_lang(&home), "ru", "kept through the logout");

        let response = browser
            .post(format!("{}/api/registration/forget-all", app.address))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let (_, _, home) = page(&app, &browser, "/", Some("en")).await;
        assert_eq!(html_lang(&home), "en", "forget everything forgets the language too");
    }

    async fn error_pages_speak_the_visitors_language(builder) {
        let app = spawn!(builder);
        let browser = new_browser();
        let (status, _, body) = page(&app, &browser, "/catalog/book/99999999", Some("ru")).await;
        assert_eq!(status, 404);
        assert_eq!(html_lang(&body), "ru");
        assert!(body.contains("Не найдено"), "{body}");
        let (status, _, body) = page(&app, &browser, "/no/such/page", Some("ru")).await;
        assert_eq!(status, 404);
        assert!(body.contains("Не найдено"), "{body}");
        // A cross-site form post, refused outside Leptos, is explained in Russian too.
        let response = browser
            .post(format!("{}/api/language", app.address))
            .header("accept", "text/html")
            .header("accept-language", "ru")
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        let body = response.text().await.unwrap();
        assert!(body.contains("отклонён"), "{body}");
    }
}
