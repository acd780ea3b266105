//! Showing the catalog's ISO dates (`YYYY-MM-DD`) to people, in their language.
use crate::i18n::{dates::long_date, use_lang, Lang, Msg};

/// `1828-09-09` → `September 9, 1828` / `9 сентября 1828 г.`; anything unexpected is shown
/// as stored.
pub fn human_date(lang: Lang, iso: &str) -> String {
    long_date(lang, iso)
}

/// An ISO date as reactive text in the page's language (it changes on a language switch).
pub fn date_text(iso: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || human_date(lang.get(), &iso)
}

/// An author's life span: `(September 9, 1828 – November 20, 1910)`, `(born January 12,
/// 1949)`, `(died …)` or empty.
pub fn life_span(lang: Lang, born: Option<&str>, died: Option<&str>) -> String {
    let msg = match (born, died) {
        (Some(b), Some(d)) => Msg::new("catalog-life-span")
            .with("born", human_date(lang, b))
            .with("died", human_date(lang, d)),
        (Some(b), None) => Msg::new("catalog-life-born").with("born", human_date(lang, b)),
        (None, Some(d)) => Msg::new("catalog-life-died").with("died", human_date(lang, d)),
        (None, None) => return String::new(),
    };
    msg.text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_and_spans_in_english() {
        assert_eq!(human_date(Lang::En, "1828-09-09"), "September 9, 1828");
        assert_eq!(human_date(Lang::En, "garbage"), "garbage");
        assert_eq!(
            life_span(Lang::En, Some("1828-09-09"), Some("1910-11-20")),
            "(September 9, 1828 – November 20, 1910)"
        );
        assert_eq!(
            life_span(Lang::En, Some("1949-01-12"), None),
            "(born January 12, 1949)"
        );
        assert_eq!(
            life_span(Lang::En, None, Some("1910-11-20")),
            "(died November 20, 1910)"
        );
        assert_eq!(life_span(Lang::En, None, None), "");
    }

    #[test]
    fn formats_dates_and_spans_in_russian() {
        assert_eq!(human_date(Lang::Ru, "1828-09-09"), "9 сентября 1828 г.");
        assert_eq!(human_date(Lang::Ru, "garbage"), "garbage");
        assert_eq!(
            life_span(Lang::Ru, Some("1828-09-09"), Some("1910-11-20")),
            "(9 сентября 1828 г. – 20 ноября 1910 г.)"
        );
        assert_eq!(
            life_span(Lang::Ru, Some("1949-01-12"), None),
            "(род. 12 января 1949 г.)"
        );
        assert_eq!(
            life_span(Lang::Ru, None, Some("1910-11-20")),
            "(ум. 20 ноября 1910 г.)"
        );
        assert_eq!(life_span(Lang::Ru, None, None), "");
    }
}
