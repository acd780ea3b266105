//! The real catalog bundled with the project (`data/catalog.json`), loaded into an empty database.
use super::{is_valid_isbn13, upsert_names, SeedError};
use app::server::db::Pool;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use time::{Date, Duration, OffsetDateTime};

/// The bundled catalog, compiled into the binary so it starts from any directory.
pub const BUNDLED_CATALOG: &str = include_str!("../../../data/catalog.json");

/// The catalog file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub genres: Vec<String>,
    pub languages: Vec<String>,
    pub authors: Vec<AuthorEntry>,
    pub books: Vec<BookEntry>,
}

/// An author; `key` is how books refer to them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorEntry {
    pub key: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub date_of_death: Option<String>,
}

/// A book with how many copies the library holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookEntry {
    pub title: String,
    pub author: String,
    pub isbn: String,
    pub language: String,
    pub genres: Vec<String>,
    pub imprint: String,
    pub copies: u8,
    pub summary: String,
}

impl CatalogFile {
    /// Parses and checks a catalog: every reference resolves, dates and ISBNs are valid.
    pub fn parse(json: &str) -> Result<Self, SeedError> {
        let file: CatalogFile =
            serde_json::from_str(json).map_err(|e| SeedError::Invalid(e.to_string()))?;
        file.validate()?;
        Ok(file)
    }

    fn validate(&self) -> Result<(), SeedError> {
        let invalid = |msg: String| Err(SeedError::Invalid(msg));
        let genres: HashSet<_> = self.genres.iter().collect();
        let languages: HashSet<_> = self.languages.iter().collect();
        let mut authors = HashSet::new();
        for author in &self.authors {
            if !authors.insert(&author.key) {
                return invalid(format!("author key {:?} appears twice", author.key));
            }
            for date in [&author.date_of_birth, &author.date_of_death]
                .into_iter()
                .flatten()
            {
                if parse_date(date).is_none() {
                    return invalid(format!("author {:?} has a bad date {date:?}", author.key));
                }
            }
        }
        let mut isbns = HashSet::new();
        for book in &self.books {
            if !authors.contains(&book.author) {
                return invalid(format!(
                    "book {:?} names unknown author {:?}",
                    book.title, book.author
                ));
            }
            if !languages.contains(&book.language) {
                return invalid(format!(
                    "book {:?} names unknown language {:?}",
                    book.title, book.language
                ));
            }
            if let Some(genre) = book.genres.iter().find(|g| !genres.contains(g)) {
                return invalid(format!(
                    "book {:?} names unknown genre {genre:?}",
                    book.title
                ));
            }
            if !is_valid_isbn13(&book.isbn) || !isbns.insert(&book.isbn) {
                return invalid(format!(
                    "book {:?} has a bad or repeated ISBN {:?}",
                    book.title, book.isbn
                ));
            }
        }
        Ok(())
    }
}

fn parse_date(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format).ok()
}

/// Loads the bundled catalog if the database has no books yet. Returns whether it did.
pub async fn seed_bundled_if_empty(pool: &Pool) -> Result<bool, SeedError> {
    let books: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM books")
        .fetch_one(pool)
        .await?;
    if books > 0 {
        return Ok(false);
    }
    let catalog = CatalogFile::parse(BUNDLED_CATALOG)?;
    load(pool, &catalog).await?;
    tracing::info!(
        books = catalog.books.len(),
        authors = catalog.authors.len(),
        "seeded the bundled catalog"
    );
    Ok(true)
}

/// The status of the `n`th copy of the `book`th book: a fixed, varied mix. No copy is seeded
/// reserved: a reserved copy is kept for a member's hold, and the seed places none.
fn copy_status(book: usize, n: usize) -> char {
    ['a', 'o', 'a', 'd', 'd', 'a', 'o'][(book * 3 + n) % 7]
}

