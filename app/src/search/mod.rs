//! Catalog search: one ranked search over books and authors that forgives case, accents, word
//! forms (English and Russian) and one typo, on SQLite FTS5 or PostgreSQL postings tables.
//! From the page down: `page` and `header_box` (views) → `api` (server function) → `results`
//! (rows and marks) → `ranked` (tiers) → `engine` (the two databases behind one interface:
//! `fts5`, `postings`, over `selection` and `binds`) →
//! `plan` (a query's terms, from the vocabulary) → `query` (its words) → `analyze` and `typos` (text to terms); `index` keeps the
//! engines' tables in step with the catalog, and `rebuild` builds them whole.
#[cfg(any(feature = "ssr", feature = "search-terms"))]
pub mod analyze;
pub mod api;
#[cfg(feature = "ssr")]
pub mod binds;
#[cfg(feature = "ssr")]
pub mod engine;
#[cfg(feature = "ssr")]
pub mod fts5;
pub mod header_box;
#[cfg(any(feature = "ssr", feature = "search-terms"))]
pub mod highlight;
#[cfg(feature = "ssr")]
pub mod index;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod plan;
#[cfg(feature = "ssr")]
pub mod postings;
#[cfg(any(feature = "ssr", feature = "search-terms"))]
pub mod query;
#[cfg(feature = "ssr")]
pub mod ranked;
#[cfg(feature = "ssr")]
pub mod rebuild;
#[cfg(feature = "ssr")]
pub mod results;
#[cfg(feature = "ssr")]
pub mod selection;
pub mod text;
#[cfg(any(feature = "ssr", feature = "search-terms"))]
pub mod typos;
