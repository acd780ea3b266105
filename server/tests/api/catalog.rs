//! Catalog lists and detail pages: pagination, ordering, search, 404s and bad input.
use crate::helpers::{spawn_app, spawn_empty_app};

/// The visible titles of a list page, in order.
fn titles(body: &str) -> Vec<String> {
    body.split("class=\"title\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn thirteen_authors_paginate_as_ten_and_three() {
    let app = spawn_empty_app().await;
    let pool = app.pool().await;
    for i in 0..13 {
        sqlx::query("INSERT INTO authors (first_name, last_name) VALUES (?, ?)")
            .bind(format!("Christian {i}"))
            .bind(format!("Surname {i:02}"))
            .execute(&pool)
            .await
            .unwrap();
    }
    let browser = app.browser();
    let (status, _, page1) = app.get(&browser, "/catalog/authors").await;
    assert_eq!(status, 200);
    assert_eq!(titles(&page1).len(), 10);
    assert!(page1.contains("Page 1 of 2"));
    let (_, _, page2) = app.get(&browser, "/catalog/authors/?page=2").await;
    assert_eq!(titles(&page2).len(), 3);
    assert!(page2.contains("Page 2 of 2"));
    // Past the end shows the last page rather than failing.
    let (status, _, past) = app.get(&browser, "/catalog/authors?page=7").await;
    assert_eq!(status, 200);
    assert_eq!(titles(&past).len(), 3);
}

#[tokio::test]
async fn authors_are_ordered_by_last_then_first_name() {
    let app = spawn_empty_app().await;
    let pool = app.pool().await;
    for (first, last) in [("Zoe", "Adams"), ("Anna", "Brown"), ("Adam", "Adams")] {
        sqlx::query("INSERT INTO authors (first_name, last_name, date_of_birth) VALUES (?, ?, '1900-02-03')")
            .bind(first)
            .bind(last)
            .execute(&pool)
            .await
            .unwrap();
    }
    let (_, _, body) = app.get(&app.browser(), "/catalog/authors").await;
    assert_eq!(titles(&body), ["Adams, Adam", "Adams, Zoe", "Brown, Anna"]);
    assert!(body.contains("(born 3 Feb 1900)"));
}

#[tokio::test]
async fn books_are_ordered_by_title_and_link_their_author() {
    let app = spawn_app().await;
    let (_, _, body) = app.get(&app.browser(), "/catalog/books").await;
    let list = titles(&body);
    assert_eq!(list.len(), 10);
    let mut sorted = list.clone();
    sorted.sort();
    assert_eq!(list, sorted);
    assert!(body.contains("href=\"/catalog/author/"));
    assert!(body.contains("72 books"));
}

#[tokio::test]
async fn list_pages_have_their_heading_and_a_correctly_pluralised_total() {
    let app = spawn_app().await;
    let browser = app.browser();
    let pool = app.pool().await;
    for (path, heading, table, plural) in [
        ("/catalog/authors", "All authors", "authors", "authors"),
        (
            "/catalog/bookinstances",
            "All copies",
            "book_instances",
            "copies",
        ),
        ("/catalog/genres", "All genres", "genres", "genres"),
        (
            "/catalog/languages",
            "All languages",
            "languages",
            "languages",
        ),
    ] {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&pool)
            .await
            .unwrap();
        let (status, _, body) = app.get(&browser, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(&format!("<h1>{heading}</h1>")), "{path}");
        assert!(
            body.contains(&format!("{heading} · LocalLibrary</title>")),
            "{path}"
        );
        assert!(
            body.contains(&format!(r#"<p class="total">{count} {plural}</p>"#)),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn every_list_and_detail_page_renders() {
    let app = spawn_app().await;
    let browser = app.browser();
    for path in [
        "/catalog/books",
        "/catalog/books/",
        "/catalog/book/1",
        "/catalog/authors",
        "/catalog/author/1",
        "/catalog/genres",
        "/catalog/genre/1",
        "/catalog/languages",
        "/catalog/language/1",
        "/catalog/bookinstances",
    ] {
        let (status, _, body) = app.get(&browser, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            body.contains("<title>") && body.contains("LocalLibrary"),
            "{path}"
        );
    }
    let pool = app.pool().await;
    let copy: String = sqlx::query_scalar("SELECT id FROM book_instances LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (status, _, body) = app
        .get(&browser, &format!("/catalog/bookinstance/{copy}"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains(&copy));
}

#[tokio::test]
async fn book_detail_shows_facts_and_coloured_copies() {
    let app = spawn_app().await;
    let (_, _, body) = app.get(&app.browser(), "/catalog/book/1").await;
    assert!(body.contains("War and Peace"));
    assert!(body.contains("Tolstoy, Leo"));
    assert!(body.contains("ISBN"));
    assert!(body.contains("href=\"/catalog/genre/"));
    assert!(body.contains("status-available"));
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_404() {
    let app = spawn_app().await;
    let browser = app.browser();
    for path in [
        "/catalog/book/999999",
        "/catalog/book/abc",
        "/catalog/book/-1",
        "/catalog/book/0",
        "/catalog/author/999999",
        "/catalog/genre/abc",
        "/catalog/language/99999",
        "/catalog/bookinstance/not-a-uuid",
        "/catalog/bookinstance/00000000-0000-0000-0000-000000000000",
    ] {
        let (status, _, body) = app.get(&browser, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Not found"), "{path}");
    }
}

#[tokio::test]
async fn bad_page_values_never_fail() {
    let app = spawn_app().await;
    let browser = app.browser();
    for list in [
        "/catalog/books",
        "/catalog/authors",
        "/catalog/bookinstances",
        "/catalog/genre/1",
    ] {
        for page in [
            "0",
            "-1",
            "abc",
            "99999999999999999999",
            "%00",
            "1;DROP",
            "",
        ] {
            let (status, _, _) = app.get(&browser, &format!("{list}?page={page}")).await;
            assert_eq!(status, 200, "{list}?page={page}");
        }
    }
}

#[tokio::test]
async fn search_is_case_insensitive_and_unicode_aware() {
    let app = spawn_app().await;
    let browser = app.browser();
    let (_, _, body) = app
        .get(
            &browser,
            "/catalog/books?q=%D0%9C%D0%90%D0%A1%D0%A2%D0%95%D0%A0",
        )
        .await; // МАСТЕР
    assert_eq!(titles(&body), ["Мастер и Маргарита"]);
    let (_, _, body) = app.get(&browser, "/catalog/books?q=tolstoy").await;
    assert_eq!(titles(&body).len(), 2);
    let (_, _, body) = app.get(&browser, "/catalog/books?q=PRIDE").await;
    assert!(titles(&body).contains(&"Pride and Prejudice".to_string()));
}

#[tokio::test]
async fn hostile_search_text_is_just_text() {
    let app = spawn_app().await;
    let browser = app.browser();
    for q in [
        "%25",
        "_",
        "%27%27%27",
        "%22%3B%20DROP%20TABLE%20books%3B%20--",
        "%5C",
    ] {
        let (status, _, body) = app.get(&browser, &format!("/catalog/books?q={q}")).await;
        assert_eq!(status, 200, "{q}");
        assert!(body.contains("No books match"), "{q} matched something");
    }
    let (_, _, body) = app.get(&browser, "/catalog/books").await;
    assert!(body.contains("72 books"), "the table is intact");
}

#[tokio::test]
async fn page_size_is_remembered_per_browser() {
    let app = spawn_app().await;
    let (alice, bob) = (app.browser(), app.browser());
    app.get(&alice, "/catalog/books").await;
    let response = alice
        .post(format!("{}/api/catalog/page-size", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body("size=25")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (_, _, body) = app.get(&alice, "/catalog/books").await;
    assert_eq!(titles(&body).len(), 25);
    let (_, _, body) = app.get(&alice, "/catalog/authors").await;
    assert_eq!(titles(&body).len(), 25);
    let (_, _, body) = app.get(&bob, "/catalog/books").await;
    assert_eq!(titles(&body).len(), 10);
}

#[tokio::test]
async fn invalid_page_size_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let alice = app.browser();
    for size in ["7", "abc", "-10", "1000000000000"] {
        let response = alice
            .post(format!("{}/api/catalog/page-size", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(format!("size={size}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "size={size}");
    }
    let (_, _, body) = app.get(&alice, "/catalog/books").await;
    assert_eq!(titles(&body).len(), 10);
}

#[tokio::test]
async fn not_found_pages_keep_their_status_under_concurrent_load() {
    let app = spawn_app().await;
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..40 {
        let (client, address) = (app.browser(), app.address.clone());
        let path = if i % 2 == 0 {
            "/catalog/book/999999"
        } else {
            "/catalog/book/1"
        };
        requests.spawn(async move {
            let response = client.get(format!("{address}{path}")).send().await.unwrap();
            (
                path,
                response.status().as_u16(),
                response.text().await.unwrap(),
            )
        });
    }
    while let Some(result) = requests.join_next().await {
        let (path, status, body) = result.unwrap();
        if path.ends_with("999999") {
            assert_eq!(status, 404);
            assert!(body.contains("There is no such book"));
        } else {
            assert_eq!(status, 200);
            assert!(body.contains("War and Peace"));
        }
    }
}
