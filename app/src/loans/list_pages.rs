//! The loan lists: "Borrowed books" (a member's own), "All borrowed books" (librarians, with
//! "Renew" and "Mark returned"), and the change log.
use super::{
    actions::LoanActions,
    api::{all_loans, changes, my_loans, Change, Loan},
};
use crate::catalog::{dates::human_date, list_page::ListPage};
use crate::i18n::{key, t, text, use_lang, Lang, Msg};
use crate::ui::paging::Noun;
use leptos::prelude::*;

/// A borrower's username, or words saying the loan has no account behind it.
pub fn borrower_name(lang: Lang, borrower: Option<&str>) -> String {
    borrower.map_or_else(|| text(lang, key("loans-no-account")), str::to_string)
}

/// The due date, and "Overdue" in words (not only in colour) when it has passed.
#[component]
fn Due(loan: Loan) -> impl IntoView {
    let lang = use_lang();
    let overdue = loan.overdue != 0;
    view! {
        <span class="due" class:overdue=overdue>
            {loan.due_back.map(|d| move || {
                let lang = lang.get();
                format!(" {}", Msg::new("loans-due").with("date", human_date(lang, &d)).text(lang))
            })}
            {overdue.then(|| view! { " — " {t("loans-overdue")} })}
        </span>
    }
}

/// `/catalog/mybooks`: the logged-in member's loans.
#[component]
pub fn MyBooksPage() -> impl IntoView {
    view! {
        <ListPage noun=Noun::new("loans-total-borrowed") list_class="loan-list"
            heading=key("loans-mine-heading") loading="loans-loading-borrowed" load=my_loans
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
    let actions = LoanActions::new();
    let lang = use_lang();
    view! {
        <ListPage noun=Noun::new("loans-total-borrowed") list_class="loan-list"
            heading=key("loans-all-heading") loading="loans-loading-borrowed"
            load=all_loans refresh=actions.version()
            row=move |loan: Loan| {
                let borrower = loan.borrower.clone();
                view! {
                    <li>
                        <a class="title" href=format!("/catalog/bookinstance/{}", loan.copy_id)>{loan.book_title.clone()}</a>
                        " (" {move || borrower_name(lang.get(), borrower.as_deref())} ")"
                        <Due loan=loan.clone()/>
                        " " <a class="renew" href=format!("/catalog/book/{}/renew", loan.copy_id)>{t("loans-renew")}</a>
                        <ActionForm action=actions.returned attr:class="inline">
                            <input type="hidden" name="id" value=loan.copy_id.clone()/>
                            <button type="submit" class="secondary">{t("loans-mark-returned")}</button>
                        </ActionForm>
                    </li>
                }
            }/>
    }
}

/// `/catalog/changes`: who changed what, and when (librarians).
#[component]
pub fn ChangesPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <ListPage noun=Noun::new("list-total-changes") list_class="change-list"
            heading=key("loans-changes-heading") loading="loans-loading-changes" load=changes
            row=move |change: Change| {
                let (when, what) = (change.clone(), change.clone());
                view! {
                    <li>
                        <span class="when">{move || when.when(lang.get())}</span>
                        " " <strong>{change.username}</strong> " "
                        {move || {
                            let lang = lang.get();
                            format!("{} {}", what.action_text(lang), what.detail_text(lang))
                        }}
                    </li>
                }
            }/>
    }
}
