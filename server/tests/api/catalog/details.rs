//! Detail pages and their 404s.
use crate::helpers::both_databases;

both_databases! {
    async fn every_list_and_detail_page_renders(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        for path in [
            "/catalog/books",
            "/catalog/books/",
            "/catalog/book/1",
            "/catalog/authors",
            "/catalog/author/1",
            "/catalog/genres",
            "/catalog/genre/1",
            "/catalog/languages",
            "/catalog/language/1",
            "/catalog/bookinstances",
        ] {
            let (status, _, body) = app.get(&browser, path).await;
            assert_eq!(status, 200, "{path}");
            assert!(
                body.contains("<title>") && body.contains("LocalLibrary"),
                "{path}"
            );
        }
        let pool = app.pool().await;
        let copy: String = sqlx::query_scalar("SELECT id FROM book_instances LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();

        let (status, _, body) = app
            .get(&browser, &format!("/catalog/bookinstance/{copy}"))
            .await;

        assert_eq!(status, 200);
        assert!(body.contains(&copy));
    }

    async fn book_detail_shows_facts_and_coloured_copies(builder) {
        let app = spawn!(builder);

        let (_, _, body) = app.get(&app.browser(), "/catalog/book/1").await;

        assert!(body.contains("War and Peace"));
        assert!(body.contains("Tolstoy, Leo"));
        assert!(body.contains("ISBN"));
        assert!(body.contains("href=\"/catalog/genre/"));
        assert!(body.contains("status-available"));
    }

    async fn unknown_or_malformed_ids_are_404(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        for path in [
            "/catalog/book/999999",
            "/catalog/book/abc",
            "/catalog/book/-1",
            "/catalog/book/0",
            "/catalog/author/999999",
            "/catalog/genre/abc",
            "/catalog/language/99999",
            "/catalog/bookinstance/not-a-uuid",
            "/catalog/bookinstance/00000000-0000-0000-0000-000000000000",
        ] {
            let (status, _, body) = app.get(&browser, path).await;
            assert_eq!(status, 404, "{path}");
            assert!(body.contains("Not found"), "{path}");
        }
    }

    async fn not_found_pages_keep_their_status_under_concurrent_load(builder) {
        let app = spawn!(builder);
        let mut requests = tokio::task::JoinSet::new();
        for i in 0..40 {
            let (client, address) = (app.browser(), app.address.clone());
            let path = if i % 2 == 0 {
                "/catalog/book/999999"
            } else {
                "/catalog/book/1"
            };
            requests.spawn(async move {
                let response = client.get(format!("{address}{path}")).send().await.unwrap();
                (
                    path,
                    response.status().as_u16(),
                    response.text().await.unwrap(),
                )
            });
        }
        while let Some(result) = requests.join_next().await {
            let (path, status, body) = result.unwrap();
            if path.ends_with("999999") {
                assert_eq!(status, 404);
                assert!(body.contains("There is no such book"));
            } else {
                assert_eq!(status, 200);
                assert!(body.contains("War and Peace"));
            }
        }
    }
}
