//! The member's holds on "My borrowed", and the librarians' list of every queue at
//! `/catalog/holds`.
use super::api::{all_holds, my_holds, BookQueue, MyHold};
use crate::{
    i18n::{dates::long_date, page_title, t, tm, use_lang, Msg},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// "Ready to pick up until December 9, 2026", in the page's language.
fn ready_until(date: String) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        Msg::new("holds-ready-until")
            .with("date", long_date(lang, &date))
            .text(lang)
    }
}

/// The member's holds, under their loans on "My borrowed".
#[component]
pub fn MyHolds() -> impl IntoView {
    let holds = Resource::new(|| (), |_| my_holds());
    let ready = |holds: Vec<MyHold>| {
        if holds.is_empty() {
            return Either::Left(view! { <p class="empty">{t("holds-mine-none")}</p> });
        }
        Either::Right(view! {
            <ul class="item-list hold-list">
                {holds.into_iter().map(|hold| view! {
                    <li>
                        <a class="title" href=format!("/catalog/book/{}", hold.book_id)>{hold.book_title}</a>
                        " "
                        {match (hold.ready_until, hold.position) {
                            (Some(date), _) => Either::Left(view! { <strong class="hold-ready">{ready_until(date)}</strong> }),
                            (None, position) => Either::Right(view! {
                                <span class="hold-position">{tm(Msg::new("holds-position").with("position", position.unwrap_or(1)))}</span>
                            }),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <h2>{t("holds-mine-heading")}</h2>
        <AsyncView resource=holds loading="holds-loading" ready/>
    }
}

/// `/catalog/holds`: every book's queue (librarians).
#[component]
pub fn HoldsPage() -> impl IntoView {
    let queues = Resource::new(|| (), |_| all_holds());
    let ready = |queues: Vec<BookQueue>| {
        if queues.is_empty() {
            return Either::Left(view! { <p class="empty">{t("holds-all-none")}</p> });
        }
        Either::Right(view! {
            <ul class="item-list hold-queues">
                {queues.into_iter().map(|queue| view! {
                    <li>
                        <a class="title" href=format!("/catalog/book/{}", queue.book_id)>{queue.book_title}</a>
                        <ol class="queue">
                            {queue.members.into_iter().map(|member| view! {
                                <li>
                                    <span class="username">{member.username}</span>
                                    {member.ready.map(|(copy, date)| view! {
                                        " — " <a href=format!("/catalog/bookinstance/{copy}")>{t("holds-ready-copy")}</a>
                                        " " <span class="hold-ready">{ready_until(date)}</span>
                                    })}
                                </li>
                            }).collect_view()}
                        </ol>
                    </li>
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <Title text=page_title("holds-all-heading")/>
        <h1>{t("holds-all-heading")}</h1>
        <AsyncView resource=queues loading="holds-loading" ready/>
    }
}
