//! LocalLibrary: pages, components and server functions shared by the server (`ssr`) and the
//! browser (`hydrate`). Server-only code sits behind `#[cfg(feature = "ssr")]`.
#![forbid(unsafe_code)]

pub mod catalog;
pub mod error;
pub mod error_page;
pub mod home;
pub mod layout;
pub mod registration;
pub mod visits;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod session;

pub use layout::{shell, App};
