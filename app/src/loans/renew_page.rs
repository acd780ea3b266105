//! `/catalog/book/{uuid}/renew`: the tutorial's renewal form, checked as the librarian types
//! (the same Rust rule the server applies) and again by the server.
use super::{
    api::{renewal_form, Renew, RenewalData},
    dates::{check_due_date, DEFAULT_LOAN_DAYS, MAX_LOAN_DAYS},
    list_pages::borrower_name,
};
use crate::{
    catalog::dates::human_date,
    error::AppError,
    i18n::{t, tm, use_lang, Msg},
    ui::async_view::AsyncView,
};
use leptos::{html::Input, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/catalog/book/{uuid}/renew`.
#[component]
pub fn RenewPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let form = Resource::new(id, renewal_form);
    let renew = ServerAction::<Renew>::new();
    let lang = use_lang();
    let ready = move |form: RenewalData| {
        let due = RwSignal::new(form.default_due.clone());
        let due_field = NodeRef::<Input>::new();
        let today = form.today;
        let client_error = move || check_due_date(&due.get(), today).err();
        let server_error = move || match renew.value().get() {
            Some(Err(AppError::Invalid(errors))) => errors.get("due_back"),
            Some(Err(other)) => Some(other.msg()),
            _ => None,
        };
        let copy_id = form.loan.copy_id.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // A date typed before the page became interactive is in the field, not the signal.
            if let Some(field) = due_field.get_untracked() {
                due.set(field.value());
            }
            if client_error().is_none() {
                renew.dispatch(Renew {
                    id: copy_id.clone(),
                    due_back: due.get_untracked(),
                });
            }
        };
        let heading = Msg::new("loans-renew-heading").with("title", form.loan.book_title.clone());
        let title = heading.clone();
        let borrower = form.loan.borrower.clone();
        let due_back = form.loan.due_back.clone();
        view! {
            <Title text=move || {
                let lang = lang.get();
                Msg::new("site-page-title").with("page", title.text(lang)).text(lang)
            }/>
            <h1>{tm(heading)}</h1>
            <p>{move || {
                let lang = lang.get();
                Msg::new("loans-renew-borrower")
                    .with("name", borrower_name(lang, borrower.as_deref()))
                    .text(lang)
            }}</p>
            <p>{move || {
                let lang = lang.get();
                let date = due_back.as_deref().map(|d| human_date(lang, d)).unwrap_or_default();
                Msg::new("loans-renew-due-date").with("date", date).text(lang)
            }}</p>
            <form method="post" action="/api/loans/renew" class="renew" on:submit=on_submit novalidate>
                <input type="hidden" name="id" value=form.loan.copy_id.clone()/>
                <div class="field">
                    <label for="due_back">{t("loans-renewal-date")}</label>
                    // No `prop:value`: hydrating would replace a date typed before it.
                    <input id="due_back" name="due_back" type="date" value=form.default_due.clone()
                        node_ref=due_field
                        aria-describedby="due-help due-error"
                        on:input=move |ev| due.set(event_target_value(&ev))/>
                    <p id="due-help" class="help">{tm(Msg::new("loans-renewal-help")
                        .with("weeks", MAX_LOAN_DAYS / 7)
                        .with("default", DEFAULT_LOAN_DAYS / 7))}</p>
                    <p id="due-error" class="field-error" role="alert">{move || {
                        client_error().or_else(server_error).map(|msg| msg.text(lang.get()))
                    }}</p>
                </div>
                <button type="submit" disabled=move || renew.pending().get()>{t("loans-renew")}</button>
            </form>
        }
    };
    view! { <AsyncView resource=form loading="loans-loading-loan" ready/> }
}
