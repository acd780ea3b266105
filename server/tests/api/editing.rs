//! Librarians edit the catalog on both databases: genres and languages (unique names whatever
//! their case), authors (death not before birth; one with books cannot be deleted), every change
//! visible at once and logged; members get 403, visitors are sent to log in.
use crate::{
    accounts::support::{createuser, log_in, user, PASSWORD},
    helpers::english,
    helpers::{both_databases, new_browser, TestApp},
};
use reqwest::Client;

pub(crate) async fn librarian(app: &TestApp) -> Client {
    let (ok, text) = createuser(app, &["marian", "--librarian"], PASSWORD);
    assert!(ok, "{text}");
    let browser = new_browser();
    assert_eq!(log_in(app, &browser, "marian", PASSWORD).await.0, 200);
    browser
}

pub(crate) async fn edit(
    app: &TestApp,
    browser: &Client,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = browser
        .post(format!("{}/api/editing/{function}", app.address))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

both_databases! {
    async fn genres_and_languages_are_created_renamed_and_deleted(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (status, body) = edit(&app, &marian, "named", &[("kind", "genre"), ("name", "  Solarpunk ")]).await;
        assert_eq!(status, 200, "{body}");
        let id: i64 = body.parse().unwrap();
        let (_, _, page) = app.get(&marian, &format!("/catalog/genre/{id}")).await;
        assert!(page.contains("Solarpunk"), "shown at once");
        let (_, _, first) = app.get(&marian, "/catalog/genres").await;
        let (_, _, second) = app.get(&marian, "/catalog/genres?page=2").await;
        assert!(first.contains("Solarpunk") || second.contains("Solarpunk"));

        let (status, body) = edit(&app, &marian, "named", &[("kind", "genre"), ("name", "SOLARPUNK")]).await;
        assert_eq!(status, 422, "names are unique whatever their case: {body}");
        assert!(english(&body).contains("already exists"), "{body}");
        let (status, _) = edit(&app, &marian, "named", &[("kind", "genre"), ("id", &id.to_string()), ("name", "Hopepunk")]).await;
        assert_eq!(status, 200);
        let (status, _) = edit(&app, &marian, "named", &[("kind", "language"), ("name", "Esperanto")]).await;
        assert_eq!(status, 200);
        let (status, _) = edit(&app, &marian, "named", &[("kind", "genre"), ("name", "")]).await;
        assert_eq!(status, 422);

        let (status, _) = edit(&app, &marian, "delete", &[("kind", "genre"), ("id", &id.to_string())]).await;
        assert_eq!(status, 200);
        let (status, _, _) = app.get(&marian, &format!("/catalog/genre/{id}")).await;
        assert_eq!(status, 404);
        let (_, _, log) = app.get(&marian, "/catalog/changes").await;
        assert!(log.contains("save genre") && log.contains("delete genre"), "{log:.3000}");
    }

    async fn authors_keep_their_dates_in_order_and_their_books(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (status, body) = edit(&app, &marian, "author", &[
            ("first_name", "Ursula"), ("last_name", "Le Guin"),
            ("date_of_birth", "1929-10-21"), ("date_of_death", "1918-01-22"),
        ]).await;
        assert_eq!(status, 422);
        assert!(english(&body).contains("cannot be before the date of birth"), "{body}");
        let (status, body) = edit(&app, &marian, "author", &[
            ("first_name", "Ursula"), ("last_name", "Le Guin"),
            ("date_of_birth", "1929-10-21"), ("date_of_death", "2018-01-22"),
        ]).await;
        assert_eq!(status, 200, "{body}");
        let id = body;
        let before: i64 = sqlx::query_scalar("SELECT authors FROM catalog_counts")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        let (_, _, page) = app.get(&marian, &format!("/catalog/author/{id}")).await;
        assert!(page.contains("Le Guin"), "{page:.3000}");
        let (status, _) = edit(&app, &marian, "delete", &[("kind", "author"), ("id", &id)]).await;
        assert_eq!(status, 200, "an author without books can go");
        let after: i64 = sqlx::query_scalar("SELECT authors FROM catalog_counts")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert_eq!(after, before - 1, "the home counts follow");

        // An author with books is refused, with the titles.
        let (author, title): (i64, String) = sqlx::query_as(
            "SELECT author_id, title FROM books WHERE author_id IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
        let (status, body) = edit(&app, &marian, "delete", &[("kind", "author"), ("id", &author.to_string())]).await;
        assert_eq!(status, 400);
        let message = english(&body);
        assert!(message.contains("still has books") && message.contains(&title), "{body}");

        // Renaming an author keeps their books findable under the new name.
        let (status, _) = edit(&app, &marian, "author", &[
            ("id", &author.to_string()), ("first_name", "Zebulon"), ("last_name", "Quixotic"),
            ("date_of_birth", ""), ("date_of_death", ""),
        ]).await;
        assert_eq!(status, 200);
        let (_, _, found) = app.get(&marian, "/catalog/books?q=quixotic").await;
        assert!(found.contains(&title), "{found:.3000}");
    }

    async fn only_librarians_edit(builder) {
        let app = spawn!(builder);
        user(&app, "ada");
        let ada = new_browser();
        log_in(&app, &ada, "ada", PASSWORD).await;
        for (function, form) in [
            ("named", vec![("kind", "genre"), ("name", "Mine")]),
            ("author", vec![("first_name", "A"), ("last_name", "B"), ("date_of_birth", ""), ("date_of_death", "")]),
            ("delete", vec![("kind", "genre"), ("id", "1")]),
            ("record", vec![("kind", "genre"), ("id", "1")]),
        ] {
            assert_eq!(edit(&app, &ada, function, &form).await.0, 403, "{function}");
            assert_eq!(edit(&app, &new_browser(), function, &form).await.0, 401, "{function} anonymously");
        }
        let response = new_browser()
            .get(format!("{}/catalog/genre/create", app.address))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        let (status, _, page) = app.get(&ada, "/catalog/author/1/update").await;
        assert_eq!(status, 403);
        assert!(page.contains("This page is for librarians only."));
        let (_, _, list) = app.get(&ada, "/catalog/genres").await;
        assert!(!list.contains("Add genre"), "members see no edit links");
    }

    async fn edit_pages_show_their_forms_and_links(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (status, _, page) = app.get(&marian, "/catalog/author/create").await;
        assert_eq!(status, 200);
        for label in [">First name<", ">Last name<", ">Date of birth<", ">Date of death<"] {
            assert!(page.contains(label), "{label}");
        }
        let (status, _, page) = app.get(&marian, "/catalog/genre/1/update").await;
        assert_eq!(status, 200);
        assert!(page.contains("Edit genre"), "{page:.3000}");
        let (_, _, page) = app.get(&marian, "/catalog/language/1/delete").await;
        assert!(page.contains("Are you sure you want to delete this language?"));
        let (_, _, list) = app.get(&marian, "/catalog/authors").await;
        assert!(list.contains("Add author"), "{list:.3000}");
        let (_, _, detail) = app.get(&marian, "/catalog/author/1").await;
        assert!(detail.contains("/catalog/author/1/update") && detail.contains("/catalog/author/1/delete"));
    }
}

both_databases! {
    async fn books_are_created_with_genres_and_found_at_once(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (author, language): (i64, i64) = (
            sqlx::query_scalar("SELECT MIN(id) FROM authors").fetch_one(&app.pool().await).await.unwrap(),
            sqlx::query_scalar("SELECT MIN(id) FROM languages").fetch_one(&app.pool().await).await.unwrap(),
        );
        let genres: Vec<i64> = sqlx::query_scalar("SELECT id FROM genres ORDER BY id LIMIT 2")
            .fetch_all(&app.pool().await)
            .await
            .unwrap();
        let (author, language) = (author.to_string(), language.to_string());
        let (g0, g1) = (genres[0].to_string(), genres[1].to_string());
        let form = |isbn: &'static str| {
            vec![
                ("title", "The Dispossessed Quokka"),
                ("author_id", author.as_str()),
                ("summary", "An ambiguous utopia."),
                ("isbn", isbn),
                ("language_id", language.as_str()),
                ("genres[]", g0.as_str()),
                ("genres[]", g1.as_str()),
            ]
        };
        let (status, body) = edit(&app, &marian, "book", &form("9780306406158")).await;
        assert_eq!(status, 422, "a wrong check digit: {body}");
        assert!(english(&body).contains("check digit"), "{body}");
        let (status, body) = edit(&app, &marian, "book", &form("978-0-306-40615-7")).await;
        assert_eq!(status, 200, "{body}");
        let id = body;
        let linked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM book_genres WHERE book_id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        assert_eq!(linked, 2);
        let (_, _, found) = app.get(&marian, "/catalog/books?q=quokka").await;
        assert!(found.contains("The Dispossessed Quokka"), "searchable at once");
        let (status, body) = edit(&app, &marian, "book", &form("9780306406157")).await;
        assert_eq!(status, 422, "the ISBN is taken: {body}");

        // Without JavaScript the same form posts and lands on the book.
        let response = marian
            .post(format!("{}/api/editing/book", app.address))
            .header("accept", "text/html")
            .form(&[("id", id.as_str()), ("title", "The Dispossessed"), ("author_id", ""), ("summary", ""),
                    ("isbn", "9780306406157"), ("language_id", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], format!("/catalog/book/{id}"));
        let (_, _, page) = app.get(&marian, &format!("/catalog/book/{id}/update")).await;
        assert!(page.contains("Edit book: The Dispossessed") && page.contains(">ISBN<"), "{page:.3000}");

        let (status, _) = edit(&app, &marian, "delete", &[("kind", "book"), ("id", &id)]).await;
        assert_eq!(status, 200, "a book without copies can go");
        let with_copies: i64 = sqlx::query_scalar("SELECT MIN(book_id) FROM book_instances")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
        let (status, body) = edit(&app, &marian, "delete", &[("kind", "book"), ("id", &with_copies.to_string())]).await;
        assert_eq!(status, 400);
        assert!(english(&body).contains("still has"), "{body}");
    }
}
