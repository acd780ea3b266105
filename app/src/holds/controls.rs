//! The hold part of a book's page: "Place hold" when no copy is on the shelf, the member's place
//! in the queue with "Cancel hold", "Log in to place a hold" for visitors, and the number of
//! holds for librarians. Plain forms without JavaScript; with it, `PostForm`s, whose book is
//! known when they are drawn (an `ActionForm` would bring `serde_qs`' decoder into the book
//! pages' chunk).
use super::{
    api::{book_holds, CancelHold, PlaceHold},
    model::{CannotHold, HoldState, HoldsView},
};
use crate::{
    error::AppError,
    i18n::{t, tm, use_lang, Msg},
    ui::post_form::PostForm,
};
use leptos::{either::EitherOf6, prelude::*};
use leptos_router::hooks::use_params_map;

/// The failure of the latest hold action, if any.
fn failure(value: Option<Result<(), AppError>>) -> Option<Msg> {
    match value {
        Some(Err(error)) => Some(error.msg()),
        _ => None,
    }
}

/// The book in the URL's hold controls.
#[component]
pub fn HoldControls() -> impl IntoView {
    let params = use_params_map();
    let place = ServerAction::<PlaceHold>::new();
    let cancel = ServerAction::<CancelHold>::new();
    let lang = use_lang();
    let book = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    };
    let holds = Resource::new(
        move || (book(), place.version().get(), cancel.version().get()),
        |(book, _, _)| async move {
            match book {
                Some(id) => book_holds(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let problem = move || failure(place.value().get()).or_else(|| failure(cancel.value().get()));
    let view_of = move |book_id: i64, holds: HoldsView| {
        let state = match holds.state {
            HoldState::OnShelf => EitherOf6::A(()),
            HoldState::LogInFirst => EitherOf6::B(view! {
                <p><a href=format!("/accounts/login?next=/catalog/book/{book_id}")>{t("holds-log-in")}</a></p>
            }),
            HoldState::CanPlace => EitherOf6::C(view! {
                <p>{t("holds-none-on-shelf")}</p>
                <PostForm action=place input=move || PlaceHold { book_id } class="hold">
                    <input type="hidden" name="book_id" value=book_id/>
                    <button type="submit">{t("holds-place")}</button>
                </PostForm>
            }),
            HoldState::CannotPlace(why) => EitherOf6::D(view! {
                <p>{tm(match why {
                    CannotHold::OnLoan => Msg::new("holds-on-loan"),
                    CannotHold::AtLimit(max) => Msg::new("holds-at-limit").with("max", max),
                })}</p>
            }),
            HoldState::Waiting(position) => EitherOf6::E(view! {
                <p class="hold-position">{tm(Msg::new("holds-position").with("position", position))}</p>
                <PostForm action=cancel input=move || CancelHold { book_id } class="hold">
                    <input type="hidden" name="book_id" value=book_id/>
                    <button type="submit" class="secondary">{t("holds-cancel")}</button>
                </PostForm>
            }),
            HoldState::Ready(until) => EitherOf6::F(view! {
                <p class="hold-ready">{move || {
                    let lang = lang.get();
                    Msg::new("holds-ready-until")
                        .with("date", crate::i18n::dates::long_date(lang, &until))
                        .text(lang)
                }}</p>
                <PostForm action=cancel input=move || CancelHold { book_id } class="hold">
                    <input type="hidden" name="book_id" value=book_id/>
                    <button type="submit" class="secondary">{t("holds-cancel")}</button>
                </PostForm>
            }),
        };
        view! {
            <section class="holds" aria-label=t("holds-heading")>
                {holds.count.map(|count| view! { <p class="hold-count">{tm(Msg::new("holds-count").with("count", count))}</p> })}
                {move || problem().map(|p| view! { <p class="notice problem" role="alert">{move || p.text(lang.get())}</p> })}
                {state}
            </section>
        }
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let book_id = book();
                holds.await.ok().flatten().zip(book_id).map(|(holds, id)| view_of(id, holds))
            })}
        </Transition>
    }
}
