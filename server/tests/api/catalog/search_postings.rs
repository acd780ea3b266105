//! PostgreSQL's search index as postings: a database indexed by the `tsvector` tables of
//! migration 0014 keeps every term, in the right fields, when 0015 moves it to postings.
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
