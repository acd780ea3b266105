//! PostgreSQL's search index as postings: a database indexed by the `tsvector` tables of
//! migration 0014 keeps every term, in the right fields, when 0015 moves it to postings; and
//! the per-term counts of 0016 start right and stay right.
use crate::helpers::fresh_database;
use sqlx::PgPool;

#[tokio::test]
async fn migrating_to_postings_keeps_every_indexed_term_and_its_fields() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let pg = PgPool::connect(&url).await.unwrap();
    let mut before = sqlx::migrate!("../migrations/postgres");
    let upto_0014: Vec<_> = before
        .migrations
        .iter()
        .filter(|m| m.version <= 14)
        .cloned()
        .collect();
    assert_eq!(upto_0014.len(), 14);
    before.migrations = upto_0014.into();
    before.run(&pg).await.unwrap();
    for sql in [
        "INSERT INTO authors (id, first_name, last_name) VALUES (7, 'J. R. R.', 'Tolkien')",
        "INSERT INTO books (id, title, author_id, summary, isbn) \
         VALUES (3, 'The Hobbit', 7, 'A hobbit''s war.', '9780261102217')",
        // As 0014's server wrote them: each lexeme its field's tag, a dot and the term.
        "INSERT INTO book_search (book_id, document) VALUES \
         (3, $$'t.hobbit' 'i.9780261102217' 'a.tolkien' 's.hobbit' 's.war' 's.it''s'$$::tsvector)",
        "INSERT INTO author_search (author_id, document) VALUES (7, $$'n.tolkien' 'n.j'$$::tsvector)",
    ] {
        sqlx::query(sql).execute(&pg).await.unwrap();
    }

    sqlx::migrate!("../migrations/postgres")
        .run(&pg)
        .await
        .unwrap();

    let books: Vec<(String, i64, i16)> =
        sqlx::query_as("SELECT term, book_id, fields FROM book_postings ORDER BY term")
            .fetch_all(&pg)
            .await
            .unwrap();
    let expected = [
        ("9780261102217", 3, 2),
        ("hobbit", 3, 1 | 8),
        ("it's", 3, 8),
        ("tolkien", 3, 4),
        ("war", 3, 8),
    ]
    .map(|(term, id, bits)| (term.to_string(), id, bits));
    assert_eq!(books, expected);
    let authors: Vec<(String, i64, i16)> =
        sqlx::query_as("SELECT term, author_id, fields FROM author_postings ORDER BY term")
            .fetch_all(&pg)
            .await
            .unwrap();
    assert_eq!(authors, [("j".into(), 7, 1), ("tolkien".into(), 7, 1)]);
    let left: Option<String> = sqlx::query_scalar("SELECT to_regclass('book_search')::text")
        .fetch_one(&pg)
        .await
        .unwrap();
    assert_eq!(left, None, "the tsvector tables are gone");
    pg.close().await;
}

/// Whether every term's kept counts equal its postings (the terms whose counts are off).
async fn miscounted(pg: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT s.term FROM search_terms s \
         WHERE s.book_count <> (SELECT COUNT(*) FROM book_postings p WHERE p.term = s.term) \
            OR s.author_count <> (SELECT COUNT(*) FROM author_postings p WHERE p.term = s.term) \
         ORDER BY 1",
    )
    .fetch_all(pg)
    .await
    .unwrap()
}

#[tokio::test]
async fn term_counts_are_filled_by_their_migration_and_follow_every_change_of_postings() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let pg = PgPool::connect(&url).await.unwrap();
    let mut before = sqlx::migrate!("../migrations/postgres");
    let upto_0015: Vec<_> = before
        .migrations
        .iter()
        .filter(|m| m.version <= 15)
        .cloned()
        .collect();
    before.migrations = upto_0015.into();
    before.run(&pg).await.unwrap();
    for sql in [
        "INSERT INTO authors (id, first_name, last_name) VALUES (7, 'J. R. R.', 'Tolkien')",
        "INSERT INTO books (id, title, author_id, summary, isbn) VALUES \
         (3, 'The Hobbit', 7, '', '9780261102217'), (4, 'The Two Towers', 7, '', '9780261102361')",
        "INSERT INTO search_terms (term) VALUES ('hobbit'), ('tolkien'), ('tower'), ('two')",
        "INSERT INTO book_postings (term, book_id, fields) VALUES \
         ('hobbit', 3, 1), ('tolkien', 3, 4), ('tolkien', 4, 4), ('tower', 4, 1), ('two', 4, 1)",
        "INSERT INTO author_postings (term, author_id, fields) VALUES ('tolkien', 7, 1)",
    ] {
        sqlx::query(sql).execute(&pg).await.unwrap();
    }

    sqlx::migrate!("../migrations/postgres")
        .run(&pg)
        .await
        .unwrap();
    let counts: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT term, book_count, author_count FROM search_terms ORDER BY term")
            .fetch_all(&pg)
            .await
            .unwrap();
    let expected = [
        ("hobbit", 1, 0),
        ("tolkien", 2, 1),
        ("tower", 1, 0),
        ("two", 1, 0),
    ]
    .map(|(term, books, authors)| (term.to_string(), books, authors));
    assert_eq!(counts, expected);

    // An edit rewrites a record's postings; a new term arrives with its first posting; a
    // deleted book takes its postings, and a deleted author theirs, by cascade.
    for sql in [
        "DELETE FROM book_postings WHERE book_id = 4",
        "INSERT INTO book_postings (term, book_id, fields) VALUES \
         ('tolkien', 4, 4), ('tower', 4, 1), ('return', 4, 1)",
        "DELETE FROM books WHERE id = 3",
    ] {
        sqlx::query(sql).execute(&pg).await.unwrap();
        assert_eq!(miscounted(&pg).await, Vec::<String>::new(), "after {sql}");
    }
    let tolkien: (i64, i64) =
        sqlx::query_as("SELECT book_count, author_count FROM search_terms WHERE term = 'tolkien'")
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!(tolkien, (1, 1));
    sqlx::query("DELETE FROM books").execute(&pg).await.unwrap();
    sqlx::query("DELETE FROM authors")
        .execute(&pg)
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(book_count + author_count), 0)::BIGINT FROM search_terms",
    )
    .fetch_one(&pg)
    .await
    .unwrap();
    assert_eq!(left, 0);
    pg.close().await;
}
