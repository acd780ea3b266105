//! `/accounts/members/{username}`: a member's role, last login, signed-in devices and loans,
//! and the buttons that change their role or activity (or why there are none).
use super::{
    api::{get_member, ChangeActivity, ChangeRole, MemberDetail},
    list_page::last_login_text,
};
use crate::{
    editing::pages::{problem, tab_title, Problem},
    i18n::{t, tm, Msg},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// "Make librarian" or "Make member".
#[component]
fn RoleButton(
    action: ServerAction<ChangeRole>,
    username: String,
    librarian: bool,
) -> impl IntoView {
    let (value, label) = if librarian {
        ("member", "members-make-member")
    } else {
        ("librarian", "members-make-librarian")
    };
    view! {
        <ActionForm action attr:class="member-change">
            <input type="hidden" name="username" value=username/>
            <input type="hidden" name="role" value=value/>
            <button type="submit">{t(label)}</button>
        </ActionForm>
    }
}

/// "Deactivate" or "Reactivate".
#[component]
fn ActivityButton(
    action: ServerAction<ChangeActivity>,
    username: String,
    active: bool,
) -> impl IntoView {
    let (value, label, class) = if active {
        ("inactive", "members-deactivate", "danger")
    } else {
        ("active", "members-reactivate", "")
    };
    view! {
        <ActionForm action attr:class="member-change">
            <input type="hidden" name="username" value=username/>
            <input type="hidden" name="state" value=value/>
            <button type="submit" class=class>{t(label)}</button>
        </ActionForm>
    }
}

/// The role and activity buttons, or why they are not offered.
fn controls(
    detail: &MemberDetail,
    role: ServerAction<ChangeRole>,
    activity: ServerAction<ChangeActivity>,
) -> impl IntoView {
    let member = &detail.member;
    if detail.is_self {
        return Either::Left(view! { <p class="notice">{t("members-not-yourself")}</p> });
    }
    if detail.last_librarian {
        return Either::Left(view! { <p class="notice">{t("members-last-librarian")}</p> });
    }
    Either::Right(view! {
        <div class="member-controls">
            <RoleButton action=role username=member.username.clone() librarian=member.librarian()/>
            <ActivityButton action=activity username=member.username.clone() active=member.active()/>
        </div>
    })
}

/// `/accounts/members/{username}`.
#[component]
pub fn MemberPage() -> impl IntoView {
    let role = ServerAction::<ChangeRole>::new();
    let activity = ServerAction::<ChangeActivity>::new();
    let params = use_params_map();
    let detail = Resource::new(
        move || {
            let name = params.with(|p| p.get("username")).unwrap_or_default();
            (name, role.version().get(), activity.version().get())
        },
        |(name, _, _)| get_member(name),
    );
    let ready = move |detail: MemberDetail| {
        let member = detail.member.clone();
        let heading = Msg::new("members-member-heading").with("username", member.username.clone());
        let role_key = if member.librarian() {
            "accounts-members-librarian"
        } else {
            "accounts-members-member"
        };
        let state_key = if member.active() {
            "members-active"
        } else {
            "members-deactivated"
        };
        let failure = Signal::derive(move || {
            problem(role.value().get()).or_else(|| problem(activity.value().get()))
        });
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=failure/>
            <dl class="facts">
                <dt>{t("accounts-email")}</dt><dd>{member.email.clone()}</dd>
                <dt>{t("accounts-members-role")}</dt><dd class="member-role">{t(role_key)}</dd>
                <dt>{t("members-status")}</dt><dd class="member-status">{t(state_key)}</dd>
                <dt>{t("accounts-members-last-login")}</dt>
                <dd>{match last_login_text(member.last_login) {
                    Some(at) => Either::Left(at),
                    None => Either::Right(t("accounts-members-never")),
                }}</dd>
                <dt>{t("members-sign-ins")}</dt><dd class="member-sign-ins">{detail.sign_ins}</dd>
            </dl>
            {controls(&detail, role, activity)}
            <h2>{t("members-loans")}</h2>
            {if detail.loans.is_empty() {
                Either::Left(view! { <p class="empty">{t("members-no-loans")}</p> })
            } else {
                Either::Right(view! {
                    <ul class="item-list loan-list">
                        {detail.loans.into_iter().map(|loan| view! {
                            <li>
                                <a class="title" href=format!("/catalog/bookinstance/{}", loan.copy_id)>{loan.book_title}</a>
                                {loan.due_back.map(|due| view! { " " <span class="due">{crate::catalog::dates::date_text(due)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
            <p><a href="/accounts/members">{t("members-back")}</a></p>
        }
    };
    view! { <AsyncView resource=detail loading="accounts-members-loading" ready/> }
}
