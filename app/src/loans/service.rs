//! Server side of loans: who may see and change what, and the SQL. Each change is one
//! transaction with its audit-log entry, and its UPDATE names the status it expects, so two
//! librarians acting on one copy at once cannot both succeed.
use super::{
    dates::{check_due_date, format_date, DEFAULT_LOAN_DAYS},
    model::{lend_detail, renew_detail, return_detail, Change, CopyLoanState, Loan, RenewalData},
};
use crate::server::db::BeginWrite;
use crate::{
    accounts::service::{require_librarian, require_login},
    catalog::list_query::{fetch_page, Bind, WINDOW_COUNT},
    error::{AppError, FieldErrors},
    holds::queue::{give_to_next, lock_book, send_ready_mails},
    i18n::Msg,
    server::{audit, context::AppContext, db::Dialect, session::account::LoggedIn, users},
    ui::paging::{ssr::requested_page, Page},
};

/// Today (UTC) as days since 1970-01-01.
pub fn today() -> i64 {
    i64::from(time::OffsetDateTime::now_utc().date().to_julian_day()) - 2_440_588
}

const LOAN_COLUMNS: &str = "c.id AS copy_id, c.book_id, b.title AS book_title, c.due_back, \
     u.username AS borrower, CAST(CASE WHEN c.due_back < $1 THEN 1 ELSE 0 END AS BIGINT) AS overdue";
const LOAN_FROM: &str = "FROM book_instances c JOIN books b ON b.id = c.book_id \
     LEFT JOIN users u ON u.id = c.borrower_id";

fn copy_id_ok(id: &str) -> Result<String, AppError> {
    let valid = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    valid
        .then(|| id.to_ascii_lowercase())
        .ok_or_else(|| AppError::NotFound(Msg::new("loans-no-such-copy")))
}

/// The member's own copies on loan, by due date.
pub async fn my_loans(page: Option<&str>) -> Result<Page<Loan>, AppError> {
    let (login, _) = require_login("/catalog/mybooks").await?;
    let (page, per_page) = requested_page(page).await?;
    let context = AppContext::current()?;
    Ok(fetch_page(
        &context.pool,
        &format!(
            "SELECT {LOAN_COLUMNS}, {WINDOW_COUNT} AS total_rows {LOAN_FROM} \
             WHERE c.borrower_id = $2 AND c.status = 'o' ORDER BY c.due_back, c.id"
        ),
        &[Bind::Text(format_date(today())), Bind::Id(login.user_id)],
        page,
        per_page,
    )
    .await?)
}

/// Every copy on loan, the earliest due (so the overdue) first.
pub async fn all_loans(page: Option<&str>) -> Result<Page<Loan>, AppError> {
    require_librarian("/catalog/borrowed").await?;
    let (page, per_page) = requested_page(page).await?;
    let context = AppContext::current()?;
    Ok(fetch_page(
        &context.pool,
        &format!(
            "SELECT {LOAN_COLUMNS}, {WINDOW_COUNT} AS total_rows {LOAN_FROM} \
             WHERE c.status = 'o' ORDER BY (c.due_back IS NULL), c.due_back, c.id"
        ),
        &[Bind::Text(format_date(today()))],
        page,
        per_page,
    )
    .await?)
}

async fn loan(context: &AppContext, id: &str) -> Result<Option<Loan>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {LOAN_COLUMNS} {LOAN_FROM} WHERE c.id = $2 AND c.status = 'o'"
    ))
    .bind(format_date(today()))
    .bind(id)
    .fetch_optional(&context.pool)
    .await?)
}

/// The renewal form of copy `id`'s loan.
pub async fn renewal_form(id: &str) -> Result<RenewalData, AppError> {
    let id = copy_id_ok(id)?;
    require_librarian(&format!("/catalog/book/{id}/renew")).await?;
    let context = AppContext::current()?;
    let loan = loan(&context, &id)
        .await?
        .ok_or_else(|| AppError::NotFound(Msg::new("loans-not-on-loan")))?;
    Ok(RenewalData {
        loan,
        today: today(),
        default_due: format_date(today() + DEFAULT_LOAN_DAYS),
    })
}

fn due_date_checked(field: &str, text: &str) -> Result<String, AppError> {
    check_due_date(text, today())
        .map(format_date)
        .map_err(|message| {
            let mut errors = FieldErrors::default();
            errors.set(field, message);
            AppError::Invalid(errors)
        })
}

/// Runs `update` (which must name the status it expects) and logs `action`, in one
/// transaction; `refused` is the message when the copy was not in that status. The log keeps
/// `action` and `detail` as written here (the change log page translates them when shown).
async fn change<'q>(
    who: &LoggedIn,
    update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    action: &str,
    detail: String,
    refused: Msg,
) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let mut tx = context.pool.begin_write().await?;
    if update.execute(&mut *tx).await?.rows_affected() == 0 {
        return Err(AppError::BadRequest(refused));
    }
    audit::record(&mut tx, who, action, &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the due date of copy `id`'s loan.
pub async fn renew(id: &str, due_back: &str) -> Result<(), AppError> {
    let id = copy_id_ok(id)?;
    let (who, _) = require_librarian(&format!("/catalog/book/{id}/renew")).await?;
    let due = due_date_checked("due_back", due_back)?;
    let update =
        sqlx::query("UPDATE book_instances SET due_back = $1 WHERE id = $2 AND status = 'o'")
            .bind(due.clone())
            .bind(id.clone());
    change(
        &who,
        update,
        "renew",
        renew_detail(&id, &due),
        Msg::new("loans-not-on-loan"),
    )
    .await
}

/// Copy `id`'s loan state for a librarian; `None` for everyone else.
pub async fn copy_loan(id: &str) -> Result<Option<CopyLoanState>, AppError> {
    let id = copy_id_ok(id)?;
    let is_librarian = crate::accounts::service::current()
        .await?
        .is_some_and(|(login, _)| login.is_librarian);
    if !is_librarian {
        return Ok(None);
    }
    let context = AppContext::current()?;
    let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT c.status, u.username, c.due_back FROM book_instances c \
         LEFT JOIN users u ON u.id = c.borrower_id WHERE c.id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&context.pool)
    .await?;
    Ok(row.map(|(status, borrower, due_back)| CopyLoanState {
        copy_id: id,
        status,
        borrower,
        due_back,
        default_due: format_date(today() + DEFAULT_LOAN_DAYS),
    }))
}

