//! What a new member must be, and the members search; pure, so the server, the pages and the
//! fuzz target check alike.
use crate::{
    accounts::rules::{check_reset_email, check_username},
    i18n::Msg,
    search::text::{like_pattern, normalize_query},
};

/// A new member as entered: a username and an email (both required), or each field's message.
pub fn check_new_member<'a>(
    username: &'a str,
    email: &'a str,
) -> Result<(&'a str, &'a str), Vec<(&'static str, Msg)>> {
    let mut errors = Vec::new();
    let username = check_username(username)
        .map_err(|m| errors.push(("username", m)))
        .ok()
        .filter(|name| {
            // Names a member's page address cannot carry: the add page's own, and dot segments.
            let reserved = name.eq_ignore_ascii_case("create") || name.chars().all(|c| c == '.');
            if reserved {
                errors.push(("username", Msg::new("members-username-reserved")));
            }
            !reserved
        });
    let email = match check_reset_email(email) {
        Ok(email) => Some(email),
        Err(_) if email.trim().is_empty() => {
            errors.push(("email", Msg::new("members-email-empty")));
            None
        }
        Err(_) => {
            errors.push(("email", Msg::new("members-email-invalid")));
            None
        }
    };
    match (username, email) {
        (Some(username), Some(email)) => Ok((username, email)),
        _ => Err(errors),
    }
}

/// The members search as a `LIKE … ESCAPE '\'` pattern (the book search's cleaning: no control
/// characters, trimmed, at most 100 characters, lower case), or `None` for no search.
pub fn search_pattern(q: Option<&str>) -> Option<String> {
    normalize_query(q).map(|q| like_pattern(&q))
}

/// A yes/no form value: a ticked checkbox sends `on` (or `true`), an unticked one nothing.
pub fn ticked(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("on" | "true" | "1" | "yes"))
}

/// The answer to a role or activity form naming neither choice.
pub fn bad_choice() -> crate::error::AppError {
    crate::error::AppError::BadRequest(Msg::new("editing-choose-from-list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::MAX_QUERY_CHARS;

    #[test]
    fn a_new_member_needs_a_username_and_an_email() {
        assert_eq!(
            check_new_member(" ada ", " ada@example.org "),
            Ok(("ada", "ada@example.org"))
        );
        let errors = check_new_member("", "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, m)| (*f, m.key.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("username", "accounts-username-empty"),
                ("email", "members-email-empty")
            ]
        );
        let errors = check_new_member("ada lovelace", "not an address").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, m)| (*f, m.key.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("username", "accounts-username-characters"),
                ("email", "members-email-invalid")
            ]
        );
    }

    #[test]
    fn names_a_page_address_cannot_carry_are_refused() {
        for name in ["create", "Create", ".", ".."] {
            let errors = check_new_member(name, "a@example.com").unwrap_err();
            assert_eq!(errors[0].1.key, "members-username-reserved", "{name}");
        }
        assert!(check_new_member("creator", "a@example.com").is_ok());
    }

    #[test]
    fn the_search_matches_anywhere_without_case_and_escapes_wildcards() {
        assert_eq!(search_pattern(None), None);
        assert_eq!(search_pattern(Some("  ")), None);
        assert_eq!(search_pattern(Some("ADA")).as_deref(), Some("%ada%"));
        assert_eq!(search_pattern(Some("a_b%")).as_deref(), Some("%a\\_b\\%%"));
        assert_eq!(search_pattern(Some("Ёлка")).as_deref(), Some("%ёлка%"));
        let long = "x".repeat(500);
        assert_eq!(
            search_pattern(Some(&long)).unwrap().len(),
            MAX_QUERY_CHARS + 2
        );
    }

    #[test]
    fn only_a_ticked_box_is_yes() {
        assert!(ticked(Some("on")) && ticked(Some("true")));
        assert!(!ticked(None) && !ticked(Some("")) && !ticked(Some("off")));
    }
}
