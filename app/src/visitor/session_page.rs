//! `/session`: everything the server remembers about this browser, and the buttons to forget it.
use super::{
    actions::VisitorActions,
    api::{get_session_info, ForgetEverything, SessionInfo},
    greeting::ForgetMeButton,
};
use crate::{
    accounts::AccountActions,
    i18n::{page_title, t, use_lang},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// `/session`: what the server remembers about this browser.
#[component]
pub fn SessionPage() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    let forget_all = ServerAction::<ForgetEverything>::new();
    // "Forget everything" also logs out: the header's greeting and account menu must hear of it.
    actions.refetch_after(move || forget_all.version().get());
    let account = expect_context::<AccountActions>().account;
    Effect::new(move |_| {
        if forget_all.version().get() > 0 {
            account.refetch();
        }
    });
    let lang = use_lang();
    // A language switch is stored in the session, so the page asks again after one.
    let info = Resource::new(
        move || (actions.forget.version().get(), forget_all.version().get(), lang.get()),
        |_| get_session_info(),
    );
    let ready = move |info: SessionInfo| {
        view! {
                    <dl class="facts" id="session-facts">
                        <dt>{t("visitor-session-logged-in-as")}</dt>
                        <dd data-fact="user">
                            {match info.logged_in_as.clone() {
                                Some(username) => Either::Left(username),
                                None => Either::Right(t("visitor-session-not-logged-in")),
                            }}
                        </dd>
                        <dt>{t("visitor-name")}</dt>
                        <dd data-fact="name">
                            {match info.visitor.as_ref() {
                                Some(visitor) => Either::Left(visitor.name.clone()),
                                None => Either::Right(t("visitor-session-not-registered")),
                            }}
                        </dd>
                        <dt>{t("visitor-email")}</dt>
                        <dd data-fact="email">{info.visitor.as_ref().map(|v| v.email.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t("visitor-session-visits")}</dt>
                        <dd data-fact="visits">{info.home_visits}</dd>
                        <dt>{t("visitor-session-language")}</dt>
                        <dd data-fact="language">
                            {match info.language {
                                Some(chosen) => Either::Left(view! { <span lang=chosen.code()>{chosen.native_name()}</span> }),
                                None => Either::Right(t("visitor-session-language-not-chosen")),
                            }}
                        </dd>
                        <dt>{t("visitor-session-browser-close")}</dt>
                        <dd data-fact="browser-close">
                            {if info.ends_at_browser_close {
                                t("visitor-session-yes")
                            } else {
                                t("visitor-session-no")
                            }}
                        </dd>
                        <dt>{t("visitor-session-expires")}</dt>
                        <dd data-fact="expires">
                            {match info.expires_at {
                                Some(at) => Either::Left(at),
                                None => Either::Right(t("visitor-session-not-stored")),
                            }}
                        </dd>
                    </dl>
                    <div class="session-actions">
                        {info.visitor.is_some().then(|| view! { <ForgetMeButton/> })}
                        <ActionForm action=forget_all attr:class="forget-all">
                            <button type="submit" class="danger" disabled=move || forget_all.pending().get()>
                                {t("visitor-session-forget-everything")}
                            </button>
                        </ActionForm>
                    </div>
        }
    };
    view! {
        <Title text=page_title("visitor-session-title")/>
        <h1>{t("visitor-session-title")}</h1>
        <p class="lead">{t("visitor-session-lead")}</p>
        <AsyncView resource=info loading="visitor-session-loading" ready/>
    }
}
