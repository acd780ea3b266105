//! Filling the catalog: the bundled real catalog on first start, or a large synthetic one.
pub mod catalog_file;
pub mod members;
mod synthetic;
mod words;

pub use catalog_file::seed_bundled_if_empty;
pub use synthetic::{seed_synthetic, SyntheticSize};

/// Failures while seeding.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the catalog file is invalid: {0}")]
    Invalid(String),
    #[error("database error while seeding: {0}")]
    Db(#[from] sqlx::Error),
}

/// Ids of the named rows of a name-only table (`genres`, `languages`), inserting missing ones.
pub async fn upsert_names(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &'static str,
    names: &[&str],
) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO {table} (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"
    );
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        ids.push(
            sqlx::query_scalar(&sql)
                .bind(name)
                .fetch_one(&mut **tx)
                .await?,
        );
    }
    Ok(ids)
}

/// The ISBN-13 check digit for the first twelve digits.
pub fn isbn13_check_digit(first12: &str) -> char {
    let sum: u32 = first12
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// Whether `isbn` is thirteen digits with a correct check digit.
pub fn is_valid_isbn13(isbn: &str) -> bool {
    isbn.len() == 13
        && isbn.bytes().all(|b| b.is_ascii_digit())
        && isbn13_check_digit(&isbn[..12]) == isbn.as_bytes()[12] as char
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbn_check_digit_matches_a_known_book() {
        // The worked example usually given for ISBN-13: 978-0-306-40615-7.
        assert!(is_valid_isbn13("9780306406157"));
        assert!(!is_valid_isbn13("9780306406158"));
        assert!(!is_valid_isbn13("978030640615"));
        assert!(!is_valid_isbn13("97803064061ab"));
    }
}
