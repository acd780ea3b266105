//! The visit counter with every engine: per browser, and exact under concurrent requests.
use super::{engine_suite, support::sentence};
use crate::helpers::{spawn, visit_sentence, TestAppBuilder};

async fn counter_increments(builder: TestAppBuilder) {
    let app = spawn!(builder);
    let browser = app.browser();
    for n in 1..=3 {
        let (status, _, body) = app.get(&browser, "/").await;
        assert_eq!(status, 200);
        assert_eq!(visit_sentence(&body).unwrap(), sentence(n));
    }

    let (_, _, body) = app.get(&app.browser(), "/").await;

    assert_eq!(
        visit_sentence(&body).unwrap(),
        sentence(1),
        "a second browser"
    );
}

async fn concurrent_visits_are_exact(builder: TestAppBuilder) {
    let app = spawn!(builder);
    let browser = app.browser();
    app.start_session(&browser).await;

    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (browser, url) = (browser.clone(), format!("{}/", app.address));
        requests.spawn(async move { browser.get(url).send().await.unwrap().status() });
    }
    while let Some(status) = requests.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }

    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(43));
}

engine_suite!(counter_increments, concurrent_visits_are_exact);
