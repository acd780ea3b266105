//! Checks that a file is a sound LocalLibrary database this binary can run on, without writing
//! to it or next to it.
use super::{
    schema::{self, Migration, Mismatch},
    BackupError,
};
use sqlx::{sqlite::SqliteConnectOptions, Connection, SqliteConnection};
use std::{
    io::Read,
    path::{Path, PathBuf},
};

/// The first bytes of every SQLite 3 database.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The length of SQLite's file header.
const HEADER_LEN: usize = 100;

/// What a checked database holds, for the operator's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    /// Books in the catalog.
    pub books: i64,
    /// Its latest migration.
    pub schema_version: i64,
}

/// What the first 100 bytes of a file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// Plausibly a whole SQLite database.
    Sound,
    /// Not an SQLite file at all.
    NotSqlite,
    /// An SQLite file cut short: `expected` bytes by its header, `actual` on disk.
    Truncated { expected: u64, actual: u64 },
}

/// Judges a file by its `header` bytes (up to 100) and its length `len`.
pub fn judge_header(header: &[u8], len: u64) -> Header {
    if !header.starts_with(MAGIC) {
        return Header::NotSqlite;
    }
    if header.len() < HEADER_LEN {
        return Header::Truncated {
            expected: HEADER_LEN as u64,
            actual: len,
        };
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Header::NotSqlite,
    };
    // The page count at offset 28 is only kept up to date when the change counter (24) equals
    // the version-valid-for number (92); older writers leave it stale.
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let valid = header[24..28] == header[92..96] && pages > 0;
    let expected = pages * page_size;
    if valid && len < expected {
        Header::Truncated {
            expected,
            actual: len,
        }
    } else {
        Header::Sound
    }
}

/// Fails unless `path` is a readable regular file that starts like a whole SQLite database.
pub fn check_file(path: &Path) -> Result<(), BackupError> {
    let meta = std::fs::metadata(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => BackupError::NotFound {
            path: path.to_path_buf(),
        },
        _ => BackupError::io("read", path)(err),
    })?;
    if meta.is_dir() {
        return Err(BackupError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut header))
        .map_err(BackupError::io("read", path))?;
    match judge_header(&header, meta.len()) {
        Header::Sound => Ok(()),
        Header::NotSqlite => Err(BackupError::NotSqlite {
            path: path.to_path_buf(),
        }),
        Header::Truncated { expected, actual } => Err(BackupError::IntegrityFailed {
            path: path.to_path_buf(),
            report: format!("the file is truncated: {actual} bytes of {expected}"),
        }),
    }
}

/// Runs SQLite's integrity check on the database at `path`, then checks it is a LocalLibrary
/// database this binary can run on. Errors name `shown_as` (the operator's file, when `path` is
/// a copy of it).
pub async fn check_database(path: &Path, shown_as: &Path) -> Result<Contents, BackupError> {
    let shown = || shown_as.to_path_buf();
    let damaged = |err: sqlx::Error| BackupError::IntegrityFailed {
        path: shown(),
        report: match err.as_database_error() {
            Some(db) => db.message().to_string(),
            None => err.to_string(),
        },
    };
    // Immutable: no locks and no `-wal`/`-shm` files, so exactly the bytes in the file are read.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(damaged)?;
    let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check(10)")
        .fetch_all(&mut conn)
        .await
        .map_err(damaged)?;
    if report != ["ok"] {
        return Err(BackupError::IntegrityFailed {
            path: shown(),
            report: report.join("; "),
        });
    }
    let query = |source| BackupError::Query {
        path: shown(),
        source,
    };
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name IN ('_sqlx_migrations', 'books')",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(query)?;
    for missing in ["_sqlx_migrations", "books"] {
        if !tables.iter().any(|t| t == missing) {
            return Err(BackupError::NotLocalLibrary {
                path: shown(),
                missing,
            });
        }
    }
    let applied: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(query)?;
    let applied: Vec<Migration> = applied
        .into_iter()
        .map(|(version, checksum)| Migration { version, checksum })
        .collect();
    let schema_version = schema_version(&applied, shown())?;
    let books: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM books")
        .fetch_one(&mut conn)
        .await
        .map_err(query)?;
    let _ = conn.close().await;
    Ok(Contents {
        books,
        schema_version,
    })
}

/// The number of books in the database file at `path`, if it has a catalog.
pub async fn count_books(path: &Path) -> Option<i64> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let mut conn = SqliteConnection::connect_with(&options).await.ok()?;
    let books = sqlx::query_scalar("SELECT COUNT(*) FROM books")
        .fetch_one(&mut conn)
        .await
        .ok();
    let _ = conn.close().await;
    books
}

/// The database's schema version, if this binary can run on it.
fn schema_version(applied: &[Migration], path: PathBuf) -> Result<i64, BackupError> {
    match schema::compare(applied, &schema::binary_migrations()) {
        Ok(Some(version)) => Ok(version),
        Ok(None) => Err(BackupError::NotLocalLibrary {
            path,
            missing: "applied migration in its _sqlx_migrations",
        }),
        Err(Mismatch::Newer { found, supported }) => Err(BackupError::SchemaNewer {
            path,
            found,
            supported,
        }),
        Err(Mismatch::Unknown { version }) => Err(BackupError::UnknownMigration { path, version }),
        Err(Mismatch::Changed { version }) => Err(BackupError::ChangedMigration { path, version }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(page_size: u16, pages: u32, valid: bool) -> Vec<u8> {
        let mut h = vec![0u8; HEADER_LEN];
        h[..16].copy_from_slice(MAGIC);
        h[16..18].copy_from_slice(&page_size.to_be_bytes());
        h[24..28].copy_from_slice(&7u32.to_be_bytes());
        h[28..32].copy_from_slice(&pages.to_be_bytes());
        h[92..96].copy_from_slice(&(if valid { 7u32 } else { 6 }).to_be_bytes());
        h
    }

    #[test]
    fn whole_files_are_sound() {
        assert_eq!(judge_header(&header(4096, 10, true), 40960), Header::Sound);
        // A stale page count proves nothing either way.
        assert_eq!(judge_header(&header(4096, 10, false), 4096), Header::Sound);
        assert_eq!(judge_header(&header(1, 2, true), 131072), Header::Sound);
    }

    #[test]
    fn short_files_are_truncated() {
        assert_eq!(
            judge_header(&header(4096, 10, true), 8192),
            Header::Truncated {
                expected: 40960,
                actual: 8192
            }
        );
        assert_eq!(
            judge_header(&MAGIC[..], 16),
            Header::Truncated {
                expected: 100,
                actual: 16
            }
        );
    }

    #[test]
    fn other_files_are_not_sqlite() {
        assert_eq!(judge_header(b"hello, world\n", 13), Header::NotSqlite);
        assert_eq!(judge_header(b"", 0), Header::NotSqlite);
        assert_eq!(
            judge_header(&header(1000, 10, true), 10000),
            Header::NotSqlite
        );
    }
}
