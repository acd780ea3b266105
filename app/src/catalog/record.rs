//! What every catalog record page shares: a named link target, ids from URLs, "not found",
//! the browser-tab title of a record.
use crate::{
    error::AppError,
    i18n::{tm, Msg},
};
use serde::{Deserialize, Serialize};

/// A named link target (genre, language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

/// Parses a numeric id from the URL; anything else is a "not found", like an unknown id.
/// `not_found_key` is the catalogue key of that kind of record's "There is no such … in the
/// catalog." (`key("catalog-no-such-book")`).
pub fn parse_id(raw: &str, not_found_key: &'static str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| not_found(not_found_key))
}

/// The "not found" error whose message is the catalogue key `not_found_key`.
pub fn not_found(not_found_key: &'static str) -> AppError {
    AppError::NotFound(Msg::new(not_found_key))
}

/// A record page's browser-tab title: the record's name (catalog content, not translated),
/// then the site.
pub fn record_title(name: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    tm(Msg::new("site-page-title").with("page", name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{key, Lang};

    #[test]
    fn only_positive_whole_ids_name_a_record() {
        let book = key("catalog-no-such-book");
        assert_eq!(parse_id("12", book), Ok(12));
        for bad in ["0", "-3", "abc", "", "1.5", "99999999999999999999"] {
            assert_eq!(parse_id(bad, book), Err(not_found(book)), "{bad:?}");
        }
    }

    #[test]
    fn not_found_says_which_kind_of_record() {
        let message = |k: &'static str, lang| not_found(k).message(lang);
        assert_eq!(
            message(key("catalog-no-such-book"), Lang::En),
            "There is no such book in the catalog."
        );
        assert_eq!(
            message(key("catalog-no-such-copy"), Lang::En),
            "There is no such copy in the catalog."
        );
        assert_eq!(
            message(key("catalog-no-such-author"), Lang::Ru),
            "Такого автора в каталоге нет."
        );
    }
}
