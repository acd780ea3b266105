//! List pages: pagination, ordering, headings, totals and the bundled catalog.
use super::titles;
use crate::helpers::both_databases;

both_databases! {
    async fn thirteen_authors_paginate_as_ten_and_three(builder) {
        let app = spawn!(builder.empty_catalog());
        let pool = app.pool().await;
        for i in 0..13 {
            sqlx::query("INSERT INTO authors (first_name, last_name) VALUES ($1, $2)")
                .bind(format!("Christian {i}"))
                .bind(format!("Surname {i:02}"))
                .execute(&pool)
                .await
                .unwrap();
        }
        let browser = app.browser();

        let (status, _, page1) = app.get(&browser, "/catalog/authors").await;
        assert_eq!(status, 200);
        assert_eq!(titles(&page1).len(), 10);
        assert!(page1.contains("Page 1 of 2"));
        let (_, _, page2) = app.get(&browser, "/catalog/authors/?page=2").await;
        assert_eq!(titles(&page2).len(), 3);
        assert!(page2.contains("Page 2 of 2"));
        // Past the end shows the last page rather than failing.
        let (status, _, past) = app.get(&browser, "/catalog/authors?page=7").await;
        assert_eq!(status, 200);
        assert_eq!(titles(&past).len(), 3);
    }

    async fn authors_are_ordered_by_last_then_first_name(builder) {
        let app = spawn!(builder.empty_catalog());
        let pool = app.pool().await;
        for (first, last) in [("Zoe", "Adams"), ("Anna", "Brown"), ("Adam", "Adams")] {
            sqlx::query(
                "INSERT INTO authors (first_name, last_name, date_of_birth) \
                 VALUES ($1, $2, '1900-02-03')",
            )
            .bind(first)
            .bind(last)
            .execute(&pool)
            .await
            .unwrap();
        }

        let (_, _, body) = app.get(&app.browser(), "/catalog/authors").await;

        assert_eq!(titles(&body), ["Adams, Adam", "Adams, Zoe", "Brown, Anna"]);
        assert!(body.contains("(born February 3, 1900)"));
    }

    async fn books_are_ordered_by_title_and_link_their_author(builder) {
        let app = spawn!(builder);

        let (_, _, body) = app.get(&app.browser(), "/catalog/books").await;

        let list = titles(&body);
        assert_eq!(list.len(), 10);
        let mut sorted = list.clone();
        sorted.sort();
        assert_eq!(list, sorted);
        assert!(body.contains("href=\"/catalog/author/"));
        assert!(body.contains("72 books"));
    }

    async fn list_pages_have_their_heading_and_a_correctly_pluralised_total(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        let pool = app.pool().await;
        for (path, heading, table, plural) in [
            ("/catalog/authors", "All authors", "authors", "authors"),
            ("/catalog/bookinstances", "All copies", "book_instances", "copies"),
            ("/catalog/genres", "All genres", "genres", "genres"),
            ("/catalog/languages", "All languages", "languages", "languages"),
        ] {
            let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap();

            let (status, _, body) = app.get(&browser, path).await;

            assert_eq!(status, 200, "{path}");
            assert!(body.contains(&format!("<h1>{heading}</h1>")), "{path}");
            assert!(
                body.contains(&format!("{heading} · LocalLibrary</title>")),
                "{path}"
            );
            assert!(
                body.contains(&format!(r#"<p class="total">{count} {plural}</p>"#)),
                "{path}: {body}"
            );
        }
    }

    async fn bad_page_values_never_fail(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        for list in [
            "/catalog/books",
            "/catalog/authors",
            "/catalog/bookinstances",
            "/catalog/genre/1",
        ] {
            for page in ["0", "-1", "abc", "99999999999999999999", "%00", "1;DROP", ""] {
                let (status, _, _) = app.get(&browser, &format!("{list}?page={page}")).await;
                assert_eq!(status, 200, "{list}?page={page}");
            }
        }
    }

    /// The bundled catalog, seeded at the first start, is served in full.
    async fn bundled_catalog_pages_work(builder) {
        let app = spawn!(builder);
        let browser = app.browser();

        let (status, _, body) = app.get(&browser, "/").await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(r#"data-count="books">72<"#), "seeded: {body}");

        for (path, expect) in [
            ("/catalog/books?q=war%20and", "War and Peace"),
            ("/catalog/books?q=%D0%90%D0%9D%D0%9D%D0%90", "Анна Каренина"),
            ("/catalog/authors?page=4", "Page 4 of 4"),
            ("/catalog/genres", "Fantasy"),
            ("/catalog/languages", "Russian"),
            ("/catalog/bookinstances?page=2", "Page 2 of"),
        ] {
            let (status, _, body) = app.get(&browser, path).await;
            assert_eq!(status, 200, "{path}");
            assert!(body.contains(expect), "{path} lacks {expect}");
        }
        let (status, _, body) = app.get(&browser, "/catalog/book/1").await;
        assert_eq!(status, 200);
        assert!(body.contains("ISBN"), "{body}");
        let (status, _, _) = app.get(&browser, "/catalog/book/999999").await;
        assert_eq!(status, 404);
    }
}
