//! Holds on both databases (issue 25): members queue for a book with no copy on the shelf; a
//! freed copy (returned, back from maintenance, new) is kept for the first in line, who is
//! mailed; only they can borrow it; an unclaimed copy passes on when its time is up. Races never
//! give one copy to two members, skip a member or lose a hold.
use crate::{
    accounts::{
        attacks::wait_for_mails,
        support::{api, librarian_browser, member_browser},
    },
    helpers::english,
    helpers::{both_databases, new_browser, TestApp},
};
use reqwest::Client;
use std::time::Duration;

fn day(offset: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(offset)).to_string()
}

/// A book with `copies` copies, every one on loan to nobody in particular; its id and copies.
async fn book_all_out(app: &TestApp, copies: i64) -> (i64, Vec<String>) {
    let pool = app.pool().await;
    let book: i64 = sqlx::query_scalar(
        "SELECT book_id FROM book_instances GROUP BY book_id HAVING COUNT(*) >= $1 ORDER BY book_id LIMIT 1",
    )
    .bind(copies)
    .fetch_one(&pool)
    .await
    .unwrap();
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM book_instances WHERE book_id = $1 ORDER BY id")
            .bind(book)
            .fetch_all(&pool)
            .await
            .unwrap();
    let (keep, extra) = ids.split_at(usize::try_from(copies).unwrap());
    for id in extra {
        sqlx::query("DELETE FROM book_instances WHERE id = $1")
            .bind(id)
            .execute(&pool)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE book_instances SET status = 'o', due_back = $1, borrower_id = NULL WHERE book_id = $2")
        .bind(day(7))
        .bind(book)
        .execute(&pool)
        .await
        .unwrap();
    (book, keep.to_vec())
}

async fn state(app: &TestApp, browser: &Client, book: i64) -> serde_json::Value {
    let (status, body) = api(
        app,
        browser,
        "holds/book",
        &[("book_id", &book.to_string())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["state"].clone()
}

async fn hold(app: &TestApp, browser: &Client, action: &str, book: i64) -> (u16, String) {
    api(
        app,
        browser,
        &format!("holds/{action}"),
        &[("book_id", &book.to_string())],
    )
    .await
}

async fn status_of(app: &TestApp, copy: &str) -> String {
    sqlx::query_scalar("SELECT status FROM book_instances WHERE id = $1")
        .bind(copy)
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

/// The queue's invariants: a kept copy is `r` and kept for exactly one hold; no hold waits
/// while a copy of its book is on the shelf.
async fn queue_is_sound(app: &TestApp, book: i64) {
    let pool = app.pool().await;
    let reserved: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM book_instances WHERE book_id = $1 AND status = 'r'",
    )
    .bind(book)
    .fetch_one(&pool)
    .await
    .unwrap();
    let kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM holds h JOIN book_instances c ON c.id = h.copy_id WHERE h.book_id = $1 AND c.status = 'r'",
    ).bind(book).fetch_one(&pool).await.unwrap();
    assert_eq!(reserved, kept, "every kept copy belongs to one hold");
    let dangling: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM holds WHERE book_id = $1 AND copy_id IS NOT NULL AND ready_until IS NULL")
        .bind(book).fetch_one(&pool).await.unwrap();
    assert_eq!(dangling, 0);
    let waiting: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM holds WHERE book_id = $1 AND copy_id IS NULL")
            .bind(book)
            .fetch_one(&pool)
            .await
            .unwrap();
    let shelf: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM book_instances WHERE book_id = $1 AND status = 'a'",
    )
    .bind(book)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        waiting == 0 || shelf == 0,
        "{waiting} waiting while {shelf} on the shelf"
    );
}

