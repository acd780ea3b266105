//! PostgreSQL's engine: an inverted index in plain tables. A postings table has one row per
//! term a record holds, with the bits of the fields that hold it; its index on
//! `(term, id) INCLUDE (fields)` answers every question a search asks by an index-only scan.
//! A tier's first page reads its first entries in id order and stops, and a count reads one
//! index range per term without visiting the table.
//!
//! This replaced a `tsvector` per record under a GIN index: a bitmap heap scan visited every
//! matching row, 4.5 ms to count a 7 000-book match at 100 000 books (BENCHMARKS.md, "Search").
use super::{
    binds::Binds,
    query::{Plan, QueryWord},
    selection::{Field, Index, Matching, Selection},
};

/// The bits of `fields`.
fn mask(fields: &[Field]) -> i16 {
    fields.iter().fold(0, |mask, field| mask | field.bit)
}

/// A condition on the postings row `alias`: one of `terms`, in one of `matching`'s fields
/// (any field, when the matching takes every field of `index`: no filter to test).
fn holds(
    index: &Index,
    alias: &str,
    word: &QueryWord,
    matching: &Matching,
    binds: &mut Binds,
) -> String {
    let terms: Vec<String> = word
        .terms_up_to(matching.kind)
        .map(|term| binds.text(term.as_str()))
        .collect();
    if terms.is_empty() {
        return "FALSE".into();
    }
    let terms = format!("{alias}.term IN ({})", terms.join(", "));
    let every_field: Vec<Field> = index.ranks.iter().flat_map(|r| r.iter().copied()).collect();
    let wanted = mask(&matching.fields);
    if wanted == mask(&every_field) {
        terms
    } else {
        format!("{terms} AND ({alias}.fields & {wanted}) <> 0")
    }
}

/// A condition on the record of postings row `p`: it holds `word` as `matching` asks.
fn has_word(index: &Index, word: &QueryWord, matching: &Matching, binds: &mut Binds) -> String {
    format!(
        "EXISTS (SELECT 1 FROM {table} q WHERE q.{id} = p.{id} AND {})",
        holds(index, "q", word, matching, binds),
        table = index.pg_table,
        id = index.pg_id,
    )
}

/// `FROM … WHERE …` giving, as `p`, the postings of the first word of each record
/// `selection` selects; and whether a record may have more than one (the first word stands
/// for several terms), so that its id needs `DISTINCT`.
fn from_where(
    index: &Index,
    plan: &Plan,
    selection: Selection,
    binds: &mut Binds,
) -> (String, bool) {
    let table = index.pg_table;
    let Some((first, rest)) = plan.words.split_first() else {
        return (format!("FROM {table} p WHERE FALSE"), false);
    };
    let take = selection.take;
    let mut conditions = vec![holds(index, "p", first, take, binds)];
    for word in rest {
        conditions.push(has_word(index, word, take, binds));
    }
    for skip in selection.skip {
        let mut all = Vec::new();
        for word in &plan.words {
            all.push(has_word(index, word, skip, binds));
        }
        conditions.push(format!("NOT ({})", all.join(" AND ")));
    }
    let repeats = first.terms_up_to(take.kind).nth(1).is_some();
    (
        format!("FROM {table} p WHERE {}", conditions.join(" AND ")),
        repeats,
    )
}

/// The one term `selection` asks for in any field, when that is all it asks: its count of
/// records is kept in `search_terms` (migration 0016).
fn lone_term<'p>(index: &Index, plan: &'p Plan, selection: Selection) -> Option<&'p str> {
    let [word] = plan.words.as_slice() else {
        return None;
    };
    let mut terms = word.terms_up_to(selection.take.kind);
    let (Some(term), None) = (terms.next(), terms.next()) else {
        return None;
    };
    let every_field: Vec<Field> = index.ranks.iter().flat_map(|r| r.iter().copied()).collect();
    (selection.skip.is_empty() && mask(&selection.take.fields) == mask(&every_field))
        .then_some(term.as_str())
}

/// A statement counting the records `selection` selects.
pub fn count_sql(index: &Index, plan: &Plan, selection: Selection, binds: &mut Binds) -> String {
    if let Some(term) = lone_term(index, plan, selection) {
        return format!(
            "SELECT COALESCE((SELECT {} FROM search_terms WHERE term = {}), 0)",
            index.pg_count,
            binds.text(term)
        );
    }
    let (from_where, repeats) = from_where(index, plan, selection, binds);
    if repeats {
        format!("SELECT COUNT(DISTINCT p.{}) {from_where}", index.pg_id)
    } else {
        format!("SELECT COUNT(*) {from_where}")
    }
}

