//! What the server stores on disk is private to its user: session ids in files or in the
//! database would let any other local account take over a visitor's session.
use crate::helpers::{spawn, TestApp};
use std::os::unix::fs::PermissionsExt;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_database_and_session_files_are_private() {
    let app = spawn!(TestApp::builder().engine("file"));
    let browser = app.browser();
    let (status, _, _) = app.get(&browser, "/").await;
    assert_eq!(status, 200);
    app.get(&browser, "/").await;

    let db = app.db_path();
    let sessions = db.parent().unwrap().join("sessions");
    assert_eq!(mode(&db), 0o600, "database file");
    let wal = db.with_file_name("library.db-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "write-ahead log");
    }
    assert_eq!(mode(&sessions), 0o700, "session folder");
    let files: Vec<_> = std::fs::read_dir(&sessions)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert!(!files.is_empty(), "a session was stored");
    for file in files {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}
