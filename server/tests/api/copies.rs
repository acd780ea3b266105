//! Librarians manage copies on both databases (issue 24): add a copy to a book, change its
//! imprint and status, delete it, each change logged and shown at once; a copy on loan keeps its
//! loan and cannot be deleted, even when the loan and the delete race; the copy list filters by
//! status (a bad status is a 400). Members get 403, visitors 401 or the login page.
use crate::{
    accounts::support::{api, librarian_browser, member_browser, user},
    helpers::english,
    helpers::{both_databases, new_browser, TestApp},
};
use reqwest::Client;

async fn logged_in(app: &TestApp, name: &str, librarian: bool) -> Client {
    if librarian {
        librarian_browser(app, name).await
    } else {
        member_browser(app, name).await
    }
}

async fn call(
    app: &TestApp,
    browser: &Client,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    api(app, browser, function, form).await
}

async fn scalar_i64(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

async fn number(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

async fn status_of(app: &TestApp, copy: &str) -> Option<String> {
    sqlx::query_scalar("SELECT status FROM book_instances WHERE id = $1")
        .bind(copy)
        .fetch_optional(&app.pool().await)
        .await
        .unwrap()
}

async fn some_book(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT MIN(id) FROM books")
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

async fn available_copies(app: &TestApp, n: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT id FROM book_instances WHERE status = 'a' ORDER BY id LIMIT $1")
        .bind(n)
        .fetch_all(&app.pool().await)
        .await
        .unwrap()
}

fn day(offset: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(offset)).to_string()
}

both_databases! {
    async fn a_copy_is_added_changed_and_deleted_and_shows_at_once(builder) {
        let app = spawn!(builder);
        let marian = logged_in(&app, "marian", true).await;
        let book = some_book(&app).await;
        let book_text = book.to_string();
        let copies_before = number(&app, "SELECT copies FROM catalog_counts WHERE id = 1").await;
        let maintenance_before = number(&app, "SELECT COUNT(*) FROM book_instances WHERE status = 'd'").await;
        let (status, _, form) = app.get(&marian, &format!("/catalog/book/{book}/copy/create")).await;
        assert_eq!(status, 200);
        assert!(form.contains("Imprint") && form.contains(">Available<") && form.contains(">Maintenance<"), "{form:.4000}");
        let (_, _, book_page) = app.get(&marian, &format!("/catalog/book/{book}")).await;
        assert!(book_page.contains(&format!("/catalog/book/{book}/copy/create")), "Add copy link");

        let (status, body) = call(&app, &marian, "editing/copy", &[
            ("book_id", &book_text), ("imprint", "  Gollancz, 2016  "), ("status", "maintenance"),
        ]).await;
        assert_eq!(status, 200, "{body}");
        let copy: String = serde_json::from_str(&body).unwrap();
        assert_eq!(status_of(&app, &copy).await.as_deref(), Some("d"));
        let (status, _, page) = app.get(&marian, &format!("/catalog/bookinstance/{copy}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Gollancz, 2016") && page.contains("Maintenance"), "{page:.4000}");
        assert!(page.contains(&format!("/catalog/bookinstance/{copy}/update")) && page.contains("Delete copy"));
        let (_, _, book_page) = app.get(&marian, &format!("/catalog/book/{book}")).await;
        assert!(book_page.contains(&copy), "the book page lists it at once");
        let (_, _, filtered) = app.get(&marian, "/catalog/bookinstances?status=maintenance").await;
        assert!(filtered.contains(&format!("Maintenance: {}", maintenance_before + 1)), "the filter counts it: {filtered:.6000}");
        let copies_after = number(&app, "SELECT copies FROM catalog_counts WHERE id = 1").await;
        assert_eq!(copies_after, copies_before + 1, "home counts follow");
        let (_, _, home) = app.get(&new_browser(), "/").await;
        assert!(home.contains(&format!("<strong>{copies_after}</strong>")) || home.contains(&copies_after.to_string()), "{home:.3000}");

        // A POST without JavaScript lands on the copy's page.
        let response = marian
            .post(format!("{}/api/editing/copy", app.address))
            .header("accept", "text/html")
            .form(&[("id", copy.as_str()), ("imprint", "Gollancz, 2017"), ("status", "available")])
            .send().await.unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], format!("/catalog/bookinstance/{copy}"));
        assert_eq!(status_of(&app, &copy).await.as_deref(), Some("a"));

        for (form, field) in [
            (vec![("id", copy.as_str()), ("imprint", " "), ("status", "available")], "Enter the imprint"),
            (vec![("id", copy.as_str()), ("imprint", "x"), ("status", "on-loan")], "Choose one from the list"),
            (vec![("id", copy.as_str()), ("imprint", "x"), ("status", "reserved")], "Choose one from the list"),
        ] {
            let (status, body) = call(&app, &marian, "editing/copy", &form).await;
            assert_eq!(status, 422, "{body}");
            assert!(english(&body).contains(field), "{body}");
        }
        let long = "я".repeat(201);
        let (status, _) = call(&app, &marian, "editing/copy", &[("id", copy.as_str()), ("imprint", long.as_str())]).await;
        assert_eq!(status, 422);
        let (status, _) = call(&app, &marian, "editing/copy", &[("book_id", "999999"), ("imprint", "x")]).await;
        assert_eq!(status, 404, "no such book");
        let (status, _) = call(&app, &marian, "editing/copy", &[("id", "not-a-copy"), ("imprint", "x")]).await;
        assert_eq!(status, 404);
        let (status, _, _) = app.get(&marian, "/catalog/book/999999/copy/create").await;
        assert_eq!(status, 404);
        let (status, _, _) = app.get(&marian, "/catalog/bookinstance/nope/update").await;
        assert_eq!(status, 404);

        let (status, _, page) = app.get(&marian, &format!("/catalog/bookinstance/{copy}/delete")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Are you sure you want to delete this copy?"), "{page:.4000}");
        let (status, body) = call(&app, &marian, "editing/copy-delete", &[("id", copy.as_str())]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body, book_text);
        assert_eq!(status_of(&app, &copy).await, None);
        let (status, _, _) = app.get(&marian, &format!("/catalog/bookinstance/{copy}")).await;
        assert_eq!(status, 404);
        let (status, _) = call(&app, &marian, "editing/copy-delete", &[("id", copy.as_str())]).await;
        assert_eq!(status, 404, "deleting twice");
        let (_, _, log) = app.get(&marian, "/catalog/changes").await;
        for action in ["add copy", "save copy", "delete copy"] {
            assert!(log.contains(action), "{action} logged: {log:.4000}");
        }
    }

    async fn a_copy_on_loan_keeps_its_loan_and_cannot_be_deleted(builder) {
        let app = spawn!(builder);
        let marian = logged_in(&app, "marian", true).await;
        user(&app, "ada");
        let copy = available_copies(&app, 1).await.remove(0);
        let due = day(14);
        let (status, body) = call(&app, &marian, "loans/lend", &[("id", &copy), ("borrower", "ada"), ("due_back", &due)]).await;
        assert_eq!(status, 200, "{body}");

        let (_, _, form) = app.get(&marian, &format!("/catalog/bookinstance/{copy}/update")).await;
        assert!(form.contains("on loan to ada") && !form.contains("<select id=\"status\""), "{form:.4000}");
        let (status, body) = call(&app, &marian, "editing/copy", &[("id", &copy), ("imprint", "x"), ("status", "maintenance")]).await;
        assert_eq!(status, 400, "{body}");
        assert!(english(&body).contains("on loan to ada"), "{body}");
        let (status, body) = call(&app, &marian, "editing/copy", &[("id", &copy), ("imprint", "New imprint")]).await;
        assert_eq!(status, 200, "the imprint alone can change: {body}");
        assert_eq!(status_of(&app, &copy).await.as_deref(), Some("o"), "still on loan");

        let (_, _, page) = app.get(&marian, &format!("/catalog/bookinstance/{copy}/delete")).await;
        assert!(page.contains("on loan to ada") && !page.contains("class=\"danger\""), "{page:.4000}");
        let (status, body) = call(&app, &marian, "editing/copy-delete", &[("id", &copy)]).await;
        assert_eq!(status, 400, "{body}");
        assert!(english(&body).contains("on loan to ada, so it cannot be deleted"), "{body}");
        assert_eq!(status_of(&app, &copy).await.as_deref(), Some("o"));
    }

    async fn a_copy_lent_while_being_deleted_is_either_lent_or_gone(builder) {
        let app = spawn!(builder);
        let (first, second) = (logged_in(&app, "marian", true).await, logged_in(&app, "melvil", true).await);
        user(&app, "ada");
        let due = day(14);
        let mut outcomes = Vec::new();
        for copy in available_copies(&app, 6).await {
            let lend = [("id", copy.as_str()), ("borrower", "ada"), ("due_back", due.as_str())];
            let delete = [("id", copy.as_str())];
            let (lent, deleted) = tokio::join!(
                call(&app, &first, "loans/lend", &lend),
                call(&app, &second, "editing/copy-delete", &delete),
            );
            let stored = status_of(&app, &copy).await;
            match (lent.0, deleted.0) {
                (200, 400) => assert_eq!(stored.as_deref(), Some("o"), "{copy}: {deleted:?}"),
                (400, 200) => assert_eq!(stored, None, "{copy}: {lent:?}"),
                other => panic!("{copy}: exactly one must win, got {other:?}: {lent:?} {deleted:?}"),
            }
            outcomes.push((lent.0, deleted.0));
        }
        let on_loan = number(&app, "SELECT COUNT(*) FROM book_instances WHERE borrower_id IS NOT NULL").await;
        let lends = outcomes.iter().filter(|(l, _)| *l == 200).count();
        assert_eq!(on_loan as usize, lends, "no loan of a deleted copy");
    }

    async fn only_librarians_manage_copies(builder) {
        let app = spawn!(builder);
        let ada = logged_in(&app, "ada", false).await;
        let copy = available_copies(&app, 1).await.remove(0);
        let book = some_book(&app).await.to_string();
        for (function, form) in [
            ("editing/copy-form", vec![("id", copy.as_str())]),
            ("editing/copy-form", vec![("id", "not-a-copy")]),
            ("editing/copy-delete", vec![("id", "not-a-copy")]),
            ("editing/copy-form", vec![("book_id", book.as_str())]),
            ("editing/copy", vec![("book_id", book.as_str()), ("imprint", "x"), ("status", "available")]),
            ("editing/copy", vec![("id", copy.as_str()), ("imprint", "x"), ("status", "maintenance")]),
            ("editing/copy-delete", vec![("id", copy.as_str())]),
        ] {
            let (status, body) = call(&app, &ada, function, &form).await;
            assert_eq!(status, 403, "{function}: {body}");
            let (status, _) = call(&app, &new_browser(), function, &form).await;
            assert_eq!(status, 401, "{function} anonymously");
        }
        assert_eq!(status_of(&app, &copy).await.as_deref(), Some("a"), "nothing changed");
        for path in [
            format!("/catalog/book/{book}/copy/create"),
            format!("/catalog/bookinstance/{copy}/update"),
            format!("/catalog/bookinstance/{copy}/delete"),
        ] {
            let response = new_browser().get(format!("{}{path}", app.address))
                .header("accept", "text/html").send().await.unwrap();
            assert_eq!(response.status(), 302, "{path}");
            assert!(response.headers()["location"].to_str().unwrap().starts_with("/accounts/login?next="));
            let (status, _, _) = app.get(&ada, &path).await;
            assert_eq!(status, 403, "{path}");
        }
        let (_, _, page) = app.get(&ada, &format!("/catalog/bookinstance/{copy}")).await;
        assert!(!page.contains("Edit copy") && !page.contains("Delete copy"), "members see no copy links");
    }

    async fn the_copy_list_filters_by_status_and_counts_each(builder) {
        let app = spawn!(builder);
        let marian = logged_in(&app, "marian", true).await;
        user(&app, "ada");
        for copy in available_copies(&app, 2).await {
            let due = day(7);
            let (status, _) = call(&app, &marian, "loans/lend", &[("id", &copy), ("borrower", "ada"), ("due_back", &due)]).await;
            assert_eq!(status, 200);
        }
        let on_loan = scalar_i64(&app, "SELECT COUNT(*) FROM book_instances WHERE status = $1", "o").await;
        let visitor = new_browser();
        let (status, _, page) = app.get(&visitor, "/catalog/bookinstances?status=on-loan").await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("On loan: {on_loan}")), "counts: {page:.6000}");
        let statuses: Vec<&str> = page.match_indices("data-status=\"").map(|(i, _)| &page[i + 13..i + 14]).collect();
        assert!(!statuses.is_empty());
        assert!(statuses.iter().all(|s| *s == "o"), "only copies on loan: {statuses:?}");
        assert!(page.contains("<option value=\"on-loan\" selected"), "the select shows the filter");
        let (status, body) = call(&app, &visitor, "catalog/copies", &[("status", "maintenance")]).await;
        assert_eq!(status, 200, "{body}");
        let list: serde_json::Value = serde_json::from_str(&body).unwrap();
        let maintenance = scalar_i64(&app, "SELECT COUNT(*) FROM book_instances WHERE status = $1", "d").await;
        assert_eq!(list["page"]["total"], maintenance, "{body:.500}");
        assert!(list["page"]["items"].as_array().unwrap().iter().all(|c| c["status"] == "d"));
        // Paging keeps the filter.
        if maintenance > 10 {
            let (_, _, page) = app.get(&visitor, "/catalog/bookinstances?status=maintenance").await;
            assert!(page.contains("?status=maintenance&amp;page=2"), "{page:.6000}");
        }
        for bad in ["lost", "o", "ON-LOAN"] {
            let (status, _, page) = app.get(&visitor, &format!("/catalog/bookinstances?status={bad}")).await;
            assert_eq!(status, 400, "{bad}");
            assert!(page.contains("There is no such copy status"), "{page:.3000}");
            let (status, _) = call(&app, &visitor, "catalog/copies", &[("status", bad)]).await;
            assert_eq!(status, 400);
        }
        let (status, _, all) = app.get(&visitor, "/catalog/bookinstances?status=all&page=2").await;
        assert_eq!(status, 200);
        assert!(all.contains("Page 2"), "{all:.3000}");
    }
}
