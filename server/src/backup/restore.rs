//! `restore FILE`: copy the file next to the database, check the copy, make sure no server has
//! the database open, keep the old database under a new name, and rename the copy into place.
use super::{
    files::{self, PartialFile},
    inspect, schema, BackupError,
};
use sqlx::{sqlite::SqliteConnectOptions, Connection, SqliteConnection};
use std::{
    os::unix::fs::DirBuilderExt,
    path::{Path, PathBuf},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

/// How long the in-use check waits for the database; leaving WAL mode does not wait anyway.
const IN_USE_TIMEOUT: Duration = Duration::from_millis(200);

/// The files SQLite keeps next to a database, which belong to it and move with it.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Replaces the SQLite database at `database` with a checked copy of `file`.
pub async fn restore(database: &Path, file: &Path) -> Result<String, BackupError> {
    inspect::check_file(file)?;
    let folder = files::folder_of(database);
    if !folder.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&folder)
            .map_err(BackupError::io("create the database folder", &folder))?;
    }
    // The copy is what gets checked: what is installed is exactly what passed.
    let (partial, mut copy) = PartialFile::create_next_to(database)?;
    let mut source = std::fs::File::open(file).map_err(BackupError::io("read", file))?;
    std::io::copy(&mut source, &mut copy).map_err(BackupError::io("copy", file))?;
    drop(copy);
    partial.sync()?;
    let contents = inspect::check_database(partial.path(), file).await?;

    let kept = match std::fs::symlink_metadata(database) {
        Ok(_) => {
            ensure_not_in_use(database).await?;
            Some(keep_old(database)?)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            // A log left by a database moved away by hand would be replayed into the restored
            // one at its first open: it goes aside too, with the same name a kept copy's gets.
            keep_side_files(database, &files::with_suffix(database, ".stray"))?;
            None
        }
        Err(err) => return Err(BackupError::io("read", database)(err)),
    };
    partial.put_in_place(database)?;

    let mut message = format!(
        "restored {} ({} books, schema version {}) to {}",
        file.display(),
        contents.books,
        contents.schema_version,
        database.display()
    );
    let latest = schema::binary_migrations()
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    if contents.schema_version < latest {
        message.push_str(&format!(
            "; the server will migrate it to schema version {latest} when it starts"
        ));
    }
    match kept {
        Some(kept) => message.push_str(&format!(
            "\nthe previous database is kept as {}",
            kept.display()
        )),
        None => message.push_str(" (there was no database there before)"),
    }
    Ok(message)
}

/// Fails if another connection (a running server) has the database open.
///
/// Leaving WAL mode needs the only connection to the database, so SQLite refuses it at once
/// while a server holds one; it also folds the WAL into the database file, so the old database
/// is whole in one file afterwards.
async fn ensure_not_in_use(database: &Path) -> Result<(), BackupError> {
    let in_use = || BackupError::ServerRunning {
        path: database.to_path_buf(),
    };
    let failed = |source: sqlx::Error| {
        let busy = source
            .as_database_error()
            .and_then(|e| e.code())
            .and_then(|code| code.parse::<i32>().ok())
            // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
            .is_some_and(|code| matches!(code & 0xff, 5 | 6));
        if busy {
            in_use()
        } else {
            BackupError::LiveDatabase {
                path: database.to_path_buf(),
                source,
            }
        }
    };
    let options = SqliteConnectOptions::new()
        .filename(database)
        .busy_timeout(IN_USE_TIMEOUT);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(failed)?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode = DELETE")
        .fetch_one(&mut conn)
        .await
        .map_err(failed)?;
    conn.close().await.map_err(failed)?;
    if mode.eq_ignore_ascii_case("delete") {
        Ok(())
    } else {
        Err(in_use())
    }
}

/// Gives the current database a second name, `<db>.before-restore-<unix seconds>`, with its
/// side files; returns that name. The database keeps its own name until the rename replaces it.
fn keep_old(database: &Path) -> Result<PathBuf, BackupError> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = format!(".before-restore-{seconds}");
    let mut attempt = 1;
    let kept = loop {
        let kept = match attempt {
            1 => files::with_suffix(database, &base),
            n => files::with_suffix(database, &format!("{base}-{n}")),
        };
        match std::fs::hard_link(database, &kept) {
            Ok(()) => break kept,
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            // Some file systems have no hard links: rename instead (the restore follows at once).
            Err(_) if !kept.exists() => {
                std::fs::rename(database, &kept).map_err(BackupError::io("rename", database))?;
                break kept;
            }
            Err(err) => return Err(BackupError::io("keep a copy of", database)(err)),
        }
    };
    keep_side_files(database, &kept)?;
    Ok(kept)
}

/// Moves `database`'s `-wal`, `-shm` and `-journal` files next to `kept`, under its name.
fn keep_side_files(database: &Path, kept: &Path) -> Result<(), BackupError> {
    for suffix in SIDE_FILES {
        let side = files::with_suffix(database, suffix);
        if side.exists() {
            let moved = files::with_suffix(kept, suffix);
            std::fs::rename(&side, &moved).map_err(BackupError::io("move", &side))?;
        }
    }
    Ok(())
}
