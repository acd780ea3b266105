//! Searching: the book list's `?q=` filter and `/catalog/search` (books and authors, ranked,
//! marked), forgiving case, accents, word forms and one typo, on both databases; the index
//! follows every edit and is built for a database that had none.
use super::titles;
use crate::{
    editing::{edit, librarian},
    helpers::{both_databases, TestApp},
};

/// The books a search page found, in order, as plain text (marks removed).
pub(crate) fn found_titles(body: &str) -> Vec<String> {
    let Some(books) = body.split("class=\"found-books\"").nth(1) else {
        return Vec::new();
    };
    books
        .split("class=\"title\"")
        .skip(1)
        .map(|rest| {
            plain(
                rest.split_once('>')
                    .unwrap()
                    .1
                    .split("</a>")
                    .next()
                    .unwrap(),
            )
        })
        .collect()
}

/// The authors a search page found, in order.
fn found_authors(body: &str) -> Vec<String> {
    let Some(section) = body
        .split("class=\"found-authors\"")
        .nth(1)
        .map(|s| s.split("</section>").next().unwrap())
    else {
        return Vec::new();
    };
    section
        .split("<li><a ")
        .skip(1)
        .map(|rest| {
            plain(
                rest.split_once('>')
                    .unwrap()
                    .1
                    .split("</a>")
                    .next()
                    .unwrap(),
            )
        })
        .collect()
}

/// `html` without its tags (and a few entities), as a reader sees it.
fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

/// What `/catalog/search?q=` finds for `q` (URL-encoded here).
async fn search(app: &TestApp, q: &str) -> Vec<String> {
    let browser = app.browser();
    let (status, _, body) = app
        .get(&browser, &format!("/catalog/search?q={}", urlencoding(q)))
        .await;
    assert_eq!(status, 200, "{q}: {body:.2000}");
    found_titles(&body)
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What each query must find first, on the bundled catalog.
const FIRST_FINDS: &[(&str, &str)] = &[
    ("hobbit", "The Hobbit"),
    ("HOBBIT", "The Hobbit"),
    ("hobit", "The Hobbit"),
    ("mountains", "The Magic Mountain"),
    ("miserables", "Les Misérables"),
    ("misérables", "Les Misérables"),
    ("мертвые", "Мёртвые души"),
    ("душа", "Мёртвые души"),
    ("карамазов", "Братья Карамазовы"),
    ("карамазовых", "Братья Карамазовы"),
    ("Borodino", "War and Peace"),
    ("9780000112644", "War and Peace"),
    ("978-0-00-011264-4", "War and Peace"),
    ("0-00-011264-x", "War and Peace"),
    ("magic mountian", "The Magic Mountain"),
];

/// PostgreSQL: the terms whose kept book or author count differs from their postings.
async fn miscounted_terms(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT s.term FROM search_terms s WHERE \
         s.book_count <> (SELECT COUNT(*) FROM book_postings p WHERE p.term = s.term) \
         OR s.author_count <> (SELECT COUNT(*) FROM author_postings p WHERE p.term = s.term)",
    )
    .fetch_all(&app.pool().await)
    .await
    .unwrap()
}

