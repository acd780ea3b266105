//! Keeping the search indexes in step with the catalog: every edit of a book or author writes
//! its index rows in the edit's own transaction (`rebuild` builds them all at once).
use super::{
    analyze::{isbn_terms, terms},
    selection::{Field, AUTHOR, ISBN, NAME, SUMMARY, TITLE},
    typos::{deletion_keys, has_typo_entries},
};
use crate::server::db::{values_placeholders, Dialect};
use sqlx::AnyConnection;
use std::collections::{BTreeMap, BTreeSet};

/// What a book is found by.
#[derive(Debug, Clone)]
pub struct BookDoc {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub summary: String,
    pub isbn: String,
}

/// One record's index row: its id and its fields' terms.
pub(super) type Row = (i64, Vec<(Field, Vec<String>)>);

/// Rows per multi-row statement, well under either database's parameter limit.
pub(super) const BATCH: usize = 200;

/// The dialect of a connection (inside a transaction there is no pool to ask).
pub fn dialect(conn: &AnyConnection) -> Dialect {
    match conn.backend_name() {
        "PostgreSQL" => Dialect::Postgres,
        _ => Dialect::Sqlite,
    }
}

/// Rows of a PostgreSQL postings table per multi-row statement (three parameters each).
const POSTINGS_BATCH: usize = 2000;

/// A record's postings: each term it holds, with the bits of the fields holding it.
fn postings_of(fields: &[(Field, Vec<String>)]) -> BTreeMap<&str, i16> {
    let mut postings = BTreeMap::new();
    for (field, terms) in fields {
        for term in terms {
            *postings.entry(term.as_str()).or_insert(0) |= field.bit;
        }
    }
    postings
}

/// A book's fields as their terms.
pub(super) fn book_fields(doc: &BookDoc) -> Vec<(Field, Vec<String>)> {
    vec![
        (TITLE, terms(&doc.title)),
        (ISBN, isbn_terms(&doc.isbn)),
        (AUTHOR, terms(&doc.author)),
        (SUMMARY, terms(&doc.summary)),
    ]
}

/// Writes (or rewrites) the index rows of `docs`.
pub async fn write_books(conn: &mut AnyConnection, docs: &[BookDoc]) -> Result<(), sqlx::Error> {
    let rows: Vec<Row> = docs.iter().map(|d| (d.id, book_fields(d))).collect();
    write(conn, "book", &rows).await
}

/// Writes (or rewrites) the index row of an author.
pub async fn write_author(
    conn: &mut AnyConnection,
    id: i64,
    first_name: &str,
    last_name: &str,
) -> Result<(), sqlx::Error> {
    let name = terms(&format!("{first_name} {last_name}"));
    write(conn, "author", &[(id, vec![(NAME, name)])]).await
}

/// Index rows of either kind ("book" or "author"), plus their terms in the vocabulary.
async fn write(conn: &mut AnyConnection, kind: &str, rows: &[Row]) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    forget(conn, kind, &ids).await?;
    insert(conn, kind, rows).await
}

/// Adds index rows that are not there yet, plus their terms in the vocabulary.
pub(super) async fn insert(
    conn: &mut AnyConnection,
    kind: &str,
    rows: &[Row],
) -> Result<(), sqlx::Error> {
    match dialect(conn) {
        Dialect::Sqlite => insert_fts(conn, kind, rows).await?,
        Dialect::Postgres => insert_postings(conn, kind, rows).await?,
    }
    let vocabulary: BTreeSet<&String> = rows
        .iter()
        .flat_map(|(_, fields)| fields.iter().flat_map(|(_, terms)| terms))
        .collect();
    remember_terms(conn, vocabulary).await
}

