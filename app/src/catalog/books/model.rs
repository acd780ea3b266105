//! What the book pages show, as it travels from the server to the browser.
use crate::catalog::{copies::CopyRow, record::NamedRef};
use serde::{Deserialize, Serialize};

/// A book as a line in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BookRow {
    pub id: i64,
    pub title: String,
    pub author_id: Option<i64>,
    /// "Last, First", or `None` when the author was removed.
    pub author_name: Option<String>,
}

/// Everything the book detail page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookDetail {
    pub book: BookRow,
    pub summary: String,
    pub isbn: String,
    pub language: Option<NamedRef>,
    pub genres: Vec<NamedRef>,
    pub copies: Vec<CopyRow>,
}

/// Which books a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookFilter {
    All,
    Author(i64),
    Genre(i64),
    Language(i64),
}
