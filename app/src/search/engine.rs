//! The two engines behind one interface: SQLite's FTS5 (`fts5.rs`) and, on PostgreSQL, an
//! inverted index in plain tables (`postings.rs`). Both hold the terms of `analyze`, so a
//! [`Selection`] built from a [`Plan`] selects the same rows on either.
//!
//! Query text never reaches SQL: every term is a bound parameter (on SQLite, inside the FTS5
//! expression that is itself one parameter, each term is quoted).
use super::{
    binds::Binds,
    fts5, postings,
    query::Plan,
    selection::{Index, Selection},
};
use crate::server::db::Dialect;

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
