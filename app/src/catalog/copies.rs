//! Copies of books (Django's `BookInstance`): the list of all copies and one copy's page.
use super::{
    dates::{date_text, human_date},
    list_page::ListPage,
};
use crate::{
    error::AppError,
    i18n::{key, t, use_lang, Msg},
    ui::{
        async_view::AsyncView,
        paging::{Noun, Page},
    },
};
use leptos::{either::Either, prelude::*, server};
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

/// The catalogue key of the label for a status code.
pub fn status_label(code: &str) -> &'static str {
    match code {
        "a" => key("catalog-status-available"),
        "o" => key("catalog-status-on-loan"),
        "r" => key("catalog-status-reserved"),
        "d" => key("catalog-status-maintenance"),
        _ => key("catalog-status-unknown"),
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
    let label = status_label(&status);
    view! { <span class=class data-status=status>{t(label)}</span> }
}

/// " due November 25, 2026" after a copy in a list, in the page's language (the space is the
/// markup's).
fn due_text(iso: String) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        Msg::new("catalog-copy-due")
            .with("date", human_date(lang, &iso))
            .text(lang)
    }
}

/// One page of all copies, by due date.
#[server(endpoint = "catalog/copies")]
pub async fn list_copies(page: Option<String>) -> Result<Page<CopyRow>, AppError> {
    crate::server::calls::count();
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    Ok(ssr::list(&crate::server::context::pool()?, page, per_page).await?)
}

/// One copy by its UUID.
#[server(endpoint = "catalog/copy")]
pub async fn get_copy(id: String) -> Result<CopyRow, AppError> {
    crate::server::calls::count();
    use super::record::not_found;
    let not_found = || not_found(key("catalog-no-such-copy"));
    // Only a well-formed UUID can name a copy; anything else is simply not found.
    let valid = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !valid {
        return Err(not_found());
    }
    ssr::get(&crate::server::context::pool()?, &id.to_ascii_lowercase())
        .await?
        .ok_or_else(not_found)
}

/// `/catalog/bookinstances`.
#[component]
pub fn CopyListPage() -> impl IntoView {
    view! {
        <ListPage noun=Noun::new("list-total-copies") heading=key("catalog-copies-heading")
            loading="catalog-loading-copies" list_class="copy-list" load=list_copies
            row=|copy: CopyRow| view! {
                <li>
                    <a class="title" href=format!("/catalog/bookinstance/{}", copy.id)>{copy.book_title}</a>
                    " " <StatusBadge status=copy.status/>
                    {copy.due_back.map(|due| view! { <span class="due">" "{due_text(due)}</span> })}
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
        <AsyncView resource=copy loading="catalog-loading-copy" ready=|copy: CopyRow| {
            let lang = use_lang();
            let book_title = copy.book_title.clone();
            let title = move || {
                let lang = lang.get();
                let page = Msg::new("catalog-copy-title").with("title", &book_title).text(lang);
                Msg::new("site-page-title").with("page", page).text(lang)
            };
            view! {
                    <Title text=title/>
                    <h1>{t("catalog-copy-heading")} " " <a href=format!("/catalog/book/{}", copy.book_id)>{copy.book_title.clone()}</a></h1>
                    <dl class="facts">
                        <dt>{t("catalog-copy-status")}</dt><dd><StatusBadge status=copy.status/></dd>
                        <dt>{t("catalog-copy-imprint")}</dt><dd>{copy.imprint}</dd>
                        <dt>{t("catalog-copy-due-back")}</dt><dd>{match copy.due_back {
                            Some(due) => Either::Left(date_text(due)),
                            None => Either::Right("—"),
                        }}</dd>
                        <dt>{t("catalog-copy-id")}</dt><dd class="copy-id">{copy.id}</dd>
                    </dl>
            }
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
