//! Restores: after the server stops, never over a running one, never from a bad file.
use super::*;

#[tokio::test]
async fn restore_waits_for_the_server_to_stop_then_brings_back_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let url = sqlite_url(&db);
    let server = TestApp::builder()
        .database_file(&db, None)
        .spawn_process()
        .await
        .unwrap();
    let kept = registered_browser(&server.address, "Before Backup").await;
    let file = dir.path().join("backup.db");
    let run = locallibrary(&["backup", file.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lost = registered_browser(&server.address, "After Backup").await;

    let refused = locallibrary(&["restore", file.to_str().unwrap()], &url).await;
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("a server is using") && refused.stderr.contains("stop it first"),
        "{}",
        refused.stderr
    );
    assert!(kept_copies(&db).is_empty());
    let page = lost
        .get(format!("{}/", server.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("After Backup"));

    server.terminate();
    assert_eq!(server.wait(), Some(0));
    let run = locallibrary(&["restore", file.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copies = kept_copies(&db);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(
        run.stdout.contains("restored") && run.stdout.contains(copies[0].to_str().unwrap()),
        "{}",
        run.stdout
    );
    assert_eq!(
        members(&copies[0]).await,
        2,
        "the old database is kept whole"
    );
    assert_eq!(members(&db).await, 1);
    assert_eq!(mode(&db), 0o600);

    let restarted = TestApp::builder()
        .database_file(&db, Some(dir))
        .spawn_process()
        .await
        .unwrap();
    let home = |browser: reqwest::Client| {
        let url = format!("{}/", restarted.address);
        async move { browser.get(url).send().await.unwrap().text().await.unwrap() }
    };
    assert!(home(kept).await.contains("Before Backup"));
    assert!(!home(lost).await.contains("After Backup"));
}

#[tokio::test]
async fn restore_refuses_bad_files_and_leaves_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let url = sqlite_url(&db);
    seeded_database(&db, 300).await;
    let candidates = dir.path().join("candidates");
    std::fs::create_dir(&candidates).unwrap();
    let good = candidates.join("good.db");
    let run = locallibrary(&["backup", good.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let good_bytes = std::fs::read(&good).unwrap();
    let third = good_bytes.len() / 3;

    let corrupt = candidates.join("corrupt.db");
    let mut bytes = good_bytes.clone();
    bytes[third..2 * third].fill(0xa5);
    std::fs::write(&corrupt, bytes).unwrap();
    let truncated = candidates.join("truncated.db");
    std::fs::write(&truncated, &good_bytes[..good_bytes.len() / 2]).unwrap();
    let text = candidates.join("notes.txt");
    std::fs::write(&text, "just some notes\n").unwrap();
    let foreign = candidates.join("foreign.db");
    let options = SqliteConnectOptions::new()
        .filename(&foreign)
        .create_if_missing(true);
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    sqlx::query("CREATE TABLE notes (body TEXT)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let newer = candidates.join("newer.db");
    std::fs::write(&newer, &good_bytes).unwrap();
    let options = SqliteConnectOptions::new().filename(&newer);
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99991231000000, 'from the future', TRUE, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();

    let before = snapshot(dir.path());
    let nowhere = dir.path().join("no-such-folder").join("x.db");
    for (file, expected) in [
        (&corrupt, "integrity check"),
        (&truncated, "truncated"),
        (&text, "is not an SQLite database"),
        (&foreign, "not a LocalLibrary one"),
        (&newer, "newer than this binary's"),
        (&candidates.join("missing.db"), "does not exist"),
        (&candidates, "is a folder"),
        (&nowhere, "does not exist"),
    ] {
        let run = locallibrary(&["restore", file.to_str().unwrap()], &url).await;
        assert_eq!(run.code, 1, "{}: {}", file.display(), run.stdout);
        assert!(
            run.stderr.contains(expected) && run.stderr.contains(file.to_str().unwrap()),
            "{}: {}",
            file.display(),
            run.stderr
        );
        assert!(
            snapshot(dir.path()) == before,
            "restoring {} changed the database folder",
            file.display()
        );
    }
    assert_eq!(books(&db).await, 300);

    let run = locallibrary(&["restore", good.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A database moved aside by hand can leave its log behind; restoring next to it must not let
/// SQLite replay that old log into the restored database.
#[tokio::test]
async fn a_log_left_by_a_database_moved_away_is_not_replayed_into_the_restored_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let url = sqlite_url(&db);
    seeded_database(&db, 50).await;
    let file = dir.path().join("backup.db");
    let run = locallibrary(&["backup", file.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let wal = dir.path().join("library.db-wal");
    std::fs::rename(&db, dir.path().join("moved-away.db")).unwrap();
    std::fs::write(&wal, b"frames of another database").unwrap();

    let run = locallibrary(&["restore", file.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!wal.exists(), "the stray log was moved aside");
    assert!(dir.path().join("library.db.stray-wal").exists());
    assert_eq!(integrity(&db).await, ["ok"]);
    assert_eq!(books(&db).await, books(&file).await);
}
