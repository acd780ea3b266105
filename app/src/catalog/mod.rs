//! The library catalog: books, authors, genres, languages and copies.
pub mod authors;
pub mod books;
pub mod classes;
pub mod copies;
pub mod counts;
pub mod dates;
pub mod list_page;
#[cfg(feature = "ssr")]
pub mod list_query;
pub mod record;
