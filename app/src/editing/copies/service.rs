//! Server side of copy editing: the librarian check, the SQL and the audit entry, each change
//! one transaction whose UPDATE or DELETE names the status it expects, so a copy lent meanwhile
//! is neither deleted nor taken off its loan.
use super::{
    model::CopyFormData,
    rules::{check_imprint, check_status},
};
use crate::server::db::BeginWrite;
use crate::{
    accounts::service::require_librarian,
    catalog::copies::{detail::looks_like_copy_id, CopyStatus},
    error::{AppError, FieldErrors},
    holds::queue::{give_to_next, lock_book, send_ready_mails},
    i18n::Msg,
    server::{
        audit,
        context::AppContext,
        db::{Dialect, Pool},
    },
};

/// The copy `id` names, in the form the database stores it, or 404.
fn copy_id(id: &str) -> Result<String, AppError> {
    looks_like_copy_id(id)
        .then(|| id.to_ascii_lowercase())
        .ok_or_else(no_such_copy)
}

fn no_such_copy() -> AppError {
    AppError::NotFound(Msg::new("catalog-no-such-copy"))
}

fn no_such_book() -> AppError {
    AppError::NotFound(Msg::new("editing-no-such-book"))
}

fn field_error(field: &str, message: Msg) -> AppError {
    let mut errors = FieldErrors::default();
    errors.set(field, message);
    AppError::Invalid(errors)
}

/// Copy `id` as the form shows it, with its book and borrower.
async fn stored(pool: &Pool, id: &str) -> Result<Option<CopyFormData>, AppError> {
    let row: Option<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT c.book_id, b.title, c.imprint, c.status, u.username FROM book_instances c \
         JOIN books b ON b.id = c.book_id LEFT JOIN users u ON u.id = c.borrower_id \
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(book_id, book_title, imprint, status, borrower)| CopyFormData {
            book_id,
            book_title,
            copy_id: Some(id.to_string()),
            imprint,
            status,
            borrower,
        },
    ))
}

/// Why copy `copy` cannot be changed or deleted by editing: it is on loan, or reserved.
fn held(copy: &CopyFormData, on_loan: &'static str, reserved: &'static str) -> AppError {
    let borrower = copy.borrower.clone().unwrap_or_else(|| "—".into());
    let key = if copy.status == CopyStatus::Reserved.code() {
        reserved
    } else {
        on_loan
    };
    AppError::BadRequest(Msg::new(key).with("borrower", borrower))
}

/// The form of a new copy of `book_id`, or of copy `id`.
pub async fn form(book_id: Option<i64>, id: Option<&str>) -> Result<CopyFormData, AppError> {
    match (book_id, id) {
        (_, Some(id)) => {
            // Who asks comes first: a visitor gets 401 (or the login page) whatever the id.
            require_librarian(&format!("/catalog/bookinstance/{id}/update")).await?;
            let id = copy_id(id)?;
            let pool = AppContext::current()?.pool;
            stored(&pool, &id).await?.ok_or_else(no_such_copy)
        }
        (Some(book_id), None) => {
            require_librarian(&format!("/catalog/book/{book_id}/copy/create")).await?;
            let pool = AppContext::current()?.pool;
            let title: String = sqlx::query_scalar("SELECT title FROM books WHERE id = $1")
                .bind(book_id)
                .fetch_optional(&pool)
                .await?
                .ok_or_else(no_such_book)?;
            Ok(CopyFormData {
                book_id,
                book_title: title,
                status: CopyStatus::Available.code().into(),
                ..CopyFormData::default()
            })
        }
        (None, None) => Err(no_such_book()),
    }
}

