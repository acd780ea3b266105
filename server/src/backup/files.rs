//! File handling both commands share: private files, temporary names that are renamed into
//! place, and the fsyncs that make a rename survive a power cut.
use super::BackupError;
use std::{
    fs::{File, OpenOptions},
    os::unix::fs::{OpenOptionsExt, PermissionsExt},
    path::{Path, PathBuf},
};

/// The folder holding `path` (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with `suffix` added to its file name (`lib.db` → `lib.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A file being written next to its final name; removed on drop unless it was put in place.
///
/// Writing elsewhere and renaming means the final name only ever holds a complete file, even
/// after a crash or Ctrl-C; the leftover then carries a recognizable name.
pub struct PartialFile {
    path: PathBuf,
    kept: bool,
}

impl PartialFile {
    /// Creates an empty file, readable by this user only (databases hold password hashes), in
    /// the folder of `target`.
    pub fn create_next_to(target: &Path) -> Result<(Self, File), BackupError> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "database".into());
        let path =
            folder_of(target).join(format!(".{name}.partial-{}", uuid::Uuid::new_v4().simple()));
        let file = create_private(&path)?;
        Ok((Self { path, kept: false }, file))
    }

    /// Where the file is being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the contents to disk, so the rename cannot expose an empty or torn file.
    pub fn sync(&self) -> Result<(), BackupError> {
        File::open(&self.path)
            .and_then(|f| f.sync_all())
            .map_err(BackupError::io("flush", &self.path))
    }

    /// Renames the file to `target` (replacing any file there) and makes that durable.
    pub fn put_in_place(mut self, target: &Path) -> Result<(), BackupError> {
        std::fs::rename(&self.path, target).map_err(BackupError::io("rename into", target))?;
        self.kept = true;
        sync_folder(&folder_of(target))
    }
    /// Gives the file the name `target`, failing if that name is taken meanwhile: a hard link
    /// cannot replace a file, where a rename would.
    pub fn put_in_place_as_new(self, target: &Path) -> Result<(), BackupError> {
        match std::fs::hard_link(&self.path, target) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(BackupError::FileExists {
                    path: target.to_path_buf(),
                })
            }
            // Some file systems have no hard links: check, then rename.
            Err(_) if !target.exists() => return self.put_in_place(target),
            Err(err) => return Err(BackupError::io("create", target)(err)),
        }
        // Dropping `self` removes the temporary name; the data stays under `target`.
        drop(self);
        sync_folder(&folder_of(target))
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Creates `path`, which must not exist yet, with mode 0600.
pub fn create_private(path: &Path) -> Result<File, BackupError> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(BackupError::io("create", path))?;
    // The umask can only take rights away, but a set-group-id folder or an ACL could add some.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(BackupError::io("restrict the permissions of", path))?;
    Ok(file)
}

/// Makes the renames and creations in `dir` durable.
pub fn sync_folder(dir: &Path) -> Result<(), BackupError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(BackupError::io("flush the folder", dir))
}

/// Fails unless the folder `path` would be created in exists.
pub fn require_folder(path: &Path) -> Result<(), BackupError> {
    let dir = folder_of(path);
    match std::fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(BackupError::NoFolder { path: dir }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            Err(BackupError::NoFolder { path: dir })
        }
        Err(err) => Err(BackupError::io("look at the folder", &dir)(err)),
    }
}
