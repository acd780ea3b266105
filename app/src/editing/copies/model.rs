//! What the copy form and the delete page need.
use serde::{Deserialize, Serialize};

/// A copy as its form starts (a new copy: the book, an empty imprint, "Available").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyFormData {
    pub book_id: i64,
    pub book_title: String,
    /// The copy's UUID; `None` for a new copy.
    pub copy_id: Option<String>,
    pub imprint: String,
    /// The stored status code (`a`, `o`, `d`, `r`).
    pub status: String,
    /// Who has it, when it is on loan or reserved.
    pub borrower: Option<String>,
}
