//! Copies of books (Django's `BookInstance`): the list of all copies and one copy's page.
use super::{dates::human_date, list_page::ListPage};
use crate::{
    error::AppError,
    ui::{
        async_view::AsyncView,
        paging::{Noun, Page},
    },
};
use leptos::{prelude::*, server};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// One physical copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CopyRow {
    pub id: String,
    pub book_id: i64,
    pub book_title: String,
    pub imprint: String,
    pub due_back: Option<String>,
    /// `d` maintenance, `o` on loan, `a` available, `r` reserved.
    pub status: String,
}

/// The label for a status code.
pub fn status_label(code: &str) -> &'static str {
    match code {
        "a" => "Available",
        "o" => "On loan",
        "r" => "Reserved",
        "d" => "Maintenance",
        _ => "Unknown",
    }
}

/// The status as a coloured badge: available green, maintenance red, others amber.
#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let class = match status.as_str() {
        "a" => "status status-available",
        "d" => "status status-maintenance",
        _ => "status status-other",
    };
    view! { <span class=class data-status=status.clone()>{status_label(&status)}</span> }
}

/// One page of all copies, by due date.
#[server(endpoint = "catalog/copies")]
pub async fn list_copies(page: Option<String>) -> Result<Page<CopyRow>, AppError> {
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    Ok(ssr::list(&crate::server::context::pool()?, page, per_page).await?)
}

/// One copy by its UUID.
#[server(endpoint = "catalog/copy")]
pub async fn get_copy(id: String) -> Result<CopyRow, AppError> {
    use super::record::not_found;
    // Only a well-formed UUID can name a copy; anything else is simply not found.
    let valid = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !valid {
        return Err(not_found("copy"));
    }
    ssr::get(&crate::server::context::pool()?, &id.to_ascii_lowercase())
        .await?
        .ok_or_else(|| not_found("copy"))
}

/// `/catalog/bookinstances`.
#[component]
pub fn CopyListPage() -> impl IntoView {
    view! {
        <ListPage noun=Noun::new("copy", "copies") list_class="copy-list" load=list_copies
            row=|copy: CopyRow| view! {
                <li>
                    <a class="title" href=format!("/catalog/bookinstance/{}", copy.id)>{copy.book_title}</a>
                    " " <StatusBadge status=copy.status/>
                    {copy.due_back.map(|due| view! { <span class="due">{format!(" due {}", human_date(&due))}</span> })}
                </li>
            }/>
    }
}

/// `/catalog/bookinstance/{uuid}`.
#[component]
pub fn CopyDetailPage() -> impl IntoView {
    let params = use_params_map();
    let copy = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_copy,
    );
    view! {
        <AsyncView resource=copy loading="Loading the copy…" ready=|copy: CopyRow| view! {
                    <Title text=format!("Copy of {} · LocalLibrary", copy.book_title)/>
                    <h1>"Copy of " <a href=format!("/catalog/book/{}", copy.book_id)>{copy.book_title.clone()}</a></h1>
                    <dl class="facts">
                        <dt>"Status"</dt><dd><StatusBadge status=copy.status/></dd>
                        <dt>"Imprint"</dt><dd>{copy.imprint}</dd>
                        <dt>"Due back"</dt><dd>{copy.due_back.map(|d| human_date(&d)).unwrap_or_else(|| "—".into())}</dd>
                        <dt>"Id"</dt><dd class="copy-id">{copy.id}</dd>
                    </dl>
        }/>
    }
}

/// Server-only queries.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::CopyRow;
    use crate::{
        catalog::list_query::{fetch_page, kept_count},
        server::db::{Dialect, Pool},
        ui::paging::Page,
    };

    const COLUMNS: &str =
        "SELECT c.id, c.book_id, b.title AS book_title, c.imprint, c.due_back, c.status";
    const FROM: &str = "FROM book_instances c JOIN books b ON b.id = c.book_id";

    /// One page of all copies, by due date (copies not on loan first, as in Django).
    pub async fn list(pool: &Pool, page: u32, per_page: u32) -> Result<Page<CopyRow>, sqlx::Error> {
        fetch_page(
            pool,
            &format!(
                "{COLUMNS}, {} AS total_rows {FROM} ORDER BY c.due_back{}, c.id",
                kept_count("copies"),
                Dialect::of(pool).nulls_first()
            ),
            &[],
            page,
            per_page,
        )
        .await
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
}