/// A mail's headers and its body as text (the mailer sends a non-ASCII body as base64).
fn mail_text(path: &std::path::Path) -> String {
    let raw = std::fs::read_to_string(path).unwrap().replace("\r\n", "\n");
    let (headers, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    if !headers.contains("Content-Transfer-Encoding: base64") {
        return raw.replace("=\n", "");
    }
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = body.bytes().filter_map(value).collect();
    let mut bytes = Vec::new();
    for chunk in sextets.chunks(4) {
        let n =
            chunk.iter().fold(0u32, |acc, &v| (acc << 6) | u32::from(v)) << (6 * (4 - chunk.len()));
        let take = chunk.len() * 6 / 8;
        bytes.extend_from_slice(&n.to_be_bytes()[1..=take]);
    }
    format!("{headers}\n\n{}", String::from_utf8_lossy(&bytes))
}

both_databases! {
    async fn a_returned_copy_is_kept_for_the_first_in_line_and_only_they_can_borrow_it(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()));
        let marian = librarian_browser(&app, "marian").await;
        let (ada, grace) = (member_browser(&app, "ada").await, member_browser(&app, "grace").await);
        let (book, copies) = book_all_out(&app, 2).await;
        assert_eq!(state(&app, &new_browser(), book).await, "LogInFirst");
        assert_eq!(state(&app, &ada, book).await, "CanPlace");
        assert_eq!(hold(&app, &ada, "place", book).await.0, 200);
        assert_eq!(hold(&app, &grace, "place", book).await.0, 200);
        assert_eq!(state(&app, &ada, book).await["Waiting"], 1);
        assert_eq!(state(&app, &grace, book).await["Waiting"], 2);
        let (status, body) = hold(&app, &ada, "place", book).await;
        assert_eq!(status, 400, "{body}");
        assert!(english(&body).contains("already hold"), "{body}");
        let (_, librarian_view) = api(&app, &marian, "holds/book", &[("book_id", &book.to_string())]).await;
        assert!(librarian_view.contains("\"count\":2"), "{librarian_view}");

        let (status, body) = api(&app, &marian, "loans/return", &[("id", &copies[0])]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(status_of(&app, &copies[0]).await, "r", "kept, not back on the shelf");
        assert!(state(&app, &ada, book).await.get("Ready").is_some());
        let mails = wait_for_mails(outbox.path(), 1).await;
        let mail = mail_text(&mails[0]);
        assert!(mail.contains("To: ada@example.com") && mail.contains("Subject: Your hold is ready: "), "{mail}");
        let deadline = (time::OffsetDateTime::now_utc().date() + time::Duration::days(7)).year().to_string();
        assert!(mail.contains("is kept for you until") && mail.contains(&deadline), "the book and the deadline: {mail}");
        assert!(mail.contains("отложен для вас"), "and in Russian: {mail}");

        let due = day(14);
        let (status, body) = api(&app, &marian, "loans/lend", &[("id", &copies[0]), ("borrower", "grace"), ("due_back", &due)]).await;
        assert_eq!(status, 400, "{body}");
        assert!(english(&body).contains("kept for another member"), "{body}");
        let (status, body) = api(&app, &marian, "loans/lend", &[("id", &copies[0]), ("borrower", "ada"), ("due_back", &due)]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(state(&app, &grace, book).await["Waiting"], 1, "the queue moved up");
        let (_, mine) = api(&app, &ada, "holds/mine", &[]).await;
        assert_eq!(mine, "[]", "lending it ended ada's hold");

        // A new copy goes to grace at once.
        let (status, body) = api(&app, &marian, "editing/copy", &[("book_id", &book.to_string()), ("imprint", "New print"), ("status", "available")]).await;
        assert_eq!(status, 200, "{body}");
        let new_copy: String = serde_json::from_str(&body).unwrap();
        assert_eq!(status_of(&app, &new_copy).await, "r");
        assert!(state(&app, &grace, book).await.get("Ready").is_some());
        let (_, _, page) = app.get(&grace, "/catalog/mybooks").await;
        assert!(page.contains("Ready to pick up until"), "{page:.5000}");
        let (_, _, page) = app.get(&marian, "/catalog/holds").await;
        assert!(page.contains("grace"), "{page:.5000}");
        // Cancelling a ready hold puts the copy back on the shelf (nobody else waits).
        assert_eq!(hold(&app, &grace, "cancel", book).await.0, 200);
        assert_eq!(status_of(&app, &new_copy).await, "a");
        // A copy back from maintenance goes to the member waiting.
        let (status, _) = api(&app, &marian, "editing/copy", &[("id", &new_copy), ("imprint", "New print"), ("status", "maintenance")]).await;
        assert_eq!(status, 200);
        assert_eq!(hold(&app, &grace, "place", book).await.0, 200);
        let (status, _) = api(&app, &marian, "editing/copy", &[("id", &new_copy), ("imprint", "New print"), ("status", "available")]).await;
        assert_eq!(status, 200);
        assert_eq!(status_of(&app, &new_copy).await, "r", "kept for grace");
        let (_, _, copy_page) = app.get(&marian, &format!("/catalog/bookinstance/{new_copy}")).await;
        assert!(copy_page.contains("kept for a member") && copy_page.contains(">Lend<"), "{copy_page:.5000}");
        assert_eq!(hold(&app, &grace, "cancel", book).await.0, 200);
        assert_eq!(hold(&app, &grace, "cancel", book).await.0, 400);
        let (_, _, log) = app.get(&marian, "/catalog/changes").await;
        assert!(log.contains("place hold") && log.contains("cancel hold") && log.contains("keep copy"), "{log:.4000}");
        queue_is_sound(&app, book).await;
    }

    async fn a_member_holds_only_what_is_out_within_the_limit(builder) {
        let app = spawn!(builder.env("MAX_HOLDS", "2"));
        let marian = librarian_browser(&app, "marian").await;
        let ada = member_browser(&app, "ada").await;
        let pool = app.pool().await;
        let books: Vec<i64> = sqlx::query_scalar("SELECT id FROM books ORDER BY id LIMIT 4").fetch_all(&pool).await.unwrap();
        sqlx::query("UPDATE book_instances SET status = 'o', due_back = $1 WHERE book_id IN ($2, $3, $4)")
            .bind(day(7)).bind(books[0]).bind(books[1]).bind(books[2]).execute(&pool).await.unwrap();
        assert_eq!(hold(&app, &ada, "place", books[0]).await.0, 200);
        assert_eq!(hold(&app, &ada, "place", books[1]).await.0, 200);
        let (status, body) = hold(&app, &ada, "place", books[2]).await;
        assert_eq!(status, 400);
        assert!(english(&body).contains("You have 2 holds"), "{body}");
        assert_eq!(state(&app, &ada, books[2]).await["CannotPlace"]["AtLimit"], 2);
        // A book with a copy on the shelf needs no hold.
        sqlx::query("INSERT INTO book_instances (id, book_id, imprint, status) VALUES ('00000000-0000-4000-8000-000000000001', $1, 'x', 'a')")
            .bind(books[3]).execute(&pool).await.unwrap();
        assert_eq!(hold(&app, &ada, "cancel", books[1]).await.0, 200);
        let (status, body) = hold(&app, &ada, "place", books[3]).await;
        assert_eq!(status, 400);
        assert!(english(&body).contains("on the shelf"), "{body}");
        // Nor one the member has on loan.
        let copy: String = sqlx::query_scalar("SELECT id FROM book_instances WHERE book_id = $1 LIMIT 1")
            .bind(books[2]).fetch_one(&pool).await.unwrap();
        sqlx::query("UPDATE book_instances SET status = 'a' WHERE id = $1").bind(&copy).execute(&pool).await.unwrap();
        let due = day(7);
        assert_eq!(api(&app, &marian, "loans/lend", &[("id", &copy), ("borrower", "ada"), ("due_back", &due)]).await.0, 200);
        let (status, body) = hold(&app, &ada, "place", books[2]).await;
        assert_eq!(status, 400);
        assert!(english(&body).contains("on loan already"), "{body}");
        let (status, _) = hold(&app, &ada, "place", 999_999).await;
        assert_eq!(status, 404);
        for (action, form) in [("place", vec![("book_id", "1")]), ("cancel", vec![("book_id", "1")]), ("mine", vec![]), ("all", vec![])] {
            let (status, _) = api(&app, &new_browser(), &format!("holds/{action}"), &form).await;
            assert_eq!(status, 401, "{action} anonymously");
        }
        assert_eq!(api(&app, &ada, "holds/all", &[]).await.0, 403);
        let (status, _, _) = app.get(&ada, "/catalog/holds").await;
        assert_eq!(status, 403);
    }

    async fn a_copy_not_picked_up_in_time_passes_to_the_next_member_then_the_shelf(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()).env("HOLD_SECONDS", "1"));
        let marian = librarian_browser(&app, "marian").await;
        let (ada, grace) = (member_browser(&app, "ada").await, member_browser(&app, "grace").await);
        let (book, copies) = book_all_out(&app, 1).await;
        assert_eq!(hold(&app, &ada, "place", book).await.0, 200);
        assert_eq!(hold(&app, &grace, "place", book).await.0, 200);
        assert_eq!(api(&app, &marian, "loans/return", &[("id", &copies[0])]).await.0, 200);
        assert!(state(&app, &ada, book).await.get("Ready").is_some());
        let mut waited = Duration::ZERO;
        while state(&app, &grace, book).await.get("Ready").is_none() {
            assert!(waited < Duration::from_secs(8), "the copy did not pass on");
            tokio::time::sleep(Duration::from_millis(200)).await;
            waited += Duration::from_millis(200);
        }
        assert_eq!(state(&app, &ada, book).await, "CanPlace", "ada's hold ended");
        let mails = wait_for_mails(outbox.path(), 2).await;
        assert_eq!(mails.len(), 2, "ada, then grace");
        while status_of(&app, &copies[0]).await != "a" {
            assert!(waited < Duration::from_secs(16), "the copy did not go back on the shelf");
            tokio::time::sleep(Duration::from_millis(200)).await;
            waited += Duration::from_millis(200);
        }
        queue_is_sound(&app, book).await;
        let (_, _, log) = app.get(&marian, "/catalog/changes").await;
        assert!(log.contains("hold expired"), "{log:.4000}");
    }

    async fn returns_and_holds_at_once_never_give_one_copy_twice_or_skip_anyone(builder) {
        let app = spawn!(builder);
        let (first, second) = (librarian_browser(&app, "marian").await, librarian_browser(&app, "melvil").await);
        let members = [member_browser(&app, "ada").await, member_browser(&app, "grace").await, member_browser(&app, "alan").await];
        for round in 0..3 {
            let (book, copies) = book_all_out(&app, 2).await;
            assert_eq!(hold(&app, &members[2], "place", book).await.0, 200, "round {round}");
            let (c0, c1) = ([("id", copies[0].as_str())], [("id", copies[1].as_str())]);
            let (r1, r2, h1, h2) = tokio::join!(
                api(&app, &first, "loans/return", &c0),
                api(&app, &second, "loans/return", &c1),
                hold(&app, &members[0], "place", book),
                hold(&app, &members[1], "place", book),
            );
            assert_eq!((r1.0, r2.0), (200, 200), "{r1:?} {r2:?}");
            assert!([200, 400].contains(&h1.0) && [200, 400].contains(&h2.0), "{h1:?} {h2:?}");
            queue_is_sound(&app, book).await;
            // alan was first: the first copy freed is always his.
            let alan_ready: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM holds h JOIN users u ON u.id = h.user_id WHERE h.book_id = $1 AND u.username = 'alan' AND h.copy_id IS NOT NULL",
            ).bind(book).fetch_one(&app.pool().await).await.unwrap();
            assert_eq!(alan_ready, 1, "round {round}: the first in line was skipped");
            for member in &members {
                let _ = hold(&app, member, "cancel", book).await;
            }
            queue_is_sound(&app, book).await;
        }
        // A cancel racing the copy being kept for that member: either way nothing is lost.
        let (book, copies) = book_all_out(&app, 1).await;
        assert_eq!(hold(&app, &members[0], "place", book).await.0, 200);
        assert_eq!(hold(&app, &members[1], "place", book).await.0, 200);
        let c0 = [("id", copies[0].as_str())];
        let (returned, cancelled) = tokio::join!(
            api(&app, &first, "loans/return", &c0),
            hold(&app, &members[0], "cancel", book),
        );
        assert_eq!((returned.0, cancelled.0), (200, 200), "{returned:?} {cancelled:?}");
        assert_eq!(status_of(&app, &copies[0]).await, "r", "kept for grace, next in line");
        assert!(state(&app, &members[1], book).await.get("Ready").is_some());
        queue_is_sound(&app, book).await;
    }

    async fn a_copy_kept_for_a_member_who_borrows_another_passes_on_and_the_deactivated_are_passed_over(builder) {
        let app = spawn!(builder);
        let marian = librarian_browser(&app, "marian").await;
        let (ada, grace, alan) = (member_browser(&app, "ada").await, member_browser(&app, "grace").await, member_browser(&app, "alan").await);
        let (book, copies) = book_all_out(&app, 2).await;
        for member in [&ada, &grace, &alan] {
            assert_eq!(hold(&app, member, "place", book).await.0, 200);
        }
        // grace is deactivated: the first copy freed skips her for alan after ada.
        let (status, _) = api(&app, &marian, "members/activity", &[("username", "grace"), ("state", "inactive")]).await;
        assert_eq!(status, 200);
        assert_eq!(api(&app, &marian, "loans/return", &[("id", &copies[0])]).await.0, 200);
        assert!(state(&app, &ada, book).await.get("Ready").is_some());
        assert_eq!(state(&app, &alan, book).await["Waiting"], 1, "grace, deactivated, is not ahead of alan");
        // ada borrows a copy from the shelf while one is kept for her: the kept one passes on
        // instead of staying reserved for nobody.
        sqlx::query("UPDATE book_instances SET status = 'a', borrower_id = NULL, due_back = NULL WHERE id = $1")
            .bind(&copies[1]).execute(&app.pool().await).await.unwrap();
        let due = day(7);
        let (status, body) = api(&app, &marian, "loans/lend", &[("id", &copies[1]), ("borrower", "ada"), ("due_back", &due)]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(status_of(&app, &copies[0]).await, "r");
        assert!(state(&app, &alan, book).await.get("Ready").is_some(), "ada's kept copy went to alan");
        queue_is_sound(&app, book).await;
    }

    async fn two_servers_expiring_at_once_pass_each_copy_on_once(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let builder = builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()).env("HOLD_SECONDS", "1");
        let first = spawn!(builder);
        let Some(second) = TestApp::builder()
            .database_url(first.database_url.clone())
            .env("HOLD_SECONDS", "1")
            .env("EMAIL_OUTBOX", outbox.path().display().to_string())
            .spawn().await else { return; };
        let marian = librarian_browser(&first, "marian").await;
        let names = ["ada", "grace", "alan"];
        let mut members = Vec::new();
        for name in names {
            members.push(member_browser(&first, name).await);
        }
        let (book, copies) = book_all_out(&first, 1).await;
        for member in &members {
            assert_eq!(hold(&first, member, "place", book).await.0, 200);
        }
        assert_eq!(api(&first, &marian, "loans/return", &[("id", &copies[0])]).await.0, 200);
        let mut waited = Duration::ZERO;
        while status_of(&first, &copies[0]).await != "a" {
            assert!(waited < Duration::from_secs(20), "the copy never went back on the shelf");
            queue_is_sound(&first, book).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            waited += Duration::from_millis(100);
        }
        let expired: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'hold expired'")
            .fetch_one(&first.pool().await).await.unwrap();
        assert_eq!(expired, 3, "each member's hold ended once");
        let mails = wait_for_mails(outbox.path(), 3).await;
        assert_eq!(mails.len(), 3, "each member mailed once, in order");
        drop(second);
    }
}
