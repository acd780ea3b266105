//! A librarian's loan controls on a copy's page: "Lend" for an available copy, "Mark returned"
//! and "Renew" for one on loan. Everyone else sees nothing here.
use super::{
    actions::LoanActions,
    api::{copy_loan, CopyLoanState},
};
use crate::error::AppError;
use leptos::{either::EitherOf3, prelude::*};
use leptos_router::hooks::use_params_map;

/// The message of the latest failed loan action, if any.
fn failure<T: Clone + Send + Sync + 'static>(value: Option<Result<T, AppError>>) -> Option<String> {
    match value {
        Some(Err(AppError::Invalid(errors))) => {
            errors.get("borrower").or_else(|| errors.get("due_back"))
        }
        Some(Err(other)) => Some(other.to_string()),
        _ => None,
    }
}

/// The loan controls of the copy in the URL.
#[component]
pub fn LoanControls() -> impl IntoView {
    let params = use_params_map();
    let actions = expect_context::<LoanActions>();
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
        "a" => EitherOf3::A(view! {
            <ActionForm action=actions.lend attr:class="lend">
                <input type="hidden" name="id" value=loan.copy_id.clone()/>
                <div class="field">
                    <label for="borrower">"Borrower"</label>
                    <input id="borrower" name="borrower" type="text" autocomplete="off" required/>
                </div>
                <div class="field">
                    <label for="lend_due_back">"Due back"</label>
                    <input id="lend_due_back" name="due_back" type="date" value=loan.default_due.clone()/>
                </div>
                <button type="submit">"Lend"</button>
            </ActionForm>
        }),
        "o" => EitherOf3::B(view! {
            <p class="on-loan">
                "On loan to " <strong>{loan.borrower.clone().unwrap_or_else(|| "no account".into())}</strong>
                {loan.due_back.clone().map(|d| format!(" until {d}"))}
            </p>
            <a href=format!("/catalog/book/{}/renew", loan.copy_id)>"Renew"</a>
            <ActionForm action=actions.returned attr:class="return">
                <input type="hidden" name="id" value=loan.copy_id.clone()/>
                <button type="submit">"Mark returned"</button>
            </ActionForm>
        }),
        _ => EitherOf3::C(
            view! { <p>"This copy cannot be lent while it is in maintenance or reserved."</p> },
        ),
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                state.await.ok().flatten().map(|loan| view! {
                    <section class="loan-controls" aria-label="Loan">
                        <h2>"Loan"</h2>
                        {move || problem().map(|p| view! { <p class="notice problem" role="alert">{p}</p> })}
                        {controls(loan)}
                    </section>
                })
            })}
        </Transition>
    }
}
