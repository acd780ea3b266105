//! The two engines behind one interface: SQLite's FTS5 (`fts5.rs`) and, on PostgreSQL, an
//! inverted index in plain tables (`postings.rs`). Both hold the terms of `analyze`, so a
//! [`Selection`] built from a [`Plan`] selects the same rows on either.
//!
//! Query text never reaches SQL: every term is a bound parameter (on SQLite, inside the FTS5
//! expression that is itself one parameter, each term is quoted).
use super::{fts5, postings, query::Plan};
use crate::server::db::Dialect;
use sqlx::{any::AnyArguments, Any};

/// A field of a search index: its FTS5 column and its bit in a PostgreSQL posting's `fields`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub column: &'static str,
    pub bit: i16,
}

pub const TITLE: Field = Field {
    column: "title",
    bit: 1,
};
pub const ISBN: Field = Field {
    column: "isbn",
    bit: 2,
};
pub const AUTHOR: Field = Field {
    column: "author",
    bit: 4,
};
pub const SUMMARY: Field = Field {
    column: "summary",
    bit: 8,
};
pub const NAME: Field = Field {
    column: "name",
    bit: 1,
};

/// One search index: its tables, and its fields from the best place to match to the worst.
#[derive(Debug)]
pub struct Index {
    /// The FTS5 table (rowid = the record's id).
    pub fts_table: &'static str,
    /// The PostgreSQL postings table: `(term, <id column>, fields)`, one row per term a
    /// record holds, `fields` the bits of the fields that hold it.
    pub pg_table: &'static str,
    pub pg_id: &'static str,
    /// Ranked fields: a match in an earlier group ranks first.
    pub ranks: &'static [&'static [Field]],
}

/// Books: title (and ISBN) before author before summary.
pub const BOOKS: Index = Index {
    fts_table: "book_fts",
    pg_table: "book_postings",
    pg_id: "book_id",
    ranks: &[&[TITLE, ISBN], &[AUTHOR], &[SUMMARY]],
};

/// Authors, by name.
pub const AUTHORS: Index = Index {
    fts_table: "author_fts",
    pg_table: "author_postings",
    pg_id: "author_id",
    ranks: &[&[NAME]],
};

impl Index {
    /// How many fields the index has.
    pub fn field_count(&self) -> usize {
        self.ranks.iter().map(|rank| rank.len()).sum()
    }
}

/// Which rows a tier (or the whole search) takes: each word matched in one of `fields`
/// by a term of at most `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub fields: Vec<Field>,
    pub kind: super::query::Kind,
}

/// The rows `take` matches that none of `skip` matches: a tier without what earlier tiers took.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub take: &'a Matching,
    pub skip: &'a [Matching],
}

/// One value bound to a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// A statement's bound values in order: each `push` names its parameter (`$1`, `$2`, …).
#[derive(Debug, Default)]
pub struct Binds(pub Vec<Bind>);

impl Binds {
    /// Binds `value` and returns its parameter.
    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.push(Bind::Text(value.into()))
    }

    /// Binds `value` and returns its parameter.
    pub fn int(&mut self, value: i64) -> String {
        self.push(Bind::Int(value))
    }

    fn push(&mut self, bind: Bind) -> String {
        self.0.push(bind);
        format!("${}", self.0.len())
    }
}

/// Binding every value of a [`Binds`] to a statement, whichever kind of query it is.
pub trait BindAll: Sized {
    fn bind_all(self, binds: Binds) -> Self;
}

impl<'q> BindAll for sqlx::query::Query<'q, Any, AnyArguments<'q>> {
    fn bind_all(mut self, binds: Binds) -> Self {
        for bind in binds.0 {
            self = match bind {
                Bind::Text(text) => self.bind(text),
                Bind::Int(int) => self.bind(int),
            };
        }
        self
    }
}

impl<'q, O> BindAll for sqlx::query::QueryAs<'q, Any, O, AnyArguments<'q>> {
    fn bind_all(mut self, binds: Binds) -> Self {
        for bind in binds.0 {
            self = match bind {
                Bind::Text(text) => self.bind(text),
                Bind::Int(int) => self.bind(int),
            };
        }
        self
    }
}

impl<'q, O> BindAll for sqlx::query::QueryScalar<'q, Any, O, AnyArguments<'q>> {
    fn bind_all(mut self, binds: Binds) -> Self {
        for bind in binds.0 {
            self = match bind {
                Bind::Text(text) => self.bind(text),
                Bind::Int(int) => self.bind(int),
            };
        }
        self
    }
}

/// A statement counting the rows `selection` selects in `index`.
pub fn count_sql(
    dialect: Dialect,
    index: &Index,
    plan: &Plan,
    selection: Selection,
    binds: &mut Binds,
) -> String {
    match dialect {
        Dialect::Sqlite => {
            let param = binds.text(fts5::selection(index, plan, selection));
            format!(
                "SELECT COUNT(*) FROM {0} WHERE {0} MATCH {param}",
                index.fts_table
            )
        }
        Dialect::Postgres => postings::count_sql(index, plan, selection, binds),
    }
}

/// A statement reading the ids `selection` selects in id order, `limit` of them after
/// skipping `offset`.
pub fn ids_sql(
    dialect: Dialect,
    index: &Index,
    plan: &Plan,
    selection: Selection,
    (limit, offset): (i64, i64),
    binds: &mut Binds,
) -> String {
    match dialect {
        Dialect::Sqlite => {
            let param = binds.text(fts5::selection(index, plan, selection));
            let (limit, offset) = (binds.int(limit), binds.int(offset));
            format!(
                "SELECT rowid FROM {0} WHERE {0} MATCH {param} ORDER BY rowid LIMIT {limit} OFFSET {offset}",
                index.fts_table
            )
        }
        Dialect::Postgres => postings::ids_sql(index, plan, selection, (limit, offset), binds),
    }
}
