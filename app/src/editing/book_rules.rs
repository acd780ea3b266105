//! What a book must be before a librarian's change is saved: a title, an ISBN-13 whose check
//! digit is right, a summary of at most 1 000 characters.
use crate::i18n::Msg;

/// The longest title (the database checks it too).
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest summary.
pub const MAX_SUMMARY_CHARS: usize = 1000;

/// An ISBN-13 as typed (spaces and hyphens allowed), checked and returned as 13 digits.
pub fn check_isbn(isbn: &str) -> Result<String, Msg> {
    let digits: String = isbn.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 13 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Msg::new("editing-isbn-length"));
    }
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    if sum % 10 != 0 {
        return Err(Msg::new("editing-isbn-check-digit"));
    }
    Ok(digits)
}

/// A title: 1–200 characters after trimming, no control characters.
pub fn check_title(title: &str) -> Result<String, Msg> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Msg::new("editing-title-empty"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Msg::new("editing-title-too-long").with("max", MAX_TITLE_CHARS));
    }
    if title.chars().any(char::is_control) {
        return Err(Msg::new("editing-title-control"));
    }
    Ok(title.to_string())
}

/// A summary: at most 1 000 characters (line breaks allowed).
pub fn check_summary(summary: &str) -> Result<String, Msg> {
    let summary = summary.trim();
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        return Err(Msg::new("editing-summary-too-long").with("max", MAX_SUMMARY_CHARS));
    }
    Ok(summary.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn isbn_check_digits_are_checked() {
        assert_eq!(check_isbn("978-0-306-40615-7"), Ok("9780306406157".into()));
        assert_eq!(
            check_isbn("9780306406158"),
            Err(Msg::new("editing-isbn-check-digit"))
        );
        assert_eq!(
            check_isbn("97803064061"),
            Err(Msg::new("editing-isbn-length"))
        );
        assert!(check_isbn("978030640615X").is_err());
    }

    #[test]
    fn titles_and_summaries_are_bounded() {
        assert_eq!(check_title("  War and Peace "), Ok("War and Peace".into()));
        assert!(check_title("").is_err());
        assert!(check_title(&"x".repeat(201)).is_err());
        assert!(check_summary(&"x".repeat(1001)).is_err());
        assert_eq!(check_summary(" A long book. "), Ok("A long book.".into()));
    }

    #[test]
    fn messages_read_as_before_in_english() {
        let en = Lang::En;
        let message = |result: Result<String, Msg>| result.unwrap_err().text(en);
        assert_eq!(
            message(check_isbn("9780306406158")),
            "This ISBN's check digit is wrong: please check the number."
        );
        assert_eq!(message(check_isbn("1")), "An ISBN has 13 digits.");
        assert_eq!(message(check_title(" ")), "Enter a title.");
        assert_eq!(
            message(check_title(&"x".repeat(201))),
            "A title has at most 200 characters."
        );
        assert_eq!(
            message(check_title("a\nb")),
            "A title cannot contain control characters."
        );
        assert_eq!(
            message(check_summary(&"x".repeat(1001))),
            "A summary has at most 1000 characters."
        );
    }
}
