//! Turning a plan into what pages show: books with marked titles and excerpts, authors with
//! marked names, and plain book rows for the book list's `?q=` filter.
use super::{
    highlight::{excerpt, marked},
    model::{AuthorHit, BookHit},
    query::Plan,
    ranked::{page_rows, totals},
    selection::{Index, AUTHORS, BOOKS},
};
use crate::{
    catalog::books::model::BookRow,
    server::db::Pool,
    ui::paging::{Page, Window},
};
use std::collections::HashSet;

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

/// The totals of `indexes` (books last) and one page of books, read at the same time on two
/// connections: the page is read as if it exists, and read again, as the last page, only
/// when the total says it does not. A search's latency is then the longer of the two
/// statements, not their sum (BENCHMARKS.md, "Search").
async fn totals_and_books(
    pool: &Pool,
    plan: &Plan,
    indexes: &[&Index],
    page: u32,
    per_page: u32,
) -> Result<(Vec<u64>, Window, Vec<BookWithSummary>), sqlx::Error> {
    let guess = Window::new(page, per_page, u64::MAX);
    let (counted, rows) = futures::future::try_join(
        totals(pool, plan, indexes),
        page_rows(pool, &BOOKS, plan, guess, BOOKS_BY_ID, "b.id"),
    )
    .await?;
    let books_total = counted.last().copied().unwrap_or(0);
    let window = Window::new(page, per_page, books_total);
    let rows = if books_total == 0 {
        Vec::new()
    } else if window.offset == guess.offset {
        rows
    } else {
        page_rows(pool, &BOOKS, plan, window, BOOKS_BY_ID, "b.id").await?
    };
    Ok((counted, window, rows))
}

/// One page of ranked books for `plan`, as the book list shows them.
pub async fn book_rows(
    pool: &Pool,
    plan: &Plan,
    page: u32,
    per_page: u32,
) -> Result<Page<BookRow>, sqlx::Error> {
    let (counted, window, rows) = totals_and_books(pool, plan, &[&BOOKS], page, per_page).await?;
    let total = counted[0];
    Ok(window.into_page(rows.into_iter().map(|r| r.book).collect(), total))
}

/// The best `authors_shown` authors and one page of books for `plan`, marked, with the
/// number of authors found in all.
pub async fn hits(
    pool: &Pool,
    plan: &Plan,
    authors_shown: u32,
    page: u32,
    per_page: u32,
) -> Result<(Vec<AuthorHit>, u64, Page<BookHit>), sqlx::Error> {
    let (counted, window, rows) =
        totals_and_books(pool, plan, &[&AUTHORS, &BOOKS], page, per_page).await?;
    let (authors_total, books_total) = (counted[0], counted[1]);
    let matched: HashSet<&str> = plan.all_terms().map(String::as_str).collect();
    let mut authors = Vec::new();
    if authors_total > 0 {
        let window = Window::new(1, authors_shown, authors_total);
        let rows: Vec<(i64, String)> = page_rows(
            pool,
            &AUTHORS,
            plan,
            window,
            "SELECT id, last_name || ', ' || first_name FROM authors WHERE id",
            "id",
        )
        .await?;
        authors = rows
            .into_iter()
            .map(|(id, name)| AuthorHit {
                id,
                name: marked(&name, &matched),
            })
            .collect();
    }
    let books = rows
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
    Ok((authors, authors_total, window.into_page(books, books_total)))
}
