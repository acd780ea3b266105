//! Server side of holds: who may place and cancel them, what a book page and "My borrowed"
//! show, and the librarians' list of queues. Each change is one transaction that writes first
//! (and on PostgreSQL locks the book first), with its audit entry.
use super::{
    model::{BookQueue, CannotHold, HoldState, HoldsView, MyHold, QueuedMember},
    queue::{self, lock_book, now},
};
use crate::server::db::BeginWrite;
use crate::{
    accounts::service::{current, require_librarian, require_login},
    error::AppError,
    i18n::Msg,
    loans::dates::format_date,
    server::{audit, context::AppContext, db::Dialect},
};

fn day(unix: i64) -> String {
    format_date(unix.div_euclid(86_400))
}

fn refused(key: &str) -> AppError {
    AppError::BadRequest(Msg::new(key))
}

/// Whether a copy of `book_id` is on the shelf.
async fn on_shelf(pool: &crate::server::db::Pool, book_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM book_instances WHERE book_id = $1 AND status = 'a'",
    )
    .bind(book_id)
    .fetch_one(pool)
    .await
    .map(|n| n > 0)
}

/// The hold part of book `book_id`'s page for whoever asks.
pub async fn book_holds(book_id: i64) -> Result<HoldsView, AppError> {
    let context = AppContext::current()?;
    let pool = &context.pool;
    let login = current().await?.map(|(login, _)| login);
    let count = match &login {
        Some(login) if login.is_librarian => Some(
            sqlx::query_scalar("SELECT COUNT(*) FROM holds WHERE book_id = $1")
                .bind(book_id)
                .fetch_one(pool)
                .await?,
        ),
        _ => None,
    };
    let Some(login) = login else {
        let state = if on_shelf(pool, book_id).await? {
            HoldState::OnShelf
        } else {
            HoldState::LogInFirst
        };
        return Ok(HoldsView { state, count });
    };
    let mine: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT h.id, h.ready_until FROM holds h WHERE h.book_id = $1 AND h.user_id = $2",
    )
    .bind(book_id)
    .bind(login.user_id)
    .fetch_optional(pool)
    .await?;
    let state = match mine {
        Some((_, Some(until))) => HoldState::Ready(day(until)),
        Some((id, None)) => {
            let ahead: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM holds h JOIN users u ON u.id = h.user_id \
                 WHERE h.book_id = $1 AND h.copy_id IS NULL AND h.id < $2 AND u.is_active = 1",
            )
            .bind(book_id)
            .bind(id)
            .fetch_one(pool)
            .await?;
            HoldState::Waiting(ahead + 1)
        }
        None if on_shelf(pool, book_id).await? => HoldState::OnShelf,
        None => {
            let (on_loan, holds): (i64, i64) = sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM book_instances WHERE book_id = $1 \
                 AND borrower_id = $2 AND status = 'o'), \
                 (SELECT COUNT(*) FROM holds WHERE user_id = $2)",
            )
            .bind(book_id)
            .bind(login.user_id)
            .fetch_one(pool)
            .await?;
            let max = context.holds.max_per_member;
            if on_loan > 0 {
                HoldState::CannotPlace(CannotHold::OnLoan)
            } else if holds >= max {
                HoldState::CannotPlace(CannotHold::AtLimit(max))
            } else {
                HoldState::CanPlace
            }
        }
    };
    Ok(HoldsView { state, count })
}

/// Places the logged-in member's hold on `book_id`.
pub async fn place(book_id: i64) -> Result<(), AppError> {
    let (login, _) = require_login(&format!("/catalog/book/{book_id}")).await?;
    let context = AppContext::current()?;
    let pool = &context.pool;
    let max = context.holds.max_per_member;
    let mut tx = pool.begin_write().await?;
    lock_book(&mut tx, Dialect::of(pool), book_id).await?;
    if Dialect::of(pool) == Dialect::Postgres {
        // Two holds of one member placed at once must both see the other for the limit.
        sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
            .bind(login.user_id)
            .fetch_optional(&mut *tx)
            .await?;
    }
    // One statement that writes first and checks every rule as it does.
    let placed = sqlx::query(
        "INSERT INTO holds (book_id, user_id, placed_at) SELECT b.id, $2, $3 FROM books b \
         WHERE b.id = $1 \
         AND NOT EXISTS (SELECT 1 FROM book_instances c WHERE c.book_id = $1 AND c.status = 'a') \
         AND NOT EXISTS (SELECT 1 FROM book_instances c WHERE c.book_id = $1 \
                         AND c.borrower_id = $2 AND c.status = 'o') \
         AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.book_id = $1 AND h.user_id = $2) \
         AND (SELECT COUNT(*) FROM holds h WHERE h.user_id = $2) < $4",
    )
    .bind(book_id)
    .bind(login.user_id)
    .bind(now())
    .bind(max)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if placed == 0 {
        drop(tx);
        return Err(why_not(pool, book_id, login.user_id, max).await?);
    }
    audit::record(&mut tx, &login, "place hold", &format!("book {book_id}")).await?;
    tx.commit().await?;
    Ok(())
}

