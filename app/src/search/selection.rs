//! What a search selects, in terms both engines share: an index's fields from the best place
//! to match to the worst, a tier's [`Matching`], and a [`Selection`] (a tier without what the
//! tiers before it took).

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
    /// The column of `search_terms` counting the records that hold each term.
    pub pg_count: &'static str,
    /// Ranked fields: a match in an earlier group ranks first.
    pub ranks: &'static [&'static [Field]],
}

/// Books: title (and ISBN) before author before summary.
pub const BOOKS: Index = Index {
    fts_table: "book_fts",
    pg_table: "book_postings",
    pg_id: "book_id",
    pg_count: "book_count",
    ranks: &[&[TITLE, ISBN], &[AUTHOR], &[SUMMARY]],
};

/// Authors, by name.
pub const AUTHORS: Index = Index {
    fts_table: "author_fts",
    pg_table: "author_postings",
    pg_id: "author_id",
    pg_count: "author_count",
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
