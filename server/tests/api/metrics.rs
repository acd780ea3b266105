//! The Prometheus endpoint on `METRICS_ADDR`: read with a text-format parser, its counters move
//! with the requests, logins, mails and limits they count, and its labels are route templates.
//!
//! The recorder is process-wide, so other tests running beside these add to the same counters:
//! each check is "moved by at least", and the label checks hold whoever made the requests.
use crate::{
    accounts::support::{call, log_in, user, PASSWORD},
    helpers::{both_databases, new_browser},
};
use prometheus_parse::{Sample, Scrape, Value};

async fn scrape(url: &str) -> Scrape {
    let text = reqwest::get(url).await.unwrap().text().await.unwrap();
    if std::env::var("SHOW_METRICS").is_ok() {
        eprintln!("{text}");
    }
    Scrape::parse(text.lines().map(|l| Ok(l.to_string()))).expect("valid exposition")
}

/// The value of the counter or gauge `name` whose labels include `labels` (0 if absent).
fn value(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name && matches(s, labels))
        .map(|s| match &s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => *v,
            Value::Histogram(buckets) => buckets.last().map_or(0.0, |b| b.count),
            Value::Summary(_) => 0.0,
        })
        .sum()
}

fn matches(sample: &Sample, labels: &[(&str, &str)]) -> bool {
    labels.iter().all(|(k, v)| sample.labels.get(k) == Some(*v))
}

both_databases! {
    /// Requests by route template, method and status; latency; pool; limits; logins; mails;
    /// visit batches; the build — each read as Prometheus reads them, before and after.
    async fn counters_move_with_what_they_count(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder
            .env("METRICS_ADDR", "127.0.0.1:0")
            .env("REGISTRATION_RATE_LIMIT", "1")
            .env("EMAIL_OUTBOX", outbox.path().display().to_string()));
        let url = app.metrics_url.clone().expect("the metrics listener is on");
        user(&app, "ada");
        let before = scrape(&url).await;

        let browser = new_browser();
        for path in ["/", "/", "/", "/catalog/book/1", "/catalog/book/2", "/no/such/page"] {
            browser.get(format!("{}{path}", app.address)).send().await.unwrap();
        }
        assert_eq!(log_in(&app, &new_browser(), "ada", "not the password").await.0, 400);
        assert_eq!(log_in(&app, &new_browser(), "ada", PASSWORD).await.0, 200);
        assert_eq!(call(&app, &new_browser(), "password-reset", &[("email", "ada@example.com")]).await.0, 200);
        // The mail goes out after the answer: wait for it to land.
        for _ in 0..100 {
            if std::fs::read_dir(outbox.path()).unwrap().count() > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let registrar = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut statuses = Vec::new();
        for i in 0..2 {
            let response = registrar
                .post(format!("{}/register", app.address))
                .form(&[("name", "Metric"), ("email", &format!("metric{i}@example.com"))])
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
        }
        assert_eq!(statuses, [303, 429]);
        let after = scrape(&url).await;
        let moved = |name: &str, labels: &[(&str, &str)]| value(&after, name, labels) - value(&before, name, labels);

        let book = [("route", "/catalog/book/:id"), ("method", "GET"), ("status", "200")];
        assert!(moved("locallibrary_http_requests_total", &book) >= 2.0);
        assert!(moved("locallibrary_http_requests_total", &[("route", "(unmatched)"), ("status", "404")]) >= 1.0);
        assert!(moved("locallibrary_http_requests_total", &[("route", "/register"), ("method", "POST"), ("status", "429")]) >= 1.0);
        assert!(moved("locallibrary_http_request_duration_seconds", &[("route", "/")]) >= 1.0, "a latency histogram by route");
        assert!(moved("locallibrary_rate_limited_total", &[("limit", "registration")]) >= 1.0);
        assert!(moved("locallibrary_login_failures_total", &[]) >= 1.0);
        assert!(moved("locallibrary_mails_total", &[("outcome", "sent")]) >= 1.0);
        assert!(moved("locallibrary_visit_counter_batch_size", &[]) >= 1.0);
        assert!(value(&after, "locallibrary_db_pool_connections", &[]) >= 1.0);
        assert!(after.samples.iter().any(|s| s.metric == "locallibrary_db_pool_idle_connections"));
        assert!(after.samples.iter().any(|s| s.metric == "locallibrary_db_pool_acquire_seconds"));
        assert!(after.samples.iter().any(|s| s.metric == "locallibrary_session_store_errors_total"
            && s.labels.get("engine") == Some("db")), "the engine's error count is shown from zero");
        assert!(after.samples.iter().any(|s| s.metric == "locallibrary_login_lockouts_total"));
        // The descriptions are published by the recorder's upkeep, which also bounds its memory.
        assert!(after.docs.contains_key("locallibrary_http_requests_total"), "{:?}", after.docs);
        assert_eq!(value(&after, "locallibrary_build_info", &[("version", env!("CARGO_PKG_VERSION"))]), 1.0);

        // Bounded labels: templates and a few fixed words, never a raw path or an id.
        for sample in &after.samples {
            if let Some(route) = sample.labels.get("route") {
                assert!(route.starts_with('/') || route.starts_with('('), "{route}");
                assert!(!route.contains("book/1") && !route.contains("no/such"), "a raw path as a label: {route}");
            }
        }

        // Never on the public port.
        let public = browser.get(format!("{}/metrics", app.address)).send().await.unwrap();
        assert_eq!(public.status(), 404);
    }
}

/// The listener refuses the public port, naming the setting.
#[test]
fn metrics_never_share_the_public_port() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:39123")
        .env("METRICS_ADDR", "127.0.0.1:39123")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("METRICS_ADDR") && stderr.contains("public"),
        "{stderr}"
    );
}
