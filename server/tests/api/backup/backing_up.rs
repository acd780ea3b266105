//! Copies made while the server serves, and the files backup refuses to touch.
use super::*;

#[tokio::test]
async fn backup_while_the_server_serves_and_writes_is_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    seeded_database(&db, 3000).await;
    let server = TestApp::builder()
        .database_file(&db, None)
        .env("REGISTRATION_RATE_LIMIT", "0")
        .spawn_process()
        .await
        .unwrap();
    for i in 0..3 {
        registered_browser(&server.address, &format!("Early{i} Reader")).await;
    }
    // Visitors keep registering for the whole backup; each registration is a write.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = tokio::spawn({
        let (stop, written, address) = (stop.clone(), written.clone(), server.address.clone());
        async move {
            while !stop.load(Ordering::SeqCst) {
                let n = written.load(Ordering::SeqCst);
                registered_browser(&address, &format!("Writer{n} Reader")).await;
                written.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    while written.load(Ordering::SeqCst) < 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let at_start = written.load(Ordering::SeqCst);
    let acknowledged = 3 + at_start as i64;
    let file = dir.path().join("copy.db");
    let run = locallibrary(&["backup", file.to_str().unwrap()], &sqlite_url(&db)).await;
    let during = written.load(Ordering::SeqCst) - at_start;
    // The server went on writing after the copy too.
    let after = written.load(Ordering::SeqCst);
    while written.load(Ordering::SeqCst) < after + 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("every registration succeeded");
    assert!(
        during > 0,
        "no registration was answered while the backup ran"
    );

    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("backed up") && run.stdout.contains("3000 books"),
        "{}",
        run.stdout
    );
    assert_eq!(integrity(&file).await, ["ok"]);
    assert_eq!(books(&file).await, books(&db).await);
    let copied = members(&file).await;
    assert!(
        copied >= acknowledged && copied <= members(&db).await,
        "{copied} members in the copy, {acknowledged} acknowledged before it started"
    );
    assert_eq!(mode(&file), 0o600, "the copy holds password hashes");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn backup_never_overwrites_and_postgres_gets_advice_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let url = sqlite_url(&db);
    seeded_database(&db, 10).await;
    let existing = dir.path().join("existing.db");
    std::fs::write(&existing, "precious").unwrap();
    let run = locallibrary(&["backup", existing.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read(&existing).unwrap(), b"precious");

    let nowhere = dir.path().join("no-such-folder").join("x.db");
    let run = locallibrary(&["backup", nowhere.to_str().unwrap()], &url).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let missing_db = sqlite_url(&dir.path().join("missing.db"));
    let file = dir.path().join("x.db");
    let run = locallibrary(&["backup", file.to_str().unwrap()], &missing_db).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no database"), "{}", run.stderr);
    assert!(!dir.path().join("missing.db").exists() && !file.exists());

    let postgres = "postgres://library:secret@db.example/library";
    let dump = dir.path().join("library.dump");
    let run = locallibrary(&["backup", dump.to_str().unwrap()], postgres).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("pg_dump -Fc"), "{}", run.stderr);
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
    let run = locallibrary(&["restore", dump.to_str().unwrap()], postgres).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("pg_restore --clean --if-exists"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
    assert!(!dump.exists());
}
