//! What the editing server functions answer with.
use serde::{Deserialize, Serialize};

/// A record as its edit form starts: the fields as text (empty for a new record).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editable {
    /// The genre's or language's name, or the author's "Last, First" (for headings).
    pub title: String,
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub date_of_death: String,
}

/// What the book form needs: the book's fields (empty for a new one) and the choices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookFormData {
    pub title: String,
    pub author_id: Option<i64>,
    pub summary: String,
    pub isbn: String,
    pub language_id: Option<i64>,
    pub genre_ids: Vec<i64>,
    /// Every author as (id, "Last, First").
    pub authors: Vec<(i64, String)>,
    pub languages: Vec<(i64, String)>,
    pub genres: Vec<(i64, String)>,
}
