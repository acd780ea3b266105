//! The home page's content.
use crate::helpers::both_databases;

both_databases! {
    async fn home_page_shows_the_seeded_counts(builder) {
        let app = spawn!(builder);

        let (status, _, body) = app.get(&app.browser(), "/").await;

        assert_eq!(status, 200);
        assert!(body.contains("<title>Local Library Home</title>"));
        let count = |name: &str| -> i64 {
            let marker = format!("data-count=\"{name}\">");
            let start = body
                .find(&marker)
                .unwrap_or_else(|| panic!("{name} missing"))
                + marker.len();
            body[start..].split('<').next().unwrap().parse().unwrap()
        };
        assert!(count("books") >= 60);
        assert!(count("authors") >= 30);
        assert!(count("genres") >= 5);
        assert!(count("copies") > count("copies-available"));
        assert!(count("copies-available") > 0);
    }

    async fn home_counts_follow_every_catalog_change(builder) {
        let app = spawn!(builder);
        let pool = app.pool().await;
        for change in [
            "INSERT INTO authors (first_name, last_name) VALUES ('New', 'Author')",
            "INSERT INTO genres (name) VALUES ('Counted genre')",
            "UPDATE book_instances SET status = 'o' \
             WHERE id = (SELECT id FROM book_instances WHERE status = 'a' ORDER BY id LIMIT 1)",
            "UPDATE book_instances SET status = 'a' \
             WHERE id = (SELECT id FROM book_instances WHERE status = 'd' ORDER BY id LIMIT 1)",
            "DELETE FROM book_instances \
             WHERE id = (SELECT id FROM book_instances WHERE status = 'd' ORDER BY id LIMIT 1)",
        ] {
            sqlx::query(change).execute(&pool).await.unwrap();
        }

        let (_, _, body) = app.get(&app.browser(), "/").await;

        for (name, sql) in [
            ("books", "SELECT COUNT(*) FROM books"),
            ("copies", "SELECT COUNT(*) FROM book_instances"),
            ("copies-available", "SELECT COUNT(*) FROM book_instances WHERE status = 'a'"),
            ("authors", "SELECT COUNT(*) FROM authors"),
            ("genres", "SELECT COUNT(*) FROM genres"),
        ] {
            let actual: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            let shown = format!("data-count=\"{name}\">{actual}<");
            assert!(body.contains(&shown), "{name} should be {actual}");
        }
    }

    async fn unknown_pages_are_a_friendly_404(builder) {
        let app = spawn!(builder);

        let (status, _, body) = app.get(&app.browser(), "/no/such/page").await;

        assert_eq!(status, 404);
        assert!(body.contains("There is no page at this address."));
    }
}
