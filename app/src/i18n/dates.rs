//! Dates as each language writes them: `November 25, 2026` / `25 ноября 2026 г.`. Month names
//! and the date pattern come from the catalogues (`dates.ftl`).
use super::{catalogue, msg::key, Arg, Lang};

/// The catalogue keys of the month names as a date uses them (Russian needs the genitive).
pub const MONTH_KEYS: [&str; 12] = [
    key("date-month-1"),
    key("date-month-2"),
    key("date-month-3"),
    key("date-month-4"),
    key("date-month-5"),
    key("date-month-6"),
    key("date-month-7"),
    key("date-month-8"),
    key("date-month-9"),
    key("date-month-10"),
    key("date-month-11"),
    key("date-month-12"),
];

/// An ISO date (`YYYY-MM-DD`, as the catalog stores dates) in `lang`'s long form; anything
/// else is shown as stored.
pub fn long_date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match (
        year.parse::<i64>(),
        month.parse::<usize>(),
        day.parse::<i64>(),
    ) {
        (Ok(year), Ok(m @ 1..=12), Ok(day @ 1..=31)) => {
            let month = Arg::Text(catalogue::text(lang, MONTH_KEYS[m - 1]));
            // Years are not numbers to Fluent here: "2026", never "2,026".
            let year = Arg::Text(year.to_string());
            catalogue::text_with(
                lang,
                "date-long",
                &[("day", &Arg::Int(day)), ("month", &month), ("year", &year)],
            )
        }
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_each_language_writes_them() {
        assert_eq!(long_date(Lang::En, "2026-11-25"), "November 25, 2026");
        assert_eq!(long_date(Lang::Ru, "2026-11-25"), "25 ноября 2026 г.");
        assert_eq!(long_date(Lang::Ru, "1828-09-09"), "9 сентября 1828 г.");
        assert_eq!(long_date(Lang::En, "1828-09-09"), "September 9, 1828");
        assert_eq!(long_date(Lang::Ru, "2024-03-01"), "1 марта 2024 г.");
    }

    #[test]
    fn anything_else_is_shown_as_stored() {
        for junk in ["garbage", "2026-13-01", "2026-00-10", "", "2026-11"] {
            assert_eq!(long_date(Lang::Ru, junk), junk);
        }
    }
}
