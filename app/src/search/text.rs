//! What a visitor typed, cleaned for a search; and the `LIKE` pattern the members' search uses.

/// The longest search the server accepts; longer input is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 100;

/// Cleans what a visitor typed: control characters dropped (no title holds one, and
/// PostgreSQL text cannot hold NUL), trimmed, at most [`MAX_QUERY_CHARS`], `None` when empty.
pub fn normalize_query(raw: Option<&str>) -> Option<String> {
    let visible: String = raw?.chars().filter(|c| !c.is_control()).collect();
    let trimmed = visible.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(
        trimmed
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect::<String>()
            .to_lowercase(),
    )
}

/// A `LIKE … ESCAPE '\'` pattern matching `query` anywhere, with `%`, `_` and `\` taken literally.
pub fn like_pattern(query: &str) -> String {
    let mut pattern = String::with_capacity(query.len() + 2);
    pattern.push('%');
    for c in query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_trimmed_capped_and_lowercased() {
        assert_eq!(normalize_query(None), None);
        assert_eq!(normalize_query(Some("   ")), None);
        assert_eq!(normalize_query(Some("\0")), None);
        assert_eq!(normalize_query(Some("war\0 and\n")), Some("war and".into()));
        assert_eq!(
            normalize_query(Some("  ДОСТОЕВСКИЙ ")),
            Some("достоевский".into())
        );
        assert_eq!(
            normalize_query(Some(&"a".repeat(500))).unwrap().len(),
            MAX_QUERY_CHARS
        );
    }

    #[test]
    fn wildcards_are_literal() {
        assert_eq!(like_pattern("100%_\\"), "%100\\%\\_\\\\%");
        assert_eq!(
            like_pattern("\"; DROP TABLE books"),
            "%\"; DROP TABLE books%"
        );
    }
}
