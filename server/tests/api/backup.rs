//! `locallibrary backup FILE` and `restore FILE`: a consistent copy while the server writes, a
//! restore that waits for the server to stop and keeps the old database, and refusals that
//! leave everything as it was. SQLite-only: on PostgreSQL both commands point to pg_dump.
use crate::helpers::{registered_browser, TestApp};
use sqlx::{sqlite::SqliteConnectOptions, Connection, SqliteConnection};
use std::{
    collections::BTreeMap,
    os::unix::fs::PermissionsExt,
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc,
    },
    time::Duration,
};

/// What one run of the binary printed.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `locallibrary ARGS` on the database at `database_url`.
async fn locallibrary(args: &[&str], database_url: &str) -> Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"));
    command
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0");
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// A migrated database at `path` with a synthetic catalog of `books` books.
async fn seeded_database(path: &Path, books: u32) {
    let url = sqlite_url(path);
    let run = locallibrary(&["migrate"], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let books = books.to_string();
    let run = locallibrary(&["seed", "--books", &books, "--authors", "50"], &url).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A read-only connection to the database file at `path`.
async fn open(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    SqliteConnection::connect_with(&options).await.unwrap()
}

/// The single number `sql` returns from the database at `path`.
async fn number(path: &Path, sql: &str) -> i64 {
    let mut conn = open(path).await;
    let n = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    n
}

async fn integrity(path: &Path) -> Vec<String> {
    let mut conn = open(path).await;
    let report = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    report
}

async fn books(path: &Path) -> i64 {
    number(path, "SELECT COUNT(*) FROM books").await
}

async fn members(path: &Path) -> i64 {
    number(path, "SELECT COUNT(*) FROM user_profiles").await
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file in `dir` (not in its subfolders) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// The copies of `db` that restores kept.
fn kept_copies(db: &Path) -> Vec<PathBuf> {
    let prefix = format!(
        "{}.before-restore-",
        db.file_name().unwrap().to_string_lossy()
    );
    std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(&prefix) && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect()
}

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
