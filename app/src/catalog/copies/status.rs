//! A copy's status: the one-letter code the database stores, the word its URLs use, and the
//! label people read. The copy list's filter and the copy form parse it here, nowhere else.
use crate::{
    error::AppError,
    i18n::{key, Msg},
};
use serde::{Deserialize, Serialize};

/// Where a copy is (Django's `LOAN_STATUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CopyStatus {
    Available,
    OnLoan,
    Maintenance,
    Reserved,
}

impl CopyStatus {
    /// Every status, in the order the filter lists them.
    pub const ALL: [CopyStatus; 4] = [
        CopyStatus::Available,
        CopyStatus::OnLoan,
        CopyStatus::Maintenance,
        CopyStatus::Reserved,
    ];

    /// The statuses a librarian may give a copy by editing it: the others belong to a loan
    /// (ended only by "Mark returned") or a hold.
    pub const SETTABLE: [CopyStatus; 2] = [CopyStatus::Available, CopyStatus::Maintenance];

    /// The code in `book_instances.status`.
    pub const fn code(self) -> &'static str {
        match self {
            CopyStatus::Available => "a",
            CopyStatus::OnLoan => "o",
            CopyStatus::Maintenance => "d",
            CopyStatus::Reserved => "r",
        }
    }

    /// The word in `?status=` and in form fields.
    pub const fn slug(self) -> &'static str {
        match self {
            CopyStatus::Available => "available",
            CopyStatus::OnLoan => "on-loan",
            CopyStatus::Maintenance => "maintenance",
            CopyStatus::Reserved => "reserved",
        }
    }

    /// The catalogue key of its label ("On loan").
    pub fn label(self) -> &'static str {
        match self {
            CopyStatus::Available => key("catalog-status-available"),
            CopyStatus::OnLoan => key("catalog-status-on-loan"),
            CopyStatus::Maintenance => key("catalog-status-maintenance"),
            CopyStatus::Reserved => key("catalog-status-reserved"),
        }
    }

    /// The status stored as `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status a URL or form names with `slug`.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// The copy list's `?status=`: nothing, empty or `all` for every copy, otherwise one status.
/// Anything else is a bad request (never silently "all").
pub fn parse_filter(raw: Option<&str>) -> Result<Option<CopyStatus>, AppError> {
    match raw.map(str::trim) {
        None | Some("") | Some("all") => Ok(None),
        Some(slug) => CopyStatus::from_slug(slug)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest(Msg::new("catalog-no-such-status"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_slugs_go_both_ways() {
        for status in CopyStatus::ALL {
            assert_eq!(CopyStatus::from_code(status.code()), Some(status));
            assert_eq!(CopyStatus::from_slug(status.slug()), Some(status));
        }
        assert_eq!(CopyStatus::from_code("x"), None);
        assert_eq!(CopyStatus::from_slug("a"), None, "codes are not slugs");
    }

    #[test]
    fn the_filter_takes_all_or_one_status_and_refuses_the_rest() {
        assert_eq!(parse_filter(None), Ok(None));
        assert_eq!(parse_filter(Some("")), Ok(None));
        assert_eq!(parse_filter(Some("all")), Ok(None));
        assert_eq!(parse_filter(Some("on-loan")), Ok(Some(CopyStatus::OnLoan)));
        for bad in ["o", "ON-LOAN", "lost", "available;drop", "all "] {
            let result = parse_filter(Some(bad));
            if bad == "all " {
                assert_eq!(result, Ok(None), "spaces around are forgiven");
            } else {
                assert!(matches!(result, Err(AppError::BadRequest(_))), "{bad}");
            }
        }
    }
}
