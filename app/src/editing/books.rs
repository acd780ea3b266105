//! Server side of the book form: its choices, and saving a book with its genres in one
//! transaction (with its search index rows, so it is found by its new title at once).
use super::{
    book_rules::{check_isbn, check_summary, check_title},
    model::BookFormData,
};
use crate::server::db::BeginWrite;
use crate::{
    accounts::service::require_librarian,
    error::{AppError, FieldErrors},
    i18n::Msg,
    search::{
        self,
        index::{write_books, BookDoc},
    },
    server::db::Dialect,
    server::{audit, context::AppContext},
};

/// The book form as posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFields {
    pub title: String,
    pub author_id: String,
    pub summary: String,
    pub isbn: String,
    pub language_id: String,
    pub genres: Vec<String>,
}

fn here(id: Option<i64>) -> String {
    match id {
        Some(id) => format!("/catalog/book/{id}/update"),
        None => "/catalog/book/create".into(),
    }
}

/// Every author, language and genre a book may name, as (id, name), sorted by name.
#[derive(Clone)]
struct Choices {
    authors: Vec<(i64, String)>,
    languages: Vec<(i64, String)>,
    genres: Vec<(i64, String)>,
}

async fn choices(pool: &crate::server::db::Pool) -> Result<Choices, sqlx::Error> {
    Ok(Choices {
        authors: sqlx::query_as(
            "SELECT id, last_name || ', ' || first_name FROM authors ORDER BY last_name, first_name, id",
        )
        .fetch_all(pool)
        .await?,
        languages: sqlx::query_as("SELECT id, name FROM languages ORDER BY name")
            .fetch_all(pool)
            .await?,
        genres: sqlx::query_as("SELECT id, name FROM genres ORDER BY name")
            .fetch_all(pool)
            .await?,
    })
}

/// The form's data for book `id` (or a new book).
pub async fn form(id: Option<i64>) -> Result<BookFormData, AppError> {
    require_librarian(&here(id)).await?;
    let context = AppContext::current()?;
    let pool = context.pool.clone();
    // The form's choices change only with the catalog: kept in memory by its version.
    let choices = context.catalog_version.kept(choices(&pool)).await?;
    let mut data = BookFormData {
        authors: choices.authors,
        languages: choices.languages,
        genres: choices.genres,
        ..BookFormData::default()
    };
    if let Some(id) = id {
        let (title, author_id, summary, isbn, language_id): (
            String,
            Option<i64>,
            String,
            String,
            Option<i64>,
        ) = sqlx::query_as(
            "SELECT title, author_id, summary, isbn, language_id FROM books WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&pool)
        .await?
        .ok_or_else(|| AppError::NotFound(Msg::new("editing-no-such-book")))?;
        data.title = title;
        data.author_id = author_id;
        data.summary = summary;
        data.isbn = isbn;
        data.language_id = language_id;
        data.genre_ids = sqlx::query_scalar("SELECT genre_id FROM book_genres WHERE book_id = $1")
            .bind(id)
            .fetch_all(&pool)
            .await?;
    }
    Ok(data)
}

/// An optional id as posted ("" for none).
fn optional_id(errors: &mut FieldErrors, field: &str, value: &str) -> Option<i64> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    value
        .parse()
        .map_err(|_| errors.set(field, Msg::new("editing-choose-from-list")))
        .ok()
}

/// Creates or updates a book; returns its id.
pub async fn save(id: Option<i64>, fields: BookFields) -> Result<i64, AppError> {
    let (who, _) = require_librarian(&here(id)).await?;
    let mut errors = FieldErrors::default();
    let title = check_title(&fields.title)
        .map_err(|m| errors.set("title", m))
        .ok();
    let summary = check_summary(&fields.summary)
        .map_err(|m| errors.set("summary", m))
        .ok();
    let isbn = check_isbn(&fields.isbn)
        .map_err(|m| errors.set("isbn", m))
        .ok();
    let author_id = optional_id(&mut errors, "author_id", &fields.author_id);
    let language_id = optional_id(&mut errors, "language_id", &fields.language_id);
    let mut genre_ids = Vec::new();
    for genre in &fields.genres {
        match genre.trim().parse::<i64>() {
            Ok(genre) if !genre_ids.contains(&genre) => genre_ids.push(genre),
            Ok(_) => {}
            Err(_) => errors.set("genres", Msg::new("editing-choose-genres")),
        }
    }
    let (Some(title), Some(summary), Some(isbn), true) = (title, summary, isbn, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let pool = AppContext::current()?.pool;
    let mut tx = pool.begin_write().await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM books WHERE isbn = $1")
        .bind(isbn.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some_and(|other| Some(other) != id) {
        errors.set("isbn", Msg::new("editing-isbn-taken"));
        return Err(AppError::Invalid(errors));
    }
    let author: Option<(String, String)> = match author_id {
        Some(author) => Some(
            // Shared on PostgreSQL, so a rename of the author waits for this book and then
            // re-indexes it too (SQLite has one writer at a time anyway).
            sqlx::query_as(match search::index::dialect(&tx) {
                Dialect::Postgres => {
                    "SELECT first_name, last_name FROM authors WHERE id = $1 FOR SHARE"
                }
                Dialect::Sqlite => "SELECT first_name, last_name FROM authors WHERE id = $1",
            })
            .bind(author)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| {
                errors.set("author_id", Msg::new("editing-no-such-author"));
                AppError::Invalid(errors.clone())
            })?,
        ),
        None => None,
    };
    let (first, last) = author.unwrap_or_default();
    let sql = match id {
        None => {
            "INSERT INTO books (title, author_id, summary, isbn, language_id) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id"
        }
        Some(_) => {
            "UPDATE books SET title = $1, author_id = $2, summary = $3, isbn = $4, \
                    language_id = $5 WHERE id = $6 RETURNING id"
        }
    };
    let mut query = sqlx::query_scalar(sql)
        .bind(title.as_str())
        .bind(author_id)
        .bind(summary.as_str())
        .bind(isbn.as_str())
        .bind(language_id);
    if let Some(id) = id {
        query = query.bind(id);
    }
    let book: i64 = query
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::NotFound(Msg::new("editing-no-such-book")))?;
    let doc = BookDoc {
        id: book,
        title: title.clone(),
        author: format!("{first} {last}"),
        summary: summary.clone(),
        isbn: isbn.clone(),
    };
    write_books(&mut tx, &[doc]).await?;
    sqlx::query("DELETE FROM book_genres WHERE book_id = $1")
        .bind(book)
        .execute(&mut *tx)
        .await?;
    for genre in genre_ids {
        sqlx::query(
            "INSERT INTO book_genres (book_id, genre_id) SELECT $1, id FROM genres WHERE id = $2",
        )
        .bind(book)
        .bind(genre)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(&mut tx, &who, "save book", &format!("{book}: {title}")).await?;
    tx.commit().await?;
    Ok(book)
}
