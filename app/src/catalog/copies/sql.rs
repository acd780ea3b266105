//! The copies' queries (server only).
use super::{CopyRow, CopyStatus};
use crate::{
    catalog::list_query::{fetch_page, kept_count, Bind, WINDOW_COUNT},
    server::db::{Dialect, Pool},
    ui::paging::Page,
};

const COLUMNS: &str =
    "SELECT c.id, c.book_id, b.title AS book_title, c.imprint, c.due_back, c.status";
const FROM: &str = "FROM book_instances c JOIN books b ON b.id = c.book_id";

/// One page of the copies, all or those in `status`, by due date (copies not on loan first, as
/// in Django). A filtered list walks `book_instances_loans_idx` (status, due_back).
pub async fn list(
    pool: &Pool,
    status: Option<CopyStatus>,
    page: u32,
    per_page: u32,
) -> Result<Page<CopyRow>, sqlx::Error> {
    let nulls_first = Dialect::of(pool).nulls_first();
    match status {
        None => {
            let sql = format!(
                "{COLUMNS}, {} AS total_rows {FROM} ORDER BY c.due_back{nulls_first}, c.id",
                kept_count("copies"),
            );
            fetch_page(pool, &sql, &[], page, per_page).await
        }
        Some(status) => {
            let sql = format!(
                "{COLUMNS}, {WINDOW_COUNT} AS total_rows {FROM} WHERE c.status = $1 \
                 ORDER BY c.due_back{nulls_first}, c.id"
            );
            let binds = [Bind::Text(status.code().to_string())];
            fetch_page(pool, &sql, &binds, page, per_page).await
        }
    }
}

/// How many copies each status has (one index scan), in [`CopyStatus::ALL`]'s order.
pub async fn status_counts(pool: &Pool) -> Result<Vec<(CopyStatus, u64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM book_instances GROUP BY status")
            .fetch_all(pool)
            .await?;
    Ok(CopyStatus::ALL
        .into_iter()
        .map(|status| {
            let count = rows
                .iter()
                .find(|(code, _)| code == status.code())
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
            (status, count)
        })
        .collect())
}

/// The copies of one book.
pub async fn copies_of_book(pool: &Pool, book_id: i64) -> Result<Vec<CopyRow>, sqlx::Error> {
    sqlx::query_as::<_, CopyRow>(&format!(
        "{COLUMNS} {FROM} WHERE c.book_id = $1 ORDER BY c.status, c.due_back{}, c.id",
        Dialect::of(pool).nulls_first()
    ))
    .bind(book_id)
    .fetch_all(pool)
    .await
}

/// One copy.
pub async fn get(pool: &Pool, id: &str) -> Result<Option<CopyRow>, sqlx::Error> {
    sqlx::query_as::<_, CopyRow>(&format!("{COLUMNS} {FROM} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}
