//! The copy links librarians see on a copy's page: "Edit copy" and "Delete copy" ("Add copy" is
//! among a book's edit links, `editing::pages::EditLinks`).
use crate::{accounts::AccountActions, i18n::t};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// "Edit copy" and "Delete copy" on the copy page in the URL, for librarians (the shell's
/// account resource: no extra request).
#[component]
pub fn CopyEditLinks() -> impl IntoView {
    let account = expect_context::<AccountActions>().account;
    let params = use_params_map();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let librarian = account.await.ok().flatten().is_some_and(|a| a.is_librarian);
                params.with(|p| p.get("id")).filter(|_| librarian).map(|copy| view! {
                    <p class="edit-links">
                        <a href=format!("/catalog/bookinstance/{copy}/update")>{t("editing-edit-copy-link")}</a>
                        " · "
                        <a href=format!("/catalog/bookinstance/{copy}/delete")>{t("editing-delete-copy-link")}</a>
                    </p>
                })
            })}
        </Transition>
    }
}
