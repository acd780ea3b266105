//! A crash loses nothing acknowledged. The server process is killed (SIGKILL, as a crash or the
//! OOM killer would) at an arbitrary moment of a concurrent write load: home-page visits,
//! visitor registrations, new member accounts, loans (lend, renew, return) and book edits. It
//! is then restarted on the same database, and everything a client was told had been done must
//! be there: each visit counter at least the highest number its browser was shown, each
//! registration with its session, each account, each copy's loan, each book's latest save, and
//! no save half-written. Requests cut off by the kill may have been done or not; both pass.
//! See SECURITY.md, "Crash and power loss".
mod checks;
mod clients;
mod ledger;
mod load;
mod sync_setting;

use crate::{
    accounts::support::PASSWORD,
    helpers::{fresh_database, TestApp, TestAppBuilder},
};
use ledger::{Book, Edit, Ledger, Setup};
use load::Load;
use reqwest::Client;
use std::{collections::HashMap, path::Path, time::Duration};

/// The librarian who lends, edits and adds members.
const LIBRARIAN: &str = "crashlibrarian";
/// The member who borrows.
const READER: &str = "crashreader";
/// Books the editors save over and over (shared out among them).
const BOOKS: usize = 4;
/// Copies the lenders lend over and over (shared out among them).
const COPIES: usize = 6;

#[tokio::test]
async fn sigkill_under_write_load_loses_nothing_acknowledged_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let url = format!("sqlite://{}", db.display());
    let outbox = dir.path().join("outbox");

    let ledger = crash_under_load("sqlite", &url, &outbox).await;
    // The files exactly as the killed server left them (a copy, so that the restart below
    // recovers the originals itself) form a whole database.
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    for suffix in ["", "-wal"] {
        let from = dir.path().join(format!("library.db{suffix}"));
        if from.exists() {
            let to = crashed.join(format!("library.db{suffix}"));
            std::fs::copy(&from, &to).unwrap();
            let bytes = std::fs::metadata(&to).unwrap().len();
            eprintln!("[sqlite] library.db{suffix} after the kill: {bytes} bytes");
        }
    }
    checks::sqlite_file_is_whole(&crashed.join("library.db")).await;

    let server = settings(&url, &outbox).spawn_process().await.unwrap();
    checks::everything_acknowledged_is_there(&server.address, &url, &ledger).await;
    server.terminate();
    assert_eq!(server.wait(), Some(0), "a clean exit after SIGTERM");
    checks::sqlite_file_is_whole(&db).await;
}

/// The same on PostgreSQL (whose own durability is `synchronous_commit = on`).
#[tokio::test]
async fn sigkill_under_write_load_loses_nothing_acknowledged_on_postgres() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    let ledger = crash_under_load("postgres", &url, &outbox).await;
    let server = settings(&url, &outbox).spawn_process().await.unwrap();
    checks::everything_acknowledged_is_there(&server.address, &url, &ledger).await;
    server.terminate();
    assert_eq!(server.wait(), Some(0), "a clean exit after SIGTERM");
}

/// The server on the database at `url`, the same before and after the crash.
fn settings(url: &str, outbox: &Path) -> TestAppBuilder {
    TestApp::builder()
        .database_url(url)
        // Many registrations come from one address here.
        .env("REGISTRATION_RATE_LIMIT", "0")
        // A loaded CI machine may keep a writer waiting: let it wait rather than answer 503.
        .env("DATABASE_TIMEOUT", "20")
        .env("EMAIL_OUTBOX", outbox.display().to_string())
}

/// Starts the server on `url`, runs the write load, kills the server at an arbitrary moment of
/// it, and returns what the clients were told.
async fn crash_under_load(label: &'static str, url: &str, outbox: &Path) -> Ledger {
    let mut server = settings(url, outbox).spawn_process().await.unwrap();
    let (setup, audited) = set_up(&server.address, url).await;
    let load = Load::start(&server.address, setup, audited);
    // A second and a half of load at least, and every kind of write acknowledged a few times
    // (or 20 s gone: a busy machine), then a moment that depends on nothing the server does.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    if !load.until_each_kind_has(3, Duration::from_secs(20)).await {
        eprintln!("[{label}] a slow start: {}", load.progress.summary());
    }
    let pause = Duration::from_millis((uuid::Uuid::new_v4().as_u128() % 1500) as u64);
    tokio::time::sleep(pause).await;
    server.kill_now();
    eprintln!(
        "[{label}] killed {pause:?} after the load got going; acknowledged: {}; {}",
        load.progress.summary(),
        load.progress.refusals()
    );
    // Concurrent writers wait their turn: none is turned away (on SQLite, a transaction that
    // read before writing once failed at once when another commit came between).
    assert_eq!(
        load.progress.refused_count(),
        0,
        "[{label}] writes were refused under load: {}",
        load.progress.refusals()
    );
    // A test with nothing acknowledged of some kind would prove nothing about it.
    assert!(
        load.until_each_kind_has(1, Duration::ZERO).await,
        "[{label}] some kind of write was never acknowledged: {}",
        load.progress.summary()
    );
    let mut ledger = load.finish().await;
    ledger.label = label;
    ledger
}

