//! Copies of books (Django's `BookInstance`): the list of all copies with its status filter,
//! one copy's page, and the status badge the book pages share.
pub mod detail;
pub mod list;
#[cfg(feature = "ssr")]
pub mod sql;
pub mod status;

pub use detail::CopyDetailPage;
pub use list::CopyListPage;
pub use status::CopyStatus;

use crate::i18n::{key, t};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One physical copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CopyRow {
    pub id: String,
    pub book_id: i64,
    pub book_title: String,
    pub imprint: String,
    pub due_back: Option<String>,
    /// `d` maintenance, `o` on loan, `a` available, `r` reserved ([`CopyStatus::code`]).
    pub status: String,
}

/// The catalogue key of the label for a status code.
pub fn status_label(code: &str) -> &'static str {
    CopyStatus::from_code(code).map_or_else(|| key("catalog-status-unknown"), CopyStatus::label)
}

/// The status as a coloured badge: available green, maintenance red, others amber.
#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let class = match status.as_str() {
        "a" => "status status-available",
        "d" => "status status-maintenance",
        _ => "status status-other",
    };
    let label = status_label(&status);
    view! { <span class=class data-status=status>{t(label)}</span> }
}
