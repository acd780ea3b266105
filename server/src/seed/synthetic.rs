//! A large generated catalog for load tests: `locallibrary seed --books N --authors M`.
use super::words::{
    author_first_name, author_last_name, synthetic_isbn, synthetic_title, GENRES, LANGUAGES,
};
use super::{upsert_names, SeedError};
use app::server::db::{values_placeholders, Dialect, Pool};
use indicatif::{ProgressBar, ProgressStyle};

/// How big a synthetic catalog to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticSize {
    pub books: u64,
    pub authors: u64,
}

/// Rows per multi-row INSERT; keeps each statement well under SQLite's parameter limit.
const BATCH: u64 = 500;

/// One value of a generated row.
enum Cell {
    Int(i64),
    Text(String),
    MaybeText(Option<String>),
}

/// One multi-row INSERT of `cells`, `columns` to a row, after `head` ("INSERT INTO t (…)").
async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    columns: usize,
    cells: Vec<Cell>,
) -> Result<(), sqlx::Error> {
    if cells.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "{head} VALUES {}",
        values_placeholders(cells.len() / columns, columns)
    );
    let mut query = sqlx::query(&sql);
    for cell in cells {
        query = match cell {
            Cell::Int(n) => query.bind(n),
            Cell::Text(t) => query.bind(t),
            Cell::MaybeText(t) => query.bind(t),
        };
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Adds `size` generated authors and books (with 1-3 copies each) in one transaction,
/// drawing a progress bar on stderr.
pub async fn seed_synthetic(pool: &Pool, size: SyntheticSize) -> Result<(), SeedError> {
    if size.authors == 0 && size.books > 0 {
        return Err(SeedError::Invalid(
            "books need at least one author (--authors 1 or more)".into(),
        ));
    }
    let progress = ProgressBar::new(size.authors + size.books).with_style(
        ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .expect("static template is valid")
            .progress_chars("=> "),
    );
    let mut tx = pool.begin().await?;
    let postgres = Dialect::of(pool) == Dialect::Postgres;
    if postgres {
        // Each counted row updates the one `catalog_counts` row, and inside one transaction
        // PostgreSQL keeps every old version of it: 300 000 updates took quadratic time (a
        // 100 000-book seed ran for most of an hour). The counts are taken once at the end.
        counting_triggers(&mut tx, "DISABLE").await?;
    }
    let genre_ids = upsert_names(&mut tx, "genres", GENRES).await?;
    let language_ids = upsert_names(&mut tx, "languages", LANGUAGES).await?;

    progress.set_message("authors");
    let first_author: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM authors")
        .fetch_one(&mut *tx)
        .await?;
    for start in (0..size.authors).step_by(BATCH as usize) {
        let rows = (start..(start + BATCH).min(size.authors)).collect::<Vec<_>>();
        let cells = rows.iter().flat_map(|&i| {
            let born = 1800 + (i * 7) % 190;
            [
                Cell::Int(first_author + i as i64),
                Cell::Text(author_first_name(i).to_string()),
                Cell::Text(author_last_name(i)),
                Cell::Text(format!("{born}-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
                Cell::MaybeText((i % 3 != 0).then(|| format!("{}-01-15", born + 40 + i % 45))),
            ]
        });
        insert_rows(
            &mut tx,
            "INSERT INTO authors (id, first_name, last_name, date_of_birth, date_of_death)",
            5,
            cells.collect(),
        )
        .await?;
        progress.inc(rows.len() as u64);
    }

    progress.set_message("books");
    let first_book: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM books")
        .fetch_one(&mut *tx)
        .await?;
    for start in (0..size.books).step_by(BATCH as usize) {
        let rows = (start..(start + BATCH).min(size.books)).collect::<Vec<_>>();
        let books = rows.iter().flat_map(|&i| {
            let id = first_book + i as i64;
            let author = i % size.authors;
            let title = synthetic_title(i);
            [
                Cell::Int(id),
                Cell::Text(title),
                Cell::Int(first_author + author as i64),
                Cell::Text("A generated book for load testing.".into()),
                Cell::Text(synthetic_isbn(id as u64)),
                Cell::Int(language_ids[(i % language_ids.len() as u64) as usize]),
            ]
        });
        insert_rows(
            &mut tx,
            "INSERT INTO books (id, title, author_id, summary, isbn, language_id)",
            6,
            books.collect(),
        )
        .await?;

        let genres = rows.iter().flat_map(|&i| {
            [
                Cell::Int(first_book + i as i64),
                Cell::Int(genre_ids[(i % genre_ids.len() as u64) as usize]),
            ]
        });
        insert_rows(
            &mut tx,
            "INSERT INTO book_genres (book_id, genre_id)",
            2,
            genres.collect(),
        )
        .await?;

        let copies = rows
            .iter()
            .flat_map(|&i| (0..i % 3 + 1).map(move |n| (i, n)))
            .flat_map(|(i, n)| {
                // No copy reserved: that needs a member's hold, and the seed places none.
                let status = ["a", "o", "d", "d"][((i + n) % 4) as usize];
                [
                    Cell::Text(uuid::Uuid::new_v4().to_string()),
                    Cell::Int(first_book + i as i64),
                    Cell::Text(format!("Synthetic Press, {}", 1950 + (i + n) % 75)),
                    Cell::MaybeText(
                        matches!(status, "o" | "r")
                            .then(|| format!("2027-{:02}-{:02}", n + 1, i % 28 + 1)),
                    ),
                    Cell::Text(status.into()),
                ]
            });
        insert_rows(
            &mut tx,
            "INSERT INTO book_instances (id, book_id, imprint, due_back, status)",
            5,
            copies.collect(),
        )
        .await?;
        progress.inc(rows.len() as u64);
    }
    progress.set_message("loans");
    super::members::lend_to_members(&mut tx, first_book).await?;
    if Dialect::of(pool) == Dialect::Postgres {
        // Rows were inserted with explicit ids: move the id sequences past them.
        for table in ["authors", "books"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    progress.set_message("search");
    let indexed_from = progress.position();
    let books_in_all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM books")
        .fetch_one(&mut *tx)
        .await?;
    progress.inc_length(books_in_all.max(0) as u64);
    let bar = progress.clone();
    app::search::rebuild::rebuild(&mut tx, &mut move |done| {
        bar.set_position(indexed_from + done)
    })
    .await?;
    if postgres {
        sqlx::query(
            "UPDATE catalog_counts SET books = (SELECT COUNT(*) FROM books), \
                copies = (SELECT COUNT(*) FROM book_instances), \
                copies_available = (SELECT COUNT(*) FROM book_instances WHERE status = 'a'), \
                authors = (SELECT COUNT(*) FROM authors), genres = (SELECT COUNT(*) FROM genres)",
        )
        .execute(&mut *tx)
        .await?;
        counting_triggers(&mut tx, "ENABLE").await?;
    }
    progress.set_message("saving");
    tx.commit().await?;
    app::search::rebuild::settle(pool).await?;
    progress.finish_with_message("done");
    Ok(())
}

/// Turns the PostgreSQL triggers that keep `catalog_counts` off or on (`DISABLE`/`ENABLE`), for
/// this transaction's bulk insert (ALTER TABLE is transactional there and locks the tables).
async fn counting_triggers(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    switch: &str,
) -> Result<(), sqlx::Error> {
    for (table, trigger) in [
        ("books", "books_counted"),
        ("authors", "authors_counted"),
        ("genres", "genres_counted"),
        ("book_instances", "copies_counted"),
    ] {
        sqlx::query(&format!("ALTER TABLE {table} {switch} TRIGGER {trigger}"))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_isbns_are_valid_and_distinct() {
        let a = synthetic_isbn(1);
        assert!(super::super::is_valid_isbn13(&a));
        assert_ne!(a, synthetic_isbn(2));
    }

    #[tokio::test]
    async fn generates_the_requested_size_twice_over() {
        let dir = tempfile::tempdir().unwrap();
        let pool =
            crate::db::connect_for_test(&format!("sqlite://{}/s.db", dir.path().display())).await;
        crate::db::migrate(&pool).await.unwrap();
        let size = SyntheticSize {
            books: 1_234,
            authors: 56,
        };
        seed_synthetic(&pool, size).await.unwrap();
        // A second run appends rather than colliding on ids or ISBNs.
        seed_synthetic(&pool, size).await.unwrap();
        let counts = app::catalog::counts::ssr::counts(&pool).await.unwrap();
        assert_eq!(counts.books, 2_468);
        assert_eq!(counts.authors, 112);
        assert!(counts.copies >= counts.books);
    }

    #[tokio::test]
    async fn books_without_authors_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let pool =
            crate::db::connect_for_test(&format!("sqlite://{}/s.db", dir.path().display())).await;
        crate::db::migrate(&pool).await.unwrap();
        let err = seed_synthetic(
            &pool,
            SyntheticSize {
                books: 5,
                authors: 0,
            },
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("--authors"));
    }
}
