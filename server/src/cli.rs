//! The command line: `locallibrary [serve|migrate|seed|clearsessions|createuser|backup|restore|
//! dumpdata|loaddata]`.
use crate::{createuser::NewUser, fixtures::Scope, seed::SyntheticSize};
use std::path::PathBuf;

/// What the binary was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Migrate, seed an empty catalog, and serve HTTP (the default).
    Serve,
    /// Create or update the database schema, then exit.
    Migrate,
    /// Add a synthetic catalog of the given size.
    Seed(SyntheticSize),
    /// Delete expired sessions and say how many were removed.
    ClearSessions,
    /// Add a user account.
    CreateUser(NewUser),
    /// Copy the SQLite database to a new file while the server keeps serving.
    Backup(PathBuf),
    /// Replace the SQLite database with a checked backup (the server must be stopped).
    Restore(PathBuf),
    /// Print the catalog (or everything) as a fixture to standard output.
    DumpData(Scope),
    /// Load a fixture file, all or nothing.
    LoadData(PathBuf),
    /// Print usage.
    Help,
}

/// The usage text printed by `help` and after a mistake.
pub const USAGE: &str = "\
usage: locallibrary [COMMAND]

commands:
  serve                         migrate, seed an empty catalog, serve HTTP (default)
  migrate                       create or update the database schema and exit
  seed [--books N] [--authors M]  add N synthetic books by M synthetic authors
                                (defaults: 100000 books, 10000 authors)
  clearsessions                 delete expired sessions
  createuser USERNAME [--email E] [--librarian] [--password-file PATH]
                                add an account; the password is read from PATH, a
                                prompt that does not echo, or standard input
  backup FILE                   copy the SQLite database to FILE while it serves
  restore FILE                  check FILE and make it the database (server stopped)
  dumpdata [--catalog | --all]  print the catalog (default) or every record as JSON
  loaddata FILE                 load a JSON fixture (from dumpdata), all or nothing
  help                          show this text

settings come from environment variables; see README.md";

/// A command line that could not be understood.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}\n\n{USAGE}")]
pub struct CliError(String);

/// Parses the arguments after the program name.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, CliError> {
    let mut args = args.into_iter();
    let command = match args.next().as_deref() {
        None | Some("serve") => Command::Serve,
        Some("migrate") => Command::Migrate,
        Some("clearsessions") => Command::ClearSessions,
        Some("help" | "--help" | "-h") => Command::Help,
        Some("seed") => return parse_seed(args),
        Some("backup") => Command::Backup(file_argument(&mut args, "backup")?),
        Some("restore") => Command::Restore(file_argument(&mut args, "restore")?),
        Some("loaddata") => Command::LoadData(file_argument(&mut args, "loaddata")?),
        Some("dumpdata") => match args.next().as_deref() {
            None | Some("--catalog") => Command::DumpData(Scope::Catalog),
            Some("--all") => Command::DumpData(Scope::All),
            Some(other) => {
                return Err(CliError(format!(
                    "dumpdata takes --catalog or --all, not {other:?}"
                )))
            }
        },
        Some("createuser") => {
            return crate::createuser::parse(args)
                .map(Command::CreateUser)
                .map_err(CliError)
        }
        Some(other) => return Err(CliError(format!("unknown command {other:?}"))),
    };
    match args.next() {
        None => Ok(command),
        Some(extra) => Err(CliError(format!("unexpected argument {extra:?}"))),
    }
}

/// The one file a command works on.
fn file_argument(
    args: &mut impl Iterator<Item = String>,
    command: &str,
) -> Result<PathBuf, CliError> {
    match args.next() {
        Some(file) if !file.is_empty() && !file.starts_with('-') => Ok(PathBuf::from(file)),
        Some(other) => Err(CliError(format!("{command} needs a FILE, not {other:?}"))),
        None => Err(CliError(format!("{command} needs a FILE"))),
    }
}

fn parse_seed(mut args: impl Iterator<Item = String>) -> Result<Command, CliError> {
    let mut size = SyntheticSize {
        books: 100_000,
        authors: 10_000,
    };
    while let Some(flag) = args.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (flag, None),
        };
        let target = match name.as_str() {
            "--books" => &mut size.books,
            "--authors" => &mut size.authors,
            _ => return Err(CliError(format!("unknown option {name:?} for seed"))),
        };
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| CliError(format!("{name} needs a number")))?;
        *target = value
            .parse::<u64>()
            .ok()
            .filter(|n| *n <= 10_000_000)
            .ok_or_else(|| {
                CliError(format!(
                    "{name} takes a whole number up to 10000000, not {value:?}"
                ))
            })?;
    }
    if size.books > 0 && size.authors == 0 {
        return Err(CliError(
            "--authors must be at least 1 when adding books".into(),
        ));
    }
    Ok(Command::Seed(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn serve_is_the_default() {
        assert_eq!(parse(args(&[])), Ok(Command::Serve));
        assert_eq!(parse(args(&["serve"])), Ok(Command::Serve));
        assert_eq!(parse(args(&["migrate"])), Ok(Command::Migrate));
    }

    #[test]
    fn operations_take_their_file_or_scope() {
        assert_eq!(
            parse(args(&["backup", "copy.db"])),
            Ok(Command::Backup("copy.db".into()))
        );
        assert_eq!(
            parse(args(&["dumpdata"])),
            Ok(Command::DumpData(Scope::Catalog))
        );
        assert_eq!(
            parse(args(&["dumpdata", "--all"])),
            Ok(Command::DumpData(Scope::All))
        );
        assert_eq!(
            parse(args(&["loaddata", "catalog.json"])),
            Ok(Command::LoadData("catalog.json".into()))
        );
    }

    #[test]
    fn seed_reads_both_flag_styles() {
        assert_eq!(
            parse(args(&["seed", "--books", "100000", "--authors=500"])),
            Ok(Command::Seed(SyntheticSize {
                books: 100_000,
                authors: 500
            }))
        );
    }

    #[test]
    fn mistakes_get_a_clear_message() {
        for (input, needle) in [
            (&["seed", "--books"][..], "--books needs a number"),
            (&["seed", "--books", "-3"][..], "whole number"),
            (&["seed", "--pages", "3"][..], "unknown option"),
            (
                &["seed", "--authors", "0"][..],
                "--authors must be at least 1",
            ),
            (&["frobnicate"][..], "unknown command"),
            (&["migrate", "now"][..], "unexpected argument"),
            (&["backup"][..], "backup needs a FILE"),
            (&["restore", "--force"][..], "restore needs a FILE"),
            (&["loaddata", "a.json", "b.json"][..], "unexpected argument"),
            (&["dumpdata", "--users"][..], "--catalog or --all"),
        ] {
            let err = parse(args(input)).unwrap_err().to_string();
            assert!(err.contains(needle), "{input:?}: {err}");
            assert!(err.contains("usage:"));
        }
    }
}
