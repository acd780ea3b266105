//! After the restart: everything acknowledged is there, nothing is half-written, and the
//! database is whole. Every check runs and notes what it finds missing, so that a failure lists
//! all that was lost.
use super::{api, browser, ledger::Loan, log_in, Ledger, LIBRARIAN, READER};
use reqwest::Client;
use sqlx::{any::AnyPoolOptions, AnyPool, Connection};
use std::path::Path;

/// A pool of the test's own on the database at `url`.
pub async fn pool(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await
        .expect("the test opens the app's database")
}

/// Checks the restarted server at `address` on the database at `url` against `ledger`.
pub async fn everything_acknowledged_is_there(address: &str, url: &str, ledger: &Ledger) {
    let pool = pool(url).await;
    let mut lost = Vec::new();
    let visitors: Vec<_> = ledger.visitors.iter().map(|v| v.highest).collect();
    let changes: usize = ledger.copies.iter().map(|c| c.acknowledged).sum();
    let saves: usize = ledger.books.iter().map(|b| b.acknowledged).sum();
    eprintln!(
        "[{}] checking: highest visit shown per browser {visitors:?}, {} registrations, {} \
         accounts, {changes} loan changes, {saves} book saves, by audit action {:?}",
        ledger.label,
        ledger.registered.len(),
        ledger.members.len(),
        ledger.audited
    );
    visits(address, ledger, &mut lost).await;
    registrations(address, &pool, ledger, &mut lost).await;
    members(&pool, ledger, &mut lost).await;
    loans(&pool, ledger, &mut lost).await;
    books(address, &pool, ledger, &mut lost).await;
    librarians(address, ledger, &mut lost).await;
    counts_and_log(&pool, ledger, &mut lost).await;
    pool.close().await;
    assert!(
        lost.is_empty(),
        "[{}] after the crash ({} problems):\n{}",
        ledger.label,
        lost.len(),
        lost.join("\n")
    );
}

/// Each browser's next visit counts on from at least the highest number it was shown.
async fn visits(address: &str, ledger: &Ledger, lost: &mut Vec<String>) {
    for (i, visitor) in ledger.visitors.iter().enumerate() {
        let body = get(&visitor.browser, &format!("{address}/")).await;
        let sentence = crate::helpers::visit_sentence(&body).expect("the visit sentence");
        let now: u64 = sentence
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap();
        if now <= visitor.highest {
            lost.push(format!(
                "visitor {i} was shown visit {} before the crash, and now {sentence:?}",
                visitor.highest
            ));
        }
    }
}

/// Each acknowledged registration has its profile row, and its browser's session still says
/// who it is.
async fn registrations(address: &str, pool: &AnyPool, ledger: &Ledger, lost: &mut Vec<String>) {
    for registered in &ledger.registered {
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM user_profiles WHERE email = $1")
                .bind(&registered.email)
                .fetch_optional(pool)
                .await
                .unwrap();
        if name.as_deref() != Some(registered.name.as_str()) {
            lost.push(format!(
                "the registration of {} as {:?}: the profile holds {name:?}",
                registered.email, registered.name
            ));
        }
        let page = get(&registered.browser, &format!("{address}/session")).await;
        let facts = (fact(&page, "name"), fact(&page, "email"));
        if facts
            != (
                Some(registered.name.clone()),
                Some(registered.email.clone()),
            )
        {
            lost.push(format!(
                "the session of {}'s registration: it says {facts:?}",
                registered.email
            ));
        }
    }
}

/// Each acknowledged new member has an account.
async fn members(pool: &AnyPool, ledger: &Ledger, lost: &mut Vec<String>) {
    for username in &ledger.members {
        let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(pool)
            .await
            .unwrap();
        if found != 1 {
            lost.push(format!("the account {username} added by a librarian"));
        }
    }
}

/// Each copy is as its last acknowledged change left it, or as a change asked for since (with
/// no success answer) would have.
async fn loans(pool: &AnyPool, ledger: &Ledger, lost: &mut Vec<String>) {
    for copy in &ledger.copies {
        let (status, borrower, due_back): (String, Option<String>, Option<String>) =
            sqlx::query_as(
                "SELECT c.status, u.username, c.due_back FROM book_instances c \
                 LEFT JOIN users u ON u.id = c.borrower_id WHERE c.id = $1",
            )
            .bind(&copy.id)
            .fetch_one(pool)
            .await
            .unwrap();
        let stored = match (status.as_str(), borrower.as_deref(), due_back.clone()) {
            ("a", None, None) => Some(Loan::Available),
            ("o", Some(READER), Some(due)) => Some(Loan::OnLoan(due)),
            _ => None,
        };
        let mut allowed = std::iter::once(&copy.confirmed).chain(&copy.maybe);
        if !stored.as_ref().is_some_and(|s| allowed.any(|a| a == s)) {
            lost.push(format!(
                "copy {}: stored ({status}, {borrower:?}, {due_back:?}), but the last \
                 acknowledged change left {:?} (and those asked for since would leave {:?})",
                copy.id, copy.confirmed, copy.maybe
            ));
        }
    }
}

