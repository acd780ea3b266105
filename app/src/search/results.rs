//! Turning ranked ids into what pages show: books with marked titles and excerpts, authors
//! with marked names, and plain book rows for the book list's `?q=` filter.
use super::{
    engine::{AUTHORS, BOOKS},
    highlight::{excerpt, marked},
    model::{AuthorHit, BookHit},
    plan::Plan,
    ranked::ranked_ids,
};
use crate::{catalog::books::model::BookRow, server::db::Pool, ui::paging::Page};
use std::collections::{HashMap, HashSet};

/// `$1, $2, …` for `n` values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows fetched by id, put back in the order of `ids`.
async fn by_ids<T>(
    pool: &Pool,
    select: &str,
    ids: &[i64],
    id_of: fn(&T) -> i64,
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{select} IN ({})", placeholders(ids.len()));
    let mut query = sqlx::query_as::<_, T>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let mut rows: HashMap<i64, T> = query
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|row| (id_of(&row), row))
        .collect();
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

/// A book row with its summary, for excerpts.
#[derive(sqlx::FromRow)]
struct BookWithSummary {
    #[sqlx(flatten)]
    book: BookRow,
    summary: String,
}

const BOOKS_BY_ID: &str = "SELECT b.id, b.title, b.author_id, \
       a.last_name || ', ' || a.first_name AS author_name, b.summary \
     FROM books b LEFT JOIN authors a ON a.id = b.author_id WHERE b.id";

/// One page of ranked books for `plan`, as the book list shows them.
pub async fn book_rows(
    pool: &Pool,
    plan: &Plan,
    page: u32,
    per_page: u32,
) -> Result<Page<BookRow>, sqlx::Error> {
    let ranked = ranked_ids(pool, &BOOKS, plan, page, per_page).await?;
    let rows: Vec<BookWithSummary> =
        by_ids(pool, BOOKS_BY_ID, &ranked.ids, |r: &BookWithSummary| {
            r.book.id
        })
        .await?;
    let items = rows.into_iter().map(|r| r.book).collect();
    Ok(ranked.window.into_page(items, ranked.total))
}

/// One page of ranked books for `plan`, marked.
pub async fn book_hits(
    pool: &Pool,
    plan: &Plan,
    page: u32,
    per_page: u32,
) -> Result<Page<BookHit>, sqlx::Error> {
    let ranked = ranked_ids(pool, &BOOKS, plan, page, per_page).await?;
    let rows: Vec<BookWithSummary> =
        by_ids(pool, BOOKS_BY_ID, &ranked.ids, |r: &BookWithSummary| {
            r.book.id
        })
        .await?;
    let matched: HashSet<&str> = plan.all_terms().map(String::as_str).collect();
    let hits = rows
        .into_iter()
        .map(|row| BookHit {
            id: row.book.id,
            title: marked(&row.book.title, &matched),
            author_id: row.book.author_id,
            author: row
                .book
                .author_name
                .as_deref()
                .map(|name| marked(name, &matched)),
            excerpt: excerpt(&row.summary, &matched),
        })
        .collect();
    Ok(ranked.window.into_page(hits, ranked.total))
}

/// The best `limit` authors for `plan`, and how many matched in all.
pub async fn author_hits(
    pool: &Pool,
    plan: &Plan,
    limit: u32,
) -> Result<(Vec<AuthorHit>, u64), sqlx::Error> {
    let ranked = ranked_ids(pool, &AUTHORS, plan, 1, limit).await?;
    let rows: Vec<(i64, String)> = by_ids(
        pool,
        "SELECT id, last_name || ', ' || first_name FROM authors WHERE id",
        &ranked.ids,
        |r: &(i64, String)| r.0,
    )
    .await?;
    let matched: HashSet<&str> = plan.all_terms().map(String::as_str).collect();
    let hits = rows
        .into_iter()
        .map(|(id, name)| AuthorHit {
            id,
            name: marked(&name, &matched),
        })
        .collect();
    Ok((hits, ranked.total))
}
