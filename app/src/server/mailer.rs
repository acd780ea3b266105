//! Outgoing mail (password resets) through `lettre`: SMTP when `EMAIL_URL` is set, otherwise one
//! `.eml` file per message in `EMAIL_OUTBOX` (Django's file backend), so it works out of the box
//! and tests can read what was sent. The outbox holds live reset links, so it is the server
//! user's alone: the folder 0700, each file 0600 from the moment it exists (as the database).
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::{os::unix::fs::PermissionsExt, path::PathBuf};

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP server (`smtp://host:port`, plain, or `smtps://` is refused at start).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Files in a folder.
    Outbox(PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Outbox(dir) => write!(f, "Mailer::Outbox({})", dir.display()),
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

    /// Files in `dir`, created if needed; its permissions are narrowed to the owner's.
    pub fn outbox(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        Ok(Mailer::Outbox(dir))
    }

    /// Sends a plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let sent = self.deliver(to, subject, body).await;
        super::metrics::mail(sent.is_ok());
        sent
    }

    async fn deliver(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
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
            Mailer::Outbox(dir) => {
                let file = dir.join(format!("{}.eml", uuid::Uuid::new_v4()));
                write_private(&file, &message.formatted())
                    .await
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))
            }
        }
    }
}

/// Writes a new file that only its owner can read, from its first byte on. It is written under
/// a hidden name and renamed when complete, so a reader of the outbox never sees half a mail.
async fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::{io::Write, os::unix::fs::OpenOptionsExt};
    let (path, bytes) = (path.to_path_buf(), bytes.to_vec());
    tokio::task::spawn_blocking(move || {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("mail");
        let partial = path.with_file_name(format!(".{name}.part"));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, &path)
    })
    .await
    .map_err(std::io::Error::other)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_and_its_mail_are_the_owners_alone() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("outbox");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mailer = Mailer::outbox(dir.clone()).unwrap();
        mailer
            .send("ada@example.com", "Hello", "a link".into())
            .await
            .unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        let mails: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(mails.len(), 1);
        assert_eq!(mode(&mails[0]), 0o600);
        let text = std::fs::read_to_string(&mails[0]).unwrap();
        assert!(
            text.contains("To: ada@example.com") && text.contains("a link"),
            "{text}"
        );
    }
}
