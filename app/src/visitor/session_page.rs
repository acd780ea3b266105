//! `/session`: everything the server remembers about this browser, and the buttons to forget it.
use super::{
    actions::VisitorActions,
    api::{get_session_info, SessionInfo},
    greeting::ForgetMeButton,
};
use crate::ui::async_view::AsyncView;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/session`: what the server remembers about this browser.
#[component]
pub fn SessionPage() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    let info = Resource::new(move || actions.version(), |_| get_session_info());
    let ready = move |info: SessionInfo| {
        view! {
                    <dl class="facts" id="session-facts">
                        <dt>"Logged in as"</dt>
                        <dd data-fact="user">{info.logged_in_as.clone().unwrap_or_else(|| "Not logged in".into())}</dd>
                        <dt>"Name"</dt>
                        <dd data-fact="name">{info.visitor.as_ref().map(|v| v.name.clone()).unwrap_or_else(|| "Not registered".into())}</dd>
                        <dt>"Email"</dt>
                        <dd data-fact="email">{info.visitor.as_ref().map(|v| v.email.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>"Home page visits"</dt>
                        <dd data-fact="visits">{info.home_visits}</dd>
                        <dt>"Ends when the browser closes"</dt>
                        <dd data-fact="browser-close">{if info.ends_at_browser_close { "Yes" } else { "No" }}</dd>
                        <dt>"Server forgets it at"</dt>
                        <dd data-fact="expires">{info.expires_at.unwrap_or_else(|| "not stored yet".into())}</dd>
                    </dl>
                    <div class="session-actions">
                        {info.visitor.is_some().then(|| view! { <ForgetMeButton/> })}
                        <ActionForm action=actions.forget_all attr:class="forget-all">
                            <button type="submit" class="danger" disabled=move || actions.forget_all.pending().get()>
                                "Forget everything"
                            </button>
                        </ActionForm>
                    </div>
        }
    };
    view! {
        <Title text="My session · LocalLibrary"/>
        <h1>"My session"</h1>
        <p class="lead">"This is everything the server remembers about this browser."</p>
        <AsyncView resource=info loading="Loading…" ready/>
    }
}
