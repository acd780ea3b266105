//! The test cookie's value: what it carries for a visitor nothing is stored for yet, signed so
//! that nobody but the server can write it.
//!
//! A value is `v1.<nonce>.<issued>.<visits>.<language|->.<page size|->.<tag>`: a random nonce
//! and the Unix second it was minted (always minted together, and kept together when the value
//! is rewritten), how many home visits were counted in it (`n` for none, `c` for one, else the
//! number), the visitor's choices, and an HMAC-SHA256 tag over everything before it. A value whose tag does not check out, that does
//! not parse, or that is older than `SESSION_COOKIE_AGE` is treated exactly as no test cookie.
use super::signing::ServerSecret;
use crate::i18n::Lang;
use std::time::Duration;

/// What a validly signed test cookie says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCookie {
    /// 32 random hex digits, minted with `issued`; names this cookie's counted first visit.
    pub nonce: String,
    /// When the nonce was minted (Unix seconds).
    pub issued: i64,
    /// Home visits counted in this cookie (a first visit, and any made with a copy of a cookie
    /// already taken over); the visit that brings it back may store them (once: see
    /// [`TestCookies::counter_key`]).
    pub counted_visits: u64,
    /// The interface language chosen before any session was stored.
    pub language: Option<Lang>,
    /// The list page size chosen before any session was stored (validated where it is read).
    pub page_size: Option<u32>,
}

impl TestCookie {
    /// Whether home visits were counted in the cookie, for a session to take over.
    pub fn counts_visits(&self) -> bool {
        self.counted_visits > 0
    }

    /// Whether the cookie carries a choice that a new session should take over.
    pub fn has_choices(&self) -> bool {
        self.language.is_some() || self.page_size.is_some()
    }
}

/// What the value is signed for: a tag made for anything else never checks out here.
const PURPOSE: &str = "test-cookie v1";
/// More visits than a cookie ever counts (one a second for a whole `SESSION_COOKIE_AGE`).
pub const MAX_COUNTED: u64 = 1 << 40;
/// What counter keys are derived for.
const COUNTER_PURPOSE: &str = "counter key v1";

/// Signs and reads test cookies with the server's secret; one per process, in the app context.
#[derive(Debug, Clone)]
pub struct TestCookies {
    secret: ServerSecret,
    /// `SESSION_COOKIE_AGE`: how long a value is accepted after its nonce was minted.
    max_age: Duration,
}

impl TestCookies {
    /// Test cookies signed with `secret`, accepted for `max_age`.
    pub fn new(secret: ServerSecret, max_age: Duration) -> Self {
        Self { secret, max_age }
    }

    /// How long the browser keeps the cookie (the server accepts it as long).
    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    /// A new value with a fresh nonce, nothing counted and no choices.
    pub fn fresh(&self) -> TestCookie {
        TestCookie {
            nonce: uuid::Uuid::new_v4().simple().to_string(),
            issued: now(),
            counted_visits: 0,
            language: None,
            page_size: None,
        }
    }

    /// The signed value of `cookie`.
    pub fn encode(&self, cookie: &TestCookie) -> String {
        let body = format!(
            "v1.{}.{}.{}.{}.{}",
            cookie.nonce,
            cookie.issued,
            match cookie.counted_visits {
                0 => "n".to_string(),
                1 => "c".to_string(),
                n => n.to_string(),
            },
            cookie.language.map_or("-", Lang::code),
            cookie
                .page_size
                .map_or_else(|| "-".to_string(), |size| size.to_string()),
        );
        let tag = self.secret.tag(PURPOSE, body.as_bytes());
        format!("{body}.{tag}")
    }

