//! `locallibrary`: serve the site, or run one of its maintenance commands.
use server::{
    cli::{self, Command},
    config::Config,
    db, seed,
    startup::{shutdown_signal, Application},
    telemetry,
};
use std::process::ExitCode;

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
            let pool = db::connect(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            println!("database at {} is up to date", config.database_url);
            Ok(())
        }
        Command::Seed(size) => {
            let pool = db::connect(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            seed::seed_synthetic(&pool, size)
                .await
                .map_err(|e| e.to_string())?;
            println!("added {} books by {} authors", size.books, size.authors);
            Ok(())
        }
        Command::ClearSessions => {
            let pool = db::connect(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let (_, store) = server::sessions::layer(&config.session, pool.clone())
                .await
                .map_err(|e| e.to_string())?;
            let cleared = server::sessions::clear_expired(&store, &pool, config.session.cookie_age)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "deleted {} expired sessions and {} stale visit counters",
                cleared.sessions, cleared.counters
            );
            Ok(())
        }
        Command::Help => unreachable!("handled above"),
    }
}
