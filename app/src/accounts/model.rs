//! What the account server functions answer with (the pages and the server side share these).
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// The logged-in user as pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub username: String,
    pub is_librarian: bool,
}

/// One signed-in session of the current user, for the devices page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub id: i64,
    /// When it logged in (UTC, to the minute).
    pub signed_in_at: String,
    /// When it was last seen (UTC, to the minute).
    pub last_seen: String,
    /// Browser and system, read from its User-Agent, as a message in the visitor's language.
    pub browser: Msg,
    /// The client address it logged in from.
    pub address: String,
    /// The session asking.
    pub this_device: bool,
}

/// What the set-password page finds for this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetLink {
    /// The link it opened still works: ask for the new password.
    Works,
    /// A password was just set through it.
    PasswordSet,
    /// No link, or one that is used, expired or unknown.
    Invalid,
}
