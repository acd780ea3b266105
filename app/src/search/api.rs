//! The search server function: thin, it cleans the query, plans it and asks for results.
use super::model::SearchResults;
use crate::error::AppError;
use leptos::server;

/// Authors the search page shows above the books.
pub const AUTHORS_SHOWN: u32 = 5;

/// Books and authors matching `q`, ranked; `None` when `q` holds no word to search for.
#[server(endpoint = "catalog/search")]
pub async fn search_catalog(
    q: Option<String>,
    page: Option<String>,
) -> Result<Option<SearchResults>, AppError> {
    crate::server::calls::count();
    use super::{plan::plan, results, text::normalize_query};
    use crate::{server::context::pool, ui::paging};
    let Some(query) = normalize_query(q.as_deref()) else {
        return Ok(None);
    };
    let (page, per_page) = paging::ssr::requested_page(page.as_deref()).await?;
    let pool = pool()?;
    let started = std::time::Instant::now();
    let Some(plan) = plan(&pool, &query).await? else {
        return Ok(None);
    };
    let (authors, authors_total, books) =
        results::hits(&pool, &plan, AUTHORS_SHOWN, page, per_page).await?;
    // The search's own time, apart from the request's (session, rendering).
    crate::server::timing::report("search", started.elapsed());
    Ok(Some(SearchResults {
        query,
        authors,
        authors_total,
        books,
    }))
}
