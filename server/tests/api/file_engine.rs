//! The file engine across restarts and crashes: sessions survive, and a process killed in the
//! middle of writing leaves no corrupt session and no temporary file behind. SQLite-only: the
//! sessions folder is the one next to the database file, reused by the restarted process.
use crate::helpers::{registered_browser, visit_sentence, TestApp};
use std::time::Duration;
use tokio::task::JoinSet;

fn session_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[tokio::test]
async fn file_sessions_survive_restarts_and_a_killed_process() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("library.db");
    let sessions = dir.path().join("sessions");
    let server_on_the_file = || {
        TestApp::builder()
            .database_file(&db_path, None)
            .engine("file")
            .spawn_process()
    };
    let mut server = server_on_the_file().await.unwrap();
    let browser = registered_browser(&server.address, "Grace Hopper").await;
    for _ in 0..2 {
        browser
            .get(format!("{}/", server.address))
            .send()
            .await
            .unwrap();
    }

    // Many new sessions being written when the process is killed: a few dozen visitors, each
    // starting fresh sessions until the server dies (bounded, so a slow machine only waits).
    let mut flood = JoinSet::new();
    for _ in 0..32 {
        let url = format!("{}/", server.address);
        flood.spawn(async move {
            'visitors: for _ in 0..50 {
                // A new browser each time: its second visit (bringing back the test cookie)
                // stores a new session.
                let browser = crate::helpers::new_browser();
                for _ in 0..2 {
                    if browser.get(&url).send().await.is_err() {
                        break 'visitors;
                    }
                }
            }
        });
    }
    // Kill once the flood is really writing sessions.
    // (Up to 10 s: on a loaded 2-core machine the flood can be slow to start.)
    for _ in 0..500 {
        if session_files(&sessions).len() > 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before_kill = session_files(&sessions);
    server.kill_now();
    while flood.join_next().await.is_some() {}
    // Whatever the kill interrupted, and a temporary file as a crash mid-write leaves it.
    std::fs::write(sessions.join(".tmp-crashed-mid-write"), b"{\"expires\":").unwrap();

    let restarted = server_on_the_file().await.unwrap();
    let files = session_files(&sessions);
    assert!(
        files.len() >= 2,
        "sessions were written: {files:?} (before the kill: {before_kill:?})"
    );
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            !name.starts_with(".tmp-"),
            "temporary file left behind: {name}"
        );
        assert!(name.ends_with(".session"), "{name}");
        let bytes = std::fs::read(file).unwrap();
        assert!(
            serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
            "{name} is corrupt"
        );
    }
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
        "You have visited this page 3 times."
    );
    assert!(
        body.contains("Grace Hopper"),
        "still greeted after the crash"
    );
}
