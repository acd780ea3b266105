//! Every reason `backup` or `restore` stops, each worded for the operator who has to act on it.
use std::path::PathBuf;

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// `DATABASE_URL` is PostgreSQL: its own tools do the job.
    #[error(
        "DATABASE_URL points to PostgreSQL ({url}); `locallibrary {command}` only handles SQLite \
         files. Use PostgreSQL's tools instead:\n  {advice}"
    )]
    Postgres {
        /// The database URL without its password.
        url: String,
        /// `backup` or `restore`.
        command: &'static str,
        /// The pg_dump / pg_restore command line to run.
        advice: String,
    },
    /// An in-memory SQLite database has no file to copy.
    #[error("DATABASE_URL {url} is an in-memory SQLite database: there is no file to {command}")]
    InMemory { url: String, command: &'static str },
    /// `DATABASE_URL` could not be read as an SQLite URL.
    #[error("DATABASE_URL {url:?} cannot be used: {source}")]
    BadUrl { url: String, source: sqlx::Error },
    /// The database to back up is not there.
    #[error("there is no database at {} to back up (check DATABASE_URL)", .path.display())]
    NoDatabase { path: PathBuf },
    /// Backups never overwrite a file.
    #[error("{} already exists: choose a new file name (backup never overwrites a file)", .path.display())]
    FileExists { path: PathBuf },
    /// The folder the file should go into is missing.
    #[error("the folder {} does not exist", .path.display())]
    NoFolder { path: PathBuf },
    /// The file to restore is missing.
    #[error("{} does not exist", .path.display())]
    NotFound { path: PathBuf },
    /// A folder was given where a file was expected.
    #[error("{} is a folder, not a database file", .path.display())]
    IsFolder { path: PathBuf },
    /// SQLite takes the file name as UTF-8 text.
    #[error("{} is not valid UTF-8: choose a plainer file name", .path.display())]
    NotUtf8 { path: PathBuf },
    /// A file operation failed; says which and on what.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file does not start with SQLite's header.
    #[error("{} is not an SQLite database", .path.display())]
    NotSqlite { path: PathBuf },
    /// SQLite found damage in the file.
    #[error("{} is damaged; SQLite's integrity check said: {report}", .path.display())]
    IntegrityFailed { path: PathBuf, report: String },
    /// An SQLite database, but not one LocalLibrary wrote.
    #[error("{} is an SQLite database but not a LocalLibrary one (it has no {missing} table)", .path.display())]
    NotLocalLibrary {
        path: PathBuf,
        missing: &'static str,
    },
    /// Written by a newer LocalLibrary: this server could not run on it.
    #[error(
        "{} has schema version {found}, newer than this binary's {supported}: restore it with \
         the LocalLibrary release that wrote it, or a later one", .path.display()
    )]
    SchemaNewer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Carries a migration this binary does not have (another branch or build).
    #[error("{} was migrated with migration {version}, which this binary does not know", .path.display())]
    UnknownMigration { path: PathBuf, version: i64 },
    /// Carries a migration whose text differs from this binary's.
    #[error("{} was migrated with a different version of migration {version} than this binary's", .path.display())]
    ChangedMigration { path: PathBuf, version: i64 },
    /// The live database is open in a server: replacing it would lose that server's writes.
    #[error("a server is using {}: stop it first, then run restore again", .path.display())]
    ServerRunning { path: PathBuf },
    /// The live database could not be opened or switched for the restore.
    #[error(
        "cannot prepare the database {} for the restore: {source} (if it is damaged, stop the \
         server, move it aside and run restore again)", .path.display()
    )]
    LiveDatabase { path: PathBuf, source: sqlx::Error },
    /// Opening the app's database failed.
    #[error(transparent)]
    Connect(#[from] crate::db::DbError),
    /// A query on a database file failed.
    #[error("reading {} failed: {source}", .path.display())]
    Query { path: PathBuf, source: sqlx::Error },
    /// SQLite could not write the copy.
    #[error("copying the database into {} failed: {source}", .path.display())]
    Vacuum { path: PathBuf, source: sqlx::Error },
}

impl BackupError {
    /// An [`BackupError::Io`] failure to `action` on `path`.
    pub(super) fn io(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| BackupError::Io {
            action,
            path,
            source,
        }
    }
}
