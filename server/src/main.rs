//! `locallibrary`: serve the site, or run one of its maintenance commands.
use server::{
    cli::{self, Command},
    config::Config,
    db, seed,
    startup::{shutdown_signal, Application},
    telemetry,
};
use std::process::ExitCode;

/// glibc's allocator took about 14 % of the home page's CPU (malloc, free and their
/// consolidation); mimalloc serves the many small, short-lived SSR allocations faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the requested command; every failure comes back as one readable message.
async fn run() -> Result<(), String> {
    let command = cli::parse(std::env::args().skip(1)).map_err(|e| e.to_string())?;
    if command == Command::Help {
        println!("{}", cli::USAGE);
        return Ok(());
    }
    let config = Config::from_env().map_err(|e| e.to_string())?;
    match command {
        Command::Serve => {
            let app = Application::build(&config)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!("LocalLibrary is serving on http://{}", app.local_addr());
            app.run_until(shutdown_signal())
                .await
                .map_err(|e| e.to_string())
        }
        Command::Migrate => {
            let pool = db::connect(&config).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            println!(
                "database at {} is up to date",
                server::config::redact_url(&config.database_url)
            );
            Ok(())
        }
        Command::Seed(size) => {
            let pool = db::connect(&config).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            seed::seed_synthetic(&pool, size)
                .await
                .map_err(|e| e.to_string())?;
            println!("added {} books by {} authors", size.books, size.authors);
            Ok(())
        }
        Command::CreateUser(user) => {
            let pool = db::connect(&config).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            println!("{}", server::createuser::run(&pool, &user).await?);
            Ok(())
        }
        Command::ClearSessions => {
            let pool = db::connect(&config).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            let engine = config.session.engine.name();
            let sessions = server::sessions::Sessions::build(&config)
                .await
                .map_err(|e| format!("cannot set up the {engine} session engine: {e}"))?;
            let cleared = sessions
                .cleaner
                .clear_expired(&pool, config.session.cookie_age)
                .await?;
            match sessions.cleaner {
                // Django's clearsessions says the same for cookie-based sessions.
                server::sessions::Cleaner::NothingStored => {
                    return Err(format!(
                        "session engine '{engine}' doesn't support clearing expired sessions: \
                         they live in the visitors' cookies (deleted {} stale visit counters)",
                        cleared.counters
                    ))
                }
                server::sessions::Cleaner::SelfExpiring(how) => println!(
                    "nothing to delete: {how} (deleted {} stale visit counters)",
                    cleared.counters
                ),
                _ => println!(
                    "deleted {} expired sessions and {} stale visit counters",
                    cleared.sessions, cleared.counters
                ),
            }
            Ok(())
        }
        Command::Backup(file) => {
            println!(
                "{}",
                server::backup::backup(&config, &file)
                    .await
                    .map_err(|e| e.to_string())?
            );
            Ok(())
        }
        Command::Restore(file) => {
            println!(
                "{}",
                server::backup::restore(&config, &file)
                    .await
                    .map_err(|e| e.to_string())?
            );
            Ok(())
        }
        Command::DumpData(scope) => {
            existing_database(&config, true)?;
            let pool = db::connect(&config).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            let mut out = std::io::stdout().lock();
            server::fixtures::dump_to(&pool, scope, &mut out)
                .await
                .map_err(|e| e.to_string())
        }
        Command::LoadData(file) => {
            existing_database(&config, false)?;
            let pool = db::connect(&config).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            let report = server::fixtures::load_file(&pool, &file)
                .await
                .map_err(|e| e.to_string())?;
            println!("{report}");
            Ok(())
        }
        Command::Help => unreachable!("handled above"),
    }
}

/// Refuses an SQLite database file that does not exist, for `dumpdata` (`always`: there is
/// nothing to dump) and for `loaddata` when `DATABASE_URL` is not set: run from the wrong
/// folder, the default relative path would create an empty database, load the fixture into
/// it and report success. Loading into a new database named on purpose creates it.
fn existing_database(config: &Config, always: bool) -> Result<(), String> {
    if !always && std::env::var_os("DATABASE_URL").is_some() {
        return Ok(());
    }
    let Some(rest) = config.database_url.strip_prefix("sqlite:") else {
        return Ok(());
    };
    let path = rest
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" || std::path::Path::new(path).exists() {
        return Ok(());
    }
    Err(format!(
        "there is no database at {path} (DATABASE_URL): set DATABASE_URL to the site's database, \
         or create one first with `locallibrary migrate`"
    ))
}
