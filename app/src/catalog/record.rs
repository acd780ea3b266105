//! What every catalog record page shares: a named link target, ids from URLs, "not found".
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// A named link target (genre, language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

/// Parses a numeric id from the URL; anything else is a "not found", like an unknown id.
pub fn parse_id(raw: &str, what: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| not_found(what))
}

/// The "not found" error for a kind of record.
pub fn not_found(what: &str) -> AppError {
    AppError::NotFound(format!("There is no such {what} in the catalog."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_positive_whole_ids_name_a_record() {
        assert_eq!(parse_id("12", "book"), Ok(12));
        for bad in ["0", "-3", "abc", "", "1.5", "99999999999999999999"] {
            assert_eq!(parse_id(bad, "book"), Err(not_found("book")), "{bad:?}");
        }
    }
}
