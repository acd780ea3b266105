//! What the members server functions answer with.
use serde::{Deserialize, Serialize};

/// One account as the members list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MemberRow {
    pub username: String,
    pub email: String,
    /// 1 for librarians (an integer, as both databases return it).
    pub is_librarian: i64,
    /// 0 once deactivated.
    pub is_active: i64,
    /// Unix seconds of the last login, if any.
    pub last_login: Option<i64>,
}

/// A member's copy on loan, on their page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MemberLoan {
    pub copy_id: String,
    pub book_id: i64,
    pub book_title: String,
    /// `YYYY-MM-DD`.
    pub due_back: Option<String>,
}

/// Everything a member's page shows, and what the librarian asking may do there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDetail {
    pub member: MemberRow,
    /// How many devices are signed in now.
    pub sign_ins: i64,
    pub loans: Vec<MemberLoan>,
    /// The page is the librarian's own: they cannot demote or deactivate themselves.
    pub is_self: bool,
    /// They are the only active librarian: they cannot be demoted or deactivated.
    pub last_librarian: bool,
}

impl MemberRow {
    /// Whether they may use the librarian pages.
    pub fn librarian(&self) -> bool {
        self.is_librarian != 0
    }

    /// Whether they can log in.
    pub fn active(&self) -> bool {
        self.is_active != 0
    }
}

/// The address of `username`'s page: every byte but ASCII letters, digits and `-._~@+`
/// percent-encoded, the same on the server and in the browser (so the markup hydrates as
/// rendered, and a non-ASCII name makes an ASCII `Location`).
pub fn member_path(username: &str) -> String {
    let mut path = String::from("/accounts/members/");
    for byte in username.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~@+".contains(&byte) {
            path.push(char::from(byte));
        } else {
            path.push_str(&format!("%{byte:02X}"));
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::member_path;

    #[test]
    fn member_paths_are_ascii_and_keep_plain_names() {
        assert_eq!(
            member_path("jane.doe+1@x"),
            "/accounts/members/jane.doe+1@x"
        );
        assert_eq!(member_path("ёж"), "/accounts/members/%D1%91%D0%B6");
    }
}