/// On PostgreSQL, locks the book of copy `id` (see `holds::queue::lock_book`).
async fn lock_copys_book(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    dialect: Dialect,
    id: &str,
) -> Result<(), sqlx::Error> {
    if dialect == Dialect::Postgres {
        let book: Option<i64> =
            sqlx::query_scalar("SELECT book_id FROM book_instances WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some(book) = book {
            lock_book(tx, dialect, book).await?;
        }
    }
    Ok(())
}

/// Lends copy `id` to member `borrower` until `due_back`: a copy on the shelf, or one kept for
/// that member's hold (which the loan ends, moving the queue up).
pub async fn lend(id: &str, borrower: &str, due_back: &str) -> Result<(), AppError> {
    let id = copy_id_ok(id)?;
    let (who, _) = require_librarian(&format!("/catalog/bookinstance/{id}")).await?;
    let context = AppContext::current()?;
    let due = due_date_checked("due_back", due_back)?;
    let Some(member) = users::by_username(&context.pool, borrower).await? else {
        let mut errors = FieldErrors::default();
        errors.set("borrower", Msg::new("loans-no-such-member"));
        return Err(AppError::Invalid(errors));
    };
    let pool = &context.pool;
    let mut tx = pool.begin_write().await?;
    lock_copys_book(&mut tx, Dialect::of(pool), &id).await?;
    let lent: Option<i64> = sqlx::query_scalar(
        "UPDATE book_instances SET status = 'o', borrower_id = $1, due_back = $2 \
         WHERE id = $3 AND (status = 'a' OR (status = 'r' AND EXISTS \
         (SELECT 1 FROM holds h WHERE h.copy_id = $3 AND h.user_id = $1))) RETURNING book_id",
    )
    .bind(member.id)
    .bind(due.clone())
    .bind(id.clone())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(book) = lent else {
        drop(tx);
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM book_instances WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(pool)
                .await?;
        let key = if status.as_deref() == Some("r") {
            "holds-reserved-for-other"
        } else {
            "loans-not-available"
        };
        return Err(AppError::BadRequest(Msg::new(key)));
    };
    // The member's hold on this book, if any, is fulfilled. If another copy was kept for it
    // (this one came from the shelf), that copy goes to the next member or back on the shelf.
    let kept: Option<Option<String>> = sqlx::query_scalar(
        "DELETE FROM holds WHERE user_id = $1 AND book_id = $2 RETURNING copy_id",
    )
    .bind(member.id)
    .bind(book)
    .fetch_optional(&mut *tx)
    .await?;
    let mut reserved = None;
    if let Some(other) = kept.flatten().filter(|other| *other != id) {
        sqlx::query("UPDATE book_instances SET status = 'a' WHERE id = $1 AND status = 'r'")
            .bind(other.as_str())
            .execute(&mut *tx)
            .await?;
        reserved = give_to_next(&mut tx, &other, book, context.holds.ready_for_seconds).await?;
    }
    let detail = lend_detail(&id, &member.username, &due);
    audit::record(&mut tx, &who, "lend", &detail).await?;
    tx.commit().await?;
    send_ready_mails(&context, reserved.into_iter().collect());
    Ok(())
}

/// Marks copy `id` returned: no borrower or due date, and kept for the first member waiting
/// for its book (who is mailed), or back on the shelf.
pub async fn mark_returned(id: &str) -> Result<(), AppError> {
    let id = copy_id_ok(id)?;
    let (who, _) = require_librarian(&format!("/catalog/bookinstance/{id}")).await?;
    let context = AppContext::current()?;
    let pool = &context.pool;
    let mut tx = pool.begin_write().await?;
    lock_copys_book(&mut tx, Dialect::of(pool), &id).await?;
    let book: Option<i64> = sqlx::query_scalar(
        "UPDATE book_instances SET status = 'a', borrower_id = NULL, due_back = NULL \
         WHERE id = $1 AND status = 'o' RETURNING book_id",
    )
    .bind(id.clone())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(book) = book else {
        return Err(AppError::BadRequest(Msg::new("loans-not-on-loan-any-more")));
    };
    let reserved = give_to_next(&mut tx, &id, book, context.holds.ready_for_seconds).await?;
    audit::record(&mut tx, &who, "return", &return_detail(&id)).await?;
    tx.commit().await?;
    send_ready_mails(&context, reserved.into_iter().collect());
    Ok(())
}

/// The change log, newest first.
pub async fn changes(page: Option<&str>) -> Result<Page<Change>, AppError> {
    require_librarian("/catalog/changes").await?;
    let (page, per_page) = requested_page(page).await?;
    let context = AppContext::current()?;
    Ok(fetch_page(
        &context.pool,
        &format!(
            "SELECT at, username, action, detail, {WINDOW_COUNT} AS total_rows FROM audit_log \
             ORDER BY at DESC, id DESC"
        ),
        &[],
        page,
        per_page,
    )
    .await?)
}
