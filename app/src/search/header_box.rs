//! The search box in every page's header. Without JavaScript it is a plain GET form to
//! `/catalog/search`; with it, results follow the typing (after a pause, replacing the history
//! entry while on the search page) and Enter searches at once. It is in the first load, so
//! it stays small: the page it opens is a lazy route.
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_location, use_navigate, use_query_map},
    location::Url,
    NavigateOptions,
};

/// The search page's path.
pub const SEARCH_PATH: &str = "/catalog/search";

/// How long typing must pause before the results follow.
const PAUSE_MS: u64 = 250;

/// The header's search form.
#[component]
pub fn HeaderSearch() -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let on_search_page = move || location.pathname.get_untracked() == SEARCH_PATH;
    // The box starts with the search being shown; after that it is the visitor's.
    let initial = on_search_page()
        .then(|| query.read_untracked().get("q"))
        .flatten()
        .unwrap_or_default();
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let go = move |text: String, replace: bool| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let url = format!("{SEARCH_PATH}?q={}", Url::escape(text.trim()));
        navigate(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let on_input = {
        let go = go.clone();
        move |ev| {
            let text = event_target_value(&ev);
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let go = go.clone();
            let handle = set_timeout_with_handle(
                move || go(text, on_search_page()),
                std::time::Duration::from_millis(PAUSE_MS),
            );
            pending.set_value(handle.ok());
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(input) = input.get_untracked() {
            go(input.value(), false);
        }
    };
    view! {
        <form class="site-search" role="search" method="get" action=SEARCH_PATH on:submit=on_submit>
            <label for="site-search">{t("search-label")}</label>
            <input id="site-search" node_ref=input type="search" name="q" value=initial maxlength="100"
                autocomplete="off" placeholder=t("search-placeholder") on:input=on_input/>
            <button type="submit">{t("search-button")}</button>
        </form>
    }
}
