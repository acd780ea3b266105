//! The search box in every page's header. Without JavaScript it is a plain GET form to
//! `/catalog/search`; with it, results follow the typing (after a pause, replacing the history
//! entry while on the search page) and Enter searches at once. It is in the first load, so
//! it is kept small: its view is type-erased, and the page it opens is a lazy route.
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, location::Url, NavigateOptions};

/// The search page's path.
pub const SEARCH_PATH: &str = "/catalog/search";

/// How long typing must pause before the results follow.
const PAUSE_MS: u64 = 250;

/// What the box holds when the page is rendered: the search being shown, if this is the
/// search page. Only the server needs it (hydration keeps the rendered value).
fn initial_text() -> String {
    #[cfg(feature = "ssr")]
    {
        use leptos_router::hooks::{use_location, use_query_map};
        if use_location().pathname.get_untracked() == SEARCH_PATH {
            return use_query_map()
                .read_untracked()
                .get("q")
                .unwrap_or_default();
        }
    }
    String::new()
}

/// The header's search form.
#[component]
pub fn HeaderSearch() -> impl IntoView {
    let navigate = use_navigate();
    // What was typed last (`None` until the visitor types) and the pending pause.
    let typed = StoredValue::new(None::<String>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let go = move |replace: bool| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if let Some(text) = typed.get_value() {
            let url = format!("{SEARCH_PATH}?q={}", Url::escape(text.trim()));
            navigate(
                &url,
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let on_input = {
        let go = go.clone();
        move |ev| {
            typed.set_value(Some(event_target_value(&ev)));
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let go = go.clone();
            let handle = set_timeout_with_handle(
                move || {
                    let on_search_page = window()
                        .location()
                        .pathname()
                        .is_ok_and(|path| path == SEARCH_PATH);
                    go(on_search_page)
                },
                std::time::Duration::from_millis(PAUSE_MS),
            );
            pending.set_value(handle.ok());
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // Untouched, the form submits as a plain GET (the text came from the server).
        if typed.with_value(Option::is_some) {
            ev.prevent_default();
            go(false);
        }
    };
    view! {
        <form class="site-search" role="search" aria-label=t("search-label") method="get"
            action=SEARCH_PATH on:submit=on_submit on:input=on_input>
            <label for="site-search">{t("search-label")}</label>
            <input id="site-search" type="search" name="q" value=initial_text() maxlength="100"
                autocomplete="off" placeholder=t("search-placeholder")/>
            <button type="submit">{t("search-button")}</button>
        </form>
    }
    .into_any()
}
