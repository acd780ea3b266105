//! Record counts for the home page.
use crate::{error::AppError, i18n::t, ui::async_view::AsyncView};
use leptos::{prelude::*, server};
use serde::{Deserialize, Serialize};

/// How many records of each kind the catalog holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CatalogCounts {
    pub books: i64,
    pub copies: i64,
    pub copies_available: i64,
    pub authors: i64,
    pub genres: i64,
}

/// Reads the record counts shown on the home page.
#[server(endpoint = "catalog/counts")]
pub async fn get_catalog_counts() -> Result<CatalogCounts, AppError> {
    crate::server::calls::count();
    let context = crate::server::context::AppContext::current()?;
    let counts = ssr::counts(&context.pool);
    Ok(context.catalog_version.kept(counts).await?)
}

/// The list of counts on the home page.
#[component]
pub fn CountsList() -> impl IntoView {
    let counts = Resource::new(|| (), |_| get_catalog_counts());
    view! {
        <AsyncView resource=counts loading="home-counts-loading" class="loading counts-loading"
            ready=|c: CatalogCounts| view! {
                            <ul class="counts" id="counts">
                                <li><strong>{t("home-count-books")} " "</strong><span data-count="books">{c.books}</span></li>
                                <li><strong>{t("home-count-copies")} " "</strong><span data-count="copies">{c.copies}</span></li>
                                <li><strong>{t("home-count-copies-available")} " "</strong><span data-count="copies-available">{c.copies_available}</span></li>
                                <li><strong>{t("home-count-authors")} " "</strong><span data-count="authors">{c.authors}</span></li>
                                <li><strong>{t("home-count-genres")} " "</strong><span data-count="genres">{c.genres}</span></li>
                            </ul>
            }/>
    }
}

/// Server-only queries.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::CatalogCounts;
    use crate::server::db::Pool;

    /// All five counts: one row that triggers keep current (migration 0004), instead of five
    /// scans of the catalog on every home-page view.
    pub async fn counts(pool: &Pool) -> Result<CatalogCounts, sqlx::Error> {
        sqlx::query_as::<_, CatalogCounts>(
            "SELECT books, copies, copies_available, authors, genres FROM catalog_counts WHERE id = 1",
        )
        .fetch_one(pool)
        .await
    }
}
