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

/// A balancer's kept-alive connections are still served for `SHUTDOWN_DRAIN` after SIGTERM, each
/// answer closing its connection: a request written onto one of them just then is answered, not
/// cut off (nginx would not resend a POST that met a closed connection). New connections are
/// refused at once, which a balancer retries elsewhere.
#[tokio::test]
async fn sigterm_drains_kept_alive_connections_before_closing_them() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = TestApp::builder()
        .env("SHUTDOWN_DRAIN", "10")
        .spawn_process()
        .await
        .unwrap();
    let authority = server.address.trim_start_matches("http://").to_string();
    let request = |path: &str| format!("GET {path} HTTP/1.1\r\nHost: library\r\n\r\n");
    // Two idle kept-alive connections, as nginx holds them.
    let mut idle = Vec::new();
    for _ in 0..2 {
        let mut stream = tokio::net::TcpStream::connect(&authority).await.unwrap();
        stream
            .write_all(request("/healthz").as_bytes())
            .await
            .unwrap();
        let mut answer = Vec::new();
        while !answer.ends_with(b"ok\n") {
            let mut chunk = [0u8; 1024];
            let n = stream.read(&mut chunk).await.unwrap();
            assert!(
                n > 0,
                "closed before answering: {}",
                String::from_utf8_lossy(&answer)
            );
            answer.extend_from_slice(&chunk[..n]);
        }
        idle.push(stream);
    }

    server.terminate();
    let stopping = std::time::Instant::now();
    while tokio::net::TcpStream::connect(&authority).await.is_ok() {
        assert!(
            stopping.elapsed() < Duration::from_secs(5),
            "new connections are refused once stopping"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Each answer ends its connection (read to the end: the server closes it).
    let answer = |mut stream: tokio::net::TcpStream, path: &'static str| async move {
        stream.write_all(request(path).as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    };
    let mut idle = idle.into_iter();
    let ready = answer(idle.next().unwrap(), "/readyz").await;
    assert!(ready.starts_with("HTTP/1.1 503"), "{ready}");
    assert!(
        ready.to_ascii_lowercase().contains("connection: close"),
        "{ready}"
    );
    let page = answer(idle.next().unwrap(), "/catalog/books").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.to_ascii_lowercase().contains("connection: close"),
        "{page}"
    );
    assert!(page.contains("</html>"), "the whole page");

    let started = std::time::Instant::now();
    assert_eq!(server.wait(), Some(0), "a clean exit after SIGTERM");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "once every connection has closed the server exits without waiting out the drain: {:?}",
        started.elapsed()
    );
}
