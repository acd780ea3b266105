//! `/accounts/members/create`: a librarian adds a member by username and email; the member
//! gets a mail with a link to choose their password.
use super::api::{may_add_member, AddMember};
use crate::{
    editing::pages::{error_for, problem, tab_title, Field, Problem},
    i18n::{key, t, tm, Msg},
    ui::async_view::AsyncView,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/accounts/members/create`.
#[component]
pub fn AddMemberPage() -> impl IntoView {
    let add = ServerAction::<AddMember>::new();
    // Asks the server first, so a visitor is sent to log in and a member gets the 403 page.
    let allowed = Resource::new(|| (), |_| may_add_member());
    let ready = move |()| {
        let heading = Msg::new("members-add-heading");
        let error =
            move |field: &'static str| Signal::derive(move || error_for(add.value().get(), field));
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <p>{t("members-add-explained")}</p>
            <Problem problem=Signal::derive(move || problem(add.value().get()))/>
            <ActionForm action=add attr:class="edit">
                <Field name="username" label=key("accounts-username") value=String::new() error=error("username")/>
                <Field name="email" label=key("accounts-email") kind="email" value=String::new() error=error("email")/>
                <div class="field checkbox">
                    <input id="librarian" name="librarian" type="checkbox"/>
                    <label for="librarian">{t("accounts-members-librarian")}</label>
                </div>
                <button type="submit">{t("members-add-button")}</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=allowed loading="editing-loading" ready/> }
}
