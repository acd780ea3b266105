//! The copy links librarians see: "Add copy" on a book's page, "Edit copy" and "Delete copy" on
//! a copy's page.
use crate::{accounts::AccountActions, i18n::t};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Whether the visitor is a librarian (the shell's account resource, no extra request).
fn librarian_only<V: IntoView + 'static>(
    link: impl Fn(String) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let account = expect_context::<AccountActions>().account;
    let params = use_params_map();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let librarian = account.await.ok().flatten().is_some_and(|a| a.is_librarian);
                let id = params.with(|p| p.get("id"));
                id.filter(|_| librarian).map(link)
            })}
        </Transition>
    }
}

/// "Add copy" on the book page in the URL.
#[component]
pub fn AddCopyLink() -> impl IntoView {
    librarian_only(|book| {
        view! {
            <p class="edit-links"><a href=format!("/catalog/book/{book}/copy/create")>{t("editing-add-copy-link")}</a></p>
        }
    })
}

/// "Edit copy" and "Delete copy" on the copy page in the URL.
#[component]
pub fn CopyEditLinks() -> impl IntoView {
    librarian_only(|copy| {
        view! {
            <p class="edit-links">
                <a href=format!("/catalog/bookinstance/{copy}/update")>{t("editing-edit-copy-link")}</a>
                " · "
                <a href=format!("/catalog/bookinstance/{copy}/delete")>{t("editing-delete-copy-link")}</a>
            </p>
        }
    })
}
