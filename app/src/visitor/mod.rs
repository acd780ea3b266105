//! The visitor: registering a name and email for the session, the greeting on every page,
//! forget-me, and the "My session" page. The seed's Django view, with session id rotation added.
pub mod actions;
pub mod api;
pub mod greeting;
pub mod register_page;
pub mod session_page;
pub mod validation;

pub use actions::VisitorActions;
