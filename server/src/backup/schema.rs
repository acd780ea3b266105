//! Whether this binary can run on a database's schema: the server migrates an older one at
//! start, but refuses one with migrations it does not have (sqlx checks them one by one).
use std::collections::HashMap;

/// One migration, as a database recorded it or as this binary embeds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// Its number (the file name's prefix).
    pub version: i64,
    /// The SHA-384 of its SQL, as sqlx stores it.
    pub checksum: Vec<u8>,
}

/// Why the binary cannot run on a database's schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The database is ahead of the binary.
    Newer { found: i64, supported: i64 },
    /// A migration the binary lacks, within its range.
    Unknown { version: i64 },
    /// The same number with other SQL.
    Changed { version: i64 },
}

/// The SQLite migrations this binary applies at start.
pub fn binary_migrations() -> Vec<Migration> {
    sqlx::migrate!("../migrations/sqlite")
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| Migration {
            version: m.version,
            checksum: m.checksum.to_vec(),
        })
        .collect()
}

/// Checks the migrations a database applied against the binary's; returns the database's
/// schema version (its latest migration; `None` if it has none).
pub fn compare(applied: &[Migration], binary: &[Migration]) -> Result<Option<i64>, Mismatch> {
    let found = applied.iter().map(|m| m.version).max();
    let supported = binary.iter().map(|m| m.version).max().unwrap_or(0);
    if let Some(found) = found.filter(|&v| v > supported) {
        return Err(Mismatch::Newer { found, supported });
    }
    let known: HashMap<i64, &[u8]> = binary
        .iter()
        .map(|m| (m.version, m.checksum.as_slice()))
        .collect();
    for migration in applied {
        match known.get(&migration.version) {
            None => {
                return Err(Mismatch::Unknown {
                    version: migration.version,
                })
            }
            Some(sum) if *sum != migration.checksum.as_slice() => {
                return Err(Mismatch::Changed {
                    version: migration.version,
                })
            }
            Some(_) => {}
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(version: i64, sum: u8) -> Migration {
        Migration {
            version,
            checksum: vec![sum; 4],
        }
    }

    #[test]
    fn older_and_equal_schemas_are_accepted() {
        let binary = [m(1, 1), m(2, 2), m(3, 3)];
        assert_eq!(compare(&[m(1, 1), m(2, 2), m(3, 3)], &binary), Ok(Some(3)));
        assert_eq!(compare(&[m(1, 1)], &binary), Ok(Some(1)));
        assert_eq!(compare(&[], &binary), Ok(None));
    }

    #[test]
    fn newer_schema_is_refused_with_both_versions() {
        let binary = [m(1, 1), m(2, 2)];
        assert_eq!(
            compare(&[m(1, 1), m(2, 2), m(7, 7)], &binary),
            Err(Mismatch::Newer {
                found: 7,
                supported: 2
            })
        );
    }

    #[test]
    fn foreign_or_edited_migrations_are_refused() {
        let binary = [m(1, 1), m(3, 3)];
        assert_eq!(
            compare(&[m(1, 1), m(2, 2)], &binary),
            Err(Mismatch::Unknown { version: 2 })
        );
        assert_eq!(
            compare(&[m(1, 9)], &binary),
            Err(Mismatch::Changed { version: 1 })
        );
    }

    #[test]
    fn the_binary_knows_its_own_migrations() {
        let binary = binary_migrations();
        assert!(binary.len() >= 14, "{binary:?}");
        assert_eq!(
            compare(&binary, &binary),
            Ok(binary.iter().map(|m| m.version).max())
        );
    }
}
