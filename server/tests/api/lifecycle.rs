//! Restart and shutdown: sessions and profiles survive; SIGTERM lets in-flight requests finish
//! and their writes land. SQLite-only: an SQLite write lock holds the request mid-flight.
use crate::helpers::{registered_browser, visit_sentence, TestApp, WriteLock};
use std::time::Duration;

#[tokio::test]
async fn sigterm_finishes_in_flight_requests_and_data_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("library.db");
    let server = TestApp::builder()
        .database_file(&db_path, None)
        .env("DATABASE_TIMEOUT", "20")
        .spawn_process()
        .await
        .unwrap();
    let browser = registered_browser(&server.address, "Grace Hopper").await;
    browser
        .get(format!("{}/", server.address))
        .send()
        .await
        .unwrap();

    // Hold the write lock so the next visit is still running when SIGTERM arrives.
    let lock = WriteLock::take(&db_path).await;
    let in_flight = tokio::spawn({
        let (browser, url) = (browser.clone(), format!("{}/", server.address));
        async move {
            let response = browser.get(url).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.terminate();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !in_flight.is_finished(),
        "the request should still be waiting for the lock"
    );
    lock.release().await;

    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 2 times."
    );
    assert_eq!(server.wait(), Some(0), "a clean exit after SIGTERM");

    let restarted = TestApp::builder()
        .database_file(&db_path, Some(dir))
        .spawn_process()
        .await
        .unwrap();
    let body = browser
        .get(format!("{}/", restarted.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 3 times.",
        "the visit counted during shutdown landed"
    );
    assert!(
        body.contains("Grace Hopper"),
        "the visitor is still greeted"
    );
}

/// A client that sends half a request and waits must not keep a stopping server alive, nor
/// take connections that visitors need.
#[tokio::test]
async fn sigterm_with_half_sent_requests_exits_within_the_shutdown_timeout() {
    use tokio::io::AsyncWriteExt;
    let server = TestApp::builder()
        .env("SHUTDOWN_TIMEOUT", "2")
        .spawn_process()
        .await
        .unwrap();
    let authority = server.address.trim_start_matches("http://").to_string();
    let mut stalled = Vec::new();
    for _ in 0..200 {
        let mut stream = tokio::net::TcpStream::connect(&authority).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: library\r\n")
            .await
            .unwrap();
        stalled.push(stream);
    }
    let started = std::time::Instant::now();
    let response = reqwest::get(format!("{}/", server.address)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    let mut server = server;
    server.terminate();
    let stopping = std::time::Instant::now();
    let mut exited = None;
    while exited.is_none() && stopping.elapsed() < Duration::from_secs(10) {
        exited = server.child.try_wait().unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = exited.expect("the server is still running 10 s after SIGTERM");
    assert_eq!(status.code(), Some(0));
    assert!(
        stopping.elapsed() < Duration::from_secs(6),
        "exited after {:?}",
        stopping.elapsed()
    );
    drop(stalled);
}
