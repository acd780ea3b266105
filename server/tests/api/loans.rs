//! Loans on both databases: the tutorial's rules (renewal bounds, 403 for members, redirect
//! after a renewal, three weeks by default, "my borrowed" shows only mine, on loan, by due date),
//! lending and returning as one transaction that only one librarian can win, and the audit log.
use crate::{
    accounts::support::{createuser, log_in, user, PASSWORD},
    helpers::english,
    helpers::{both_databases, new_browser, TestApp},
};
use reqwest::Client;

fn day(offset: i64) -> String {
    let today = time::OffsetDateTime::now_utc().date();
    (today + time::Duration::days(offset)).to_string()
}

async fn librarian(app: &TestApp, name: &str) -> Client {
    let (ok, text) = createuser(app, &[name, "--librarian"], PASSWORD);
    assert!(ok, "{text}");
    let browser = new_browser();
    assert_eq!(log_in(app, &browser, name, PASSWORD).await.0, 200);
    browser
}

async fn member(app: &TestApp, name: &str) -> Client {
    user(app, name);
    let browser = new_browser();
    assert_eq!(log_in(app, &browser, name, PASSWORD).await.0, 200);
    browser
}

async fn available_copies(app: &TestApp, n: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT id FROM book_instances WHERE status = 'a' ORDER BY id LIMIT $1")
        .bind(n)
        .fetch_all(&app.pool().await)
        .await
        .unwrap()
}

