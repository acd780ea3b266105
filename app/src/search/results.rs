//! Turning a plan into what pages show: books with marked titles and excerpts, authors with
//! marked names, and plain book rows for the book list's `?q=` filter.
use super::{
    highlight::Matcher,
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

const AUTHORS_BY_ID: &str = "SELECT id, last_name || ', ' || first_name FROM authors WHERE id";

/// What one search reads from the database.
struct Read {
    /// The totals of the indexes asked for, books last.
    counted: Vec<u64>,
    /// The page of books shown.
    window: Window,
    books: Vec<BookWithSummary>,
    /// The best authors, when they were asked for.
    authors: Vec<(i64, String)>,
}

/// The totals of `indexes` (books last), one page of books and, when `authors_shown` is
/// given, the best authors, all read at the same time on their own connections: the page is
/// read as if it exists, and read again, as the last page, only when the total says it does
/// not. A search's latency is then its longest statement, not the sum of them
/// (BENCHMARKS.md, "Search").
async fn read(
    pool: &Pool,
    plan: &Plan,
    indexes: &[&Index],
    (page, per_page): (u32, u32),
    authors_shown: Option<u32>,
) -> Result<Read, sqlx::Error> {
    let guess = Window::new(page, per_page, u64::MAX);
    let best_authors = async {
        match authors_shown {
            Some(shown) => {
                let window = Window::new(1, shown, u64::MAX);
                page_rows(pool, &AUTHORS, plan, window, AUTHORS_BY_ID, "id").await
            }
            None => Ok(Vec::new()),
        }
    };
    let (counted, books, authors) = futures::future::try_join3(
        totals(pool, plan, indexes),
        page_rows(pool, &BOOKS, plan, guess, BOOKS_BY_ID, "b.id"),
        best_authors,
    )
    .await?;
    let books_total = counted.last().copied().unwrap_or(0);
    let window = Window::new(page, per_page, books_total);
    let books = if books_total == 0 {
        Vec::new()
    } else if window.offset == guess.offset {
        books
    } else {
        page_rows(pool, &BOOKS, plan, window, BOOKS_BY_ID, "b.id").await?
    };
    Ok(Read {
        counted,
        window,
        books,
        authors,
    })
}

/// One page of ranked books for `plan`, as the book list shows them.
pub async fn book_rows(
    pool: &Pool,
    plan: &Plan,
    page: u32,
    per_page: u32,
) -> Result<Page<BookRow>, sqlx::Error> {
    let read = read(pool, plan, &[&BOOKS], (page, per_page), None).await?;
    let total = read.counted[0];
    let books = read.books.into_iter().map(|r| r.book).collect();
    Ok(read.window.into_page(books, total))
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
    let read = read(
        pool,
        plan,
        &[&AUTHORS, &BOOKS],
        (page, per_page),
        Some(authors_shown),
    )
    .await?;
    let (authors_total, books_total) = (read.counted[0], read.counted[1]);
    let mut matcher = Matcher::new(plan.all_terms().map(String::as_str));
    let authors = read
        .authors
        .into_iter()
        .map(|(id, name)| AuthorHit {
            id,
            name: matcher.marked(&name),
        })
        .collect();
    let books = read
        .books
        .into_iter()
        .map(|row| BookHit {
            id: row.book.id,
            title: matcher.marked(&row.book.title),
            author_id: row.book.author_id,
            author: row
                .book
                .author_name
                .as_deref()
                .map(|name| matcher.marked(name)),
            excerpt: matcher.excerpt(&row.summary),
        })
        .collect();
    Ok((
        authors,
        authors_total,
        read.window.into_page(books, books_total),
    ))
}
