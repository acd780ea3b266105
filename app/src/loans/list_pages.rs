//! The loan lists: "Borrowed books" (a member's own), "All borrowed books" (librarians, with
//! "Renew" and "Mark returned"), and the change log.
use super::{
    actions::LoanActions,
    api::{all_loans, changes, my_loans, Change, Loan},
};
use crate::catalog::{dates::human_date, list_page::ListPage};
use crate::ui::paging::Noun;
use leptos::prelude::*;

/// The due date, and "Overdue" in words (not only in colour) when it has passed.
#[component]
fn Due(loan: Loan) -> impl IntoView {
    let overdue = loan.overdue != 0;
    view! {
        <span class="due" class:overdue=overdue>
            {loan.due_back.map(|d| format!(" due {}", human_date(&d)))}
            {overdue.then_some(" — Overdue")}
        </span>
    }
}

/// `/catalog/mybooks`: the logged-in member's loans.
#[component]
pub fn MyBooksPage() -> impl IntoView {
    view! {
        <ListPage noun=Noun::new("borrowed book", "borrowed books") list_class="loan-list"
            heading="Borrowed books" load=my_loans
            row=|loan: Loan| view! {
                <li>
                    <a class="title" href=format!("/catalog/book/{}", loan.book_id)>{loan.book_title.clone()}</a>
                    <Due loan/>
                </li>
            }/>
    }
}

/// `/catalog/borrowed`: every loan, for librarians.
#[component]
pub fn BorrowedPage() -> impl IntoView {
    let actions = expect_context::<LoanActions>();
    view! {
        <ListPage noun=Noun::new("borrowed book", "borrowed books") list_class="loan-list"
            load=all_loans refresh=actions.version()
            row=move |loan: Loan| view! {
                <li>
                    <a class="title" href=format!("/catalog/bookinstance/{}", loan.copy_id)>{loan.book_title.clone()}</a>
                    " (" {loan.borrower.clone().unwrap_or_else(|| "no account".into())} ")"
                    <Due loan=loan.clone()/>
                    " " <a class="renew" href=format!("/catalog/book/{}/renew", loan.copy_id)>"Renew"</a>
                    <ActionForm action=actions.returned attr:class="inline">
                        <input type="hidden" name="id" value=loan.copy_id.clone()/>
                        <button type="submit" class="secondary">"Mark returned"</button>
                    </ActionForm>
                </li>
            }/>
    }
}

/// `/catalog/changes`: who changed what, and when (librarians).
#[component]
pub fn ChangesPage() -> impl IntoView {
    view! {
        <ListPage noun=Noun::new("change", "changes") list_class="change-list" load=changes
            row=|change: Change| view! {
                <li>
                    <span class="when">{format!(
                        "{} {:02}:{:02} UTC",
                        crate::loans::dates::format_date(change.at.div_euclid(86_400)),
                        change.at.rem_euclid(86_400) / 3600,
                        change.at.rem_euclid(3600) / 60
                    )}</span>
                    " " <strong>{change.username}</strong> " " {change.action} " " {change.detail}
                </li>
            }/>
    }
}
