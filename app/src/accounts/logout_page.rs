//! `/accounts/logout`: a page with the "Log out" button (logging out is a POST, never a link a
//! page could make the browser follow), and what it says once done.
use super::actions::AccountActions;
use crate::i18n::{page_title, t};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::components::A;

/// `/accounts/logout`.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let actions = expect_context::<AccountActions>();
    view! {
        <Title text=page_title("accounts-logout-title")/>
        <h1>{t("accounts-logout-title")}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match actions.account.await {
                    Ok(Some(account)) => Either::Left(view! {
                        <p class="lead">
                            {t("accounts-logout-logged-in-as")} <strong>{account.username}</strong> "."
                        </p>
                        <ActionForm action=actions.log_out attr:class="logout-page">
                            <button type="submit">{t("accounts-log-out")}</button>
                        </ActionForm>
                    }),
                    _ => Either::Right(view! {
                        <p class="notice success" role="status">
                            {t("accounts-logged-out")} <A href="/accounts/login">{t("accounts-log-in-again")}</A>
                        </p>
                    }),
                }
            })}
        </Transition>
    }
}
