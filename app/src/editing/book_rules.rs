//! What a book must be before a librarian's change is saved: a title, an ISBN-13 whose check
//! digit is right, a summary of at most 1 000 characters.

/// The longest title (the database checks it too).
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest summary.
pub const MAX_SUMMARY_CHARS: usize = 1000;

/// An ISBN-13 as typed (spaces and hyphens allowed), checked and returned as 13 digits.
pub fn check_isbn(isbn: &str) -> Result<String, String> {
    let digits: String = isbn.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 13 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("An ISBN has 13 digits.".into());
    }
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    if sum % 10 != 0 {
        return Err("This ISBN's check digit is wrong: please check the number.".into());
    }
    Ok(digits)
}

/// A title: 1–200 characters after trimming, no control characters.
pub fn check_title(title: &str) -> Result<String, String> {
    let title = title.trim();
    if title.is_empty() {
        return Err("Enter a title.".into());
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!("A title has at most {MAX_TITLE_CHARS} characters."));
    }
    if title.chars().any(char::is_control) {
        return Err("A title cannot contain control characters.".into());
    }
    Ok(title.to_string())
}

/// A summary: at most 1 000 characters (line breaks allowed).
pub fn check_summary(summary: &str) -> Result<String, String> {
    let summary = summary.trim();
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        return Err(format!(
            "A summary has at most {MAX_SUMMARY_CHARS} characters."
        ));
    }
    Ok(summary.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbn_check_digits_are_checked() {
        assert_eq!(check_isbn("978-0-306-40615-7"), Ok("9780306406157".into()));
        assert!(check_isbn("9780306406158")
            .unwrap_err()
            .contains("check digit"));
        assert!(check_isbn("97803064061").is_err());
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
}
