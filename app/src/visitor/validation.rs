//! The registration form's rules, compiled into both the server (authoritative) and the WASM
//! bundle (instant feedback). Values can only be built valid. Refusals are catalogue messages,
//! shown in the visitor's language.
use crate::{
    error::FieldErrors,
    i18n::{key, Msg},
};
use serde::{Deserialize, Serialize};

/// The most characters a name may have.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest email address allowed (RFC 5321's path limit).
pub const EMAIL_MAX_LEN: usize = 254;

/// The catalogue key of what is shown when a field arrived with bytes that were not text
/// (decoded as U+FFFD).
const UNREADABLE: &str = key("visitor-unreadable");

/// A visitor's name: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name(String);

impl Name {
    /// Checks and cleans a name as typed.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Msg::new("visitor-name-empty"));
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(Msg::new("visitor-name-too-long").with("max", NAME_MAX_CHARS));
        }
        if name.chars().any(char::is_control) {
            return Err(Msg::new("visitor-name-control"));
        }
        if name.contains(char::REPLACEMENT_CHARACTER) {
            return Err(Msg::new(UNREADABLE));
        }
        Ok(Self(name.to_string()))
    }

    /// The cleaned name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address: syntactically valid, at most 254 characters, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Checks and normalises an address as typed.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let email = raw.trim();
        if email.is_empty() {
            return Err(Msg::new("visitor-email-empty"));
        }
        if email.len() > EMAIL_MAX_LEN {
            return Err(Msg::new("visitor-email-too-long").with("max", EMAIL_MAX_LEN));
        }
        if email.contains(char::REPLACEMENT_CHARACTER) {
            return Err(Msg::new(UNREADABLE));
        }
        if !email_address::EmailAddress::is_valid(email) || !email.contains('@') {
            return Err(Msg::new("visitor-email-invalid"));
        }
        Ok(Self(email.to_lowercase()))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Validates the whole form, reporting every field's problem at once.
pub fn validate(name: &str, email: &str) -> Result<(Name, Email), FieldErrors> {
    match (Name::parse(name), Email::parse(email)) {
        (Ok(name), Ok(email)) => Ok((name, email)),
        (name, email) => {
            let mut errors = FieldErrors::default();
            for (field, result) in [("name", name.err()), ("email", email.err())] {
                if let Some(message) = result {
                    errors.set(field, message);
                }
            }
            Err(errors)
        }
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
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            Name::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert_eq!(Name::parse("   "), Err(Msg::new("visitor-name-empty")));
        assert!(Name::parse(&"я".repeat(100)).is_ok());
        let too_long = Name::parse(&"я".repeat(101)).unwrap_err();
        assert_eq!(
            too_long,
            Msg::new("visitor-name-too-long").with("max", NAME_MAX_CHARS)
        );
        assert_eq!(
            too_long.text(EN),
            "Your name can be at most 100 characters."
        );
        assert_eq!(
            too_long.text(RU),
            "Имя может содержать не более 100 символов."
        );
        assert_eq!(
            Name::parse("Ada\u{0}").unwrap_err().text(EN),
            "Your name cannot contain control characters."
        );
        assert_eq!(
            Name::parse("Ada \u{fffd}").unwrap_err().text(EN),
            "This contains characters that could not be read; please retype it."
        );
        assert_eq!(
            Name::parse("<img src=x onerror=alert(1)>")
                .unwrap()
                .as_str(),
            "<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            Email::parse(" Ada@Example.COM ").unwrap().as_str(),
            "ada@example.com"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@@example.com",
            "a b@example.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Email::parse("ada").unwrap_err().text(EN),
            "Please enter a valid email address, like name@example.com."
        );
        assert_eq!(
            Email::parse(" ").unwrap_err().text(EN),
            "Please enter your email address."
        );
        let long = format!("{}@example.com", "a".repeat(243));
        assert_eq!(long.len(), 255);
        assert_eq!(
            Email::parse(&long).unwrap_err().text(EN),
            "An email address can be at most 254 characters."
        );
    }

    #[test]
    fn every_field_error_is_reported() {
        let errors = validate("", "nope").unwrap_err();
        assert_eq!(errors.get("name"), Some(Msg::new("visitor-name-empty")));
        assert_eq!(errors.get("email"), Some(Msg::new("visitor-email-invalid")));
        assert!(validate("Ada", "ada@example.com").is_ok());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever arrives, a name is either refused or clean, bounded and stable.
            #[test]
            fn accepted_names_are_clean_and_stable(raw in any::<String>()) {
                if let Ok(name) = Name::parse(&raw) {
                    let s = name.as_str();
                    prop_assert_eq!(s, s.trim());
                    prop_assert!(!s.is_empty() && s.chars().count() <= NAME_MAX_CHARS);
                    prop_assert!(!s.chars().any(char::is_control));
                    prop_assert_eq!(Name::parse(s), Ok(name.clone()));
                }
            }

            /// Accepted emails are short, lower-case, contain '@' and parse to themselves.
            #[test]
            fn accepted_emails_are_normalised_and_stable(
                local in "[A-Za-z0-9._%+-]{0,70}",
                domain in "[A-Za-z0-9.-]{0,200}",
                noise in any::<String>(),
            ) {
                for raw in [format!("{local}@{domain}"), noise] {
                    if let Ok(email) = Email::parse(&raw) {
                        let s = email.as_str();
                        prop_assert!(s.len() <= EMAIL_MAX_LEN && s.contains('@'));
                        prop_assert_eq!(s.to_lowercase(), s);
                        prop_assert_eq!(Email::parse(s), Ok(email.clone()));
                    }
                }
            }
        }
    }
}
