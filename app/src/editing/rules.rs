//! What a catalog record must be before a librarian's change is saved; pure functions, so the
//! browser, the server and the fuzz target check the same way.
use crate::{i18n::Msg, loans::dates::parse_date};

/// The longest genre or language name (the database checks it too).
pub const MAX_NAME_CHARS: usize = 200;
/// The longest first or last name of an author.
pub const MAX_PERSON_NAME_CHARS: usize = 100;

/// A genre's or language's name: 1–200 characters after trimming, no control characters.
pub fn check_name(name: &str) -> Result<String, Msg> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Msg::new("editing-name-empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Msg::new("editing-name-too-long").with("max", MAX_NAME_CHARS));
    }
    if name.chars().any(char::is_control) {
        return Err(Msg::new("editing-name-control"));
    }
    Ok(name.to_string())
}

/// An author as entered: names trimmed (the last name required), dates optional, `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorFields {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub date_of_death: Option<String>,
}

/// Checks an author; the errors name their field (`first_name`, `last_name`, `date_of_birth`,
/// `date_of_death`).
pub fn check_author(
    first_name: &str,
    last_name: &str,
    born: &str,
    died: &str,
) -> Result<AuthorFields, Vec<(&'static str, Msg)>> {
    let mut errors = Vec::new();
    let mut person = |field: &'static str, value: &str, required: bool| {
        let value = value.trim();
        if required && value.is_empty() {
            errors.push((field, Msg::new("editing-required")));
        } else if value.chars().count() > MAX_PERSON_NAME_CHARS {
            errors.push((
                field,
                Msg::new("editing-person-name-too-long").with("max", MAX_PERSON_NAME_CHARS),
            ));
        } else if value.chars().any(char::is_control) {
            errors.push((field, Msg::new("editing-person-name-control")));
        }
        value.to_string()
    };
    let first_name = person("first_name", first_name, false);
    let last_name = person("last_name", last_name, true);
    let mut date = |field: &'static str, value: &str| {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match parse_date(value) {
            Some(day) => Some((value.to_string(), day)),
            None => {
                errors.push((field, Msg::new("editing-date-format")));
                None
            }
        }
    };
    let born = date("date_of_birth", born);
    let died = date("date_of_death", died);
    if let (Some((_, b)), Some((_, d))) = (&born, &died) {
        if d < b {
            errors.push(("date_of_death", Msg::new("editing-death-before-birth")));
        }
    }
    if errors.is_empty() {
        Ok(AuthorFields {
            first_name,
            last_name,
            date_of_birth: born.map(|(text, _)| text),
            date_of_death: died.map(|(text, _)| text),
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            check_name("  Science fiction "),
            Ok("Science fiction".into())
        );
        assert_eq!(check_name("   "), Err(Msg::new("editing-name-empty")));
        assert_eq!(
            check_name(&"x".repeat(201)),
            Err(Msg::new("editing-name-too-long").with("max", 200))
        );
        assert_eq!(check_name("a\u{0}b"), Err(Msg::new("editing-name-control")));
    }

    #[test]
    fn messages_read_as_before_in_english() {
        let en = Lang::En;
        let long = check_name(&"x".repeat(201)).unwrap_err();
        assert_eq!(long.text(en), "A name has at most 200 characters.");
        let errors = check_author("\u{7}", "", "1828-13-01", "").unwrap_err();
        let texts: Vec<(&str, String)> = errors.iter().map(|(f, m)| (*f, m.text(en))).collect();
        assert_eq!(
            texts,
            [
                (
                    "first_name",
                    "Control characters are not allowed.".to_string()
                ),
                ("last_name", "This field is required.".to_string()),
                ("date_of_birth", "Enter a date as YYYY-MM-DD.".to_string()),
            ]
        );
        let errors = check_author("Leo", "Tolstoy", "1910-11-20", "1828-09-09").unwrap_err();
        assert_eq!(
            errors[0].1.text(en),
            "The date of death cannot be before the date of birth."
        );
        let errors = check_author(&"x".repeat(101), "B", "", "").unwrap_err();
        assert_eq!(errors[0].1.text(en), "At most 100 characters.");
    }

    #[test]
    fn death_is_not_before_birth() {
        let ok = check_author("Leo", "Tolstoy", "1828-09-09", "1910-11-20").unwrap();
        assert_eq!(ok.date_of_death.as_deref(), Some("1910-11-20"));
        let errors = check_author("Leo", "Tolstoy", "1910-11-20", "1828-09-09").unwrap_err();
        assert_eq!(errors[0].0, "date_of_death");
        assert!(check_author("", "", "", "")
            .unwrap_err()
            .iter()
            .any(|(f, _)| *f == "last_name"));
        assert!(check_author("A", "B", "1828-13-01", "").is_err());
        assert_eq!(check_author(" A ", " B ", "", "").unwrap().first_name, "A");
    }
}
