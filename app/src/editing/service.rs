//! Server side of catalog editing: the librarian check, the SQL, and the audit entry, each
//! change in one transaction. After a change the lists, pages and home counts (kept by
//! triggers) show it at once: nothing is cached.
use super::{
    model::Editable,
    rules::{check_author, check_name},
};
use crate::server::db::BeginWrite;
use crate::{
    accounts::service::require_librarian,
    error::{AppError, FieldErrors},
    i18n::{key, Msg},
    search::index::{forget, write_author, write_books_of_author},
    server::{audit, context::AppContext, session::account::LoggedIn},
};
use sqlx::Row;

/// What can be edited: genres and languages (a name), and authors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Genre,
    Language,
    Author,
    Book,
}

impl Kind {
    fn parse(kind: &str) -> Result<Self, AppError> {
        match kind {
            "genre" => Ok(Kind::Genre),
            "language" => Ok(Kind::Language),
            "author" => Ok(Kind::Author),
            "book" => Ok(Kind::Book),
            _ => Err(AppError::NotFound(Msg::new("editing-no-such-kind"))),
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Genre => "genres",
            Kind::Language => "languages",
            Kind::Author => "authors",
            Kind::Book => "books",
        }
    }

    /// The kind as URLs and the audit log name it (`genre`), not as people read it.
    fn name(self) -> &'static str {
        match self {
            Kind::Genre => "genre",
            Kind::Language => "language",
            Kind::Author => "author",
            Kind::Book => "book",
        }
    }
}

fn field_error(field: &str, message: Msg) -> AppError {
    let mut errors = FieldErrors::default();
    errors.set(field, message);
    AppError::Invalid(errors)
}

fn not_found(kind: Kind) -> AppError {
    let message = match kind {
        Kind::Genre => key("editing-no-such-genre"),
        Kind::Language => key("editing-no-such-language"),
        Kind::Author => key("editing-no-such-author"),
        Kind::Book => key("editing-no-such-book"),
    };
    AppError::NotFound(Msg::new(message))
}

/// "A genre (language) with this name already exists."
fn name_taken(kind: Kind) -> Msg {
    Msg::new(match kind {
        Kind::Language => key("editing-language-exists"),
        _ => key("editing-genre-exists"),
    })
}

async fn librarian(kind: Kind, id: Option<i64>) -> Result<LoggedIn, AppError> {
    let here = match id {
        Some(id) => format!("/catalog/{}/{id}/update", kind.name()),
        None => format!("/catalog/{}/create", kind.name()),
    };
    Ok(require_librarian(&here).await?.0)
}

/// Checks that the current user may add a `kind`.
pub async fn may_add(kind: &str) -> Result<(), AppError> {
    librarian(Kind::parse(kind)?, None).await.map(drop)
}

