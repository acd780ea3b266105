//! What a search page shows, as it travels from the server to the browser.
use crate::ui::paging::Page;
use serde::{Deserialize, Serialize};

/// A run of text, marked when it is a word the search matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    pub mark: bool,
}

/// A text cut into marked and unmarked runs.
pub type Marked = Vec<Piece>;

/// A book found: its title and a short excerpt of its summary, with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookHit {
    pub id: i64,
    pub title: Marked,
    pub author_id: Option<i64>,
    /// "Last, First", marked; `None` when the author was removed.
    pub author: Option<Marked>,
    pub excerpt: Marked,
}

/// An author found, as "Last, First" with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorHit {
    pub id: i64,
    pub name: Marked,
}

/// The answer to one search: the best authors and one page of books, both ranked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub authors: Vec<AuthorHit>,
    pub authors_total: u64,
    pub books: Page<BookHit>,
}
