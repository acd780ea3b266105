//! The made-up names, titles and ISBNs of a synthetic catalog: deterministic, so a seed of
//! the same size always gives the same catalog.
use super::isbn13_check_digit;

pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina", "Hugo", "Irina", "Jonas",
    "Katya", "Lev", "Marta", "Nikolai", "Olga", "Pavel", "Quentin", "Rosa", "Sergei", "Tatiana",
];
pub(super) const LAST_NAMES: &[&str] = &[
    "Abramova",
    "Belov",
    "Chernova",
    "Dvorak",
    "Eriksen",
    "Fischer",
    "Gromov",
    "Horvath",
    "Ivanova",
    "Jansen",
    "Kovacs",
    "Lindqvist",
    "Morozov",
    "Novak",
    "Orlova",
    "Petrov",
    "Quist",
    "Romanova",
    "Sokolov",
    "Tarasova",
];
pub(super) const ADJECTIVES: &[&str] = &[
    "Silent",
    "Golden",
    "Forgotten",
    "Northern",
    "Hidden",
    "Last",
    "Burning",
    "Winter",
    "Distant",
    "Broken",
    "Secret",
    "Crimson",
    "Quiet",
    "Endless",
    "Тихий",
    "Дальний",
];
pub(super) const NOUNS: &[&str] = &[
    "River",
    "Garden",
    "Library",
    "Station",
    "Harbour",
    "Mountain",
    "Letter",
    "Orchard",
    "Empire",
    "Lighthouse",
    "Archive",
    "Voyage",
    "Сад",
    "Город",
];
pub(super) const GENRES: &[&str] = &[
    "Fiction",
    "Science fiction",
    "Mystery",
    "Fantasy",
    "History",
    "Poetry",
];
pub(super) const LANGUAGES: &[&str] = &["English", "Russian", "French", "German", "Spanish"];

/// The first name of synthetic author `i`.
pub(super) fn author_first_name(i: u64) -> &'static str {
    FIRST_NAMES[(i % FIRST_NAMES.len() as u64) as usize]
}

/// A last name unique to author `i`.
pub(super) fn author_last_name(i: u64) -> String {
    format!(
        "{} {}",
        LAST_NAMES[((i / FIRST_NAMES.len() as u64) % LAST_NAMES.len() as u64) as usize],
        i
    )
}

/// The title of synthetic book `i`.
pub(super) fn synthetic_title(i: u64) -> String {
    let adjective = ADJECTIVES[(i % ADJECTIVES.len() as u64) as usize];
    let noun = NOUNS[((i / ADJECTIVES.len() as u64) % NOUNS.len() as u64) as usize];
    format!("The {adjective} {noun} {}", i + 1)
}

/// A unique, checksum-valid ISBN in the 979-1 range the bundled catalog does not use.
pub(super) fn synthetic_isbn(book_id: u64) -> String {
    let first12 = format!("9791{:08}", book_id % 100_000_000);
    let check = isbn13_check_digit(&first12);
    format!("{first12}{check}")
}
