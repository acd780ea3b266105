//! A wrapper for values such as `SECRET_KEY` that must never reach a log line, an error page
//! or a `{:?}` of the whole configuration.
use std::fmt;

/// `url` without its credentials (`postgres://…@host/db`), for messages and logs.
pub fn redact_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// A secret string whose `Debug` and `Display` print `[redacted]`, so logging the config is safe.
#[derive(Clone, PartialEq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value so that formatting it can no longer leak it.
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    /// The real value, for the one place that needs it (such as deriving a key); never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
