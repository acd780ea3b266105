//! The book server functions: thin, they read the request and call the queries.
use super::model::{BookDetail, BookRow};
use crate::{error::AppError, ui::paging::Page};
use leptos::server;

/// One page of the book list, optionally filtered by a search.
#[server(endpoint = "catalog/books")]
pub async fn list_books(
    page: Option<String>,
    q: Option<String>,
) -> Result<Page<BookRow>, AppError> {
    crate::server::calls::count();
    use super::{model::BookFilter, sql};
    use crate::{
        search::{plan::plan, results::book_rows, text::normalize_query},
        server::context::pool,
        ui::paging::{self, Window},
    };
    let (page, per_page) = paging::ssr::requested_page(page.as_deref()).await?;
    let pool = pool()?;
    let Some(query) = normalize_query(q.as_deref()) else {
        return Ok(sql::list(&pool, &BookFilter::All, page, per_page).await?);
    };
    // The search page's engine and order, as plain rows.
    Ok(match plan(&pool, &query).await? {
        Some(plan) => book_rows(&pool, &plan, page, per_page).await?,
        None => Window::new(1, per_page, 0).into_page(Vec::new(), 0),
    })
}

/// One book with its genres and copies.
#[server(endpoint = "catalog/book")]
pub async fn get_book(id: String) -> Result<BookDetail, AppError> {
    crate::server::calls::count();
    use crate::{
        catalog::record::{not_found, parse_id},
        i18n::key,
        server::context::pool,
    };
    let id = parse_id(&id, key("catalog-no-such-book"))?;
    super::sql::detail(&pool()?, id)
        .await?
        .ok_or_else(|| not_found(key("catalog-no-such-book")))
}
