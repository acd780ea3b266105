//! Showing the catalog's ISO dates (`YYYY-MM-DD`) to people.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `1828-09-09` → `9 Sep 1828`; anything unexpected is shown as stored.
pub fn human_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match (month.parse::<usize>(), day.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {year}", MONTHS[m - 1]),
        _ => iso.to_string(),
    }
}

/// An author's life span: `(9 Sep 1828 – 20 Nov 1910)`, `(born 12 Jan 1949)` or empty.
pub fn life_span(born: Option<&str>, died: Option<&str>) -> String {
    match (born, died) {
        (Some(b), Some(d)) => format!("({} – {})", human_date(b), human_date(d)),
        (Some(b), None) => format!("(born {})", human_date(b)),
        (None, Some(d)) => format!("(died {})", human_date(d)),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_and_spans() {
        assert_eq!(human_date("1828-09-09"), "9 Sep 1828");
        assert_eq!(human_date("garbage"), "garbage");
        assert_eq!(
            life_span(Some("1828-09-09"), Some("1910-11-20")),
            "(9 Sep 1828 – 20 Nov 1910)"
        );
        assert_eq!(life_span(Some("1949-01-12"), None), "(born 12 Jan 1949)");
        assert_eq!(life_span(None, None), "");
    }
}
