//! User accounts on top of the visitor's session, the way Django's auth does them: log in and
//! out, password change and reset by mail, and (beyond Django) the list of signed-in devices.
pub mod actions;
pub mod api;
pub mod devices_page;
#[cfg(feature = "ssr")]
pub mod listings;
pub mod login_page;
pub mod logout_page;
pub mod menu;
pub mod model;
pub mod password_pages;
#[cfg(feature = "ssr")]
pub mod reset;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod user_agent;

pub use actions::AccountActions;
