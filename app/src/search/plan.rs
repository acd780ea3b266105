//! A query as the engines see it: each typed word's terms, looked up in the shared vocabulary
//! in one statement, so both databases expand a query to the same terms and a word no record
//! holds in any form ends the search before an index is read.
use super::{
    analyze::stem,
    query::{typed_words, Plan, QueryWord, MAX_PREFIX_TERMS, MAX_TYPO_TERMS, MIN_PREFIX_CHARS},
    typos::{deletion_keys, within_one_edit, MIN_TYPO_WORD_CHARS},
};
use crate::server::db::Pool;

/// What one typed word asks of the vocabulary.
struct Wanted {
    folded: String,
    stemmed: String,
    /// The stem and the folded spelling (the index holds stems; "карамазов" is the stem of
    /// "Карамазовы" and also a word whose own stem is shorter).
    candidates: Vec<String>,
}

/// Plans a search for `text` (already trimmed), or `None` when it holds no word.
pub async fn plan(pool: &Pool, text: &str) -> Result<Option<Plan>, sqlx::Error> {
    let wanted: Vec<Wanted> = typed_words(text)
        .into_iter()
        .map(|folded| {
            let stemmed = stem(&folded);
            let mut candidates = vec![stemmed.clone()];
            if folded != stemmed {
                candidates.push(folded.clone());
            }
            Wanted {
                folded,
                stemmed,
                candidates,
            }
        })
        .collect();
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut words = vec![QueryWord::default(); wanted.len()];
    for (tag, term) in lookup(pool, &wanted).await? {
        let (kind, word) = tag.split_at(1);
        let Some(word) = word.parse::<usize>().ok().and_then(|w| words.get_mut(w)) else {
            continue;
        };
        let list = match kind {
            "e" => &mut word.exact,
            "p" => &mut word.prefix,
            _ => &mut word.typo,
        };
        if !list.contains(&term) {
            list.push(term);
        }
    }
    for (word, asked) in words.iter_mut().zip(&wanted) {
        word.exact.sort();
        word.prefix.retain(|t| !asked.candidates.contains(t));
        word.prefix.sort();
        word.prefix.truncate(MAX_PREFIX_TERMS as usize);
        let taken: Vec<String> = word.exact.iter().chain(&word.prefix).cloned().collect();
        word.typo.retain(|t| {
            !taken.contains(t) && t != &asked.stemmed && within_one_edit(t, &asked.stemmed)
        });
        word.typo.sort();
        word.typo.truncate(MAX_TYPO_TERMS);
    }
    Ok(Some(Plan { words }))
}

/// Every vocabulary term the words may stand for, tagged `e3` (exact, word 3), `p3` (word 3
/// begins it) or `t3` (one edit from word 3), in one statement.
async fn lookup(pool: &Pool, wanted: &[Wanted]) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut parts = Vec::new();
    let mut binds: Vec<String> = Vec::new();
    let next = |value: String, binds: &mut Vec<String>| {
        binds.push(value);
        format!("${}", binds.len())
    };
    for (w, asked) in wanted.iter().enumerate() {
        let exact: Vec<String> = asked
            .candidates
            .iter()
            .map(|c| next(c.clone(), &mut binds))
            .collect();
        parts.push(format!(
            "SELECT 'e{w}' AS tag, term FROM search_terms WHERE term IN ({})",
            exact.join(", ")
        ));
        if asked.folded.chars().count() >= MIN_PREFIX_CHARS {
            for (n, start) in asked.candidates.iter().enumerate() {
                // Every term beginning with `start` sorts between it and it followed by the
                // highest code point (`search_terms` is in byte order on both databases).
                let (from, to) = (
                    next(start.clone(), &mut binds),
                    next(format!("{start}\u{10FFFF}"), &mut binds),
                );
                parts.push(format!(
                    "SELECT 'p{w}' AS tag, term FROM (SELECT term FROM search_terms \
                     WHERE term > {from} AND term < {to} ORDER BY term LIMIT {MAX_PREFIX_TERMS}) AS p{w}_{n}"
                ));
            }
        }
        if asked.folded.chars().count() >= MIN_TYPO_WORD_CHARS {
            let keys: Vec<String> = deletion_keys(&asked.stemmed)
                .into_iter()
                .map(|k| next(k, &mut binds))
                .collect();
            parts.push(format!(
                "SELECT 't{w}' AS tag, term FROM (SELECT DISTINCT term FROM search_typos \
                 WHERE variant IN ({})) AS t{w}",
                keys.join(", ")
            ));
        }
    }
    let sql = parts.join(" UNION ALL ");
    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
    for value in &binds {
        query = query.bind(value.as_str());
    }
    query.fetch_all(pool).await
}