both_databases! {
    async fn search_forgives_case_accents_word_forms_and_typos(builder) {
        let app = spawn!(builder);
        for (q, first) in FIRST_FINDS {
            let found = search(&app, q).await;
            assert_eq!(found.first().map(String::as_str), Some(*first), "{q}: {found:?}");
        }
        let mut tolkien = search(&app, "tolkien").await;
        tolkien.sort();
        assert_eq!(tolkien, ["The Fellowship of the Ring", "The Hobbit"]);
        let mut typo = search(&app, "tolkein").await;
        typo.sort();
        assert_eq!(typo, tolkien, "one swapped pair of letters");
        assert!(search(&app, "hbit").await.is_empty(), "four letters: no typo forgiven");
        assert!(search(&app, "hobbbitt").await.is_empty(), "two typos are too many");

        // Authors are found by name, with the matched words marked.
        let browser = app.browser();
        let (_, _, body) = app.get(&browser, "/catalog/search?q=tolkein").await;
        assert_eq!(found_authors(&body), ["Tolkien, J. R. R."]);
        assert!(body.contains("<mark>Tolkien</mark>"), "{body:.3000}");
        let (_, _, body) = app.get(&browser, "/catalog/search?q=borodino").await;
        assert!(body.contains("field of <mark>Borodino</mark>"), "the excerpt is marked");

        // The book list's filter uses the same engine.
        let (_, _, body) = app.get(&browser, "/catalog/books?q=hobit").await;
        assert_eq!(titles(&body), ["The Hobbit"]);
        let (_, _, body) = app.get(&browser, "/catalog/search?q=zzzzzz").await;
        assert!(body.contains("Nothing matches “zzzzzz”"), "{body:.3000}");
        let (_, _, body) = app.get(&browser, "/catalog/search").await;
        assert!(body.contains("Type a title"), "an empty search explains itself");
    }

    async fn results_rank_title_before_author_before_summary_and_exact_before_typo(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (status, author) = edit(&app, &marian, "author", &[
            ("first_name", "Zebedee"), ("last_name", "Quokka"),
            ("date_of_birth", ""), ("date_of_death", ""),
        ]).await;
        assert_eq!(status, 200, "{author}");
        let books = [
            ("Notes on marsupials", author.as_str(), "A quokka smiles.", "9780306406157"),
            ("Small Hours", "", "Nothing about quokkas at all, quokka.", "9781861972712"),
            ("The Quokca", "", "", "9780131103627"),
            ("Quokkaland", "", "", "9780201633610"),
            ("Quokka", "", "", "9780262033848"),
            ("The Quokka Way", "", "", "9780596007126"),
        ];
        for (title, author, summary, isbn) in books {
            let (status, body) = edit(&app, &marian, "book", &[
                ("title", title), ("author_id", author), ("summary", summary),
                ("isbn", isbn), ("language_id", ""),
            ]).await;
            assert_eq!(status, 200, "{title}: {body}");
        }
        // Title (exact by id, then prefix, then typo), then author, then summary.
        assert_eq!(
            search(&app, "quokka").await,
            ["Quokka", "The Quokka Way", "Quokkaland", "The Quokca", "Notes on marsupials", "Small Hours"]
        );
        // Paging walks the tiers: every match once, across pages that skip whole tiers.
        let browser = app.browser();
        let (_, _, first) = app.get(&browser, "/catalog/search?q=the").await;
        let total: usize = first.split("class=\"found-books\"").nth(1).unwrap()
            .split("class=\"total\">").nth(1).unwrap()
            .split(' ').next().unwrap().parse().unwrap();
        let mut seen = Vec::new();
        for page in 1..=total.div_ceil(10) {
            let (_, _, body) = app.get(&browser, &format!("/catalog/search?q=the&page={page}")).await;
            seen.extend(found_titles(&body));
        }
        assert_eq!(seen.len(), total);
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), total, "no book twice: {seen:?}");
    }

    async fn the_index_follows_every_edit(builder) {
        let app = spawn!(builder);
        let marian = librarian(&app).await;
        let (status, id) = edit(&app, &marian, "book", &[
            ("title", "Wombat Diaries"), ("author_id", ""), ("summary", "Burrows."),
            ("isbn", "9780306406157"), ("language_id", ""),
        ]).await;
        assert_eq!(status, 200, "{id}");
        assert_eq!(search(&app, "wombats").await, ["Wombat Diaries"]);
        let (status, _) = edit(&app, &marian, "book", &[
            ("id", id.as_str()), ("title", "Numbat Diaries"), ("author_id", ""),
            ("summary", ""), ("isbn", "9780306406157"), ("language_id", ""),
        ]).await;
        assert_eq!(status, 200);
        assert!(search(&app, "wombat").await.is_empty(), "the old title is gone");
        assert!(search(&app, "burrows").await.is_empty(), "and the old summary");
        assert_eq!(search(&app, "numbat").await, ["Numbat Diaries"]);

        // Renaming an author re-indexes their books.
        let tolkien: String = sqlx::query_scalar::<_, i64>("SELECT id FROM authors WHERE last_name = 'Tolkien'")
            .fetch_one(&app.pool().await).await.unwrap().to_string();
        let (status, body) = edit(&app, &marian, "author", &[
            ("id", tolkien.as_str()), ("first_name", "John Ronald Reuel"), ("last_name", "Tolkien-Quagmire"),
            ("date_of_birth", "1892-01-03"), ("date_of_death", "1973-09-02"),
        ]).await;
        assert_eq!(status, 200, "{body}");
        let mut found = search(&app, "quagmire").await;
        found.sort();
        assert_eq!(found, ["The Fellowship of the Ring", "The Hobbit"]);

        let (status, _) = edit(&app, &marian, "delete", &[("kind", "book"), ("id", &id)]).await;
        assert_eq!(status, 200);
        assert!(search(&app, "numbat").await.is_empty(), "a deleted book is not found");

        if app.is_postgres() {
            // The per-term counts a one-term search reads its total from followed every edit.
            assert_eq!(miscounted_terms(&app).await, Vec::<String>::new());
        }
    }

    async fn hostile_search_text_is_just_text(builder) {
        let app = spawn!(builder);
        let browser = app.browser();
        let long = "ab\"c*".repeat(200);
        for q in [
            "%", "_", "'''", "\"; DROP TABLE books; --", "\\", "\"", "*", "hob*", "NEAR",
            "NEAR(hobbit war)", "-hobbit", "hobbit -war", "title:hobbit", "{title}: x", "^hobbit",
            "\0", "hob\0bit", "AND OR NOT", "'t.hobbit':*", "hobbit & !war", long.as_str(),
        ] {
            for path in ["/catalog/search", "/catalog/books"] {
                let (status, _, body) = app
                    .get(&browser, &format!("{path}?q={}", urlencoding(q)))
                    .await;
                assert_eq!(status, 200, "{path} {q:.40}: {body:.1000}");
            }
        }
        // Operators are words: "near" is searched for, not obeyed.
        assert!(search(&app, "NEAR(hobbit war)").await.is_empty());
        let (_, _, body) = app.get(&browser, "/catalog/books").await;
        assert!(body.contains("72 books"), "the table is intact");
    }

    async fn a_database_without_an_index_gets_one_at_start(builder) {
        let app = spawn!(builder);
        let pool = app.pool().await;
        // As a database migrated before search existed: nothing indexed, never built.
        let clear = if app.is_postgres() {
            ["DELETE FROM book_postings", "DELETE FROM author_postings"]
        } else {
            [
                "INSERT INTO book_fts (book_fts) VALUES ('delete-all')",
                "INSERT INTO author_fts (author_fts) VALUES ('delete-all')",
            ]
        };
        for sql in clear.into_iter().chain(["DELETE FROM search_terms", "UPDATE search_index_state SET analyzer_version = 0"]) {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        assert!(search(&app, "hobbit").await.is_empty());
        pool.close().await;
        let app = spawn!(app.stop().await.restart());
        assert_eq!(search(&app, "hobit").await, ["The Hobbit"]);
        if app.is_postgres() {
            assert_eq!(miscounted_terms(&app).await, Vec::<String>::new());
            let pool = app.pool().await;
            let hobbit: i64 =
                sqlx::query_scalar("SELECT book_count FROM search_terms WHERE term = 'hobbit'")
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_eq!(hobbit, 1, "the counts were made by the rebuild");
            // And they are kept again after it.
            sqlx::query("DELETE FROM book_postings WHERE term = 'hobbit'").execute(&pool).await.unwrap();
            assert_eq!(miscounted_terms(&app).await, Vec::<String>::new());
        }
    }
}

/// The same queries give the same top results on SQLite and PostgreSQL.
#[tokio::test]
async fn both_databases_rank_alike() {
    let Some(postgres) = TestApp::builder().postgres().spawn().await else {
        return;
    };
    let sqlite = TestApp::builder().spawn().await.unwrap();
    for q in FIRST_FINDS.iter().map(|(q, _)| *q).chain([
        "tolkien",
        "tolkein",
        "the",
        "war",
        "and peace",
        "peace war",
        "love",
        "ring",
        "жизнь",
        "anna",
        "анна",
        "crime",
        "prid",
        "mountain magic",
        "история",
        "dostoevsky",
    ]) {
        assert_eq!(search(&sqlite, q).await, search(&postgres, q).await, "{q}");
    }
}