async fn loans(app: &TestApp, browser: &Client, function: &str) -> Vec<serde_json::Value> {
    let (status, body) = call_loans(app, browser, function, &[]).await;
    assert_eq!(status, 200, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    page["items"].as_array().unwrap().clone()
}

async fn call_loans(
    app: &TestApp,
    browser: &Client,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = browser
        .post(format!("{}/api/loans/{function}", app.address))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

both_databases! {
    async fn my_borrowed_shows_only_mine_only_on_loan_by_due_date(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        let ada = member(&app, "ada").await;
        let _grace = member(&app, "grace").await;
        let copies = available_copies(&app, 5).await;
        for (copy, who, due) in [
            (&copies[0], "ada", day(20)),
            (&copies[1], "ada", day(3)),
            (&copies[2], "grace", day(5)),
            (&copies[3], "ada", day(10)),
        ] {
            let (status, body) = call_loans(&app, &marian, "lend", &[("id", copy), ("borrower", who), ("due_back", &due)]).await;
            assert_eq!(status, 200, "{body}");
        }
        let (status, _) = call_loans(&app, &marian, "return", &[("id", &copies[3])]).await;
        assert_eq!(status, 200);

        let mine = loans(&app, &ada, "mine").await;
        let ids: Vec<_> = mine.iter().map(|l| l["copy_id"].as_str().unwrap().to_string()).collect();
        assert_eq!(ids, [copies[1].clone(), copies[0].clone()], "mine, on loan, by due date");
        let (status, _, page) = app.get(&ada, "/catalog/mybooks").await;
        assert_eq!(status, 200);
        assert!(page.contains("Borrowed books"), "{page:.3000}");

        // An overdue loan says so in words.
        sqlx::query("UPDATE book_instances SET due_back = $1 WHERE id = $2")
            .bind(day(-2))
            .bind(&copies[1])
            .execute(&app.pool().await)
            .await
            .unwrap();
        let (_, _, page) = app.get(&ada, "/catalog/mybooks").await;
        assert!(page.contains("Overdue"), "{page:.4000}");
        let all = loans(&app, &marian, "all").await;
        assert_eq!(all[0]["copy_id"], copies[1].as_str(), "overdue first");
    }

    async fn renewals_follow_the_tutorials_rules(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        member(&app, "ada").await;
        let copy = available_copies(&app, 1).await.remove(0);
        call_loans(&app, &marian, "lend", &[("id", &copy), ("borrower", "ada"), ("due_back", &day(7))]).await;

        let (status, body) = call_loans(&app, &marian, "renewal", &[("id", &copy)]).await;
        assert_eq!(status, 200, "{body}");
        let form: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(form["default_due"], day(21), "three weeks ahead by default");

        for (due, message) in [(day(-1), "renewal in past"), (day(29), "more than 4 weeks ahead")] {
            let (status, body) = call_loans(&app, &marian, "renew", &[("id", &copy), ("due_back", &due)]).await;
            assert_eq!(status, 422, "{due}");
            assert!(english(&body).contains(message), "{body}");
        }
        let due_back: Option<String> = sqlx::query_scalar("SELECT due_back FROM book_instances WHERE id = $1")
            .bind(&copy)
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert_eq!(due_back, Some(day(7)), "an invalid renewal changes nothing");

        // Without JavaScript: a valid renewal goes back to the borrowed list.
        let response = marian
            .post(format!("{}/api/loans/renew", app.address))
            .header("accept", "text/html")
            .form(&[("id", copy.as_str()), ("due_back", &day(28))])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/catalog/borrowed");
        let due_back: Option<String> = sqlx::query_scalar("SELECT due_back FROM book_instances WHERE id = $1")
            .bind(&copy)
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert_eq!(due_back, Some(day(28)));
        let (status, _, page) = app.get(&marian, &format!("/catalog/book/{copy}/renew")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Renewal date"), "{page:.3000}");
    }

    async fn only_librarians_manage_loans(builder) {
        let app = spawn!(builder);
        let ada = member(&app, "ada").await;
        let copy = available_copies(&app, 1).await.remove(0);
        for (function, form) in [
            ("lend", vec![("id", copy.as_str()), ("borrower", "ada"), ("due_back", "2030-01-01")]),
            ("return", vec![("id", copy.as_str())]),
            ("renew", vec![("id", copy.as_str()), ("due_back", "2030-01-01")]),
            ("renewal", vec![("id", copy.as_str())]),
            ("all", vec![]),
            ("changes", vec![]),
        ] {
            let (status, body) = call_loans(&app, &ada, function, &form).await;
            assert_eq!(status, 403, "{function}: {body}");
            let (status, _) = call_loans(&app, &new_browser(), function, &form).await;
            assert_eq!(status, 401, "{function} anonymously");
        }
        for path in ["/catalog/borrowed", "/catalog/changes", "/catalog/mybooks"] {
            let response = new_browser()
                .get(format!("{}{path}", app.address))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 302, "{path}");
            assert_eq!(response.headers()["location"], format!("/accounts/login?next={path}"));
        }
        let (status, _, page) = app.get(&ada, "/catalog/borrowed").await;
        assert_eq!(status, 403);
        assert!(page.contains("This page is for librarians only."));
        let (_, _, copy_page) = app.get(&ada, &format!("/catalog/bookinstance/{copy}")).await;
        assert!(!copy_page.contains(">Lend<"), "members see no loan controls");
    }

    async fn two_librarians_cannot_both_lend_one_copy(builder) {
        let app = spawn!(builder);
        let (first, second) = (librarian(&app, "marian").await, librarian(&app, "melvil").await);
        member(&app, "ada").await;
        member(&app, "grace").await;
        let before: i64 = sqlx::query_scalar("SELECT copies_available FROM catalog_counts")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        for copy in available_copies(&app, 5).await {
            let due = day(14);
            let to_ada = [("id", copy.as_str()), ("borrower", "ada"), ("due_back", due.as_str())];
            let to_grace = [("id", copy.as_str()), ("borrower", "grace"), ("due_back", due.as_str())];
            let (a, b) = tokio::join!(
                call_loans(&app, &first, "lend", &to_ada),
                call_loans(&app, &second, "lend", &to_grace),
            );
            let mut statuses = [a.0, b.0];
            statuses.sort();
            assert_eq!(statuses, [200, 400], "{copy}: {a:?} {b:?}");
        }
        let after: i64 = sqlx::query_scalar("SELECT copies_available FROM catalog_counts")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert_eq!(after, before - 5, "the home counts follow at once");
        let log = loans(&app, &first, "changes").await;
        assert_eq!(log.len(), 5, "one entry per successful change: {log:?}");
        assert!(log.iter().all(|c| c["action"] == "lend"));
        let (_, _, page) = app.get(&first, "/catalog/changes").await;
        assert!(page.contains("lend"), "{page:.3000}");
    }

    async fn lending_checks_the_borrower_and_the_date(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        let copy = available_copies(&app, 1).await.remove(0);
        let (status, body) = call_loans(&app, &marian, "lend", &[("id", &copy), ("borrower", "nobody"), ("due_back", &day(7))]).await;
        assert_eq!(status, 422);
        assert!(english(&body).contains("no member with this username"), "{body}");
        user(&app, "ada");
        let (status, _) = call_loans(&app, &marian, "lend", &[("id", &copy), ("borrower", "ada"), ("due_back", &day(40))]).await;
        assert_eq!(status, 422);
        let (status, _) = call_loans(&app, &marian, "return", &[("id", &copy)]).await;
        assert_eq!(status, 400, "an available copy cannot be returned");
        let (_, _, page) = app.get(&marian, &format!("/catalog/bookinstance/{copy}")).await;
        assert!(page.contains(">Lend<") && page.contains(">Borrower<"), "{page:.4000}");
    }
}
