//! What the loan server functions answer with (the pages and the server side share these).
use serde::{Deserialize, Serialize};

/// One copy on loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Loan {
    pub copy_id: String,
    pub book_id: i64,
    pub book_title: String,
    /// `YYYY-MM-DD`.
    pub due_back: Option<String>,
    /// The borrower's username (librarians' list only).
    pub borrower: Option<String>,
    /// Due before today (1) or not (0): an integer, as both databases return it.
    pub overdue: i64,
}

/// What the renewal form needs: the loan, today, and the default new due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalData {
    pub loan: Loan,
    /// Today as days since 1970-01-01 (the server's date, so the browser checks the same rule).
    pub today: i64,
    /// Three weeks from today, `YYYY-MM-DD`.
    pub default_due: String,
}

/// A copy's loan as a librarian manages it on the copy's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyLoanState {
    pub copy_id: String,
    /// `a` available, `o` on loan, others cannot be lent.
    pub status: String,
    pub borrower: Option<String>,
    pub due_back: Option<String>,
    /// Three weeks from today, the lend form's default due date.
    pub default_due: String,
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Change {
    /// Unix seconds.
    pub at: i64,
    pub username: String,
    pub action: String,
    pub detail: String,
}
