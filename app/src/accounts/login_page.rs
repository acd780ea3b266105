//! `/accounts/login`: Django's login form. Posted through the server function (which redirects
//! to `?next=` or home), or as a plain form without JavaScript.
use super::actions::AccountActions;
use crate::i18n::{page_title, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/accounts/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let actions = expect_context::<AccountActions>();
    let lang = use_lang();
    let log_in = actions.log_in;
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let problem = move || match log_in.value().get() {
        Some(Err(error)) => Some(error.message(lang.get())),
        _ => None,
    };
    view! {
        <Title text=page_title("accounts-login-title")/>
        <h1>{t("accounts-login-title")}</h1>
        {move || problem().map(|p| view! { <p class="notice problem" role="alert">{p}</p> })}
        <ActionForm action=log_in attr:class="login">
            <input type="hidden" name="next" prop:value=next value=next/>
            <div class="field">
                <label for="username">{t("accounts-username")}</label>
                <input id="username" name="username" type="text" autocomplete="username" required/>
            </div>
            <div class="field">
                <label for="password">{t("accounts-password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" disabled=move || log_in.pending().get()>{t("accounts-log-in")}</button>
        </ActionForm>
        <p><a href="/accounts/password_reset">{t("accounts-lost-password")}</a></p>
    }
}
