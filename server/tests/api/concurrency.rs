//! No lost updates: concurrent visits with one cookie, on one server or two sharing a database.
use crate::helpers::{both_databases, visit_sentence};
use reqwest::Client;
use tokio::task::JoinSet;

/// Fires `count` concurrent home-page requests per address with `client`'s cookie.
async fn visit_concurrently(client: &Client, addresses: &[&str], count: usize) {
    let mut requests = JoinSet::new();
    for address in addresses {
        for _ in 0..count {
            let (client, url) = (client.clone(), format!("{address}/"));
            requests.spawn(async move { client.get(url).send().await.unwrap().status() });
        }
    }
    while let Some(status) = requests.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
}

both_databases! {
    async fn a_hundred_concurrent_visits_count_exactly_a_hundred(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        app.start_session(&browser).await;

        visit_concurrently(&browser, &[&app.address], 100).await;

        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 103 times."
        );
    }

    async fn two_servers_on_one_database_lose_nothing_either(builder) {
        let first = spawn!(builder);
        let second = spawn!(TestApp::builder().database_url(&first.database_url));
        // Cookies ignore the port, so this browser carries one session to both servers.
        let browser = first.browser();
        first.start_session(&browser).await;

        visit_concurrently(&browser, &[&first.address, &second.address], 50).await;

        let (_, _, body) = second.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 103 times."
        );
    }

    async fn concurrent_first_visits_after_another_page_still_share_one_counter(builder) {
        // A session created by another page (here: a registration; choosing a page size stores
        // no session for a stranger) already carries the counter key, so concurrent first
        // home-page visits do not each invent one.
        let app = spawn!(builder);
        let browser = app.browser();
        let response = browser
            .post(format!("{}/register", app.address))
            .form(&[("name", "Ada"), ("email", "ada@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);

        visit_concurrently(&browser, &[&app.address], 30).await;

        let (_, _, body) = app.get(&browser, "/").await;
        assert_eq!(
            visit_sentence(&body).unwrap(),
            "You have visited this page 31 times."
        );
    }

    async fn starting_another_server_does_not_stall_pages_being_served(builder) {
        // Leptos pauses resource loading process-wide while it builds a route list; pages
        // served during another server's start must still finish.
        let app = spawn!(builder.clone());
        let client = Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap();
        let mut visitors = JoinSet::new();
        for _ in 0..8 {
            let (client, address) = (client.clone(), app.address.clone());
            visitors.spawn(async move {
                let pages = ["/", "/catalog/books", "/catalog/book/1", "/catalog/authors"];
                for path in pages.repeat(20) {
                    let response = client.get(format!("{address}{path}")).send().await;
                    let status = response.map(|r| r.status().as_u16());
                    assert_eq!(status.map_err(|e| e.to_string()), Ok(200), "{path}");
                }
            });
        }

        let mut others = Vec::new();
        while !visitors.is_empty() && others.len() < 10 {
            others.push(spawn!(builder.clone()));
        }

        while let Some(result) = visitors.join_next().await {
            result.unwrap();
        }
    }
}
