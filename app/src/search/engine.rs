//! The two engines behind one interface: SQLite's FTS5 and PostgreSQL's full-text search. Both
//! hold the terms of `analyze` (FTS5 with its `ascii` tokenizer, which leaves them whole;
//! PostgreSQL as `tsvector` lexemes tagged by field, `t.hobbit`, built here rather than parsed),
//! so a match expression built from a [`Plan`] selects the same rows on either.
//!
//! Query text never reaches SQL: an expression is bound as one parameter, and inside it each
//! term is quoted (terms hold only letters and digits, and quotes are doubled regardless).
use super::query::Plan;
use crate::server::db::Dialect;

/// A field of a search index: its FTS5 column and its PostgreSQL lexeme tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub column: &'static str,
    pub tag: &'static str,
}

pub const TITLE: Field = Field {
    column: "title",
    tag: "t",
};
pub const ISBN: Field = Field {
    column: "isbn",
    tag: "i",
};
pub const AUTHOR: Field = Field {
    column: "author",
    tag: "a",
};
pub const SUMMARY: Field = Field {
    column: "summary",
    tag: "s",
};
pub const NAME: Field = Field {
    column: "name",
    tag: "n",
};

/// One search index: its tables, and its fields from the best place to match to the worst.
#[derive(Debug)]
pub struct Index {
    /// The FTS5 table (rowid = the record's id).
    pub fts_table: &'static str,
    /// The PostgreSQL table of `(id column, document tsvector)`.
    pub pg_table: &'static str,
    pub pg_id: &'static str,
    /// Ranked fields: a match in an earlier group ranks first.
    pub ranks: &'static [&'static [Field]],
}

/// Books: title (and ISBN) before author before summary.
pub const BOOKS: Index = Index {
    fts_table: "book_fts",
    pg_table: "book_search",
    pg_id: "book_id",
    ranks: &[&[TITLE, ISBN], &[AUTHOR], &[SUMMARY]],
};

/// Authors, by name.
pub const AUTHORS: Index = Index {
    fts_table: "author_fts",
    pg_table: "author_search",
    pg_id: "author_id",
    ranks: &[&[NAME]],
};

/// Which rows a tier (or the whole search) takes: each word matched in one of `fields`
/// by a term of at most `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub fields: Vec<Field>,
    pub kind: super::query::Kind,
}

/// `term` quoted for an FTS5 expression.
fn fts_quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// `tag.term` quoted as a PostgreSQL tsquery or tsvector lexeme.
pub fn pg_lexeme(tag: &str, term: &str) -> String {
    format!("'{tag}.{}'", term.replace('\\', "\\\\").replace('\'', "''"))
}

impl Index {
    /// How many fields the index has.
    pub fn field_count(&self) -> usize {
        self.ranks.iter().map(|rank| rank.len()).sum()
    }
}

/// The expression selecting `matching`'s rows of `index`.
pub fn expression(dialect: Dialect, index: &Index, plan: &Plan, matching: &Matching) -> String {
    // FTS5 reads no column lists for an expression without a column filter.
    let every_field = matching.fields.len() == index.field_count();
    let per_word = plan.words.iter().map(|word| {
        let terms: Vec<&String> = word.terms_up_to(matching.kind).collect();
        match dialect {
            Dialect::Sqlite => {
                let columns: Vec<&str> = matching.fields.iter().map(|f| f.column).collect();
                let alternatives: Vec<String> = terms.iter().map(|t| fts_quoted(t)).collect();
                if every_field {
                    format!("({})", alternatives.join(" OR "))
                } else {
                    format!(
                        "{{{}}} : ({})",
                        columns.join(" "),
                        alternatives.join(" OR ")
                    )
                }
            }
            Dialect::Postgres => {
                let alternatives: Vec<String> = terms
                    .iter()
                    .flat_map(|t| matching.fields.iter().map(|f| pg_lexeme(f.tag, t)))
                    .collect();
                format!("({})", alternatives.join(" | "))
            }
        }
    });
    let joiner = match dialect {
        Dialect::Sqlite => " AND ",
        Dialect::Postgres => " & ",
    };
    per_word.collect::<Vec<_>>().join(joiner)
}