/// Two accounts, the librarian's browsers, the copies to lend and the books to edit (created
/// here, each with its first token). Also returns the audit entries those creations wrote.
async fn set_up(address: &str, url: &str) -> (Setup, HashMap<&'static str, usize>) {
    createuser(
        url,
        &[
            LIBRARIAN,
            "--librarian",
            "--email",
            "crashlibrarian@example.com",
        ],
    );
    createuser(url, &[READER, "--email", "crashreader@example.com"]);
    let mut librarians = Vec::new();
    for _ in 0..load::LIBRARIANS {
        let librarian = browser();
        assert_eq!(log_in(&librarian, address, LIBRARIAN).await, 200);
        librarians.push(librarian);
    }
    let pool = checks::pool(url).await;
    let copies: Vec<String> =
        sqlx::query_scalar("SELECT id FROM book_instances WHERE status = 'a' ORDER BY id LIMIT $1")
            .bind(COPIES as i64)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        copies.len(),
        COPIES,
        "the bundled catalog has copies to lend"
    );
    let genres: Vec<i64> = sqlx::query_scalar("SELECT id FROM genres ORDER BY id LIMIT 5")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(genres.len() >= 3, "the bundled catalog has genres");
    pool.close().await;

    let mut books = Vec::new();
    let mut attempt = uuid::Uuid::new_v4().as_u128();
    while books.len() < BOOKS {
        let slot = books.len();
        let first = Edit::new(slot, 0, &genres);
        attempt /= 7;
        let isbn = isbn(attempt as u64);
        let (status, body) = api(
            &librarians[0],
            address,
            "editing/book",
            &first.form(None, &isbn),
        )
        .await
        .unwrap();
        match status {
            200 => books.push(Book {
                id: body.trim().parse().unwrap(),
                slot,
                isbn,
                confirmed: first,
                maybe: Vec::new(),
                acknowledged: 0,
            }),
            // That ISBN is the bundled catalog's: another.
            422 if body.contains("isbn") => attempt = uuid::Uuid::new_v4().as_u128(),
            _ => panic!("creating a book: {status} {body}"),
        }
    }
    let audited = HashMap::from([("save book", BOOKS)]);
    let setup = Setup {
        librarians,
        copies,
        books,
        genres,
    };
    (setup, audited)
}

/// A valid ISBN-13 (978 prefix) made from `seed`.
fn isbn(seed: u64) -> String {
    let mut digits = format!("978{:09}", seed % 1_000_000_000);
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    digits.push(char::from(b'0' + ((10 - sum % 10) % 10) as u8));
    digits
}

/// Runs `locallibrary createuser` on the database at `url` (password [`PASSWORD`]).
fn createuser(url: &str, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("password");
    std::fs::write(&file, format!("{PASSWORD}\n")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .arg("createuser")
        .args(args)
        .arg("--password-file")
        .arg(&file)
        .env("DATABASE_URL", url)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "createuser {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A browser: its own cookie jar, no redirects followed, and a generous deadline.
fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// Posts `form` to the server function `/api/{endpoint}` as the hydrated page does; the status
/// and body, or an error when no whole answer came.
async fn api<T: serde::Serialize + ?Sized>(
    browser: &Client,
    address: &str,
    endpoint: &str,
    form: &T,
) -> Result<(u16, String), reqwest::Error> {
    let response = browser
        .post(format!("{address}/api/{endpoint}"))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.text().await?))
}

/// Logs `browser` in as `username`; the status.
async fn log_in(browser: &Client, address: &str, username: &str) -> u16 {
    let form = [("username", username), ("password", PASSWORD)];
    api(browser, address, "accounts/login", &form)
        .await
        .unwrap()
        .0
}

/// The date `offset` days from today (UTC), as the loan forms take it.
fn day(offset: i64) -> String {
    let today = time::OffsetDateTime::now_utc().date();
    (today + time::Duration::days(offset)).to_string()
}
