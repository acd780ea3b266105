//! `backup FILE`: `VACUUM INTO` copies the database inside one read transaction, so the copy is
//! consistent while the server keeps reading and writing (WAL readers do not block writers).
use super::{files, files::PartialFile, inspect, progress, BackupError};
use crate::config::Config;
use std::{path::Path, time::Duration};

/// How often the progress bar looks at the copy's size.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// Copies the SQLite database at `database` (the one `config` opens) to the new file `file`.
pub async fn backup(config: &Config, database: &Path, file: &Path) -> Result<String, BackupError> {
    match std::fs::symlink_metadata(file) {
        Ok(meta) if meta.is_dir() => {
            return Err(BackupError::IsFolder {
                path: file.to_path_buf(),
            })
        }
        Ok(_) => {
            return Err(BackupError::FileExists {
                path: file.to_path_buf(),
            })
        }
        Err(_) => {}
    }
    files::require_folder(file)?;
    // Connecting would create an empty database, and back that up.
    if !database.exists() {
        return Err(BackupError::NoDatabase {
            path: database.to_path_buf(),
        });
    }
    let (partial, _) = PartialFile::create_next_to(file)?;
    // Absolute, so SQLite cannot read a relative name such as `file:…` as a URI.
    let target = std::path::absolute(partial.path())
        .map_err(BackupError::io("find the absolute path of", partial.path()))?;
    let target_text = target
        .to_str()
        .ok_or_else(|| BackupError::NotUtf8 {
            path: file.to_path_buf(),
        })?
        .to_string();

    let pool = crate::db::connect(config).await?;
    let query = |source| BackupError::Query {
        path: database.to_path_buf(),
        source,
    };
    let mut conn = pool.acquire().await.map_err(query)?;
    let estimate = progress::estimated_size(
        pragma(&mut conn, "page_count").await.map_err(query)?,
        pragma(&mut conn, "freelist_count").await.map_err(query)?,
        pragma(&mut conn, "page_size").await.map_err(query)?,
    );

    let bar = progress::bar(estimate);
    let done = {
        let vacuum = sqlx::query("VACUUM INTO ?")
            .bind(target_text)
            .execute(&mut *conn);
        tokio::pin!(vacuum);
        let mut ticker = tokio::time::interval(POLL_INTERVAL);
        loop {
            tokio::select! {
                done = &mut vacuum => break done,
                _ = ticker.tick() => {
                    let written = std::fs::metadata(partial.path()).map_or(0, |m| m.len());
                    bar.set_position(progress::shown_position(written, estimate));
                }
            }
        }
    };
    drop(conn);
    pool.close().await;
    if let Err(source) = done {
        bar.abandon();
        return Err(BackupError::Vacuum {
            path: file.to_path_buf(),
            source,
        });
    }
    let size = std::fs::metadata(partial.path())
        .map_err(BackupError::io("read", partial.path()))?
        .len();
    bar.set_length(size.max(1));
    bar.set_position(size.max(1));
    bar.finish();

    partial.sync()?;
    let books = inspect::count_books(partial.path()).await;
    partial.put_in_place_as_new(file)?;
    let books = books.map_or_else(String::new, |n| format!(", {n} books"));
    Ok(format!(
        "backed up {} to {} ({}{books})",
        database.display(),
        file.display(),
        indicatif::HumanBytes(size)
    ))
}

/// The integer value of `PRAGMA name`.
async fn pragma(conn: &mut sqlx::AnyConnection, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("PRAGMA {name}"))
        .fetch_one(conn)
        .await
}