/// The rows of `take` that none of `skip` selects.
pub fn excluding(dialect: Dialect, take: String, skip: &[String]) -> String {
    if skip.is_empty() {
        return take;
    }
    let skip: Vec<String> = skip.iter().map(|s| format!("({s})")).collect();
    match dialect {
        Dialect::Sqlite => format!("({take}) NOT ({})", skip.join(" OR ")),
        Dialect::Postgres => format!("({take}) & !({})", skip.join(" | ")),
    }
}

/// Counts the rows an expression (bound as `param`, such as `$1`) selects.
pub fn count_sql(dialect: Dialect, index: &Index, param: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!(
            "SELECT COUNT(*) FROM {0} WHERE {0} MATCH {param}",
            index.fts_table
        ),
        Dialect::Postgres => format!(
            "SELECT COUNT(*) FROM {} WHERE document @@ {param}::tsquery",
            index.pg_table
        ),
    }
}

/// The ids an expression (`$1`) selects, in id order, `$2` of them after skipping `$3`.
pub fn ids_sql(dialect: Dialect, index: &Index) -> String {
    match dialect {
        Dialect::Sqlite => format!(
            "SELECT rowid FROM {0} WHERE {0} MATCH $1 ORDER BY rowid LIMIT $2 OFFSET $3",
            index.fts_table
        ),
        // The inner OFFSET 0 keeps the planner on the GIN index: left alone, it may walk the
        // primary key in order and test every row, which for a tier with few matches is a
        // scan of the whole table (45 ms instead of 0.3 at 100 000 books).
        Dialect::Postgres => format!(
            "SELECT {0} FROM (SELECT {0} FROM {1} WHERE document @@ $1::tsquery OFFSET 0) AS m \
             ORDER BY {0} LIMIT $2 OFFSET $3",
            index.pg_id, index.pg_table
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::{Kind, QueryWord};

    fn plan() -> Plan {
        Plan {
            words: vec![
                QueryWord {
                    exact: vec!["hobbit".into()],
                    prefix: vec![],
                    typo: vec!["habbit".into()],
                },
                QueryWord {
                    exact: vec!["say\"s".into()],
                    prefix: vec!["it's".into()],
                    typo: vec![],
                },
            ],
        }
    }

    #[test]
    fn sqlite_expressions_quote_every_term() {
        let matching = Matching {
            fields: vec![TITLE, ISBN],
            kind: Kind::Typo,
        };
        assert_eq!(
            expression(Dialect::Sqlite, &BOOKS, &plan(), &matching),
            "{title isbn} : (\"hobbit\" OR \"habbit\") AND {title isbn} : (\"say\"\"s\" OR \"it's\")"
        );
    }

    #[test]
    fn postgres_expressions_tag_and_quote_every_term() {
        let matching = Matching {
            fields: vec![AUTHOR],
            kind: Kind::Exact,
        };
        assert_eq!(
            expression(Dialect::Postgres, &BOOKS, &plan(), &matching),
            "('a.hobbit') & ('a.say\"s')"
        );
        assert_eq!(pg_lexeme("t", "it's\\"), "'t.it''s\\\\'");
        assert_eq!(
            excluding(Dialect::Postgres, "a".into(), &["b".into(), "c".into()]),
            "(a) & !((b) | (c))"
        );
        assert_eq!(excluding(Dialect::Sqlite, "a".into(), &[]), "a");
    }

    #[test]
    fn an_expression_over_every_field_has_no_column_filter() {
        let matching = Matching {
            fields: vec![TITLE, ISBN, AUTHOR, SUMMARY],
            kind: Kind::Exact,
        };
        assert_eq!(
            expression(Dialect::Sqlite, &BOOKS, &plan(), &matching),
            "(\"hobbit\") AND (\"say\"\"s\")"
        );
    }
}