/// Inserts a whole catalog in one transaction.
pub async fn load(pool: &Pool, catalog: &CatalogFile) -> Result<(), SeedError> {
    let mut tx = pool.begin().await?;
    let genre_names: Vec<&str> = catalog.genres.iter().map(String::as_str).collect();
    let genre_ids: HashMap<&str, i64> = genre_names
        .iter()
        .copied()
        .zip(upsert_names(&mut tx, "genres", &genre_names).await?)
        .collect();
    let language_names: Vec<&str> = catalog.languages.iter().map(String::as_str).collect();
    let language_ids: HashMap<&str, i64> = language_names
        .iter()
        .copied()
        .zip(upsert_names(&mut tx, "languages", &language_names).await?)
        .collect();
    let mut author_ids = HashMap::new();
    for author in &catalog.authors {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO authors (first_name, last_name, date_of_birth, date_of_death) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&author.first_name)
        .bind(&author.last_name)
        .bind(&author.date_of_birth)
        .bind(&author.date_of_death)
        .fetch_one(&mut *tx)
        .await?;
        author_ids.insert(author.key.as_str(), id);
    }
    let today = OffsetDateTime::now_utc().date();
    for (index, book) in catalog.books.iter().enumerate() {
        let book_id: i64 = sqlx::query_scalar(
            "INSERT INTO books (title, author_id, summary, isbn, language_id) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&book.title)
        .bind(author_ids[book.author.as_str()])
        .bind(&book.summary)
        .bind(&book.isbn)
        .bind(language_ids[book.language.as_str()])
        .fetch_one(&mut *tx)
        .await?;
        for genre in &book.genres {
            sqlx::query("INSERT INTO book_genres (book_id, genre_id) VALUES ($1, $2)")
                .bind(book_id)
                .bind(genre_ids[genre.as_str()])
                .execute(&mut *tx)
                .await?;
        }
        for n in 0..usize::from(book.copies) {
            let status = copy_status(index, n);
            let due_back = matches!(status, 'o' | 'r').then(|| {
                (today + Duration::days(((index * 5 + n * 3) % 28 + 1) as i64)).to_string()
            });
            sqlx::query("INSERT INTO book_instances (id, book_id, imprint, due_back, status) VALUES ($1, $2, $3, $4, $5)")
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(book_id)
                .bind(&book.imprint)
                .bind(due_back)
                .bind(status.to_string())
                .execute(&mut *tx)
                .await?;
        }
    }
    app::search::rebuild::rebuild(&mut tx, &mut |_| {}).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalog_is_big_enough_and_valid() {
        let catalog = CatalogFile::parse(BUNDLED_CATALOG).unwrap();
        assert!(catalog.books.len() >= 60, "{} books", catalog.books.len());
        assert!(
            catalog.authors.len() >= 30,
            "{} authors",
            catalog.authors.len()
        );
        assert!(catalog.books.iter().all(|b| b.copies >= 2));
    }

    #[test]
    fn copies_get_mixed_statuses_but_none_reserved() {
        let statuses: HashSet<char> = (0..5)
            .flat_map(|b| (0..3).map(move |n| copy_status(b, n)))
            .collect();
        // Available, on loan, maintenance; reserved only ever for a member's hold.
        assert_eq!(statuses, HashSet::from(['a', 'o', 'd']));
    }

    fn minimal(book_author: &str, isbn: &str, date: &str) -> String {
        format!(
            r#"{{"genres":["Fantasy"],"languages":["English"],
            "authors":[{{"key":"a","first_name":"A","last_name":"B","date_of_birth":"{date}","date_of_death":null}}],
            "books":[{{"title":"T","author":"{book_author}","isbn":"{isbn}","language":"English",
                       "genres":["Fantasy"],"imprint":"I","copies":2,"summary":"S"}}]}}"#
        )
    }

    #[test]
    fn parser_accepts_a_minimal_catalog() {
        assert!(CatalogFile::parse(&minimal("a", "9780306406157", "1900-01-01")).is_ok());
    }

    #[test]
    fn parser_rejects_broken_references_and_values() {
        for (author, isbn, date) in [
            ("nobody", "9780306406157", "1900-01-01"),
            ("a", "9780306406158", "1900-01-01"),
            ("a", "9780306406157", "1900-13-01"),
        ] {
            let err = CatalogFile::parse(&minimal(author, isbn, date)).unwrap_err();
            assert!(matches!(err, SeedError::Invalid(_)), "{err}");
        }
        assert!(CatalogFile::parse("{").is_err());
        assert!(CatalogFile::parse(
            r#"{"genres":[],"languages":[],"authors":[],"books":[],"extra":1}"#
        )
        .is_err());
    }

    #[tokio::test]
    async fn seeds_once_into_an_empty_database() {
        let dir = tempfile::tempdir().unwrap();
        let pool =
            crate::db::connect_for_test(&format!("sqlite://{}/t.db", dir.path().display())).await;
        crate::db::migrate(&pool).await.unwrap();
        assert!(seed_bundled_if_empty(&pool).await.unwrap());
        assert!(!seed_bundled_if_empty(&pool).await.unwrap());
        let counts = app::catalog::counts::ssr::counts(&pool).await.unwrap();
        assert!(counts.books >= 60 && counts.authors >= 30);
        assert!(counts.copies > counts.copies_available && counts.copies_available > 0);
    }
}
