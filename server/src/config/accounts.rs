//! The account settings: where mail goes and the address links in it point to.
use super::{setting::Setting, ConfigError, Secret};
use std::path::PathBuf;

/// Mail and link settings for accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountsConfig {
    /// `EMAIL_URL`: an SMTP server (`smtp://[user:password@]host[:port]`); unset, mail is
    /// written to `EMAIL_OUTBOX` instead.
    pub email_url: Option<Secret>,
    /// `EMAIL_OUTBOX` (default `data/outbox`): where mail goes as `.eml` files without SMTP.
    pub email_outbox: PathBuf,
    /// `SITE_URL` (default `http://` and the address the server listens on): the start of links
    /// in mail. Not taken from the request's Host header, which a client can set to anything.
    pub site_url: Option<String>,
    /// `PASSWORD_HASH_THREADS` (default: the number of CPUs, at most 64): how many Argon2
    /// hashes may run at once; a login beyond them is answered 503 with `Retry-After` at once.
    pub password_hash_threads: usize,
}

impl AccountsConfig {
    pub(super) fn from_settings(
        setting: &impl Fn(&'static str, &str) -> Setting,
    ) -> Result<Self, ConfigError> {
        let email = setting("EMAIL_URL", "");
        let email_url = match email.value.as_str() {
            "" => None,
            url if url.starts_with("smtp://") => Some(Secret::new(url.to_string())),
            _ => {
                return Err(email.error(
                    "expected an smtp://[user:password@]host[:port] URL (a local relay; TLS is not built in)",
                ))
            }
        };
        let site = setting("SITE_URL", "");
        let site_url = match site.value.trim_end_matches('/') {
            "" => None,
            url if (url.starts_with("http://") || url.starts_with("https://"))
                && !url.contains(char::is_whitespace) =>
            {
                Some(url.to_string())
            }
            _ => {
                return Err(site.error(
                    "expected an http:// or https:// address such as https://library.example",
                ))
            }
        };
        let threads = setting("PASSWORD_HASH_THREADS", "");
        let password_hash_threads = match threads.value.as_str() {
            "" => app::server::passwords::default_threads().min(64),
            _ => match threads.parse::<usize>("a whole number of threads from 1 to 64")? {
                n @ 1..=64 => n,
                _ => return Err(threads.error("must be from 1 to 64")),
            },
        };
        Ok(Self {
            password_hash_threads,
            email_url,
            email_outbox: PathBuf::from(setting("EMAIL_OUTBOX", "data/outbox").value),
            site_url,
        })
    }
}
