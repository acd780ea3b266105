//! The server's secret and the HMAC-SHA256 tags made with it. Every server sharing a database
//! holds the same secret (`SECRET_KEY`, or the random key kept in `app_secrets`), so a value one
//! server signed is accepted by the others.
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;

type HmacSha256 = Hmac<Sha256>;

/// Why a secret cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    /// An empty key would make every tag guessable.
    #[error("the server secret is empty")]
    Empty,
}

/// The key values are signed with. `Debug` prints `[redacted]`, so it is never logged.
#[derive(Clone)]
pub struct ServerSecret(Arc<HmacSha256>);

impl std::fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerSecret([redacted])")
    }
}

impl ServerSecret {
    /// The secret made of `key`'s bytes.
    pub fn new(key: &[u8]) -> Result<Self, SecretError> {
        if key.is_empty() {
            return Err(SecretError::Empty);
        }
        // HMAC takes a key of any length, so this never fails once the key is not empty.
        let mac = HmacSha256::new_from_slice(key).map_err(|_| SecretError::Empty)?;
        Ok(Self(Arc::new(mac)))
    }

    /// The keyed MAC over `purpose` and `message`. The purpose comes first, ended by a NUL
    /// byte no purpose contains, so a tag made for one use is never valid for another.
    fn mac(&self, purpose: &str, message: &[u8]) -> HmacSha256 {
        let mut mac = (*self.0).clone();
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(message);
        mac
    }

    /// The tag of `message` for `purpose`, as 64 lowercase hex digits.
    pub fn tag(&self, purpose: &str, message: &[u8]) -> String {
        hex(&self.mac(purpose, message).finalize().into_bytes())
    }

    /// Whether `tag` (hex) is the tag of `message` for `purpose`, compared in constant time.
    pub fn verify(&self, purpose: &str, message: &[u8], tag: &str) -> bool {
        let Some(bytes) = unhex(tag) else {
            return false;
        };
        self.mac(purpose, message).verify_slice(&bytes).is_ok()
    }
}

/// `bytes` as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    // One allocation: every request with a test cookie signs or checks one.
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    text
}

/// The bytes of lowercase hex `text`, or `None` if it is anything else (one spelling per tag).
fn unhex(text: &str) -> Option<Vec<u8>> {
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if !text.len().is_multiple_of(2) || !text.bytes().all(lower_hex) {
        return None;
    }
    let digit = |b: u8| {
        if b.is_ascii_digit() {
            b - b'0'
        } else {
            b - b'a' + 10
        }
    };
    let mut bytes = Vec::with_capacity(text.len() / 2);
    for pair in text.as_bytes().chunks_exact(2) {
        bytes.push(digit(pair[0]) << 4 | digit(pair[1]));
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_check_out_only_for_their_key_purpose_and_message() {
        let secret = ServerSecret::new(b"k1").unwrap();
        let tag = secret.tag("test-cookie", b"hello");
        assert_eq!(tag.len(), 64);
        assert!(secret.verify("test-cookie", b"hello", &tag));
        assert!(!secret.verify("test-cookie", b"hellO", &tag));
        assert!(!secret.verify("counter", b"hello", &tag));
        assert!(!ServerSecret::new(b"k2")
            .unwrap()
            .verify("test-cookie", b"hello", &tag));
        let upper = tag.to_uppercase();
        for junk in ["", "zz", "abc", &tag[..62], "é", "+f", &upper] {
            assert!(!secret.verify("test-cookie", b"hello", junk), "{junk:?}");
        }
    }

    #[test]
    fn an_empty_key_is_refused_and_a_key_is_never_printed() {
        assert_eq!(ServerSecret::new(b"").unwrap_err(), SecretError::Empty);
        let secret = ServerSecret::new(b"very secret").unwrap();
        assert!(!format!("{secret:?}").contains("very"));
    }
}
