//! Outgoing mail (password resets) through `lettre`: SMTP when `EMAIL_URL` is set, otherwise one
//! `.eml` file per message in `EMAIL_OUTBOX` (Django's file backend), so it works out of the box
//! and tests can read what was sent.
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::path::PathBuf;

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP server (`smtp://host:port`, plain, or `smtps://` is refused at start).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Files in a folder.
    Outbox(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Outbox(_, dir) => write!(f, "Mailer::Outbox({})", dir.display()),
        }
    }
}

/// The sender address of every message.
pub const FROM: &str = "LocalLibrary <noreply@locallibrary.invalid>";

impl Mailer {
    /// SMTP at `url` (`smtp://[user:password@]host[:port]`, port 25 by default), without TLS:
    /// meant for a relay on the same machine or network.
    pub fn smtp(url: &str) -> Result<Self, String> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or("expected smtp://[user:password@]host[:port]")?
            .trim_end_matches('/');
        let (credentials, address) = match rest.rsplit_once('@') {
            Some((credentials, address)) => (Some(credentials), address),
            None => (None, rest),
        };
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| format!("bad port {port:?}"))?,
            ),
            None => (address, 25),
        };
        if host.is_empty() {
            return Err("the URL names no host".into());
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port);
        if let Some((user, password)) = credentials.and_then(|c| c.split_once(':')) {
            builder =
                builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
                    user.to_string(),
                    password.to_string(),
                ));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    /// Files in `dir`, created if needed.
    pub fn outbox(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::Outbox(AsyncFileTransport::new(&dir), dir))
    }

    /// Sends a plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|err: lettre::address::AddressError| err.to_string())?;
        let message = Message::builder()
            .from(
                FROM.parse()
                    .map_err(|err: lettre::address::AddressError| err.to_string())?,
            )
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|err| err.to_string())?;
        match self {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            Mailer::Outbox(transport, _) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
        }
    }
}
