//! A librarian-only page: visitors are sent to log in, members get a friendly 403 page.
use super::support::{createuser, log_in, user, PASSWORD};
use crate::helpers::{both_databases, new_browser};

both_databases! {
    async fn the_members_page_is_for_librarians_only(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let (ok, text) = createuser(&app, &["marian", "--librarian"], PASSWORD);
        assert!(ok, "{text}");
        let page = |browser: reqwest::Client| {
            let url = format!("{}/accounts/members", app.address);
            async move {
                let response = browser.get(url).header("accept", "text/html").send().await.unwrap();
                let status = response.status().as_u16();
                let location = response
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap().to_string());
                (status, location, response.text().await.unwrap())
            }
        };

        let (status, location, _) = page(new_browser()).await;
        assert_eq!(status, 302);
        assert_eq!(location.as_deref(), Some("/accounts/login?next=/accounts/members"));

        let member = new_browser();
        log_in(&app, &member, "ada", PASSWORD).await;
        let (status, _, body) = page(member).await;
        assert_eq!(status, 403);
        assert!(body.contains("This page is for librarians only."), "{body:.3000}");
        assert!(!body.contains("marian"), "no member list for members");

        let librarian = new_browser();
        log_in(&app, &librarian, "marian", PASSWORD).await;
        let (status, _, body) = page(librarian).await;
        assert_eq!(status, 200);
        assert!(body.contains("ada") && body.contains("Librarian"), "{body:.3000}");
    }
}
