//! The header's greeting, shown on every page: "Hello, NAME" and forget-me, or a link to register.
//! A logged-in member is greeted by their account (the account menu) instead.
use super::{actions::VisitorActions, api::ForgetMe};
use crate::{
    accounts::AccountActions,
    i18n::t,
    ui::{layout::nav_link, post_form::PostForm},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_router::components::A;

/// "Hello, NAME" and forget-me, or a link to register; nothing for a logged-in member.
#[component]
pub fn VisitorGreeting() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    let account = expect_context::<AccountActions>().account;
    view! {
        <div class="greeting" id="greeting">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    if matches!(account.await, Ok(Some(_))) {
                        return EitherOf3::A(());
                    }
                    match actions.visitor.await {
                        Ok(Some(visitor)) => EitherOf3::B(view! {
                            <span class="hello">{t("visitor-hello")} <span class="visitor-name">{visitor.name}</span></span>
                            <ForgetMeButton/>
                        }),
                        _ => EitherOf3::C(view! { <A href="/register">{t("visitor-register-link")}</A> }),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The sidebar's "Register" item, for visitors who are not logged in: registering is the
/// session's name and email, and a logged-in member has an account instead.
#[component]
pub fn RegisterNavItem() -> impl IntoView {
    let account = expect_context::<AccountActions>().account;
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                (!matches!(account.await, Ok(Some(_))))
                    .then(|| view! { <li>{nav_link("/register", "nav-register")}</li> })
            })}
        </Transition>
    }
}

/// A POST form (never a GET link) that forgets the visitor.
#[component]
pub fn ForgetMeButton() -> impl IntoView {
    let forget = expect_context::<VisitorActions>().forget;
    view! {
        <PostForm action=forget input=|| ForgetMe {} class="forget">
            <button type="submit" class="secondary" disabled=move || forget.pending().get()>{t("visitor-forget-me")}</button>
        </PostForm>
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{text, Lang};

    #[test]
    fn the_greeting_keeps_the_space_before_the_name() {
        // The page shows the name right after this text: "Hello, <span>Ada</span>".
        assert_eq!(text(Lang::En, "visitor-hello"), "Hello, ");
        assert_eq!(text(Lang::Ru, "visitor-hello"), "Здравствуйте, ");
    }
}
