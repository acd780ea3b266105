//! The languages the interface speaks, and how a request's `Accept-Language` picks one.
use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English, the default when nothing else decides.
    #[default]
    En,
    /// Russian, the language of the tutorial this site is built from.
    Ru,
}

impl Lang {
    /// Every language offered, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The BCP 47 code, as in `<html lang>` and the session.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language's name in itself, which is how a switch must name it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// The language a code names (`ru`, `RU`, `ru-RU`, `en-GB`…), if it is one offered.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The offered language an `Accept-Language` header prefers most, by its q-values; `None`
    /// when it names none of them (or is junk), so the caller falls back to the default.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(u16, usize, Lang)> = None;
        for (position, item) in header.split(',').take(32).enumerate() {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_code) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_quality);
            let Some(quality) = quality.filter(|q| *q > 0) else {
                continue;
            };
            // Highest q wins; among equals, the one listed first.
            if best.is_none_or(|(q, _, _)| quality > q) {
                best = Some((quality, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }
}

/// A q-value as thousandths (`0.8` → 800), or `None` when it is not a valid one.
fn parse_quality(value: &str) -> Option<u16> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_loosely_and_written_exactly() {
        assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }

    #[test]
    fn accept_language_follows_q_values() {
        assert_eq!(Lang::from_accept_language("ru"), Some(Lang::Ru));
        assert_eq!(
            Lang::from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"),
            Some(Lang::Ru)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.5, ru;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, en;q=0.3"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("en, ru"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("ru;q=0, en;q=0.1"),
            Some(Lang::En)
        );
    }

    #[test]
    fn junk_accept_language_decides_nothing() {
        for header in ["", "*", "de", "ru;q=2", "ru;q=abc", ";;;,,,", "ru;q=0.1234"] {
            assert_eq!(Lang::from_accept_language(header), None, "{header:?}");
        }
    }
}
