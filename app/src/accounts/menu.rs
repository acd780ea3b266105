//! The header's account part: "Logged in as NAME · Log out", or "Log in".
use super::{actions::AccountActions, api::LogOut};
use crate::{i18n::t, ui::post_form::PostForm};
use leptos::{either::Either, prelude::*};
use leptos_router::{components::A, hooks::use_location};

/// "Logged in as NAME · Log out", or a "Log in" link that comes back to this page.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let actions = expect_context::<AccountActions>();
    let location = use_location();
    // A sign-out from another device shows on this one's next click: every navigation asks
    // again (the server answers from its sign-in cache, without a query, most of the time).
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|before| before != path) {
            actions.account.refetch();
        }
        path
    });
    let login_href = move || {
        let here = location.pathname.get();
        if here.starts_with("/accounts/") {
            "/accounts/login".to_string()
        } else {
            format!("/accounts/login?next={here}")
        }
    };
    view! {
        <div class="account" id="account">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match actions.account.await {
                        Ok(Some(account)) => Either::Left(view! {
                            <span class="logged-in">
                                {t("accounts-menu-logged-in-as")} <strong class="username">{account.username}</strong>
                            </span>
                            " · " <A href="/catalog/mybooks">{t("accounts-menu-my-borrowed")}</A>
                            {account.is_librarian.then(|| view! {
                                " · " <A href="/catalog/borrowed">{t("accounts-menu-all-borrowed")}</A>
                                " · " <A href="/catalog/holds">{t("holds-all-heading")}</A>
                                " · " <A href="/catalog/changes">{t("accounts-menu-changes")}</A>
                                " · " <A href="/accounts/members">{t("accounts-members-title")}</A>
                            })}
                            " · "
                            <PostForm action=actions.log_out input=|| LogOut {} class="logout">
                                <button type="submit" class="link">{t("accounts-log-out")}</button>
                            </PostForm>
                        }),
                        _ => Either::Right(view! { <A href=login_href>{t("accounts-log-in")}</A> }),
                    }
                })}
            </Transition>
        </div>
    }
}
