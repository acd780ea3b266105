//! `/catalog/bookinstances`: every copy, by due date, filtered by status (`?status=`) and paged,
//! with how many copies each status has.
use super::{status::CopyStatus, CopyRow, StatusBadge};
use crate::{
    catalog::dates::human_date,
    error::AppError,
    i18n::{page_title, t, text, use_lang, Msg},
    ui::{
        async_view::AsyncView,
        page_size,
        paging::{Noun, Page, PagedList},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};
use serde::{Deserialize, Serialize};

/// One page of the copy list and the count of every status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyList {
    pub page: Page<CopyRow>,
    /// The filter in force, if any.
    pub status: Option<CopyStatus>,
    /// How many copies each status has, in [`CopyStatus::ALL`]'s order.
    pub counts: Vec<(CopyStatus, u64)>,
}

/// One page of the copies, all or those with `status` (`available`, `on-loan`, `maintenance`,
/// `reserved`; anything else is a 400).
#[server(endpoint = "catalog/copies")]
pub async fn list_copies(
    page: Option<String>,
    status: Option<String>,
) -> Result<CopyList, AppError> {
    crate::server::calls::count();
    let status = super::status::parse_filter(status.as_deref())?;
    let (page, per_page) = crate::ui::paging::ssr::requested_page(page.as_deref()).await?;
    let pool = crate::server::context::pool()?;
    let (page, counts) = tokio::try_join!(
        super::sql::list(&pool, status, page, per_page),
        super::sql::status_counts(&pool),
    )?;
    Ok(CopyList {
        page,
        status,
        counts,
    })
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

/// "On loan: 3", in the page's language.
fn status_count(status: CopyStatus, count: u64) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        Msg::new("catalog-copies-status-count")
            .with("status", text(lang, status.label()))
            .with("count", count)
            .text(lang)
    }
}

/// The status filter: a GET form (a plain one without JavaScript) and each status's count as a
/// link to its filtered list.
#[component]
fn StatusFilter(current: Option<CopyStatus>, counts: Vec<(CopyStatus, u64)>) -> impl IntoView {
    view! {
        <Form method="GET" on_form_data=crate::ui::get_form::without_unnamed_entries() action="/catalog/bookinstances" attr:class="filter">
            <label for="copy-status">{t("catalog-copies-filter-status")}</label>
            <select id="copy-status" name="status">
                <option value="all" selected=current.is_none()>{t("catalog-copies-filter-all")}</option>
                {CopyStatus::ALL.into_iter().map(|status| view! {
                    <option value=status.slug() selected=current == Some(status)>{t(status.label())}</option>
                }).collect_view()}
            </select>
            <button type="submit">{t("catalog-copies-filter-button")}</button>
        </Form>
        <ul class="status-counts" aria-label=t("catalog-copies-counts-label")>
            {counts.into_iter().map(|(status, count)| view! {
                <li>
                    <a href=format!("/catalog/bookinstances?status={}", status.slug())
                        aria-current=(current == Some(status)).then_some("true")>
                        {status_count(status, count)}
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/catalog/bookinstances`.
#[component]
pub fn CopyListPage() -> impl IntoView {
    let query = use_query_map();
    let size_changes = page_size::provide_action().version();
    let copies = Resource::new(
        move || {
            let query = query.read();
            (query.get("page"), query.get("status"), size_changes.get())
        },
        |(page, status, _)| list_copies(page, status),
    );
    let ready = |list: CopyList| {
        let keep: Vec<(&'static str, String)> = list
            .status
            .map(|s| ("status", s.slug().to_string()))
            .into_iter()
            .collect();
        view! {
            <StatusFilter current=list.status counts=list.counts/>
            <PagedList info=list.page.info() noun=Noun::new("list-total-copies") keep>
                <ul class="item-list copy-list">
                    {list.page.items.into_iter().map(|copy| view! {
                        <li>
                            <a class="title" href=format!("/catalog/bookinstance/{}", copy.id)>{copy.book_title}</a>
                            " " <StatusBadge status=copy.status/>
                            {copy.due_back.map(|due| view! { <span class="due">" "{due_text(due)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </PagedList>
        }
    };
    view! {
        <Title text=page_title("catalog-copies-heading")/>
        <h1>{t("catalog-copies-heading")}</h1>
        <AsyncView resource=copies loading="catalog-loading-copies" ready/>
    }
}
