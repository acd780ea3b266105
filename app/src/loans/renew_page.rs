//! `/catalog/book/{uuid}/renew`: the tutorial's renewal form, checked as the librarian types
//! (the same Rust rule the server applies) and again by the server.
use super::{
    actions::LoanActions,
    api::{renewal_form, Renew, RenewalData},
    dates::check_due_date,
};
use crate::{error::AppError, ui::async_view::AsyncView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/catalog/book/{uuid}/renew`.
#[component]
pub fn RenewPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let form = Resource::new(id, renewal_form);
    let renew = expect_context::<LoanActions>().renew;
    let ready = move |form: RenewalData| {
        let due = RwSignal::new(form.default_due.clone());
        let today = form.today;
        let client_error = move || check_due_date(&due.get(), today).err();
        let server_error = move || match renew.value().get() {
            Some(Err(AppError::Invalid(errors))) => errors.get("due_back"),
            Some(Err(other)) => Some(other.to_string()),
            _ => None,
        };
        let copy_id = form.loan.copy_id.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if client_error().is_none() {
                renew.dispatch(Renew {
                    id: copy_id.clone(),
                    due_back: due.get_untracked(),
                });
            }
        };
        view! {
            <Title text=format!("Renew: {} · LocalLibrary", form.loan.book_title)/>
            <h1>"Renew: " {form.loan.book_title.clone()}</h1>
            <p>"Borrower: " {form.loan.borrower.clone().unwrap_or_else(|| "no account".into())}</p>
            <p>"Due date: " {form.loan.due_back.clone().unwrap_or_default()}</p>
            <form method="post" action="/api/loans/renew" class="renew" on:submit=on_submit novalidate>
                <input type="hidden" name="id" value=form.loan.copy_id.clone()/>
                <div class="field">
                    <label for="due_back">"Renewal date"</label>
                    <input id="due_back" name="due_back" type="date" value=form.default_due.clone()
                        prop:value=move || due.get()
                        aria-describedby="due-help due-error"
                        on:input=move |ev| due.set(event_target_value(&ev))/>
                    <p id="due-help" class="help">"Enter a date between now and 4 weeks (default 3)."</p>
                    <p id="due-error" class="field-error" role="alert">{move || client_error().or_else(server_error)}</p>
                </div>
                <button type="submit" disabled=move || renew.pending().get()>"Renew"</button>
            </form>
        }
    };
    view! { <AsyncView resource=form loading="Loading the loan…" ready/> }
}
