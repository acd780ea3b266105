//! How many server functions have run in this process, called over HTTP or during a render.
//!
//! Only the per-page render counts (`server/tests/render_counts.rs`, `bench/render-counts.txt`)
//! read it: a feature that adds a server-function call to a page shows up there, in CI, before
//! it shows up as server time.
use std::sync::atomic::{AtomicU64, Ordering};

static CALLS: AtomicU64 = AtomicU64::new(0);

/// Notes one server-function call; the first statement of every `#[server]` body.
#[inline]
pub fn count() {
    CALLS.fetch_add(1, Ordering::Relaxed);
}

/// Server-function calls since the process started.
pub fn total() -> u64 {
    CALLS.load(Ordering::Relaxed)
}