/// Why a hold on `book_id` was not placed.
async fn why_not(
    pool: &crate::server::db::Pool,
    book_id: i64,
    user_id: i64,
    max: i64,
) -> Result<AppError, sqlx::Error> {
    let (books, shelf, on_loan, held, holds): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM books WHERE id = $1), \
         (SELECT COUNT(*) FROM book_instances WHERE book_id = $1 AND status = 'a'), \
         (SELECT COUNT(*) FROM book_instances WHERE book_id = $1 AND borrower_id = $2 AND status = 'o'), \
         (SELECT COUNT(*) FROM holds WHERE book_id = $1 AND user_id = $2), \
         (SELECT COUNT(*) FROM holds WHERE user_id = $2)",
    )
    .bind(book_id)
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(if books == 0 {
        AppError::NotFound(Msg::new("catalog-no-such-book"))
    } else if held > 0 {
        refused("holds-already-held")
    } else if on_loan > 0 {
        refused("holds-on-loan")
    } else if shelf > 0 {
        refused("holds-on-shelf")
    } else if holds >= max {
        AppError::BadRequest(Msg::new("holds-at-limit").with("max", max))
    } else {
        refused("holds-try-again")
    })
}

/// Cancels the logged-in member's hold on `book_id`; a copy kept for them goes to the next
/// member waiting, or back on the shelf.
pub async fn cancel(book_id: i64) -> Result<(), AppError> {
    let (login, _) = require_login(&format!("/catalog/book/{book_id}")).await?;
    let context = AppContext::current()?;
    let pool = &context.pool;
    let mut tx = pool.begin_write().await?;
    lock_book(&mut tx, Dialect::of(pool), book_id).await?;
    let gone: Option<Option<String>> = sqlx::query_scalar(
        "DELETE FROM holds WHERE book_id = $1 AND user_id = $2 RETURNING copy_id",
    )
    .bind(book_id)
    .bind(login.user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(kept) = gone else {
        return Err(refused("holds-none"));
    };
    let mut reserved = Vec::new();
    if let Some(copy) = kept {
        sqlx::query("UPDATE book_instances SET status = 'a' WHERE id = $1 AND status = 'r'")
            .bind(copy.as_str())
            .execute(&mut *tx)
            .await?;
        reserved.extend(
            queue::give_to_next(&mut tx, &copy, book_id, context.holds.ready_for_seconds).await?,
        );
    }
    audit::record(&mut tx, &login, "cancel hold", &format!("book {book_id}")).await?;
    tx.commit().await?;
    queue::send_ready_mails(&context, reserved);
    Ok(())
}

/// The logged-in member's holds, ready ones first.
pub async fn mine() -> Result<Vec<MyHold>, AppError> {
    let (login, _) = require_login("/catalog/mybooks").await?;
    let pool = AppContext::current()?.pool;
    let rows: Vec<(i64, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT h.book_id, b.title, h.ready_until, \
         (SELECT COUNT(*) FROM holds o JOIN users u ON u.id = o.user_id \
          WHERE o.book_id = h.book_id AND o.copy_id IS NULL AND o.id <= h.id AND u.is_active = 1) \
         FROM holds h JOIN books b ON b.id = h.book_id WHERE h.user_id = $1 \
         ORDER BY (h.ready_until IS NULL), h.ready_until, b.title",
    )
    .bind(login.user_id)
    .fetch_all(&pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(book_id, book_title, ready_until, position)| MyHold {
            book_id,
            book_title,
            position: ready_until.is_none().then_some(position),
            ready_until: ready_until.map(day),
        })
        .collect())
}

/// One hold as the queues page reads it: book id and title, member, kept copy and deadline.
type QueueRow = (i64, String, String, Option<String>, Option<i64>);

/// Every book's queue (librarians): ready holds first, then the waiting ones in order.
pub async fn queues() -> Result<Vec<BookQueue>, AppError> {
    require_librarian("/catalog/holds").await?;
    let pool = AppContext::current()?.pool;
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT h.book_id, b.title, u.username, h.copy_id, h.ready_until FROM holds h \
         JOIN books b ON b.id = h.book_id JOIN users u ON u.id = h.user_id \
         ORDER BY b.title, h.book_id, (h.ready_until IS NULL), h.id",
    )
    .fetch_all(&pool)
    .await?;
    let mut queues: Vec<BookQueue> = Vec::new();
    for (book_id, book_title, username, copy, until) in rows {
        let member = QueuedMember {
            username,
            ready: copy.zip(until.map(day)),
        };
        match queues.last_mut() {
            Some(last) if last.book_id == book_id => last.members.push(member),
            _ => queues.push(BookQueue {
                book_id,
                book_title,
                members: vec![member],
            }),
        }
    }
    Ok(queues)
}
