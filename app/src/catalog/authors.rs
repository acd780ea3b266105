//! Authors: the list ("Last, First (born – died)") and one author's page with their books.
use super::{
    books::{model::BookRow, pages::PagedBooks},
    dates::life_span,
    list_page::ListPage,
    record::record_title,
};
use crate::{
    error::AppError,
    i18n::{key, t, use_lang, Lang},
    ui::{
        async_view::AsyncView,
        page_size,
        paging::{Noun, Page},
    },
};
use leptos::{prelude::*, server};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// An author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuthorRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub date_of_death: Option<String>,
}

impl AuthorRow {
    /// "Last, First", as Django's `Author.__str__`.
    pub fn name(&self) -> String {
        format!("{}, {}", self.last_name, self.first_name)
    }

    /// "(born – died)" in readable dates, in `lang`.
    pub fn span(&self, lang: Lang) -> String {
        life_span(
            lang,
            self.date_of_birth.as_deref(),
            self.date_of_death.as_deref(),
        )
    }
}

/// An author and one page of their books.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorDetail {
    pub author: AuthorRow,
    pub books: Page<BookRow>,
}

/// One page of authors, by last then first name.
#[server(endpoint = "catalog/authors")]
pub async fn list_authors(page: Option<String>) -> Result<Page<AuthorRow>, AppError> {
    crate::server::calls::count();
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    Ok(ssr::list(&crate::server::context::pool()?, page, per_page).await?)
}

/// One author with a page of their books.
#[server(endpoint = "catalog/author")]
pub async fn get_author(id: String, page: Option<String>) -> Result<AuthorDetail, AppError> {
    crate::server::calls::count();
    use super::{
        books::{model::BookFilter, sql},
        record::{not_found, parse_id},
    };
    let id = parse_id(&id, key("catalog-no-such-author"))?;
    let pool = crate::server::context::pool()?;
    let author = ssr::get(&pool, id)
        .await?
        .ok_or_else(|| not_found(key("catalog-no-such-author")))?;
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    let books = sql::list(&pool, &BookFilter::Author(id), page, per_page).await?;
    Ok(AuthorDetail { author, books })
}

/// `/catalog/authors`.
#[component]
pub fn AuthorListPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <ListPage noun=Noun::new("list-total-authors") heading=key("catalog-authors-heading")
            loading="catalog-loading-authors" list_class="author-list" load=list_authors
            row=move |author: AuthorRow| view! {
                <li>
                    <a class="title" href=format!("/catalog/author/{}", author.id)>{author.name()}</a>
                    " " <span class="span">{move || author.span(lang.get())}</span>
                </li>
            }/>
    }
}

/// `/catalog/author/{id}`.
#[component]
pub fn AuthorDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let size_changes = page_size::provide_action().version();
    let detail = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("page"),
                size_changes.get(),
            )
        },
        |(id, page, _)| get_author(id, page),
    );
    view! {
        <AsyncView resource=detail loading="catalog-loading-author"
            ready=|AuthorDetail { author, books }| {
                let lang = use_lang();
                view! {
                    <Title text=record_title(author.name())/>
                    <h1>{author.name()}</h1>
                    <p class="span">{move || author.span(lang.get())}</p>
                    <h2>{t("catalog-author-books")}</h2>
                    <PagedBooks books=books/>
                }
            }/>
    }
}

/// Server-only queries.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::AuthorRow;
    use crate::{
        catalog::list_query::{fetch_page, kept_count},
        server::db::Pool,
        ui::paging::Page,
    };

    /// One page of authors, with their number.
    pub async fn list(
        pool: &Pool,
        page: u32,
        per_page: u32,
    ) -> Result<Page<AuthorRow>, sqlx::Error> {
        let total = kept_count("authors");
        fetch_page(
            pool,
            &format!(
                "SELECT id, first_name, last_name, date_of_birth, date_of_death, \
                 {total} AS total_rows FROM authors ORDER BY last_name, first_name, id"
            ),
            &[],
            page,
            per_page,
        )
        .await
    }

    /// One author.
    pub async fn get(pool: &Pool, id: i64) -> Result<Option<AuthorRow>, sqlx::Error> {
        sqlx::query_as::<_, AuthorRow>(
            "SELECT id, first_name, last_name, date_of_birth, date_of_death FROM authors WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await
    }
}
