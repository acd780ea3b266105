//! A librarian's loan controls on a copy's page: "Lend" for an available copy, "Mark returned"
//! and "Renew" for one on loan. Everyone else sees nothing here.
use super::{
    actions::LoanActions,
    api::{copy_loan, CopyLoanState},
    list_pages::borrower_name,
};
use crate::{
    catalog::dates::human_date,
    error::AppError,
    i18n::{t, use_lang, Msg},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_router::hooks::use_params_map;

/// The message of the latest failed loan action, if any.
fn failure<T: Clone + Send + Sync + 'static>(value: Option<Result<T, AppError>>) -> Option<Msg> {
    match value {
        Some(Err(AppError::Invalid(errors))) => {
            errors.get("borrower").or_else(|| errors.get("due_back"))
        }
        Some(Err(other)) => Some(other.msg()),
        _ => None,
    }
}

/// The loan controls of the copy in the URL.
#[component]
pub fn LoanControls() -> impl IntoView {
    let params = use_params_map();
    let actions = LoanActions::new();
    let lang = use_lang();
    let version = actions.version();
    let state = Resource::new(
        move || {
            (
                params.with(|p| p.get("id")).unwrap_or_default(),
                version.get(),
            )
        },
        |(id, _)| copy_loan(id),
    );
    let problem = move || {
        failure(actions.lend.value().get()).or_else(|| failure(actions.returned.value().get()))
    };
    let controls = move |loan: CopyLoanState| match loan.status.as_str() {
        // A reserved copy is lent like one on the shelf, but only to the member it is kept
        // for: the server refuses anyone else, saying why.
        "a" | "r" => EitherOf3::A(view! {
            {(loan.status == "r").then(|| view! { <p class="notice">{t("loans-kept-for-hold")}</p> })}
            <ActionForm action=actions.lend attr:class="lend">
                <input type="hidden" name="id" value=loan.copy_id.clone()/>
                <div class="field">
                    <label for="borrower">{t("loans-borrower")}</label>
                    <input id="borrower" name="borrower" type="text" autocomplete="off" required/>
                </div>
                <div class="field">
                    <label for="lend_due_back">{t("loans-due-back")}</label>
                    <input id="lend_due_back" name="due_back" type="date" value=loan.default_due.clone()/>
                </div>
                <button type="submit">{t("loans-lend")}</button>
            </ActionForm>
        }),
        "o" => {
            let borrower = loan.borrower.clone();
            let due_back = loan.due_back.clone();
            EitherOf3::B(view! {
                <p class="on-loan">
                    {t("loans-on-loan-to")} " "
                    <strong>{move || borrower_name(lang.get(), borrower.as_deref())}</strong>
                    {due_back.map(|d| move || {
                        let lang = lang.get();
                        format!(" {}", Msg::new("loans-until").with("date", human_date(lang, &d)).text(lang))
                    })}
                </p>
                <a href=format!("/catalog/book/{}/renew", loan.copy_id)>{t("loans-renew")}</a>
                <ActionForm action=actions.returned attr:class="return">
                    <input type="hidden" name="id" value=loan.copy_id.clone()/>
                    <button type="submit">{t("loans-mark-returned")}</button>
                </ActionForm>
            })
        }
        _ => EitherOf3::C(view! { <p>{t("loans-cannot-lend")}</p> }),
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                state.await.ok().flatten().map(|loan| view! {
                    <section class="loan-controls" aria-label=t("loans-loan")>
                        <h2>{t("loans-loan")}</h2>
                        {move || problem().map(|p| view! { <p class="notice problem" role="alert">{move || p.text(lang.get())}</p> })}
                        {controls(loan)}
                    </section>
                })
            })}
        </Transition>
    }
}
