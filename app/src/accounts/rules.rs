//! What a username and a password must be, checked the same way by the server functions and
//! `locallibrary createuser` (and, being plain Rust, available to the browser too).

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
pub fn check_username(username: &str) -> Result<&str, String> {
    let username = username.trim();
    if username.is_empty() {
        return Err("Enter a username.".into());
    }
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(format!(
            "A username has at most {MAX_USERNAME_CHARS} characters."
        ));
    }
    let allowed = |c: char| c.is_alphanumeric() || "@.+-_".contains(c);
    if !username.chars().all(allowed) {
        return Err("A username may contain only letters, digits and @ . + - _".into());
    }
    Ok(username)
}

/// The key a username is unique and looked up by: case does not make another user.
pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// Refuses passwords that are too short, too long, equal to the username, or common.
pub fn check_new_password(password: &str, username: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!(
            "This password is too short. It must contain at least {MIN_PASSWORD_CHARS} characters."
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(format!(
            "This password is too long: at most {MAX_PASSWORD_CHARS} characters."
        ));
    }
    if password.to_lowercase() == username_key(username) {
        return Err("The password is too similar to the username.".into());
    }
    if COMMON_PASSWORDS.contains(&password.to_lowercase().as_str()) {
        return Err("This password is too common.".into());
    }
    Ok(())
}

/// `next` if it is a path on this site, else the home page (an open redirect would let a link
/// to our login page send people anywhere).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn usernames_follow_django_rules() {
        assert_eq!(check_username("  ada.l+1@x_y-z "), Ok("ada.l+1@x_y-z"));
        assert!(check_username("").is_err());
        assert!(check_username("ada lovelace").is_err());
        assert!(check_username("ada<script>").is_err());
        assert!(check_username(&"a".repeat(151)).is_err());
        assert!(check_username("Толстой").is_ok());
        assert_eq!(username_key(" Ada "), "ada");
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        assert!(check_new_password("short", "ada")
            .unwrap_err()
            .contains("too short"));
        assert!(check_new_password("AdaLovelace", "adalovelace")
            .unwrap_err()
            .contains("similar"));
        assert!(check_new_password("Password123", "ada")
            .unwrap_err()
            .contains("too common"));
        assert!(check_new_password(&"x".repeat(2000), "ada").is_err());
        assert_eq!(check_new_password("correct horse battery", "ada"), Ok(()));
    }
}
