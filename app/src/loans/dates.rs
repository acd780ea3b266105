//! Loan dates, checked by the same code in the browser (as the librarian types) and on the
//! server: the tutorial's `RenewBookForm` rules. Dates are ISO `YYYY-MM-DD`, counted as days
//! since 1970-01-01 so no date library has to ship in the WASM.
use crate::i18n::Msg;

/// A new loan, and the renewal form's default, run this many days.
pub const DEFAULT_LOAN_DAYS: i64 = 21;
/// A due date may be at most this many days ahead.
pub const MAX_LOAN_DAYS: i64 = 28;

/// Days since 1970-01-01 of a valid `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` of a day count.
pub fn format_date(days: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A due date for a loan or renewal made on `today`: not in the past, at most four weeks ahead.
/// The error is the message to show next to the date field.
pub fn check_due_date(text: &str, today: i64) -> Result<i64, Msg> {
    let day = parse_date(text).ok_or_else(|| Msg::new("loans-date-format"))?;
    if day < today {
        return Err(Msg::new("loans-date-in-past"));
    }
    if day > today + MAX_LOAN_DAYS {
        return Err(Msg::new("loans-date-too-far").with("weeks", MAX_LOAN_DAYS / 7));
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(format_date(19_782), "2024-02-29");
        for day in [-700_000, -1, 0, 59, 60, 20_000, 2_000_000] {
            assert_eq!(parse_date(&format_date(day)), Some(day), "{day}");
        }
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "24-01-01",
            "2024-1-1",
            "x",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn renewals_follow_the_tutorials_bounds() {
        let today = parse_date("2026-11-25").unwrap();
        assert_eq!(
            check_due_date("2026-11-24", today),
            Err(Msg::new("loans-date-in-past"))
        );
        assert_eq!(check_due_date("2026-11-25", today), Ok(today));
        assert_eq!(check_due_date("2026-12-23", today), Ok(today + 28));
        assert_eq!(
            check_due_date("2026-12-24", today),
            Err(Msg::new("loans-date-too-far").with("weeks", 4))
        );
        assert_eq!(
            check_due_date("soon", today),
            Err(Msg::new("loans-date-format"))
        );
    }

    #[test]
    fn due_date_messages_read_as_before_in_english() {
        let (en, ru) = (Lang::En, Lang::Ru);
        let today = parse_date("2026-11-25").unwrap();
        let message = |text: &str, lang| check_due_date(text, today).unwrap_err().text(lang);
        assert_eq!(message("2026-11-24", en), "Invalid date - renewal in past");
        assert_eq!(
            message("2026-12-24", en),
            "Invalid date - renewal more than 4 weeks ahead"
        );
        assert_eq!(message("soon", en), "Enter a date as YYYY-MM-DD.");
        assert!(message("2026-12-24", ru).contains("4 недели"));
    }
}