/// The fields of one record, for its edit form.
pub async fn editable(kind: &str, id: i64) -> Result<Editable, AppError> {
    let kind = Kind::parse(kind)?;
    librarian(kind, Some(id)).await?;
    let pool = AppContext::current()?.pool;
    if kind == Kind::Author {
        let row = sqlx::query(
            "SELECT first_name, last_name, date_of_birth, date_of_death FROM authors WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&pool)
        .await?
        .ok_or_else(|| not_found(kind))?;
        let text = |column: &str| {
            row.try_get::<Option<String>, _>(column)
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        return Ok(Editable {
            title: format!("{}, {}", text("last_name"), text("first_name")),
            first_name: text("first_name"),
            last_name: text("last_name"),
            date_of_birth: text("date_of_birth"),
            date_of_death: text("date_of_death"),
            ..Editable::default()
        });
    }
    let column = if kind == Kind::Book { "title" } else { "name" };
    let name: String = sqlx::query_scalar(&format!(
        "SELECT {column} FROM {} WHERE id = $1",
        kind.table()
    ))
    .bind(id)
    .fetch_optional(&pool)
    .await?
    .ok_or_else(|| not_found(kind))?;
    Ok(Editable {
        title: name.clone(),
        name,
        ..Editable::default()
    })
}

/// Creates or renames a genre or language; names are unique whatever their case.
pub async fn save_named(kind: &str, id: Option<i64>, name: &str) -> Result<i64, AppError> {
    let kind = Kind::parse(kind).and_then(|k| match k {
        Kind::Author | Kind::Book => Err(not_found(k)),
        named => Ok(named),
    })?;
    let who = librarian(kind, id).await?;
    let name = check_name(name).map_err(|message| field_error("name", message))?;
    let pool = AppContext::current()?.pool;
    let mut tx = pool.begin_write().await?;
    // Compared here, in Rust, because SQLite's NOCASE folds only ASCII letters.
    let existing: Vec<(i64, String)> =
        sqlx::query_as(&format!("SELECT id, name FROM {}", kind.table()))
            .fetch_all(&mut *tx)
            .await?;
    let key = name.to_lowercase();
    if existing
        .iter()
        .any(|(other, n)| Some(*other) != id && n.to_lowercase() == key)
    {
        return Err(field_error("name", name_taken(kind)));
    }
    let id = match id {
        None => {
            sqlx::query_scalar(&format!(
                "INSERT INTO {} (name) VALUES ($1) RETURNING id",
                kind.table()
            ))
            .bind(name.as_str())
            .fetch_one(&mut *tx)
            .await?
        }
        Some(id) => sqlx::query_scalar(&format!(
            "UPDATE {} SET name = $1 WHERE id = $2 RETURNING id",
            kind.table()
        ))
        .bind(name.as_str())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| not_found(kind))?,
    };
    audit::record(
        &mut tx,
        &who,
        &format!("save {}", kind.name()),
        &format!("{id}: {name}"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates or updates an author; their books' search keys follow a new name.
pub async fn save_author(
    id: Option<i64>,
    first_name: &str,
    last_name: &str,
    born: &str,
    died: &str,
) -> Result<i64, AppError> {
    let who = librarian(Kind::Author, id).await?;
    let author = check_author(first_name, last_name, born, died).map_err(|errors| {
        let mut fields = FieldErrors::default();
        for (field, message) in errors {
            fields.set(field, message);
        }
        AppError::Invalid(fields)
    })?;
    let pool = AppContext::current()?.pool;
    let mut tx = pool.begin_write().await?;
    let sql = match id {
        None => {
            "INSERT INTO authors (first_name, last_name, date_of_birth, date_of_death) \
                 VALUES ($1, $2, $3, $4) RETURNING id"
        }
        Some(_) => {
            "UPDATE authors SET first_name = $1, last_name = $2, date_of_birth = $3, \
                    date_of_death = $4 WHERE id = $5 RETURNING id"
        }
    };
    let mut query = sqlx::query_scalar(sql)
        .bind(author.first_name.as_str())
        .bind(author.last_name.as_str())
        .bind(author.date_of_birth.clone())
        .bind(author.date_of_death.clone());
    if let Some(id) = id {
        query = query.bind(id);
    }
    let id: i64 = query
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| not_found(Kind::Author))?;
    write_author(&mut tx, id, &author.first_name, &author.last_name).await?;
    write_books_of_author(&mut tx, id).await?;
    let detail = format!("{id}: {}, {}", author.last_name, author.first_name);
    audit::record(&mut tx, &who, "save author", &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes a record; an author who still has books is refused with their titles.
pub async fn delete(kind: &str, id: i64) -> Result<(), AppError> {
    let kind = Kind::parse(kind)?;
    let who = require_librarian(&format!("/catalog/{}/{id}/delete", kind.name()))
        .await?
        .0;
    let pool = AppContext::current()?.pool;
    let mut tx = pool.begin_write().await?;
    if kind == Kind::Author {
        let titles: Vec<String> =
            sqlx::query_scalar("SELECT title FROM books WHERE author_id = $1 ORDER BY title")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        if !titles.is_empty() {
            return Err(AppError::BadRequest(
                Msg::new("editing-author-has-books").with("titles", titles.join("; ")),
            ));
        }
    }
    if kind == Kind::Book {
        let copies: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM book_instances WHERE book_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if copies > 0 {
            return Err(AppError::BadRequest(
                Msg::new("editing-book-has-copies").with("count", copies),
            ));
        }
    }
    let deleted = sqlx::query(&format!("DELETE FROM {} WHERE id = $1", kind.table()))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Err(not_found(kind));
    }
    if matches!(kind, Kind::Book | Kind::Author) {
        forget(&mut tx, kind.name(), &[id]).await?;
    }
    audit::record(
        &mut tx,
        &who,
        &format!("delete {}", kind.name()),
        &id.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
