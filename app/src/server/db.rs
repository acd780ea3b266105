//! The database pool type and the differences between the two databases it may talk to.
//!
//! The pool is sqlx's `Any` pool, so the same queries run on SQLite (the embedded default) and
//! PostgreSQL: they use `$1`-style placeholders, which both understand, and [`Dialect`] covers
//! the few places where the two differ.

/// The database pool type used throughout the app.
pub type Pool = sqlx::AnyPool;

/// Which database a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// What makes an ascending sort put NULLs first, as SQLite does by itself.
    pub fn nulls_first(self) -> &'static str {
        match self {
            Dialect::Postgres => " NULLS FIRST",
            Dialect::Sqlite => "",
        }
    }

    /// The dialect of `pool`, from its connection URL.
    pub fn of(pool: &Pool) -> Self {
        match pool.connect_options().database_url.scheme() {
            "postgres" | "postgresql" => Dialect::Postgres,
            _ => Dialect::Sqlite,
        }
    }
}

/// A transaction that will write, begun so that it can.
pub trait BeginWrite {
    /// On SQLite `BEGIN IMMEDIATE`: a deferred transaction that reads first cannot become a
    /// writer once another connection has committed since its read (`SQLITE_BUSY_SNAPSHOT`,
    /// answered at once, without the busy timeout's wait), so concurrent saves failed with 503;
    /// taking the write lock up front makes them wait their turn instead. PostgreSQL locks rows
    /// as it goes, so a plain `BEGIN`.
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error>>
           + Send
           + '_;
}

impl BeginWrite for Pool {
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match Dialect::of(self) {
            Dialect::Sqlite => self.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.begin().await,
        }
    }
}

/// `$1, $2, …` placeholders for `rows` rows of `columns` values each, as a VALUES list.
pub fn values_placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells: Vec<String> = (1..=columns)
                .map(|col| format!("${}", row * columns + col))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::values_placeholders;

    #[test]
    fn placeholders_number_across_rows() {
        assert_eq!(values_placeholders(2, 2), "($1, $2), ($3, $4)");
    }
}
