//! The library catalog: books, authors, genres, languages and copies.
pub mod authors;
pub mod books;
pub mod classification;
pub mod copies;
pub mod counts;
pub mod dates;
pub mod list_page;
pub mod pagination;
pub mod prefs;
pub mod search;
