//! A query's words, and the terms that stand for each: pure, so the fuzz target runs it too.
use super::analyze::{compact_isbn, fold, is_stopword, words, MAX_WORD_CHARS};

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
    /// Those of the word's stem and folded spelling that some record holds.
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
    /// The kinds this query can match by, best first: from the first at which every word
    /// has a term, then each that gives some word more. None when a word matches nothing.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut kinds = Vec::new();
        for kind in [Kind::Exact, Kind::Prefix, Kind::Typo] {
            let possible = self
                .words
                .iter()
                .all(|w| w.terms_up_to(kind).next().is_some());
            let adds = self.words.iter().any(|w| match kind {
                Kind::Exact => !w.exact.is_empty(),
                Kind::Prefix => !w.prefix.is_empty(),
                Kind::Typo => !w.typo.is_empty(),
            });
            if possible && (kinds.is_empty() || adds) {
                kinds.push(kind);
            }
        }
        kinds
    }

    /// Every term any word may match by: what result pages mark.
    pub fn all_terms(&self) -> impl Iterator<Item = &String> {
        self.words.iter().flat_map(|w| w.terms_up_to(Kind::Typo))
    }
}

/// The words of a query, folded (letters and digits only), without stopwords (unless nothing else is left), or an ISBN.
pub fn typed_words(text: &str) -> Vec<String> {
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
    fn a_query_matches_by_the_kinds_every_word_has() {
        let word = |exact: &[&str], prefix: &[&str], typo: &[&str]| QueryWord {
            exact: exact.iter().map(|t| t.to_string()).collect(),
            prefix: prefix.iter().map(|t| t.to_string()).collect(),
            typo: typo.iter().map(|t| t.to_string()).collect(),
        };
        let plan = |words| Plan { words };
        assert_eq!(plan(vec![word(&["a"], &[], &[])]).kinds(), [Kind::Exact]);
        assert_eq!(
            plan(vec![word(&["a"], &[], &["b"]), word(&[], &["c"], &[])]).kinds(),
            [Kind::Prefix, Kind::Typo]
        );
        assert!(plan(vec![word(&["a"], &[], &[]), word(&[], &[], &[])])
            .kinds()
            .is_empty());
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
