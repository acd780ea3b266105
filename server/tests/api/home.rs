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

    async fn unknown_pages_are_a_friendly_404(builder) {
        let app = spawn!(builder);

        let (status, _, body) = app.get(&app.browser(), "/no/such/page").await;

        assert_eq!(status, 404);
        assert!(body.contains("There is no page at this address."));
    }
}