    /// What `value` says, if it is ours, intact and not expired at `now`.
    pub fn decode(&self, value: &str, now: i64) -> Option<TestCookie> {
        let (body, tag) = value.rsplit_once('.')?;
        // The tag is checked before anything in the body is believed.
        if !self.secret.verify(PURPOSE, body.as_bytes(), tag) {
            return None;
        }
        let mut fields = body.split('.');
        let (Some("v1"), Some(nonce), Some(issued), Some(counted), Some(lang), Some(size), None) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return None;
        };
        let issued: i64 = issued.parse().ok()?;
        let age = i64::try_from(self.max_age.as_secs()).unwrap_or(i64::MAX);
        if now.saturating_sub(issued) > age {
            return None;
        }
        Some(TestCookie {
            nonce: nonce.to_string(),
            issued,
            counted_visits: match counted {
                "n" => 0,
                "c" => 1,
                // Signed by us, so a number we wrote; the bound only keeps sums from overflowing.
                text => text
                    .parse::<u64>()
                    .ok()
                    .filter(|n| (2..=MAX_COUNTED).contains(n) && n.to_string() == text)?,
            },
            // A language no longer offered is simply no choice.
            language: Lang::from_code(lang),
            page_size: size.parse().ok(),
        })
    }

    /// The first valid test cookie among the request's cookies named `name`.
    pub fn read<'a>(&self, mut values: impl Iterator<Item = &'a str>) -> Option<TestCookie> {
        let now = now();
        values.find_map(|value| self.decode(value, now))
    }

    /// The counter key a redeemed `cookie` stores its visits under: derived from the nonce with
    /// the secret, so it is as unguessable as a random key, and the same for every copy of the
    /// cookie. That is what makes a cookie single-use at no extra cost: redeeming it inserts the
    /// counter row (`INSERT … ON CONFLICT DO NOTHING`), and a copy finds the row there and stores
    /// nothing. No extra table, and no query for requests that carry no counted cookie. The row
    /// lives at least `SESSION_COOKIE_AGE` after the redemption (the cleaner deletes counters
    /// only once untouched for that long), and the cookie is refused once that much older than
    /// its nonce, so no copy outlives the row it collides with. (A logout or "Forget everything"
    /// deletes the row early, but it deletes that session too: a copy redeemed then gives back
    /// no more than the visitor just gave up.)
    pub fn counter_key(&self, cookie: &TestCookie) -> String {
        self.secret.tag(COUNTER_PURPOSE, cookie.nonce.as_bytes())
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookies(key: &[u8], age: u64) -> TestCookies {
        TestCookies::new(ServerSecret::new(key).unwrap(), Duration::from_secs(age))
    }

    #[test]
    fn a_value_reads_back_only_intact_and_in_time() {
        let signer = cookies(b"key", 100);
        let cookie = TestCookie {
            counted_visits: 1,
            language: Some(Lang::Ru),
            page_size: Some(25),
            ..signer.fresh()
        };
        let value = signer.encode(&cookie);
        assert_eq!(signer.decode(&value, cookie.issued), Some(cookie.clone()));
        assert_eq!(
            signer.decode(&value, cookie.issued + 100),
            Some(cookie.clone())
        );
        assert_eq!(signer.decode(&value, cookie.issued + 101), None, "expired");
        assert_eq!(cookies(b"other", 100).decode(&value, cookie.issued), None);
        // Any change to the body, however small, breaks the tag.
        let forged = value.replacen(".c.", ".n.", 1);
        assert_eq!(signer.decode(&forged, cookie.issued), None);
        let later = value.replacen(
            &cookie.issued.to_string(),
            &(cookie.issued + 50).to_string(),
            1,
        );
        assert_eq!(signer.decode(&later, cookie.issued), None);
        for junk in [
            "home",
            "1",
            "",
            ".",
            "v1.a.b.c.d.e.f",
            &value[..value.len() - 1],
        ] {
            assert_eq!(signer.decode(junk, cookie.issued), None, "{junk:?}");
        }
    }

    #[test]
    fn any_number_of_counted_visits_reads_back() {
        let signer = cookies(b"key", 100);
        for counted_visits in [0, 1, 2, 17, MAX_COUNTED] {
            let cookie = TestCookie {
                counted_visits,
                ..signer.fresh()
            };
            let value = signer.encode(&cookie);
            assert_eq!(signer.decode(&value, cookie.issued), Some(cookie));
        }
        // Numbers we never write are refused, even signed.
        for counted in [
            "0",
            "1",
            "x",
            "-3",
            "+5",
            "05",
            &(MAX_COUNTED + 1).to_string(),
        ] {
            let body = format!("v1.abc.{}.{counted}.-.-", now());
            let value = format!("{body}.{}", signer.secret.tag(PURPOSE, body.as_bytes()));
            assert_eq!(signer.decode(&value, now()), None, "{counted}");
        }
    }

    #[test]
    fn fresh_values_differ_and_derive_different_counter_keys() {
        let signer = cookies(b"key", 100);
        let (a, b) = (signer.fresh(), signer.fresh());
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(signer.counter_key(&a), signer.counter_key(&b));
        assert_eq!(signer.counter_key(&a), signer.counter_key(&a.clone()));
        assert_ne!(
            signer.counter_key(&a),
            cookies(b"other", 100).counter_key(&a),
            "the key depends on the secret"
        );
    }
}
