//! `/accounts/members`: the library's accounts, for librarians only (a member gets a friendly
//! 403 page, a visitor the login page).
use super::api::{members, Member};
use crate::ui::async_view::AsyncView;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/accounts/members`.
#[component]
pub fn MembersPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| members());
    let ready = |members: Vec<Member>| {
        view! {
            <table class="members" id="members">
                <thead><tr><th>"Username"</th><th>"Email"</th><th>"Role"</th><th>"Last login"</th></tr></thead>
                <tbody>
                    {members.into_iter().map(|m| view! {
                        <tr>
                            <td>{m.username}</td>
                            <td>{m.email}</td>
                            <td>{if m.is_librarian { "Librarian" } else { "Member" }}</td>
                            <td>{m.last_login.unwrap_or_else(|| "never".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <Title text="Members · LocalLibrary"/>
        <h1>"Members"</h1>
        <AsyncView resource=list loading="Loading members…" ready/>
    }
}
