//! The librarian's administration of members (what the Django admin does for users): the
//! searchable members list, adding a member (who sets their own password from a mailed link),
//! and each member's page, where a librarian changes their role or deactivates them.
pub mod add_page;
pub mod api;
pub mod list_page;
pub mod member_page;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sql;
