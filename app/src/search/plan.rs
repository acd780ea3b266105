//! A query as the engines see it: for each word typed, the terms that match it exactly, as the
//! start of a longer word, and with one typo, looked up in the shared vocabulary so both
//! databases expand a query to the same terms.
use super::{
    analyze::{compact_isbn, fold, is_stopword, stem, words, MAX_WORD_CHARS},
    typos::{deletion_keys, within_one_edit, MIN_TYPO_WORD_CHARS},
};
use crate::server::db::Pool;

/// At most this many words of a query count (a query is at most 100 characters anyway).
pub const MAX_QUERY_WORDS: usize = 10;
/// A word shorter than this matches only whole terms, not the start of longer ones.
pub const MIN_PREFIX_CHARS: usize = 3;
/// The longer terms a word may start (the first in byte order); a bound on the query's size.
pub const MAX_PREFIX_TERMS: i64 = 64;
/// The terms one typo away that a word may stand for.
pub const MAX_TYPO_TERMS: usize = 16;

/// How a term came to match a typed word; a better kind ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Exact,
    Prefix,
    Typo,
}

/// The terms that stand for one typed word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryWord {
    /// The word's stem and its folded spelling (the index holds stems; "карамазов" is the
    /// stem of "Карамазовы" and also a word whose own stem is shorter).
    pub exact: Vec<String>,
    /// Longer terms this word's stem or spelling begins.
    pub prefix: Vec<String>,
    /// Terms one edit from the stem.
    pub typo: Vec<String>,
}

impl QueryWord {
    /// The terms that match this word at `kind` or better.
    pub fn terms_up_to(&self, kind: Kind) -> impl Iterator<Item = &String> {
        let prefix = if kind >= Kind::Prefix {
            &self.prefix[..]
        } else {
            &[]
        };
        let typo = if kind >= Kind::Typo {
            &self.typo[..]
        } else {
            &[]
        };
        self.exact.iter().chain(prefix).chain(typo)
    }
}

/// A query ready for the engines: every word must match (in some field, by some kind).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub words: Vec<QueryWord>,
}

impl Plan {
    /// The kinds this query can match by beyond exact (a kind no word has adds no tier).
    pub fn kinds(&self) -> Vec<Kind> {
        let mut kinds = vec![Kind::Exact];
        if self.words.iter().any(|w| !w.prefix.is_empty()) {
            kinds.push(Kind::Prefix);
        }
        if self.words.iter().any(|w| !w.typo.is_empty()) {
            kinds.push(Kind::Typo);
        }
        kinds
    }

    /// Every term any word may match by: what result pages mark.
    pub fn all_terms(&self) -> impl Iterator<Item = &String> {
        self.words.iter().flat_map(|w| w.terms_up_to(Kind::Typo))
    }
}

/// The words of a query, folded, without stopwords (unless nothing else is left), or an ISBN.
fn typed_words(text: &str) -> Vec<String> {
    if let Some(isbn) = compact_isbn(text) {
        return vec![isbn];
    }
    let mut folded: Vec<String> = words(text)
        .iter()
        .map(|w| fold(w.text))
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
        .collect();
    if folded.iter().any(|w| !is_stopword(w)) {
        folded.retain(|w| !is_stopword(w));
    }
    folded.dedup();
    folded.truncate(MAX_QUERY_WORDS);
    folded
}

/// Plans a search for `text` (already trimmed), or `None` when it holds no word.
pub async fn plan(pool: &Pool, text: &str) -> Result<Option<Plan>, sqlx::Error> {
    let typed = typed_words(text);
    if typed.is_empty() {
        return Ok(None);
    }
    let mut plan = Plan::default();
    for folded in typed {
        let stemmed = stem(&folded);
        let mut exact = vec![stemmed.clone()];
        if folded != stemmed {
            exact.push(folded.clone());
        }
        let mut prefix = Vec::new();
        if folded.chars().count() >= MIN_PREFIX_CHARS {
            for start in &exact {
                for term in terms_starting(pool, start).await? {
                    if !exact.contains(&term) && !prefix.contains(&term) {
                        prefix.push(term);
                    }
                }
            }
            prefix.sort();
        }
        let mut typo = Vec::new();
        if folded.chars().count() >= MIN_TYPO_WORD_CHARS {
            typo = terms_near(pool, &stemmed).await?;
            typo.retain(|t| !exact.contains(t) && !prefix.contains(t));
        }
        plan.words.push(QueryWord {
            exact,
            prefix,
            typo,
        });
    }
    Ok(Some(plan))
}

/// Indexed terms longer than `start` that begin with it, the first in byte order.
async fn terms_starting(pool: &Pool, start: &str) -> Result<Vec<String>, sqlx::Error> {
    // Every term beginning with `start` sorts between it and it followed by the highest
    // code point; `search_terms` is in byte order on both databases (COLLATE "C" on PostgreSQL).
    sqlx::query_scalar(
        "SELECT term FROM search_terms WHERE term > $1 AND term < $2 ORDER BY term LIMIT $3",
    )
    .bind(start)
    .bind(format!("{start}\u{10FFFF}"))
    .bind(MAX_PREFIX_TERMS)
    .fetch_all(pool)
    .await
}

/// Indexed terms one edit from `stemmed` (not itself), in byte order.
async fn terms_near(pool: &Pool, stemmed: &str) -> Result<Vec<String>, sqlx::Error> {
    let keys = deletion_keys(stemmed);
    let placeholders: Vec<String> = (1..=keys.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT DISTINCT term FROM search_typos WHERE variant IN ({}) ORDER BY term",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for key in &keys {
        query = query.bind(key);
    }
    let mut near: Vec<String> = query
        .fetch_all(pool)
        .await?
        .into_iter()
        .filter(|term| term != stemmed && within_one_edit(term, stemmed))
        .collect();
    near.truncate(MAX_TYPO_TERMS);
    Ok(near)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_their_words_and_drop_stopwords_unless_alone() {
        assert_eq!(typed_words("The Hobbit"), ["hobbit"]);
        assert_eq!(typed_words("the"), ["the"]);
        assert_eq!(typed_words("Мёртвые  души"), ["мертвые", "души"]);
        assert_eq!(typed_words("978-0-261-10334-4"), ["9780261103344"]);
        assert_eq!(
            typed_words("\"; DROP TABLE books --"),
            ["drop", "table", "books"]
        );
        assert_eq!(typed_words("* NEAR - \"\""), ["near"]);
        assert!(typed_words("*** --- \"\"").is_empty());
        assert_eq!(typed_words(&"word ".repeat(200)).len(), 1);
        assert_eq!(
            typed_words("a b c d e f g h i j k l m").len(),
            MAX_QUERY_WORDS
        );
    }

    #[test]
    fn a_word_matches_its_terms_by_kind() {
        let word = QueryWord {
            exact: vec!["hobbit".into()],
            prefix: vec!["hobbitish".into()],
            typo: vec!["habbit".into()],
        };
        assert_eq!(word.terms_up_to(Kind::Exact).count(), 1);
        assert_eq!(word.terms_up_to(Kind::Prefix).count(), 2);
        assert_eq!(word.terms_up_to(Kind::Typo).count(), 3);
    }
}
