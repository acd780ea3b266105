//! The session data of one request as last read or stored, shared by the request's
//! [`VisitorSession`](super::VisitorSession)s: a home view asked for it several times, and each
//! read copied and decoded the JSON anew. Provided per request next to the app context.
use super::VisitorData;
use std::sync::{Arc, Mutex};

/// The request's decoded session data; clones share it.
#[derive(Clone, Default)]
pub struct DecodedSession(Arc<Mutex<Decoded>>);

#[derive(Default)]
struct Decoded {
    data: Option<VisitorData>,
    /// Bumped by every write: a read that began before one does not keep what it read.
    generation: u64,
}

/// A read that found nothing kept, begun at a generation (none if the lock was poisoned).
pub(super) struct Read(Option<u64>);

impl DecodedSession {
    /// The data kept, or a [`Read`] to read it from the session with.
    pub(super) fn get(&self) -> Result<VisitorData, Read> {
        match self.0.lock() {
            Ok(decoded) => match &decoded.data {
                Some(data) => Ok(data.clone()),
                None => Err(Read(Some(decoded.generation))),
            },
            Err(_) => Err(Read(None)),
        }
    }

    /// Keeps `data`, got by `read`, unless a write came while it was read: a page's resources
    /// run concurrently, and an older read must not hide a newer store.
    pub(super) fn keep(&self, read: Read, data: &VisitorData) {
        if let (Ok(mut decoded), Read(Some(generation))) = (self.0.lock(), read) {
            if decoded.generation == generation && decoded.data.is_none() {
                decoded.data = Some(data.clone());
            }
        }
    }

    /// A write is under way or done: the session holds `data` (`None`: read it again).
    pub(super) fn written(&self, data: Option<VisitorData>) {
        if let Ok(mut decoded) = self.0.lock() {
            decoded.data = data;
            decoded.generation += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_key(key: &str) -> VisitorData {
        VisitorData {
            counter_key: Some(key.into()),
            ..VisitorData::default()
        }
    }

    #[test]
    fn a_read_is_kept_for_the_next() {
        let decoded = DecodedSession::default();
        let Err(read) = decoded.get() else {
            panic!("nothing is kept yet")
        };
        decoded.keep(read, &with_key("a"));
        assert_eq!(decoded.clone().get().ok(), Some(with_key("a")));
    }

    #[test]
    fn a_read_begun_before_a_store_or_a_flush_is_not_kept() {
        let decoded = DecodedSession::default();
        let Err(stale) = decoded.get() else {
            panic!("nothing is kept yet")
        };
        // Another resource of the page stores while the first read waits for the session.
        decoded.written(Some(with_key("new")));
        decoded.keep(stale, &VisitorData::default());
        assert_eq!(decoded.get().ok(), Some(with_key("new")));
        // A flush empties the session: a read begun before it would bring the old data back
        // (the generation is what stops it; emptiness alone would not).
        decoded.written(None);
        let Err(read) = decoded.get() else {
            panic!("a flush forgets")
        };
        decoded.written(None);
        decoded.keep(read, &with_key("new"));
        assert!(
            decoded.get().is_err(),
            "a read from before the flush is not kept"
        );
    }
}
