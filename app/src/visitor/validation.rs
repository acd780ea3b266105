//! The registration form's rules, compiled into both the server (authoritative) and the WASM
//! bundle (instant feedback). Values can only be built valid.
use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// The most characters a name may have.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest email address allowed (RFC 5321's path limit).
pub const EMAIL_MAX_LEN: usize = 254;

/// Shown when a field arrived with bytes that were not text (decoded as U+FFFD).
const UNREADABLE: &str = "This contains characters that could not be read; please retype it.";

/// A visitor's name: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name(String);

impl Name {
    /// Checks and cleans a name as typed.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        if name.is_empty() {
            return Err("Please enter your name.".into());
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(format!(
                "Your name can be at most {NAME_MAX_CHARS} characters."
            ));
        }
        if name.chars().any(char::is_control) {
            return Err("Your name cannot contain control characters.".into());
        }
        if name.contains(char::REPLACEMENT_CHARACTER) {
            return Err(UNREADABLE.into());
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
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim();
        if email.is_empty() {
            return Err("Please enter your email address.".into());
        }
        if email.len() > EMAIL_MAX_LEN {
            return Err(format!(
                "An email address can be at most {EMAIL_MAX_LEN} characters."
            ));
        }
        if email.contains(char::REPLACEMENT_CHARACTER) {
            return Err(UNREADABLE.into());
        }
        if !email_address::EmailAddress::is_valid(email) || !email.contains('@') {
            return Err("Please enter a valid email address, like name@example.com.".into());
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

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            Name::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert!(Name::parse("   ").is_err());
        assert!(Name::parse(&"я".repeat(100)).is_ok());
        assert!(Name::parse(&"я".repeat(101)).is_err());
        assert!(Name::parse("Ada\u{0}").is_err());
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
        let long = format!("{}@example.com", "a".repeat(243));
        assert_eq!(long.len(), 255);
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn every_field_error_is_reported() {
        let errors = validate("", "nope").unwrap_err();
        assert!(errors.get("name").is_some() && errors.get("email").is_some());
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
