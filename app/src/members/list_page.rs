//! `/accounts/members`: every account, searched by username or email, paged, with a link to
//! add a member (librarians only: a member gets a friendly 403 page, a visitor the login page).
use super::{
    api::{list_members, MemberRow},
    model::member_path,
};
use crate::{
    i18n::{page_title, t, tm, Msg},
    ui::{
        async_view::AsyncView,
        page_size,
        paging::{Noun, Page, PagedList},
    },
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

/// "Last login" as the members pages show it: UTC to the minute, or `None` for never.
pub fn last_login_text(unix: Option<i64>) -> Option<String> {
    let unix = unix?;
    let date = crate::loans::dates::format_date(unix.div_euclid(86_400));
    let minutes = unix.rem_euclid(86_400) / 60;
    Some(format!(
        "{date} {:02}:{:02} UTC",
        minutes / 60,
        minutes % 60
    ))
}

#[component]
fn MemberTable(members: Vec<MemberRow>) -> impl IntoView {
    view! {
        <table class="members" id="members">
            <thead>
                <tr>
                    <th>{t("accounts-username")}</th>
                    <th>{t("accounts-email")}</th>
                    <th>{t("accounts-members-role")}</th>
                    <th>{t("members-status")}</th>
                    <th>{t("accounts-members-last-login")}</th>
                </tr>
            </thead>
            <tbody>
                {members.into_iter().map(|m| view! {
                    <tr>
                        <td><a href=member_path(&m.username)>{m.username.clone()}</a></td>
                        <td>{m.email.clone()}</td>
                        <td>{t(if m.librarian() { "accounts-members-librarian" } else { "accounts-members-member" })}</td>
                        <td>{t(if m.active() { "members-active" } else { "members-deactivated" })}</td>
                        <td>{match last_login_text(m.last_login) {
                            Some(at) => Either::Left(at),
                            None => Either::Right(t("accounts-members-never")),
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/accounts/members`.
#[component]
pub fn MembersPage() -> impl IntoView {
    let query = use_query_map();
    let size_changes = page_size::provide_action().version();
    let q = move || query.read().get("q");
    let list = Resource::new(
        move || (query.read().get("page"), q(), size_changes.get()),
        |(page, q, _)| list_members(page, q),
    );
    let ready = move |page: Page<MemberRow>| {
        let searched = q().unwrap_or_default();
        let empty = page.items.is_empty();
        view! {
            <PagedList info=page.info() noun=Noun::new("list-total-members") keep=vec![("q", searched.clone())]>
                {if empty {
                    Either::Left(view! { <p class="empty">{tm(Msg::new("members-none-found").with("query", searched.clone()))}</p> })
                } else {
                    Either::Right(view! { <MemberTable members=page.items.clone()/> })
                }}
            </PagedList>
        }
    };
    view! {
        <Title text=page_title("accounts-members-title")/>
        <h1>{t("accounts-members-title")}</h1>
        <p class="edit-links"><a href="/accounts/members/create">{t("members-add-link")}</a></p>
        <Form method="GET" on_form_data=crate::ui::get_form::without_unnamed_entries() action="/accounts/members" attr:class="search" attr:role="search">
            <label for="member-search">{t("members-search-label")}</label>
            <input id="member-search" type="search" name="q" value=q().unwrap_or_default() maxlength="100" autocomplete="off"/>
            <button type="submit">{t("members-search-button")}</button>
        </Form>
        <AsyncView resource=list loading="accounts-members-loading" ready/>
    }
}