/// SQLite: a row of the FTS5 table per record, a column per field.
async fn insert_fts(conn: &mut AnyConnection, kind: &str, rows: &[Row]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(BATCH) {
        let columns: Vec<&str> = chunk[0].1.iter().map(|(f, _)| f.column).collect();
        let sql = format!(
            "INSERT INTO {kind}_fts (rowid, {}) VALUES {}",
            columns.join(", "),
            values_placeholders(chunk.len(), columns.len() + 1)
        );
        let mut query = sqlx::query(&sql);
        for (id, fields) in chunk {
            query = query.bind(*id);
            for (_, terms) in fields {
                query = query.bind(terms.join(" "));
            }
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// PostgreSQL: a postings row per term of each record.
async fn insert_postings(
    conn: &mut AnyConnection,
    kind: &str,
    rows: &[Row],
) -> Result<(), sqlx::Error> {
    // Plain loops, not iterator closures: a closure's borrowed item types held across the
    // awaits below made the start-up future (which rebuilds through here) not `Send`.
    let mut postings: Vec<(&str, i64, i16)> = Vec::new();
    for (id, fields) in rows {
        for (term, bits) in postings_of(fields) {
            postings.push((term, *id, bits));
        }
    }
    for chunk in postings.chunks(POSTINGS_BATCH) {
        let sql = format!(
            "INSERT INTO {kind}_postings (term, {kind}_id, fields) VALUES {}",
            values_placeholders(chunk.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for (term, id, bits) in chunk {
            query = query.bind(*term).bind(*id).bind(*bits);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Adds terms to the vocabulary that prefixes and typos are expanded from. Terms are never
/// removed: a term no record holds any more only widens a query to a term that matches nothing.
async fn remember_terms(
    conn: &mut AnyConnection,
    terms: BTreeSet<&String>,
) -> Result<(), sqlx::Error> {
    let terms: Vec<&String> = terms.into_iter().collect();
    for chunk in terms.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO search_terms (term) VALUES {} ON CONFLICT DO NOTHING",
            values_placeholders(chunk.len(), 1)
        );
        let mut query = sqlx::query(&sql);
        for term in chunk {
            query = query.bind(term.as_str());
        }
        query.execute(&mut *conn).await?;
    }
    let keys: Vec<(String, &String)> = terms
        .iter()
        .filter(|t| has_typo_entries(t))
        .flat_map(|t| deletion_keys(t).into_iter().map(move |k| (k, *t)))
        .collect();
    for chunk in keys.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO search_typos (variant, term) VALUES {} ON CONFLICT DO NOTHING",
            values_placeholders(chunk.len(), 2)
        );
        let mut query = sqlx::query(&sql);
        for (key, term) in chunk {
            query = query.bind(key.as_str()).bind(term.as_str());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Removes the index rows of `ids` ("book" or "author" rows); a deleted record's rows go
/// with it (PostgreSQL cascades as well).
pub async fn forget(conn: &mut AnyConnection, kind: &str, ids: &[i64]) -> Result<(), sqlx::Error> {
    let (table, id) = match dialect(conn) {
        Dialect::Sqlite => (format!("{kind}_fts"), "rowid".to_string()),
        Dialect::Postgres => (format!("{kind}_postings"), format!("{kind}_id")),
    };
    for chunk in ids.chunks(BATCH) {
        let sql = format!(
            "DELETE FROM {table} WHERE {id} IN ({})",
            (1..=chunk.len())
                .map(|n| format!("${n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Rewrites the index rows of `author`'s books (after the author's name changed).
pub async fn write_books_of_author(
    conn: &mut AnyConnection,
    author: i64,
) -> Result<(), sqlx::Error> {
    let mut after = 0;
    loop {
        let docs = read_books(conn, after, Some(author)).await?;
        let Some(last) = docs.last() else { break };
        after = last.id;
        write_books(conn, &docs).await?;
    }
    Ok(())
}

/// The next books as documents, in id order after `after` (of `author` only, if given).
pub(super) async fn read_books(
    conn: &mut AnyConnection,
    after: i64,
    author: Option<i64>,
) -> Result<Vec<BookDoc>, sqlx::Error> {
    let by_author = if author.is_some() {
        " AND b.author_id = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT b.id, b.title, a.first_name, a.last_name, b.summary, b.isbn \
         FROM books b LEFT JOIN authors a ON a.id = b.author_id \
         WHERE b.id > $1{by_author} ORDER BY b.id LIMIT 1000"
    );
    let mut query =
        sqlx::query_as::<_, (i64, String, Option<String>, Option<String>, String, String)>(&sql)
            .bind(after);
    if let Some(author) = author {
        query = query.bind(author);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, first, last, summary, isbn)| BookDoc {
            id,
            title,
            author: format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default()),
            summary,
            isbn,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_in_several_fields_is_one_posting_with_their_bits() {
        let fields = vec![
            (TITLE, vec!["war".to_string(), "peac".to_string()]),
            (AUTHOR, vec!["tolstoy".to_string()]),
            (SUMMARY, vec!["war".to_string()]),
        ];
        let found: Vec<(&str, i16)> = postings_of(&fields).into_iter().collect();
        assert_eq!(found, [("peac", 1), ("tolstoy", 4), ("war", 1 | 8)]);
    }
}
