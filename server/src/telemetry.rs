//! Log output: human-readable lines, or one JSON object per line (`LOG_FORMAT=json`).
use crate::config::{log_format_from_env, LogFormat};
use tracing_subscriber::EnvFilter;

/// The filter unless `RUST_LOG` says otherwise: info for this app (one `access` line per
/// request among them), warnings for libraries.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_sessions=warn,leptos=warn";

/// Logs to stderr, filtered by `RUST_LOG`, in the format `LOG_FORMAT` names.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match log_format_from_env() {
        // The request's span (its id and route) goes with every line logged inside it.
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
        // Colour codes only for a person at a terminal, not in journald or a log file.
        LogFormat::Text => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
    };
}