/// Adds a copy to `book_id` (no `id`) or changes copy `id`; returns the copy's id.
pub async fn save(
    book_id: Option<i64>,
    id: Option<&str>,
    imprint: &str,
    status: Option<&str>,
) -> Result<String, AppError> {
    let (who, _) = match (id, book_id) {
        (Some(id), _) => require_librarian(&format!("/catalog/bookinstance/{id}/update")).await?,
        (None, Some(book)) => {
            require_librarian(&format!("/catalog/book/{book}/copy/create")).await?
        }
        (None, None) => return Err(no_such_book()),
    };
    let id = id.map(copy_id).transpose()?;
    let imprint = check_imprint(imprint).map_err(|m| field_error("imprint", m))?;
    let status = match status.filter(|s| !s.trim().is_empty()) {
        Some(slug) => Some(check_status(slug).map_err(|m| field_error("status", m))?),
        None if id.is_none() => Some(CopyStatus::Available),
        None => None,
    };
    let context = AppContext::current()?;
    let pool = context.pool.clone();
    let dialect = Dialect::of(&pool);
    let ready_for = context.holds.ready_for_seconds;
    let mut tx = pool.begin_write().await?;
    let Some(id) = id else {
        let book_id = book_id.ok_or_else(no_such_book)?;
        let status = status.unwrap_or(CopyStatus::Available);
        let id = uuid::Uuid::new_v4().to_string();
        lock_book(&mut tx, dialect, book_id).await?;
        // One statement that writes first: SQLite takes its write lock at once, instead of a
        // read that a concurrent write would turn into SQLITE_BUSY.
        let added = sqlx::query(
            "INSERT INTO book_instances (id, book_id, imprint, status) \
             SELECT $1, id, $3, $4 FROM books WHERE id = $2",
        )
        .bind(id.as_str())
        .bind(book_id)
        .bind(imprint.as_str())
        .bind(status.code())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if added == 0 {
            return Err(no_such_book());
        }
        // A new copy on the shelf goes to the first member waiting for the book, if any.
        let reserved = if status == CopyStatus::Available {
            give_to_next(&mut tx, &id, book_id, ready_for).await?
        } else {
            None
        };
        let detail = format!("copy {id} of book {book_id}: {imprint}, {}", status.slug());
        audit::record(&mut tx, &who, "add copy", &detail).await?;
        tx.commit().await?;
        send_ready_mails(&context, reserved.into_iter().collect());
        return Ok(id);
    };
    if dialect == Dialect::Postgres {
        let book: Option<i64> =
            sqlx::query_scalar("SELECT book_id FROM book_instances WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(book) = book {
            lock_book(&mut tx, dialect, book).await?;
        }
    }
    let changed: Option<i64> = match status {
        // Only a copy on the shelf or under maintenance takes a new status.
        Some(status) => sqlx::query_scalar(
            "UPDATE book_instances SET imprint = $1, status = $2 \
             WHERE id = $3 AND status IN ('a', 'd') RETURNING book_id",
        )
        .bind(imprint.as_str())
        .bind(status.code())
        .bind(id.as_str()),
        None => sqlx::query_scalar(
            "UPDATE book_instances SET imprint = $1 WHERE id = $2 RETURNING book_id",
        )
        .bind(imprint.as_str())
        .bind(id.as_str()),
    }
    .fetch_optional(&mut *tx)
    .await?;
    let Some(book_id) = changed else {
        drop(tx);
        let copy = stored(&pool, &id).await?.ok_or_else(no_such_copy)?;
        return Err(held(
            &copy,
            "editing-copy-on-loan-status",
            "editing-copy-reserved-status",
        ));
    };
    // A copy back from maintenance goes to the first member waiting for the book, if any.
    let reserved = if status == Some(CopyStatus::Available) {
        give_to_next(&mut tx, &id, book_id, ready_for).await?
    } else {
        None
    };
    let kept = status.map_or("status kept", CopyStatus::slug);
    let detail = format!("copy {id}: {imprint}, {kept}");
    audit::record(&mut tx, &who, "save copy", &detail).await?;
    tx.commit().await?;
    send_ready_mails(&context, reserved.into_iter().collect());
    Ok(id)
}

/// Deletes copy `id` unless it is on loan or reserved; returns its book's id.
pub async fn delete(id: &str) -> Result<i64, AppError> {
    let (who, _) = require_librarian(&format!("/catalog/bookinstance/{id}/delete")).await?;
    let id = copy_id(id)?;
    let pool = AppContext::current()?.pool;
    let mut tx = pool.begin_write().await?;
    let book_id: Option<i64> = sqlx::query_scalar(
        "DELETE FROM book_instances WHERE id = $1 AND status IN ('a', 'd') RETURNING book_id",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(book_id) = book_id else {
        drop(tx);
        let copy = stored(&pool, &id).await?.ok_or_else(no_such_copy)?;
        return Err(held(
            &copy,
            "editing-copy-on-loan-delete",
            "editing-copy-reserved-delete",
        ));
    };
    let detail = format!("copy {id} of book {book_id}");
    audit::record(&mut tx, &who, "delete copy", &detail).await?;
    tx.commit().await?;
    Ok(book_id)
}
