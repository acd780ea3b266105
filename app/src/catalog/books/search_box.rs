//! The book search box: a plain GET form without JavaScript, a debounced live search with it.
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_navigate, location::Url, NavigateOptions};

/// The search form: a plain GET form without JavaScript, a debounced live search with it.
#[component]
pub fn SearchBox(initial: String) -> impl IntoView {
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let navigate = navigate.clone();
        let handle = set_timeout_with_handle(
            move || {
                let url = if text.trim().is_empty() {
                    "/catalog/books".to_string()
                } else {
                    format!("/catalog/books?q={}", Url::escape(&text))
                };
                navigate(
                    &url,
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                );
            },
            std::time::Duration::from_millis(250),
        )
        .ok();
        pending.set_value(handle);
    };
    view! {
        <Form method="GET" on_form_data=crate::ui::get_form::without_unnamed_entries() action="/catalog/books" attr:class="search" attr:role="search">
            <label for="book-search">{t("catalog-search-label")}</label>
            <input id="book-search" type="search" name="q" value=initial maxlength="100"
                autocomplete="off" placeholder=t("catalog-search-placeholder") on:input=on_input/>
            <button type="submit">{t("catalog-search-button")}</button>
        </Form>
    }
}
