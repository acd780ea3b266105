//! Librarians administer members on both databases (issue 24): add a member who sets their
//! password from a mailed link (72 hours, once), search and page the list, change a member's
//! role or deactivate them with effect on the member's next request (on another server within
//! the sign-in cache's seconds), never demote or deactivate themselves or the last active
//! librarian, even when two librarians demote each other at once. Members get 403, visitors 401.
use crate::{
    accounts::{
        attacks::wait_for_mails,
        support::{api, librarian_browser, log_in, logged_in_as, member_browser, user, PASSWORD},
    },
    helpers::english,
    helpers::{both_databases, new_browser, TestApp},
};
use reqwest::Client;
use std::time::{Duration, Instant};

async fn librarian(app: &TestApp, name: &str) -> Client {
    librarian_browser(app, name).await
}

async fn member(app: &TestApp, name: &str) -> Client {
    member_browser(app, name).await
}

async fn call(
    app: &TestApp,
    browser: &Client,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    api(app, browser, &format!("members/{function}"), form).await
}

async fn html(app: &TestApp, browser: &Client, path: &str) -> (u16, String) {
    let response = browser
        .get(format!("{}{path}", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn active_librarians(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_librarian = 1 AND is_active = 1")
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

/// The link in the mail `path`, its folded lines joined.
fn link_in(path: &std::path::Path) -> (String, String) {
    let mail = std::fs::read_to_string(path)
        .unwrap()
        .replace("=\r\n", "")
        .replace("=\n", "");
    let start = mail.find("http://").expect("a link in the mail");
    (
        mail[start..].split_whitespace().next().unwrap().to_string(),
        mail,
    )
}

both_databases! {
    async fn a_new_member_chooses_their_password_from_the_mailed_link(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()));
        let marian = librarian(&app, "marian").await;
        let (status, page) = html(&app, &marian, "/accounts/members/create").await;
        assert_eq!(status, 200);
        assert!(page.contains("Username") && page.contains("Email") && page.contains(">Add<"), "{page:.4000}");

        for (form, field, says) in [
            (vec![("username", ""), ("email", "")], "username", "Enter a username"),
            (vec![("username", "ada"), ("email", "not an address")], "email", "valid email address"),
            (vec![("username", "ada lovelace"), ("email", "ada@example.com")], "username", "only letters"),
        ] {
            let (status, body) = call(&app, &marian, "add", &form).await;
            assert_eq!(status, 422, "{field}: {body}");
            assert!(english(&body).contains(says), "{body}");
        }
        let (status, body) = call(&app, &marian, "add", &[("username", "Ada"), ("email", "ada@example.com")]).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = call(&app, &marian, "add", &[("username", "aDA"), ("email", "other@example.com"), ("librarian", "on")]).await;
        assert_eq!(status, 422, "usernames are unique whatever their case");
        assert!(english(&body).contains("already taken"), "{body}");

        let mails = wait_for_mails(outbox.path(), 1).await;
        assert_eq!(mails.len(), 1, "one mail, for the one account made");
        let (link, mail) = link_in(&mails[0]);
        assert!(mail.contains("To: ada@example.com") && mail.contains("72 hours") && mail.contains("\"Ada\""), "{mail}");
        // No password yet: nothing logs in, not even an empty one.
        let ada = new_browser();
        assert_eq!(log_in(&app, &ada, "Ada", "").await.0, 400);
        assert_eq!(log_in(&app, &ada, "Ada", "!").await.0, 400);

        let response = ada.get(&link).send().await.unwrap();
        assert_eq!(response.status(), 302);
        let set = ada.post(format!("{}/api/accounts/reset", app.address))
            .header("accept", "application/json")
            .form(&[("new_password", "a much better passphrase"), ("confirm_password", "a much better passphrase")])
            .send().await.unwrap();
        assert_eq!(set.status(), 200, "{}", set.text().await.unwrap());
        assert_eq!(log_in(&app, &ada, "Ada", "a much better passphrase").await.0, 200);
        let other = new_browser();
        let response = other.get(&link).send().await.unwrap();
        assert_eq!(response.status(), 302);
        let again = other.post(format!("{}/api/accounts/reset", app.address))
            .header("accept", "application/json")
            .form(&[("new_password", "yet another passphrase"), ("confirm_password", "yet another passphrase")])
            .send().await.unwrap();
        assert_eq!(again.status(), 400, "the link works once");

        let (status, page) = html(&app, &marian, "/accounts/members/Ada").await;
        assert_eq!(status, 200);
        assert!(page.contains("ada@example.com") && page.contains("Member") && page.contains("Make librarian"), "{page:.5000}");
        let (_, log) = html(&app, &marian, "/catalog/changes").await;
        assert!(log.contains("add member"), "{log:.4000}");
        let (status, _) = html(&app, &marian, "/accounts/members/nobody").await;
        assert_eq!(status, 404);
    }

    async fn a_member_whose_mail_cannot_be_sent_is_not_left_behind(builder) {
        // Nothing listens on port 9 of this machine: the SMTP connection is refused.
        let app = spawn!(builder.env("EMAIL_URL", "smtp://127.0.0.1:9"));
        let marian = librarian(&app, "marian").await;
        let (status, body) = call(&app, &marian, "add", &[("username", "ada"), ("email", "ada@example.com")]).await;
        assert_eq!(status, 400, "{body}");
        assert!(english(&body).contains("could not be sent"), "{body}");
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username_key = 'ada'")
            .fetch_one(&app.pool().await).await.unwrap();
        assert_eq!(left, 0, "the account went again");
        let (_, log) = html(&app, &marian, "/catalog/changes").await;
        assert!(log.contains("add member") && log.contains("remove member"), "{log:.4000}");
        for (name, says) in [("create", "reserved"), ("..", "reserved")] {
            let (status, body) = call(&app, &marian, "add", &[("username", name), ("email", "x@example.com")]).await;
            assert_eq!(status, 422, "{body}");
            assert!(english(&body).contains(says), "{body}");
        }
    }

    async fn a_librarian_who_has_not_chosen_a_password_does_not_count_as_the_one_left(builder) {
        let outbox = tempfile::tempdir().unwrap();
        let app = spawn!(builder.env("EMAIL_OUTBOX", outbox.path().display().to_string()));
        let marian = librarian(&app, "marian").await;
        let melvil = librarian(&app, "melvil").await;
        let (status, body) = call(&app, &marian, "add", &[("username", "newcomer"), ("email", "n@example.com"), ("librarian", "on")]).await;
        assert_eq!(status, 200, "{body}");
        // melvil's sign-in was just checked; then melvil stops being a librarian behind this
        // server's back (as another server would do it), so for a few seconds this server still
        // trusts melvil's old role.
        assert_eq!(html(&app, &melvil, "/catalog/borrowed").await.0, 200);
        sqlx::query("UPDATE users SET is_librarian = 0 WHERE username = 'melvil'")
            .execute(&app.pool().await).await.unwrap();
        let (status, body) = call(&app, &melvil, "role", &[("username", "marian"), ("role", "member")]).await;
        assert_eq!(status, 400, "the newcomer cannot log in yet, so marian is the last: {body}");
        assert!(english(&body).contains("last active librarian"), "{body}");
        let (_, page) = html(&app, &marian, "/accounts/members/newcomer").await;
        assert!(page.contains("Librarian") && page.contains("Make member"), "{page:.4000}");
    }

    async fn the_members_list_is_searched_by_username_or_email_and_paged(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        for name in ["ada", "adam", "grace", "Alan_Turing"] {
            user(&app, name);
        }
        let list = |q: &'static str| {
            let (app, marian) = (&app, &marian);
            async move {
                let (status, body) = call(app, marian, "list", &[("q", q)]).await;
                assert_eq!(status, 200, "{body}");
                let page: serde_json::Value = serde_json::from_str(&body).unwrap();
                page["items"].as_array().unwrap().iter()
                    .map(|m| m["username"].as_str().unwrap().to_string()).collect::<Vec<_>>()
            }
        };
        assert_eq!(list("AD").await, ["ada", "adam"]);
        assert_eq!(list("grace@example").await, ["grace"]);
        assert_eq!(list("_").await, ["Alan_Turing"], "a wildcard is a character");
        assert!(list("%").await.is_empty());
        assert_eq!(list("").await.len(), 5, "no search: everyone");
        let (status, page) = html(&app, &marian, "/accounts/members?q=ad").await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/accounts/members/adam\"") && !page.contains(">grace<"), "{page:.5000}");
        assert!(page.contains("Search members"), "{page:.5000}");
        for i in 0..12 {
            user(&app, &format!("reader{i:02}"));
        }
        let (_, page) = html(&app, &marian, "/accounts/members?q=reader").await;
        assert!(page.contains("?q=reader&amp;page=2"), "paging keeps the search: {page:.6000}");
    }

    async fn a_role_change_is_felt_on_the_members_next_request(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        let ada = member(&app, "ada").await;
        assert_eq!(html(&app, &ada, "/catalog/borrowed").await.0, 403);
        let (status, body) = call(&app, &marian, "role", &[("username", "ada"), ("role", "librarian")]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(html(&app, &ada, "/catalog/borrowed").await.0, 200, "promoted at once");
        let (status, _) = call(&app, &marian, "role", &[("username", "ADA"), ("role", "member")]).await;
        assert_eq!(status, 200);
        assert_eq!(html(&app, &ada, "/catalog/borrowed").await.0, 403, "demoted at once");
        let (status, _) = call(&app, &marian, "role", &[("username", "ada"), ("role", "admin")]).await;
        assert_eq!(status, 400);
        let (_, log) = html(&app, &marian, "/catalog/changes").await;
        assert!(log.contains("make librarian") && log.contains("make member"), "{log:.4000}");
    }

    async fn a_deactivated_member_is_signed_out_everywhere_and_cannot_log_in(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        let (phone, laptop) = (member(&app, "ada").await, new_browser());
        assert_eq!(log_in(&app, &laptop, "ada", PASSWORD).await.0, 200);
        let (_, page) = html(&app, &marian, "/accounts/members/ada").await;
        assert!(page.contains("class=\"member-sign-ins\">2<"), "{page:.5000}");
        let (status, body) = call(&app, &marian, "activity", &[("username", "ada"), ("state", "inactive")]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(logged_in_as(&app, &phone).await, None, "signed out at once");
        assert_eq!(logged_in_as(&app, &laptop).await, None);
        let (wrong, _) = log_in(&app, &new_browser(), "ada", "not the password").await;
        let (right, body) = log_in(&app, &new_browser(), "ada", PASSWORD).await;
        assert_eq!((wrong, right), (400, 400), "answered as a wrong password: {body}");
        assert!(english(&body).contains("Please enter a correct username and password"), "{body}");
        let (_, page) = html(&app, &marian, "/accounts/members/ada").await;
        assert!(page.contains("Deactivated") && page.contains("Reactivate"), "{page:.5000}");
        let (status, _) = call(&app, &marian, "activity", &[("username", "ada"), ("state", "active")]).await;
        assert_eq!(status, 200);
        assert_eq!(log_in(&app, &new_browser(), "ada", PASSWORD).await.0, 200, "reactivated");
        let (_, log) = html(&app, &marian, "/catalog/changes").await;
        assert!(log.contains("deactivate") && log.contains("reactivate"), "{log:.4000}");
    }

    async fn a_deactivation_during_a_members_requests_leaves_them_signed_out(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        let ada = member(&app, "ada").await;
        let busy = async {
            let mut statuses = Vec::new();
            for _ in 0..10 {
                let (a, b, c, d) = tokio::join!(
                    html(&app, &ada, "/catalog/mybooks"),
                    html(&app, &ada, "/accounts/sessions"),
                    html(&app, &ada, "/catalog/mybooks"),
                    html(&app, &ada, "/accounts/sessions"),
                );
                statuses.extend([a.0, b.0, c.0, d.0]);
            }
            statuses
        };
        let deactivate = async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            call(&app, &marian, "activity", &[("username", "ada"), ("state", "inactive")]).await
        };
        let (statuses, (status, body)) = tokio::join!(busy, deactivate);
        assert_eq!(status, 200, "{body}");
        assert!(statuses.iter().all(|s| *s == 200 || *s == 302), "no errors meanwhile: {statuses:?}");
        for _ in 0..3 {
            assert_eq!(logged_in_as(&app, &ada).await, None);
            assert_eq!(html(&app, &ada, "/catalog/mybooks").await.0, 302, "sent to log in");
        }
    }

    async fn nobody_demotes_themselves_and_one_active_librarian_always_remains(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app, "marian").await;
        for (function, form) in [
            ("role", [("username", "marian"), ("role", "member")]),
            ("activity", [("username", "marian"), ("state", "inactive")]),
        ] {
            let (status, body) = call(&app, &marian, function, &form).await;
            assert_eq!(status, 400, "{body}");
            assert!(english(&body).contains("yourself"), "{body}");
        }
        let (_, page) = html(&app, &marian, "/accounts/members/marian").await;
        assert!(page.contains("yourself") && !page.contains("Make member"), "the page says why: {page:.5000}");

        let melvil = librarian(&app, "melvil").await;
        for round in 0..3 {
            let (a, b) = tokio::join!(
                call(&app, &marian, "role", &[("username", "melvil"), ("role", "member")]),
                call(&app, &melvil, "role", &[("username", "marian"), ("role", "member")]),
            );
            let mut statuses = [a.0, b.0];
            statuses.sort();
            assert_eq!(active_librarians(&app).await, 1, "round {round}: {a:?} {b:?}");
            assert!(statuses == [200, 400] || statuses == [200, 403], "round {round}: {a:?} {b:?}");
            // The one left sees why they cannot be demoted, and promotes the other again.
            let (winner, winner_name, loser) = if a.0 == 200 { (&marian, "marian", "melvil") } else { (&melvil, "melvil", "marian") };
            let (_, page) = html(&app, winner, &format!("/accounts/members/{winner_name}")).await;
            assert!(page.contains("yourself"), "{page:.3000}");
            let (status, body) = call(&app, winner, "role", &[("username", loser), ("role", "librarian")]).await;
            assert_eq!(status, 200, "{body}");
        }
        let (a, b) = tokio::join!(
            call(&app, &marian, "activity", &[("username", "melvil"), ("state", "inactive")]),
            call(&app, &melvil, "activity", &[("username", "marian"), ("state", "inactive")]),
        );
        assert_eq!(active_librarians(&app).await, 1, "{a:?} {b:?}");
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert!(statuses == [200, 400] || statuses == [200, 401], "{a:?} {b:?}");
        // The one left is, by then, the only librarian who can act: themselves.
        let (survivor, gone) = if a.0 == 200 { ("marian", "melvil") } else { ("melvil", "marian") };
        let winner = if survivor == "marian" { &marian } else { &melvil };
        let (_, page) = html(&app, winner, &format!("/accounts/members/{gone}")).await;
        assert!(page.contains("Reactivate"), "{page:.3000}");
        let (status, body) = call(&app, winner, "activity", &[("username", gone), ("state", "active")]).await;
        assert_eq!(status, 200, "{body}");
        let (_, page) = html(&app, winner, &format!("/accounts/members/{survivor}")).await;
        assert!(page.contains("yourself"));
    }

    async fn only_librarians_administer_members(builder) {
        let app = spawn!(builder);
        let ada = member(&app, "ada").await;
        user(&app, "grace");
        for (function, form) in [
            ("list", vec![]),
            ("detail", vec![("username", "grace")]),
            ("may-add", vec![]),
            ("add", vec![("username", "eve"), ("email", "eve@example.com")]),
            ("role", vec![("username", "grace"), ("role", "librarian")]),
            ("activity", vec![("username", "grace"), ("state", "inactive")]),
        ] {
            let (status, body) = call(&app, &ada, function, &form).await;
            assert_eq!(status, 403, "{function}: {body}");
            let (status, _) = call(&app, &new_browser(), function, &form).await;
            assert_eq!(status, 401, "{function} anonymously");
        }
        for path in ["/accounts/members/create", "/accounts/members/grace"] {
            let response = new_browser().get(format!("{}{path}", app.address))
                .header("accept", "text/html").send().await.unwrap();
            assert_eq!(response.status(), 302, "{path}");
            assert_eq!(html(&app, &ada, path).await.0, 403, "{path}");
        }
        let eve: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username_key = 'eve'")
            .fetch_one(&app.pool().await).await.unwrap();
        assert_eq!(eve, 0);
    }

    async fn the_header_offers_register_only_to_visitors_who_are_not_logged_in(builder) {
        let app = spawn!(builder);
        let ada = member(&app, "ada").await;
        let (_, page) = html(&app, &new_browser(), "/").await;
        assert!(page.contains("href=\"/register\""), "{page:.3000}");
        let (_, page) = html(&app, &ada, "/").await;
        assert!(!page.contains("href=\"/register\""), "{page:.5000}");
        assert!(page.contains("Logged in as"));
    }

    async fn a_role_change_through_one_server_is_felt_on_another_within_seconds(builder) {
        let first = spawn!(builder);
        let Some(second) = TestApp::builder().database_url(first.database_url.clone()).spawn().await else {
            return;
        };
        let marian = librarian(&first, "marian").await;
        user(&first, "ada");
        let ada = new_browser();
        assert_eq!(log_in(&second, &ada, "ada", PASSWORD).await.0, 200);
        assert_eq!(html(&second, &ada, "/catalog/borrowed").await.0, 403);
        let (status, body) = call(&first, &marian, "role", &[("username", "ada"), ("role", "librarian")]).await;
        assert_eq!(status, 200, "{body}");
        let changed = Instant::now();
        while html(&second, &ada, "/catalog/borrowed").await.0 != 200 {
            // The sign-in cache trusts a check for five seconds; slack for a loaded machine.
            assert!(changed.elapsed() < Duration::from_millis(6500), "still a member after {:?}", changed.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let (status, _) = call(&first, &marian, "activity", &[("username", "ada"), ("state", "inactive")]).await;
        assert_eq!(status, 200);
        let changed = Instant::now();
        while logged_in_as(&second, &ada).await.is_some() {
            assert!(changed.elapsed() < Duration::from_millis(6500), "still signed in after {:?}", changed.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
