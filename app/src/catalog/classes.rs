//! Genres and languages: name-only tables that classify books. Both get a list and a detail
//! page with their books; one implementation serves both.
use super::{
    books::{model::BookRow, pages::PagedBooks},
    list_page::ListPage,
    record::{record_title, NamedRef},
};
use crate::{
    error::AppError,
    i18n::key,
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

/// Which classification a page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Genre,
    Language,
}

impl Kind {
    /// The kind's segment in its records' URLs (`/catalog/genre/3`).
    fn path(self) -> &'static str {
        match self {
            Kind::Genre => "genre",
            Kind::Language => "language",
        }
    }

    /// The list's total.
    fn nouns(self) -> Noun {
        match self {
            Kind::Genre => Noun::new("list-total-genres"),
            Kind::Language => Noun::new("list-total-languages"),
        }
    }

    /// The catalogue key of the list's heading and title.
    fn heading(self) -> &'static str {
        match self {
            Kind::Genre => key("catalog-genres-heading"),
            Kind::Language => key("catalog-languages-heading"),
        }
    }

    /// The catalogue key of the list's loading line.
    fn loading(self) -> &'static str {
        match self {
            Kind::Genre => key("catalog-loading-genres"),
            Kind::Language => key("catalog-loading-languages"),
        }
    }

    /// The catalogue key of "There is no such … in the catalog."
    #[cfg(feature = "ssr")]
    fn not_found_key(self) -> &'static str {
        match self {
            Kind::Genre => key("catalog-no-such-genre"),
            Kind::Language => key("catalog-no-such-language"),
        }
    }

    #[cfg(feature = "ssr")]
    fn table(self) -> &'static str {
        match self {
            Kind::Genre => "genres",
            Kind::Language => "languages",
        }
    }

    #[cfg(feature = "ssr")]
    fn filter(self, id: i64) -> super::books::model::BookFilter {
        use super::books::model::BookFilter;
        match self {
            Kind::Genre => BookFilter::Genre(id),
            Kind::Language => BookFilter::Language(id),
        }
    }
}

/// A genre or language with a page of its books.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDetail {
    pub class: NamedRef,
    pub books: Page<BookRow>,
}

/// One page of genres or languages, by name.
#[server(endpoint = "catalog/classes")]
pub async fn list_classes(kind: Kind, page: Option<String>) -> Result<Page<NamedRef>, AppError> {
    crate::server::calls::count();
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    Ok(ssr::list(&crate::server::context::pool()?, kind, page, per_page).await?)
}

/// One genre or language with a page of its books.
#[server(endpoint = "catalog/class")]
pub async fn get_class(
    kind: Kind,
    id: String,
    page: Option<String>,
) -> Result<ClassDetail, AppError> {
    crate::server::calls::count();
    use super::record::{not_found, parse_id};
    let id = parse_id(&id, kind.not_found_key())?;
    let pool = crate::server::context::pool()?;
    let class = ssr::get(&pool, kind, id)
        .await?
        .ok_or_else(|| not_found(kind.not_found_key()))?;
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    let books = super::books::sql::list(&pool, &kind.filter(id), page, per_page).await?;
    Ok(ClassDetail { class, books })
}

/// `/catalog/genres`.
#[component]
pub fn GenreListPage() -> impl IntoView {
    view! { <ClassListPage kind=Kind::Genre/> }
}

/// `/catalog/languages`.
#[component]
pub fn LanguageListPage() -> impl IntoView {
    view! { <ClassListPage kind=Kind::Language/> }
}

/// `/catalog/genre/{id}`.
#[component]
pub fn GenreDetailPage() -> impl IntoView {
    view! { <ClassDetailPage kind=Kind::Genre/> }
}

/// `/catalog/language/{id}`.
#[component]
pub fn LanguageDetailPage() -> impl IntoView {
    view! { <ClassDetailPage kind=Kind::Language/> }
}

#[component]
fn ClassListPage(kind: Kind) -> impl IntoView {
    view! {
        <ListPage noun=kind.nouns() heading=kind.heading() loading=kind.loading()
            list_class="class-list" load=move |page| list_classes(kind, page)
            row=move |class: NamedRef| view! {
                <li><a class="title" href=format!("/catalog/{}/{}", kind.path(), class.id)>{class.name}</a></li>
            }/>
    }
}

#[component]
fn ClassDetailPage(kind: Kind) -> impl IntoView {
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
        move |(id, page, _)| get_class(kind, id, page),
    );
    view! {
        <AsyncView resource=detail loading="catalog-loading"
            ready=|ClassDetail { class, books }| view! {
                    <Title text=record_title(class.name.clone())/>
                    <h1>{class.name.clone()}</h1>
                    <PagedBooks books=books/>
            }/>
    }
}

/// Server-only queries.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::Kind;
    use crate::{
        catalog::{
            list_query::{fetch_page, kept_count, WINDOW_COUNT},
            record::NamedRef,
        },
        server::db::Pool,
        ui::paging::Page,
    };

    /// One page of a classification table, by name.
    pub async fn list(
        pool: &Pool,
        kind: Kind,
        page: u32,
        per_page: u32,
    ) -> Result<Page<NamedRef>, sqlx::Error> {
        let table = kind.table();
        // Genres are counted for the home page anyway; the few languages count themselves.
        let total = match kind {
            Kind::Genre => kept_count("genres"),
            Kind::Language => WINDOW_COUNT.to_string(),
        };
        fetch_page(
            pool,
            &format!("SELECT id, name, {total} AS total_rows FROM {table} ORDER BY name, id"),
            &[],
            page,
            per_page,
        )
        .await
    }

    /// One genre or language.
    pub async fn get(pool: &Pool, kind: Kind, id: i64) -> Result<Option<NamedRef>, sqlx::Error> {
        sqlx::query_as::<_, NamedRef>(&format!(
            "SELECT id, name FROM {} WHERE id = $1",
            kind.table()
        ))
        .bind(id)
        .fetch_optional(pool)
        .await
    }
}
