//! User accounts: createuser, login and logout with Django's session rules, password change and
//! reset, and the devices page with every session engine.
pub(crate) mod attacks;
mod devices;
mod login;
mod members;
mod passwords;
pub mod support;
