//! `/accounts/members`: the library's accounts, for librarians only (a member gets a friendly
//! 403 page, a visitor the login page).
use super::api::{members, Member};
use crate::{
    i18n::{page_title, t},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// `/accounts/members`.
#[component]
pub fn MembersPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| members());
    let ready = |members: Vec<Member>| {
        view! {
            <table class="members" id="members">
                <thead>
                    <tr>
                        <th>{t("accounts-username")}</th>
                        <th>{t("accounts-email")}</th>
                        <th>{t("accounts-members-role")}</th>
                        <th>{t("accounts-members-last-login")}</th>
                    </tr>
                </thead>
                <tbody>
                    {members.into_iter().map(|m| view! {
                        <tr>
                            <td>{m.username}</td>
                            <td>{m.email}</td>
                            <td>
                                {if m.is_librarian {
                                    t("accounts-members-librarian")
                                } else {
                                    t("accounts-members-member")
                                }}
                            </td>
                            <td>
                                {match m.last_login {
                                    Some(at) => Either::Left(at),
                                    None => Either::Right(t("accounts-members-never")),
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <Title text=page_title("accounts-members-title")/>
        <h1>{t("accounts-members-title")}</h1>
        <AsyncView resource=list loading="accounts-members-loading" ready/>
    }
}
