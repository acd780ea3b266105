//! The page every plain catalog list shares (authors, copies, genres, languages): title and
//! heading, the loading and error states, and the rows in their [`PagedList`] frame.
use crate::{
    error::AppError,
    ui::{
        async_view::AsyncView,
        page_size::PageSizeAction,
        paging::{Noun, Page, PagedList},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// A list page headed "All <noun.many>": `load` fetches the page that `?page=` names (again
/// when the visitor picks another page size) and `row` renders one item as an `<li>`.
#[component]
pub fn ListPage<T, Load, Fut, Row, RowView>(
    noun: Noun,
    /// Extra class of the `<ul>`, for per-list styling.
    list_class: &'static str,
    load: Load,
    row: Row,
    /// The heading, if not "All <noun.many>".
    #[prop(optional)]
    heading: Option<&'static str>,
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
    let size_changes = expect_context::<PageSizeAction>().version();
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
    let heading = heading.map_or_else(|| format!("All {}", noun.many), str::to_string);
    let loading = format!("Loading {}…", noun.many);
    view! {
        <Title text=format!("{heading} · LocalLibrary")/>
        <h1>{heading}</h1>
        <AsyncView resource=rows loading ready/>
    }
}
