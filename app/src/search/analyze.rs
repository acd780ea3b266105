//! How text becomes search terms, the same way for the index and for a query, on both
//! databases: words are folded (case, accents, `ё`→`е`) and stemmed (Snowball, English or Russian by
//! the word's script), so "Mountains", "mountain" and "MOUNTAIN" are one term, as are "души" and
//! "душа". The engines index these terms as they are, with no analysis of their own.
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Bumped whenever terms change for the same text: start-up then rebuilds indexes built
/// with the older rules (see `rebuild::build_if_stale`).
pub const ANALYZER_VERSION: i64 = 1;

/// Longer words are not indexed or searched (no real word is this long; it bounds the index).
pub const MAX_WORD_CHARS: usize = 60;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// A word of a text and where it is (byte offsets), so results can mark it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub text: &'a str,
}

/// The words of `text`: runs of letters and digits (with their combining accents).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push(Word {
                    start: from,
                    text: &text[from..at],
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        found.push(Word {
            start: from,
            text: &text[from..],
        });
    }
    found
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// `word` lowercased, without accents, with `ё` as `е`. Cyrillic letters other than `ё` keep
/// their marks: `й` is a letter of its own, not an accented `и`.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        // Most words: nothing to compose, decompose or strip.
        let mut folded = word.to_ascii_lowercase();
        folded.retain(|c| c.is_ascii_alphanumeric());
        return folded;
    }
    let mut folded = String::with_capacity(word.len());
    // Composed first, so a decomposed `й` (pasted from some systems) is the letter `й`.
    for c in word.nfc().flat_map(char::to_lowercase) {
        match c {
            'ё' => folded.push('е'),
            // A word-final sigma, as `str::to_lowercase` spells it.
            'ς' => folded.push('σ'),
            c if is_cyrillic(c) => folded.push(c),
            c => folded.extend(c.nfd().filter(|d| !is_combining_mark(*d))),
        }
    }
    folded.retain(char::is_alphanumeric);
    folded
}

/// The stem of a folded word: Russian rules for Cyrillic, English for Latin, digits as they are.
pub fn stem(folded: &str) -> String {
    if folded.chars().any(is_cyrillic) {
        RUSSIAN.stem(folded).into_owned()
    } else if folded.chars().any(|c| c.is_ascii_alphabetic()) {
        ENGLISH.stem(folded).into_owned()
    } else {
        folded.to_string()
    }
}

/// The term of one word (`None` for a word too long to index).
pub fn term(word: &str) -> Option<String> {
    let folded = fold(word);
    (!folded.is_empty() && folded.chars().count() <= MAX_WORD_CHARS).then(|| stem(&folded))
}

/// The terms of a text, in order (repeats kept).
pub fn terms(text: &str) -> Vec<String> {
    words(text).iter().filter_map(|w| term(w.text)).collect()
}

/// The terms an ISBN is found by: its 13 digits, and for a 978 number its old 10-character
/// form too, whatever hyphens or spaces it was typed with.
pub fn isbn_terms(isbn: &str) -> Vec<String> {
    let Some(compact) = compact_isbn(isbn) else {
        return Vec::new();
    };
    let mut found = vec![compact.clone()];
    if compact.len() == 13 && compact.starts_with("978") {
        let body = &compact[3..12];
        let sum: u32 = body
            .chars()
            .zip((2..=10).rev())
            .map(|(d, weight)| d.to_digit(10).unwrap_or(0) * weight)
            .sum();
        let check = match (11 - sum % 11) % 11 {
            10 => 'x',
            n => char::from_digit(n, 10).unwrap_or('0'),
        };
        found.push(format!("{body}{check}"));
    }
    found
}

/// `text` as an ISBN (10 or 13 characters, digits with an optional final X, lowercased)
/// once hyphens and spaces are dropped, or `None` when it is not shaped like one.
pub fn compact_isbn(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '‐' | '–') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if !compact.is_ascii() {
        return None;
    }
    let (body, last) = compact.split_at(compact.len().checked_sub(1)?);
    let shaped = matches!(compact.len(), 10 | 13)
        && body.chars().all(|c| c.is_ascii_digit())
        && (last.chars().all(|c| c.is_ascii_digit()) || (last == "x" && compact.len() == 10));
    shaped.then_some(compact)
}

/// Words too common to narrow a search: dropped from a query that has other words.
pub fn is_stopword(folded: &str) -> bool {
    const STOPWORDS: &[&str] = &[
        "a", "an", "and", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to", "with",
        "в", "во", "и", "из", "к", "на", "не", "о", "об", "от", "по", "с", "со", "у",
    ];
    STOPWORDS.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents_but_keeps_russian_letters() {
        assert_eq!(fold("Misérables"), "miserables");
        assert_eq!(fold("Мёртвые"), "мертвые");
        assert_eq!(fold("Йошкар"), "йошкар");
        assert_eq!(fold("CAFÉ"), "cafe");
        // Decomposed input folds like precomposed.
        assert_eq!(fold("Mise\u{301}rables"), "miserables");
        assert_eq!(fold("И\u{306}ошкар"), "йошкар");
        assert_eq!(fold(&"ΟΔΥΣΣΕΥΣ".to_lowercase()), fold("ΟΔΥΣΣΕΥΣ"));
    }

    #[test]
    fn words_of_either_language_meet_their_forms() {
        assert_eq!(term("Mountains"), term("Mountain"));
        assert_eq!(term("душа"), term("души"));
        assert_eq!(term("мертвые"), term("Мёртвые"));
        assert_eq!(term("miserables"), term("Misérables"));
        assert_eq!(term("1984").as_deref(), Some("1984"));
        assert_eq!(term(&"a".repeat(61)), None);
    }

    #[test]
    fn words_split_on_punctuation_and_keep_their_place() {
        let text = "Napoleon's «War», 1812!";
        let found: Vec<_> = words(text).iter().map(|w| (w.start, w.text)).collect();
        assert_eq!(
            found,
            [(0, "Napoleon"), (9, "s"), (13, "War"), (20, "1812")]
        );
        assert_eq!(terms("The Magic Mountain"), ["the", "magic", "mountain"]);
    }

    #[test]
    fn isbns_are_found_by_every_spelling() {
        assert_eq!(
            isbn_terms("978-0-261-10334-4"),
            ["9780261103344", "0261103342"]
        );
        assert_eq!(compact_isbn("0-261-10334-2").as_deref(), Some("0261103342"));
        assert_eq!(compact_isbn("0 19 852663 x").as_deref(), Some("019852663x"));
        assert_eq!(compact_isbn("hobbit"), None);
        assert_eq!(compact_isbn("12345"), None);
        assert_eq!(compact_isbn(""), None);
        assert_eq!(compact_isbn("ЖЖ"), None);
    }
}