/// A statement reading the ids `selection` selects in id order, `limit` after `offset`.
///
/// The limit (at most a page) is written into the statement, not bound: PostgreSQL plans a
/// prepared statement afresh on each run while its generic plan looks dearer than the custom
/// ones, and with the limit a parameter it prices the generic plan as if a tenth of the
/// matches were read. Planning the first page cost 0.25 ms; reading it, 0.06 ms.
pub fn ids_sql(
    index: &Index,
    plan: &Plan,
    selection: Selection,
    (limit, offset): (i64, i64),
    binds: &mut Binds,
) -> String {
    let (from_where, repeats) = from_where(index, plan, selection, binds);
    let distinct = if repeats { "DISTINCT " } else { "" };
    format!(
        "SELECT {distinct}p.{id} {from_where} ORDER BY p.{id} LIMIT {limit} OFFSET {}",
        binds.int(offset),
        id = index.pg_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{
        binds::Bind,
        query::Kind,
        selection::{AUTHOR, BOOKS, ISBN, SUMMARY, TITLE},
    };

    fn word(exact: &[&str], typo: &[&str]) -> QueryWord {
        QueryWord {
            exact: exact.iter().map(|t| t.to_string()).collect(),
            prefix: vec![],
            typo: typo.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn titles(kind: Kind) -> Matching {
        Matching {
            fields: vec![TITLE, ISBN],
            kind,
        }
    }

    #[test]
    fn one_term_is_counted_without_distinct_and_every_term_is_bound() {
        let plan = Plan {
            words: vec![word(&["it's"], &["its"])],
        };
        let take = titles(Kind::Exact);
        let mut binds = Binds::default();
        let sql = count_sql(
            &BOOKS,
            &plan,
            Selection {
                take: &take,
                skip: &[],
            },
            &mut binds,
        );
        assert_eq!(
            sql,
            "SELECT COUNT(*) FROM book_postings p WHERE p.term IN ($1) AND (p.fields & 3) <> 0"
        );
        assert_eq!(binds.0, [Bind::Text("it's".into())]);
    }

    #[test]
    fn later_words_and_skipped_tiers_are_conditions_on_the_same_record() {
        let plan = Plan {
            words: vec![word(&["war"], &["wa"]), word(&["peac"], &[])],
        };
        let (take, skip) = (titles(Kind::Typo), [titles(Kind::Exact)]);
        let mut binds = Binds::default();
        let sql = ids_sql(
            &BOOKS,
            &plan,
            Selection {
                take: &take,
                skip: &skip,
            },
            (10, 20),
            &mut binds,
        );
        let exists = |n: &str| {
            format!(
                "EXISTS (SELECT 1 FROM book_postings q WHERE q.book_id = p.book_id AND q.term IN ({n}) AND (q.fields & 3) <> 0)"
            )
        };
        assert_eq!(
            sql,
            format!(
                "SELECT DISTINCT p.book_id FROM book_postings p WHERE p.term IN ($1, $2) AND (p.fields & 3) <> 0 \
                 AND {} AND NOT ({} AND {}) ORDER BY p.book_id LIMIT 10 OFFSET $6",
                exists("$3"),
                exists("$4"),
                exists("$5")
            )
        );
        let texts = ["war", "wa", "peac", "war", "peac"].map(|t| Bind::Text(t.into()));
        assert_eq!(binds.0[..5], texts);
        assert_eq!(binds.0[5..], [Bind::Int(20)]);
    }

    #[test]
    fn a_matching_of_every_field_tests_no_field_bits() {
        let plan = Plan {
            words: vec![word(&["war"], &["wa"])],
        };
        let take = Matching {
            fields: vec![TITLE, ISBN, AUTHOR, SUMMARY],
            kind: Kind::Typo,
        };
        let selection = Selection {
            take: &take,
            skip: &[],
        };
        let mut binds = Binds::default();
        assert_eq!(
            count_sql(&BOOKS, &plan, selection, &mut binds),
            "SELECT COUNT(DISTINCT p.book_id) FROM book_postings p WHERE p.term IN ($1, $2)"
        );
    }

    #[test]
    fn one_term_in_every_field_is_counted_from_the_vocabulary() {
        let plan = Plan {
            words: vec![word(&["war"], &["wa"])],
        };
        let every = Matching {
            fields: vec![TITLE, ISBN, AUTHOR, SUMMARY],
            kind: Kind::Exact,
        };
        let mut binds = Binds::default();
        let everything = Selection {
            take: &every,
            skip: &[],
        };
        assert_eq!(
            count_sql(&BOOKS, &plan, everything, &mut binds),
            "SELECT COALESCE((SELECT book_count FROM search_terms WHERE term = $1), 0)"
        );
        assert_eq!(binds.0, [Bind::Text("war".into())]);
        // Not when the selection leaves a tier out, or asks for some fields, or for two words.
        let titles_first = [titles(Kind::Exact)];
        let rest = Selection {
            take: &every,
            skip: &titles_first,
        };
        let some = titles(Kind::Exact);
        let in_titles = Selection {
            take: &some,
            skip: &[],
        };
        let two_words = Plan {
            words: vec![word(&["war"], &[]), word(&["peac"], &[])],
        };
        for (plan, selection) in [(&plan, rest), (&plan, in_titles), (&two_words, everything)] {
            let sql = count_sql(&BOOKS, plan, selection, &mut Binds::default());
            assert!(
                sql.starts_with("SELECT COUNT(*) FROM book_postings"),
                "{sql}"
            );
        }
    }

    #[test]
    fn a_word_without_terms_selects_nothing() {
        let plan = Plan {
            words: vec![QueryWord::default()],
        };
        let take = titles(Kind::Typo);
        let mut binds = Binds::default();
        let selection = Selection {
            take: &take,
            skip: &[],
        };
        assert!(count_sql(&BOOKS, &plan, selection, &mut binds).ends_with("WHERE FALSE"));
        let empty = Plan::default();
        assert!(count_sql(&BOOKS, &empty, selection, &mut binds).ends_with("WHERE FALSE"));
        assert!(binds.0.is_empty());
    }
}
