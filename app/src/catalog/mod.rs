//! The library catalog: books, authors, genres, languages and copies.
pub mod counts;
