//! Server-only code the server functions call: the request context, the visitor's session,
//! cookies, and the SQL that more than one feature uses. Never compiled into the WASM bundle.
pub mod audit;
pub mod calls;
pub mod catalog_version;
pub mod context;
pub mod cookies;
pub mod counted_requests;
pub mod counter_writer;
pub mod db;
pub mod hold_rules;
pub mod language;
pub mod login_throttle;
pub mod mailer;
pub mod metrics;
pub mod passwords;
pub mod profiles;
pub mod reset_tokens;
pub mod session;
pub mod sign_ins;
pub mod signing;
pub mod split_chunks;
pub mod test_cookie;
pub mod timing;
pub mod users;
pub mod visit_counter;
