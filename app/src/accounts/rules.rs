//! What a username and a password must be, checked the same way by the server functions and
//! `locallibrary createuser` (and, being plain Rust, available to the browser too). The reasons
//! for a refusal are catalogue messages, so each visitor reads them in their own language.
use crate::i18n::Msg;

/// The longest username accepted (Django's limit).
pub const MAX_USERNAME_CHARS: usize = 150;
/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted: hashing is deliberately slow, and its cost grows with length.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Passwords so common that a guesser tries them first (each is at least ten characters, so the
/// length rule alone would let it through).
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "0123456789",
    "1q2w3e4r5t",
    "qwertyuiop",
    "asdfghjkl;",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "iloveyou12",
    "letmein123",
    "welcome123",
    "football123",
    "baseball123",
    "qwerty1234",
    "abcdefghij",
    "abc1234567",
    "aaaaaaaaaa",
    "1111111111",
    "0000000000",
    "changeme123",
    "administrator",
    "superman123",
    "sunshine123",
    "princess123",
    "librarian1",
    "localibrary",
    "locallibrary",
];

/// A username as stored: 1–150 letters, digits and `@ . + - _`, compared without case.
pub fn check_username(username: &str) -> Result<&str, Msg> {
    let username = username.trim();
    if username.is_empty() {
        return Err(Msg::new("accounts-username-empty"));
    }
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(Msg::new("accounts-username-too-long").with("max", MAX_USERNAME_CHARS));
    }
    let allowed = |c: char| c.is_alphanumeric() || "@.+-_".contains(c);
    if !username.chars().all(allowed) {
        return Err(Msg::new("accounts-username-characters"));
    }
    Ok(username)
}

/// The key a username is unique and looked up by: case does not make another user.
pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// Refuses passwords that are too short, too long, equal to the username, or common.
pub fn check_new_password(password: &str, username: &str) -> Result<(), Msg> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Msg::new("accounts-password-too-short").with("min", MIN_PASSWORD_CHARS));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Msg::new("accounts-password-too-long").with("max", MAX_PASSWORD_CHARS));
    }
    if password.to_lowercase() == username_key(username) {
        return Err(Msg::new("accounts-password-similar"));
    }
    if COMMON_PASSWORDS.contains(&password.to_lowercase().as_str()) {
        return Err(Msg::new("accounts-password-common"));
    }
    Ok(())
}

/// Whether `token` has the shape of a reset link's token (64 hex digits): anything else is
/// refused before it reaches the database.
pub fn reset_token_well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The address a reset is asked for: trimmed, not empty, at most 254 characters and shaped like
/// an address. A refusal is a 400 with this message, never a lookup.
pub fn check_reset_email(raw: &str) -> Result<&str, Msg> {
    let email = raw.trim();
    if email.is_empty() {
        Err(Msg::new("accounts-reset-email-empty"))
    } else if email.len() > 254 || !email_address::EmailAddress::is_valid(email) {
        Err(Msg::new("accounts-reset-email-invalid"))
    } else {
        Ok(email)
    }
}

/// `next` if it is a path on this site, else the home page (an open redirect would let a link
/// to our login page send people anywhere). Non-ASCII characters and spaces come back
/// percent-encoded: a `Location` header is ASCII, and a browser reading UTF-8 bytes there
/// would land on a garbled address.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            let mut ascii = String::with_capacity(path.len());
            for byte in path.bytes() {
                if byte.is_ascii_graphic() {
                    ascii.push(char::from(byte));
                } else {
                    ascii.push_str(&format!("%{byte:02X}"));
                }
            }
            ascii
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// English and Russian, named so that these checks of the text are not taken for uses of
    /// catalogue keys by the catalogue's own test.
    const EN: Lang = Lang::En;
    const RU: Lang = Lang::Ru;

    #[test]
    fn only_same_site_paths_are_followed() {
        assert_eq!(
            safe_next(Some("/catalog/books?page=2")),
            "/catalog/books?page=2"
        );
        for unsafe_next in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(safe_next(Some(unsafe_next)), "/", "{unsafe_next:?}");
        }
        assert_eq!(safe_next(None), "/");
        assert_eq!(
            safe_next(Some("/accounts/members/ёж x")),
            "/accounts/members/%D1%91%D0%B6%20x"
        );
    }

    #[test]
    fn usernames_follow_django_rules() {
        assert_eq!(check_username("  ada.l+1@x_y-z "), Ok("ada.l+1@x_y-z"));
        assert_eq!(check_username(""), Err(Msg::new("accounts-username-empty")));
        assert_eq!(
            check_username("ada lovelace").unwrap_err().text(EN),
            "A username may contain only letters, digits and @ . + - _"
        );
        assert!(check_username("ada<script>").is_err());
        assert_eq!(
            check_username(&"a".repeat(151)).unwrap_err().text(EN),
            "A username has at most 150 characters."
        );
        assert!(check_username("Толстой").is_ok());
        // Through a variable: a literal right after `username_key(` reads as a catalogue key to
        // the catalogue's test.
        let padded = " Ada ";
        assert_eq!(username_key(padded), "ada");
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        let too_short = check_new_password("short", "ada").unwrap_err();
        assert_eq!(
            too_short,
            Msg::new("accounts-password-too-short").with("min", MIN_PASSWORD_CHARS)
        );
        assert_eq!(
            too_short.text(EN),
            "This password is too short. It must contain at least 10 characters."
        );
        assert_eq!(
            too_short.text(RU),
            "Пароль слишком короткий. Он должен содержать не менее 10 символов."
        );
        assert_eq!(
            check_new_password("AdaLovelace", "adalovelace")
                .unwrap_err()
                .text(EN),
            "The password is too similar to the username."
        );
        assert_eq!(
            check_new_password("Password123", "ada"),
            Err(Msg::new("accounts-password-common"))
        );
        assert_eq!(
            check_new_password(&"x".repeat(2000), "ada")
                .unwrap_err()
                .text(EN),
            "This password is too long: at most 1024 characters."
        );
        assert_eq!(check_new_password("correct horse battery", "ada"), Ok(()));
    }

    #[test]
    fn only_tokens_of_our_shape_are_well_formed() {
        assert!(reset_token_well_formed(&"ab12".repeat(16)));
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(65), &"é".repeat(32)] {
            assert!(!reset_token_well_formed(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_reset_address_must_be_given_and_look_like_one() {
        assert_eq!(
            check_reset_email("  ada@example.com "),
            Ok("ada@example.com")
        );
        assert_eq!(
            check_reset_email(" ").unwrap_err().text(EN),
            "Enter the email address of your account."
        );
        let long = format!("{}@example.com", "a".repeat(250));
        for bad in ["ada", "@", "a@b@c", long.as_str(), "ada@\0x"] {
            assert!(
                check_reset_email(bad).is_err_and(|m| !m.text(RU).is_empty()),
                "{bad:?}"
            );
        }
    }
}
