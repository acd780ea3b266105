//! `locallibrary backup FILE` and `locallibrary restore FILE` for the SQLite database; on
//! PostgreSQL both point the operator to `pg_dump` / `pg_restore`.
//!
//! `copy` writes the backup (`VACUUM INTO`, with `progress`), `restore` installs one after
//! `inspect` has checked it (against the binary's migrations in `schema`); `files` holds the
//! temporary-file-and-rename handling they share.
use crate::config::{redact_url, Config};
use sqlx::sqlite::SqliteConnectOptions;
use std::{
    path::{Path, PathBuf},
    str::FromStr,
};

mod copy;
mod error;
mod files;
mod inspect;
mod progress;
mod restore;
mod schema;

pub use error::BackupError;

/// Writes a consistent copy of the database to `file`; returns what to tell the operator.
pub async fn backup(config: &Config, file: &Path) -> Result<String, BackupError> {
    let database = sqlite_file(config, "backup", file)?;
    copy::backup(config, &database, file).await
}

/// Checks `file` and makes it the database; returns what to tell the operator.
pub async fn restore(config: &Config, file: &Path) -> Result<String, BackupError> {
    let database = sqlite_file(config, "restore", file)?;
    restore::restore(&database, file).await
}

/// The SQLite database file of `DATABASE_URL`, or why `command` cannot work on it.
fn sqlite_file(
    config: &Config,
    command: &'static str,
    file: &Path,
) -> Result<PathBuf, BackupError> {
    let url = config.database_url.as_str();
    if !url.starts_with("sqlite:") {
        // "$DATABASE_URL" rather than the URL itself: the line can be pasted as it is, and the
        // password is never printed.
        let file = shell_quote(&file.display().to_string());
        let advice = match command {
            "backup" => format!("pg_dump -Fc --file={file} \"$DATABASE_URL\""),
            _ => format!(
                "pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" {file}\n  \
                 (stop the servers first; see docs/operations/backup.md)"
            ),
        };
        return Err(BackupError::Postgres {
            url: redact_url(url),
            command,
            advice,
        });
    }
    let options = SqliteConnectOptions::from_str(url).map_err(|source| BackupError::BadUrl {
        url: url.to_string(),
        source,
    })?;
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Err(BackupError::InMemory {
            url: url.to_string(),
            command,
        });
    }
    Ok(options.get_filename().to_path_buf())
}

/// `text` as one shell word.
fn shell_quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> Config {
        Config::from_lookup(|key| (key == "DATABASE_URL").then(|| url.to_string())).unwrap()
    }

    #[test]
    fn postgres_gets_pg_dump_advice_without_the_password() {
        let config = config("postgres://app:secret@db.example/library");
        let err = sqlite_file(&config, "backup", Path::new("/srv/my backup.dump")).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("pg_dump -Fc --file='/srv/my backup.dump' \"$DATABASE_URL\""),
            "{message}"
        );
        assert!(message.contains("db.example/library"), "{message}");
        assert!(!message.contains("secret"), "{message}");
        let err = sqlite_file(&config, "restore", Path::new("x.dump")).unwrap_err();
        assert!(
            err.to_string()
                .contains("pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" x.dump"),
            "{err}"
        );
    }

    #[test]
    fn sqlite_urls_give_their_file() {
        let path = sqlite_file(&config("sqlite://data/lib.db"), "backup", Path::new("x")).unwrap();
        assert_eq!(path, Path::new("data/lib.db"));
        let err = sqlite_file(&config("sqlite::memory:"), "backup", Path::new("x")).unwrap_err();
        assert!(matches!(err, BackupError::InMemory { .. }), "{err}");
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_quote("backups/lib-2024.db"), "backups/lib-2024.db");
        assert_eq!(shell_quote("it's here"), r"'it'\''s here'");
    }
}
