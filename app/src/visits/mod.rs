//! The home page's visit counter: a row per visitor, found through a key in their session.
pub mod api;
pub mod counter;
