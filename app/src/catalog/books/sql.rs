//! The book queries: lists (filtered by author, genre or language) and one book. A search
//! is `search::results::book_rows`.
use super::model::{BookDetail, BookFilter, BookRow};
use crate::{
    catalog::{
        copies::sql::copies_of_book,
        list_query::{fetch_page, kept_count, Bind},
        record::NamedRef,
    },
    server::db::Pool,
    ui::paging::Page,
};

/// The WHERE clause of `filter`, with its one bound value (if any) as `$1`.
fn filter_clause(filter: &BookFilter) -> (&'static str, Option<Bind>) {
    match filter {
        BookFilter::All => ("", None),
        BookFilter::Author(id) => (" WHERE b.author_id = $1", Some(Bind::Id(*id))),
        BookFilter::Language(id) => (" WHERE b.language_id = $1", Some(Bind::Id(*id))),
        BookFilter::Genre(id) => (
            " WHERE b.id IN (SELECT book_id FROM book_genres WHERE genre_id = $1)",
            Some(Bind::Id(*id)),
        ),
    }
}

/// One page of books, ordered by title then author, in one query whatever the page size.
pub async fn list(
    pool: &Pool,
    filter: &BookFilter,
    page: u32,
    per_page: u32,
) -> Result<Page<BookRow>, sqlx::Error> {
    let (clause, bind) = filter_clause(filter);
    // The whole catalog's size is kept by triggers; a filtered list counts its matches in a
    // subquery run once (a window count would carry every matching row through the sort).
    let total = match filter {
        BookFilter::All => kept_count("books"),
        _ => format!("(SELECT COUNT(*) FROM books b{clause})"),
    };
    let rows_sql = format!(
        "SELECT b.id, b.title, b.author_id, a.last_name || ', ' || a.first_name AS author_name, \
                {total} AS total_rows \
         FROM books b LEFT JOIN authors a ON a.id = b.author_id{clause} \
         ORDER BY b.title, a.last_name, a.first_name, b.id"
    );
    fetch_page(pool, &rows_sql, bind.as_slice(), page, per_page).await
}

/// A book with its language, genres and copies (four small queries), or `None`.
pub async fn detail(pool: &Pool, id: i64) -> Result<Option<BookDetail>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        book: BookRow,
        summary: String,
        isbn: String,
        language_id: Option<i64>,
        language: Option<String>,
    }
    let Some(row) = sqlx::query_as::<_, Row>(
        "SELECT b.id, b.title, b.author_id, a.last_name || ', ' || a.first_name AS author_name, \
                b.summary, b.isbn, b.language_id, l.name AS language \
         FROM books b \
         LEFT JOIN authors a ON a.id = b.author_id \
         LEFT JOIN languages l ON l.id = b.language_id \
         WHERE b.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let genres = sqlx::query_as::<_, NamedRef>(
        "SELECT g.id, g.name FROM book_genres bg JOIN genres g ON g.id = bg.genre_id \
         WHERE bg.book_id = $1 ORDER BY g.name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let copies = copies_of_book(pool, id).await?;
    Ok(Some(BookDetail {
        book: row.book,
        summary: row.summary,
        isbn: row.isbn,
        language: row
            .language_id
            .zip(row.language)
            .map(|(id, name)| NamedRef { id, name }),
        genres,
        copies,
    }))
}
