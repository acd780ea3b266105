//! The copy pages: `/catalog/book/{id}/copy/create`, `/catalog/bookinstance/{uuid}/update` and
//! `…/delete`.
use super::api::{copy_form, CopyFormData, DeleteCopy, SaveCopy};
use crate::{
    catalog::copies::CopyStatus,
    editing::pages::{error_for, problem, tab_title, Field, Problem},
    error::AppError,
    i18n::{key, t, tm, use_lang, Msg},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The form data for the URL's book (`creating`) or copy.
fn copy_resource(creating: bool) -> Resource<Result<CopyFormData, AppError>> {
    let params = use_params_map();
    Resource::new(
        move || params.with(|p| p.get("id")).unwrap_or_default(),
        move |id| async move {
            if !creating {
                return copy_form(None, Some(id)).await;
            }
            match id.parse::<i64>() {
                Ok(book_id) => copy_form(Some(book_id), None).await,
                Err(_) => Err(AppError::NotFound(Msg::new("editing-no-such-book"))),
            }
        },
    )
}

/// Whether editing may change the copy's status (it is not on loan or reserved).
fn status_is_free(copy: &CopyFormData) -> bool {
    CopyStatus::from_code(&copy.status).is_some_and(|s| CopyStatus::SETTABLE.contains(&s))
}

/// "On loan to ada: …" for a copy whose status belongs to a loan or a hold.
fn held_note(copy: &CopyFormData, on_loan: &'static str, reserved: &'static str) -> Msg {
    let key = if copy.status == CopyStatus::Reserved.code() {
        reserved
    } else {
        on_loan
    };
    Msg::new(key).with(
        "borrower",
        copy.borrower.clone().unwrap_or_else(|| "—".into()),
    )
}

/// The status select, or why the status cannot be chosen.
#[component]
fn StatusField(copy: CopyFormData, #[prop(into)] error: Signal<Option<Msg>>) -> impl IntoView {
    let lang = use_lang();
    if !status_is_free(&copy) {
        let note = held_note(
            &copy,
            key("editing-copy-on-loan-note"),
            key("editing-copy-reserved-note"),
        );
        return Either::Left(view! { <p class="notice">{tm(note)}</p> });
    }
    Either::Right(view! {
        <div class="field">
            <label for="status">{t("editing-copy-status")}</label>
            <select id="status" name="status" aria-describedby="status-error">
                {CopyStatus::SETTABLE.into_iter().map(|status| view! {
                    <option value=status.slug() selected=copy.status == status.code()>{t(status.label())}</option>
                }).collect_view()}
            </select>
            <p id="status-error" class="field-error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
        </div>
    })
}

/// Add a copy to the book in the URL (`creating`), or edit the copy in the URL.
#[component]
pub fn CopyEditPage(creating: bool) -> impl IntoView {
    let save = ServerAction::<SaveCopy>::new();
    let ready = move |copy: CopyFormData| {
        let heading_key = if creating {
            key("editing-add-copy")
        } else {
            key("editing-edit-copy")
        };
        let heading = Msg::new(heading_key).with("title", copy.book_title.clone());
        let error =
            move |field: &'static str| Signal::derive(move || error_for(save.value().get(), field));
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=Signal::derive(move || problem(save.value().get()))/>
            <ActionForm action=save attr:class="edit">
                {match copy.copy_id.clone() {
                    Some(id) => Either::Left(view! { <input type="hidden" name="id" value=id/> }),
                    None => Either::Right(view! { <input type="hidden" name="book_id" value=copy.book_id/> }),
                }}
                <Field name="imprint" label=key("editing-copy-imprint") value=copy.imprint.clone() error=error("imprint")/>
                <StatusField copy error=error("status")/>
                <button type="submit">{t("editing-save")}</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=copy_resource(creating) loading="editing-loading" ready/> }
}

/// Confirm and delete the copy in the URL; a copy on loan says to whom instead.
#[component]
pub fn CopyDeletePage() -> impl IntoView {
    let delete = ServerAction::<DeleteCopy>::new();
    let ready = move |copy: CopyFormData| {
        let heading = Msg::new("editing-delete-copy").with("title", copy.book_title.clone());
        let back = format!(
            "/catalog/bookinstance/{}",
            copy.copy_id.clone().unwrap_or_default()
        );
        let body = if status_is_free(&copy) {
            Either::Left(view! {
                <p>{t("editing-confirm-delete-copy")}</p>
                <ActionForm action=delete attr:class="delete">
                    <input type="hidden" name="id" value=copy.copy_id.clone().unwrap_or_default()/>
                    <button type="submit" class="danger">{t("editing-delete")}</button>
                </ActionForm>
            })
        } else {
            let note = held_note(
                &copy,
                key("editing-copy-on-loan-delete"),
                key("editing-copy-reserved-delete"),
            );
            Either::Right(view! { <p class="notice problem">{tm(note)}</p> })
        };
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=Signal::derive(move || problem(delete.value().get()))/>
            {body}
            <p><a href=back>{t("editing-copy-back")}</a></p>
        }
    };
    view! { <AsyncView resource=copy_resource(false) loading="editing-loading" ready/> }
}
