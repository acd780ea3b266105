//! The loan server functions: thin, each checks who may call it (members see their own loans,
//! librarians everything) and hands over to `service`.
pub use super::model::{Change, CopyLoanState, Loan, RenewalData};
use crate::{error::AppError, ui::paging::Page};
use leptos::server;

/// The logged-in member's loans, by due date.
#[server(endpoint = "loans/mine")]
pub async fn my_loans(page: Option<String>) -> Result<Page<Loan>, AppError> {
    crate::server::calls::count();
    super::service::my_loans(page.as_deref()).await
}

/// Every loan with its borrower, overdue first (librarians).
#[server(endpoint = "loans/all")]
pub async fn all_loans(page: Option<String>) -> Result<Page<Loan>, AppError> {
    crate::server::calls::count();
    super::service::all_loans(page.as_deref()).await
}

/// The renewal form's data for copy `id` (librarians).
#[server(endpoint = "loans/renewal")]
pub async fn renewal_form(id: String) -> Result<RenewalData, AppError> {
    crate::server::calls::count();
    super::service::renewal_form(&id).await
}

/// Moves the due date of copy `id`'s loan (librarians), then back to the borrowed list.
#[server(endpoint = "loans/renew")]
pub async fn renew(id: String, due_back: String) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::renew(&id, &due_back).await?;
    leptos_axum::redirect("/catalog/borrowed");
    Ok(())
}

/// Copy `id`'s loan for a librarian, or nothing for anyone else.
#[server(endpoint = "loans/copy")]
pub async fn copy_loan(id: String) -> Result<Option<CopyLoanState>, AppError> {
    crate::server::calls::count();
    super::service::copy_loan(&id).await
}

/// Lends copy `id` to the member `borrower` until `due_back` (librarians).
#[server(endpoint = "loans/lend")]
pub async fn lend(id: String, borrower: String, due_back: String) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::lend(&id, &borrower, &due_back).await
}

/// Marks copy `id` returned (librarians).
#[server(endpoint = "loans/return")]
pub async fn mark_returned(id: String) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::mark_returned(&id).await
}

/// The change log, newest first (librarians).
#[server(endpoint = "loans/changes")]
pub async fn changes(page: Option<String>) -> Result<Page<Change>, AppError> {
    crate::server::calls::count();
    super::service::changes(page.as_deref()).await
}
