//! Building the search indexes whole: for a seed, and at start-up for a database whose rows
//! were written before them (or with older analysis rules).
use super::{
    analyze::{terms, ANALYZER_VERSION},
    index::{book_fields, dialect, insert, read_books, Row, BATCH},
    selection::NAME,
};
use crate::server::db::{Dialect, Pool};
use sqlx::AnyConnection;

/// Rebuilds both indexes and the vocabulary from the catalog, in the caller's transaction,
/// calling `progress` with the number of books done so far.
pub async fn rebuild(
    conn: &mut AnyConnection,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<(), sqlx::Error> {
    let clear: &[&str] = match dialect(conn) {
        Dialect::Sqlite => &[
            "INSERT INTO book_fts (book_fts) VALUES ('delete-all')",
            "INSERT INTO author_fts (author_fts) VALUES ('delete-all')",
            "DELETE FROM search_terms",
            "DELETE FROM search_typos",
        ],
        // Edits on other servers wait until the rebuild commits (SQLite's one writer does
        // that by itself), so none is indexed twice or lost between the two.
        // The term indexes (as migration 0015 makes them) are dropped here and made again
        // after the rows: filled row by row in a random order of terms, one came out twice
        // its size (96 MiB instead of about 40 at 100 000 books), and slower to fill.
        Dialect::Postgres => &[
            "LOCK TABLE books, authors IN SHARE MODE",
            "TRUNCATE book_postings, author_postings, search_terms, search_typos",
            "DROP INDEX book_postings_term_idx, author_postings_term_idx",
            // The per-term counts are made once at the end: kept row by row, every batch
            // rewrote the rows of its common terms, and the vocabulary grew from 17 to 28 MiB.
            "ALTER TABLE book_postings DISABLE TRIGGER USER",
            "ALTER TABLE author_postings DISABLE TRIGGER USER",
        ],
    };
    for sql in clear {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    let authors: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, first_name, last_name FROM authors ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    let rows: Vec<Row> = authors
        .into_iter()
        .map(|(id, first, last)| (id, vec![(NAME, terms(&format!("{first} {last}")))]))
        .collect();
    for chunk in rows.chunks(BATCH * 5) {
        insert(conn, "author", chunk).await?;
    }
    let (mut after, mut done) = (0_i64, 0_u64);
    loop {
        let docs = read_books(conn, after, None).await?;
        let Some(last) = docs.last() else { break };
        after = last.id;
        let rows: Vec<_> = docs.iter().map(|d| (d.id, book_fields(d))).collect();
        insert(conn, "book", &rows).await?;
        done += docs.len() as u64;
        progress(done);
    }
    if dialect(conn) == Dialect::Postgres {
        for sql in [
            "CREATE UNIQUE INDEX book_postings_term_idx ON book_postings (term, book_id) INCLUDE (fields)",
            "CREATE UNIQUE INDEX author_postings_term_idx ON author_postings (term, author_id) INCLUDE (fields)",
            // The vocabulary is now exactly the postings' terms: written again with counts.
            "TRUNCATE search_terms",
            "INSERT INTO search_terms (term, book_count, author_count) \
             SELECT term, SUM(books), SUM(authors) FROM ( \
                 SELECT term, COUNT(*) AS books, 0 AS authors FROM book_postings GROUP BY term \
                 UNION ALL SELECT term, 0, COUNT(*) FROM author_postings GROUP BY term) AS counted \
             GROUP BY term ORDER BY term",
            "ALTER TABLE book_postings ENABLE TRIGGER USER",
            "ALTER TABLE author_postings ENABLE TRIGGER USER",
        ] {
            sqlx::query(sql).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// After a whole rebuild has committed: on PostgreSQL, marks the new postings and vocabulary
/// visible to index-only scans and refreshes the planner's statistics. Autovacuum would do the same
/// within a minute or so; until then a count visits the table as well as the index.
pub async fn settle(pool: &Pool) -> Result<(), sqlx::Error> {
    if Dialect::of(pool) != Dialect::Postgres {
        return Ok(());
    }
    use sqlx::Connection;
    // On a connection of its own: the pool's carry a statement timeout meant for requests.
    let mut conn = pool.acquire().await?.detach();
    for sql in [
        "SET statement_timeout = 0",
        "VACUUM (ANALYZE) book_postings, author_postings, search_terms, search_typos",
    ] {
        sqlx::query(sql)
            .persistent(false)
            .execute(&mut conn)
            .await?;
    }
    conn.close().await
}

/// Builds the indexes when they were built by other rules than this server's (or never):
/// once, by whichever server starts first, with the others waiting on its transaction.
/// Returns whether it built them.
pub async fn build_if_stale(pool: &Pool) -> Result<bool, sqlx::Error> {
    // A rebuild outlasts a request's time limits; the others wait for it as long as it takes.
    let mut waited = std::time::Duration::ZERO;
    loop {
        match claim_and_build(pool).await {
            Err(err) if is_busy(&err) && waited < MAX_WAIT => {
                tokio::time::sleep(RETRY).await;
                waited += RETRY;
            }
            done => return done,
        }
    }
}

/// How long a starting server waits for another's rebuild, and how often it looks.
const MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(30 * 60);
const RETRY: std::time::Duration = std::time::Duration::from_millis(500);

/// Whether `err` is another transaction holding the lock (SQLite's busy, PostgreSQL's lock
/// timeout), rather than a real failure.
fn is_busy(err: &sqlx::Error) -> bool {
    err.as_database_error().is_some_and(|db| {
        matches!(db.code().as_deref(), Some("5" | "517" | "55P03"))
            || db.message().contains("database is locked")
    })
}

/// One try at [`build_if_stale`].
async fn claim_and_build(pool: &Pool) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if dialect(&tx) == Dialect::Postgres {
        sqlx::query("SET LOCAL statement_timeout = 0")
            .execute(&mut *tx)
            .await?;
    }
    // Writing first takes the lock (SQLite's write lock, PostgreSQL's row lock) before reading.
    // Only an older version is replaced: a server with older rules (a rollback, a rolling
    // deploy) leaves a newer index alone.
    let claimed = sqlx::query(
        "UPDATE search_index_state SET analyzer_version = $1 WHERE id = 1 AND analyzer_version < $1",
    )
    .bind(ANALYZER_VERSION)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    rebuild(&mut tx, &mut |_| {}).await?;
    tx.commit().await?;
    Ok(true)
}