/// Each book holds one whole save (the same token in its title and summary, and that save's
/// genres, found by the search): its last acknowledged one, or one asked for since.
async fn books(address: &str, pool: &AnyPool, ledger: &Ledger, lost: &mut Vec<String>) {
    for book in &ledger.books {
        let (title, summary): (String, String) =
            sqlx::query_as("SELECT title, summary FROM books WHERE id = $1")
                .bind(book.id)
                .fetch_one(pool)
                .await
                .unwrap();
        let save = std::iter::once(&book.confirmed)
            .chain(&book.maybe)
            .find(|edit| title == edit.title());
        let Some(save) = save else {
            lost.push(format!(
                "book {}: stored {title:?}, but the last acknowledged save was {:?} (and those \
                 asked for since {:?})",
                book.id,
                book.confirmed.token,
                book.maybe.iter().map(|e| &e.token).collect::<Vec<_>>()
            ));
            continue;
        };
        if summary != save.summary() {
            lost.push(format!(
                "book {}: half a save: title {title:?}, summary {summary:?}",
                book.id
            ));
        }
        let genres: Vec<i64> = sqlx::query_scalar(
            "SELECT genre_id FROM book_genres WHERE book_id = $1 ORDER BY genre_id",
        )
        .bind(book.id)
        .fetch_all(pool)
        .await
        .unwrap();
        if genres != save.genres {
            lost.push(format!(
                "book {}: half a save: {title:?} with genres {genres:?}, not {:?}",
                book.id, save.genres
            ));
        }
        let search = format!("{address}/catalog/books?q={}", save.token);
        if !get(&browser(), &search).await.contains(&save.title()) {
            lost.push(format!(
                "book {}: the search index does not find {}",
                book.id, save.token
            ));
        }
    }
}

/// The librarian's sessions are still logged in, and the password still logs in.
async fn librarians(address: &str, ledger: &Ledger, lost: &mut Vec<String>) {
    for (i, librarian) in ledger.librarians.iter().enumerate() {
        let (status, body) = api(
            librarian,
            address,
            "accounts/current",
            &[] as &[(&str, &str)],
        )
        .await
        .unwrap();
        let current: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        if status != 200 || current["username"] != LIBRARIAN {
            lost.push(format!("librarian session {i}: {status} {body}"));
        }
    }
    let status = log_in(&browser(), address, LIBRARIAN).await;
    if status != 200 {
        lost.push(format!("the librarian's login: {status}"));
    }
}

/// The home page's counts (kept by triggers) agree with a recount, and every acknowledged
/// change has its audit entry (written in the same transaction).
async fn counts_and_log(pool: &AnyPool, ledger: &Ledger, lost: &mut Vec<String>) {
    let kept: (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT books, copies, copies_available, authors, genres FROM catalog_counts",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let recounted: (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM books), (SELECT COUNT(*) FROM book_instances), \
         (SELECT COUNT(*) FROM book_instances WHERE status = 'a'), \
         (SELECT COUNT(*) FROM authors), (SELECT COUNT(*) FROM genres)",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    if kept != recounted {
        lost.push(format!(
            "catalog_counts (books, copies, available, authors, genres) {kept:?}, \
             recounted {recounted:?}"
        ));
    }
    for (action, acknowledged) in &ledger.audited {
        let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
            .bind(*action)
            .fetch_one(pool)
            .await
            .unwrap();
        if logged < *acknowledged as i64 {
            lost.push(format!(
                "{acknowledged} acknowledged {action:?} changes, {logged} in the audit log"
            ));
        }
    }
}

/// `PRAGMA integrity_check` and `foreign_key_check` of the SQLite file at `path` find nothing.
pub async fn sqlite_file_is_whole(path: &Path) {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, ["ok"], "{}", path.display());
    let broken = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(
        broken.is_empty(),
        "{}: {} rows break a foreign key",
        path.display(),
        broken.len()
    );
    conn.close().await.unwrap();
}

/// The body of a GET with `browser`, which must be a 200.
async fn get(browser: &Client, url: &str) -> String {
    let response = browser.get(url).send().await.unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{url}: {body:.2000}");
    body
}

/// The fact `name` on the /session page.
fn fact(page: &str, name: &str) -> Option<String> {
    let marker = format!("data-fact=\"{name}\">");
    let start = page.find(&marker)? + marker.len();
    Some(page[start..].split('<').next()?.trim().to_string())
}
