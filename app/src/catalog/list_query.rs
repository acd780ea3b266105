//! The list query every unfiltered catalog list shares (authors, copies, genres, languages).
use crate::{
    server::db::Pool,
    ui::paging::{Page, Window},
};

/// One page of a list: counts with `count_sql`, clamps the requested page into range, then
/// reads that page with `rows_sql` (which must end in its ORDER BY) plus LIMIT/OFFSET.
/// Two queries whatever the page, so list pages never do N+1.
pub async fn fetch_page<T>(
    pool: &Pool,
    count_sql: &str,
    rows_sql: &str,
    page: u32,
    per_page: u32,
) -> Result<Page<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let total: i64 = sqlx::query_scalar(count_sql).fetch_one(pool).await?;
    let total = u64::try_from(total).unwrap_or(0);
    let window = Window::new(page, per_page, total);
    let items = sqlx::query_as::<_, T>(&format!("{rows_sql} LIMIT $1 OFFSET $2"))
        .bind(i64::from(window.per_page))
        .bind(i64::try_from(window.offset).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?;
    Ok(window.into_page(items, total))
}
