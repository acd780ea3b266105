//! `locallibrary backup FILE` and `locallibrary restore FILE` for the SQLite database.
//! (Being written: see issue 27.)
use crate::config::Config;
use std::path::Path;

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Other(String),
}

/// Writes a consistent copy of the database to `file`; returns what to tell the operator.
pub async fn backup(_config: &Config, _file: &Path) -> Result<String, BackupError> {
    Err(BackupError::Other("backup is not written yet".into()))
}

/// Checks `file` and makes it the database; returns what to tell the operator.
pub async fn restore(_config: &Config, _file: &Path) -> Result<String, BackupError> {
    Err(BackupError::Other("restore is not written yet".into()))
}
