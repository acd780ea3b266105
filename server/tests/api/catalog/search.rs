//! Searching books by title or author.
use super::titles;
use crate::helpers::both_databases;

both_databases! {
    async fn search_is_case_insensitive_and_unicode_aware(builder) {
        let app = spawn!(builder);
        let browser = app.browser();

        let (_, _, body) = app
            .get(&browser, "/catalog/books?q=%D0%9C%D0%90%D0%A1%D0%A2%D0%95%D0%A0")
            .await; // МАСТЕР
        assert_eq!(titles(&body), ["Мастер и Маргарита"]);
        let (_, _, body) = app.get(&browser, "/catalog/books?q=tolstoy").await;
        assert_eq!(titles(&body).len(), 2);
        let (_, _, body) = app.get(&browser, "/catalog/books?q=PRIDE").await;
        assert!(titles(&body).contains(&"Pride and Prejudice".to_string()));
    }

    async fn hostile_search_text_is_just_text(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        for q in [
            "%25",
            "_",
            "%27%27%27",
            "%22%3B%20DROP%20TABLE%20books%3B%20--",
            "%5C",
        ] {
            let (status, _, body) = app.get(&browser, &format!("/catalog/books?q={q}")).await;
            assert_eq!(status, 200, "{q}");
            assert!(body.contains("No books match"), "{q} matched something");
        }
        let (_, _, body) = app.get(&browser, "/catalog/books").await;
        assert!(body.contains("72 books"), "the table is intact");
    }
}
