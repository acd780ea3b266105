//! The page every plain catalog list shares (authors, copies, genres, languages): title and
//! heading, the loading and error states, and the rows in their [`PagedList`] frame.
use crate::{
    error::AppError,
    i18n::{page_title, t},
    ui::{
        async_view::AsyncView,
        page_size,
        paging::{Noun, Page, PagedList},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// A list page headed `heading`: `load` fetches the page that `?page=` names (again when the
/// visitor picks another page size) and `row` renders one item as an `<li>`.
#[component]
pub fn ListPage<T, Load, Fut, Row, RowView>(
    /// What the list holds (its total, as `Noun::new("list-total-authors")`).
    noun: Noun,
    /// The catalogue key of the heading, which is also the page's title ("All authors"):
    /// `heading=key("catalog-authors-heading")`.
    heading: &'static str,
    /// The catalogue key of the loading line ("Loading authors…"):
    /// `loading="catalog-loading-authors"`.
    loading: &'static str,
    /// Extra class of the `<ul>`, for per-list styling.
    list_class: &'static str,
    load: Load,
    row: Row,
    /// A signal that changes when the list changed and must load again.
    #[prop(optional, into)]
    refresh: Option<Signal<usize>>,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Load: Fn(Option<String>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, AppError>> + Send + 'static,
    Row: Fn(T) -> RowView + Clone + Send + Sync + 'static,
    RowView: IntoView + 'static,
{
    let query = use_query_map();
    let size_changes = page_size::provide_action().version();
    let rows = Resource::new(
        move || {
            let refreshed = refresh.map(|r| r.get());
            (query.read().get("page"), size_changes.get(), refreshed)
        },
        move |(page, _, _)| load(page),
    );
    let ready = move |page: Page<T>| {
        let row = row.clone();
        view! {
            <PagedList info=page.info() noun=noun>
                <ul class=format!("item-list {list_class}")>
                    {page.items.into_iter().map(row).collect_view()}
                </ul>
            </PagedList>
        }
    };
    view! {
        <Title text=page_title(heading)/>
        <h1>{t(heading)}</h1>
        <AsyncView resource=rows loading ready/>
    }
}
