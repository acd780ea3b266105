//! `locallibrary backup FILE` and `restore FILE`: a consistent copy while the server writes, a
//! restore that waits for the server to stop and keeps the old database, and refusals that
//! leave everything as it was. SQLite-only: on PostgreSQL both commands point to pg_dump.
mod backing_up;
mod restoring;

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
