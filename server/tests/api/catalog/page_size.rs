//! The page size chosen per browser.
use super::titles;
use crate::helpers::{both_databases, TestApp};
use reqwest::Client;

/// Posts `size` to the page-size server function as the hydrated page does.
async fn choose_page_size(app: &TestApp, browser: &Client, size: &str) -> u16 {
    browser
        .post(format!("{}/api/catalog/page-size", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(format!("size={size}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

both_databases! {
    async fn page_size_is_remembered_per_browser(builder) {
        let app = spawn!(builder);
        let (alice, bob) = (app.browser(), app.browser());
        app.get(&alice, "/catalog/books").await;

        assert_eq!(choose_page_size(&app, &alice, "25").await, 200);

        let (_, _, body) = app.get(&alice, "/catalog/books").await;
        assert_eq!(titles(&body).len(), 25);
        let (_, _, body) = app.get(&alice, "/catalog/authors").await;
        assert_eq!(titles(&body).len(), 25);
        let (_, _, body) = app.get(&bob, "/catalog/books").await;
        assert_eq!(titles(&body).len(), 10);
    }

    async fn invalid_page_size_is_refused_and_changes_nothing(builder) {
        let app = spawn!(builder);
        let alice = app.browser();
        for size in ["7", "abc", "-10", "1000000000000"] {
            assert_eq!(choose_page_size(&app, &alice, size).await, 400, "size={size}");
        }

        let (_, _, body) = app.get(&alice, "/catalog/books").await;

        assert_eq!(titles(&body).len(), 10);
    }
}
