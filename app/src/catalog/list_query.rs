//! The query every catalog list shares: one page of rows and the whole list's length in one
//! round trip (a list page used to count first, then read: two trips through the database's
//! connection thread).
use crate::{
    server::db::Pool,
    ui::paging::{Page, Window},
};
use sqlx::{any::AnyRow, Row};

/// The length of a whole, unfiltered list, from the counts triggers keep (migration 0004).
pub fn kept_count(column: &str) -> String {
    format!("(SELECT {column} FROM catalog_counts WHERE id = 1)")
}

/// The length of a filtered list, counted by the query itself before LIMIT applies.
pub const WINDOW_COUNT: &str = "COUNT(*) OVER ()";

/// A value a list query binds before its LIMIT and OFFSET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    Text(String),
    Id(i64),
}

/// One page of a list. `rows_sql` selects the row's columns plus the list's length as
/// `total_rows` ([`kept_count`] or [`WINDOW_COUNT`]), ends in its ORDER BY, and uses `$1…` for
/// `binds`; LIMIT and OFFSET follow. One query whatever the page size, so list pages never do
/// N+1. A page past the end (an old link, a typed `?page=`) costs two more: the length, then
/// the last page.
pub async fn fetch_page<T>(
    pool: &Pool,
    rows_sql: &str,
    binds: &[Bind],
    page: u32,
    per_page: u32,
) -> Result<Page<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
{
    let sql = format!(
        "{rows_sql} LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    let read = |window: Window| {
        let mut query = sqlx::query(&sql);
        for bind in binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Id(id) => query.bind(*id),
            };
        }
        query
            .bind(i64::from(window.per_page))
            .bind(i64::try_from(window.offset).unwrap_or(i64::MAX))
            .fetch_all(pool)
    };
    let length = |rows: &[AnyRow]| -> Result<Option<u64>, sqlx::Error> {
        rows.first()
            .map(|row| row.try_get::<i64, _>("total_rows"))
            .transpose()
            .map(|total| total.map(|t| u64::try_from(t).unwrap_or(0)))
    };
    // First as asked: a page that exists says how long the list is.
    let asked = Window::new(page, per_page, u64::MAX);
    let mut rows = read(asked).await?;
    let total = match length(&rows)? {
        Some(total) => total,
        None if page <= 1 => 0,
        None => {
            let first = read(Window::new(1, 1, u64::MAX)).await?;
            length(&first)?.unwrap_or(0)
        }
    };
    let window = Window::new(page, per_page, total);
    if window.offset != asked.offset && total > 0 {
        rows = read(window).await?;
    }
    let items = rows
        .iter()
        .map(T::from_row)
        .collect::<Result<Vec<T>, _>>()?;
    Ok(window.into_page(items, total))
}
