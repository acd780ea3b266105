//! What a copy must be before it is saved; pure, so the server and the fuzz target check alike.
use crate::{catalog::copies::CopyStatus, i18n::Msg};

/// The longest imprint (the database checks it too).
pub const MAX_IMPRINT_CHARS: usize = 200;

/// An imprint: 1–200 characters after trimming, no control characters.
pub fn check_imprint(imprint: &str) -> Result<String, Msg> {
    let imprint = imprint.trim();
    if imprint.is_empty() {
        return Err(Msg::new("editing-copy-imprint-empty"));
    }
    if imprint.chars().count() > MAX_IMPRINT_CHARS {
        return Err(Msg::new("editing-copy-imprint-too-long").with("max", MAX_IMPRINT_CHARS));
    }
    if imprint.chars().any(char::is_control) {
        return Err(Msg::new("editing-copy-imprint-control"));
    }
    Ok(imprint.to_string())
}

/// A status the form may set: "available" or "maintenance" (a loan or a hold is never set by
/// editing).
pub fn check_status(slug: &str) -> Result<CopyStatus, Msg> {
    CopyStatus::from_slug(slug.trim())
        .filter(|status| CopyStatus::SETTABLE.contains(status))
        .ok_or_else(|| Msg::new("editing-choose-from-list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imprints_are_trimmed_and_bounded() {
        assert_eq!(
            check_imprint("  Gollancz, 2016 ").unwrap(),
            "Gollancz, 2016"
        );
        assert_eq!(
            check_imprint("   ").unwrap_err().key,
            "editing-copy-imprint-empty"
        );
        assert!(
            check_imprint(&"я".repeat(200)).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            check_imprint(&"я".repeat(201)).unwrap_err().key,
            "editing-copy-imprint-too-long"
        );
        assert_eq!(
            check_imprint("a\u{0}b").unwrap_err().key,
            "editing-copy-imprint-control"
        );
    }

    #[test]
    fn only_available_and_maintenance_can_be_chosen() {
        assert_eq!(check_status("available"), Ok(CopyStatus::Available));
        assert_eq!(check_status("maintenance"), Ok(CopyStatus::Maintenance));
        for refused in ["on-loan", "reserved", "a", "", "Available"] {
            assert!(check_status(refused).is_err(), "{refused}");
        }
    }
}
