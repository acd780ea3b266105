//! What the hold server functions answer with.
use serde::{Deserialize, Serialize};

/// A book's holds as the person looking at its page sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HoldState {
    /// A copy is on the shelf: nothing to hold.
    OnShelf,
    /// Nobody is logged in: "Log in to place a hold".
    LogInFirst,
    /// The member may place a hold.
    CanPlace,
    /// The member cannot: they have the book on loan, or as many holds as allowed.
    CannotPlace(CannotHold),
    /// Waiting, `n`-th in the queue.
    Waiting(i64),
    /// A copy is kept for them until this date (`YYYY-MM-DD`, UTC).
    Ready(String),
}

/// Why a member cannot place a hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CannotHold {
    OnLoan,
    AtLimit(i64),
}

/// A book page's hold part: the viewer's state, and the number of holds for a librarian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldsView {
    pub state: HoldState,
    /// How many holds the book has (librarians only).
    pub count: Option<i64>,
}

/// One of the member's holds on "My borrowed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyHold {
    pub book_id: i64,
    pub book_title: String,
    /// Their place in the queue, or `None` once a copy is ready.
    pub position: Option<i64>,
    /// Until when the ready copy is kept (`YYYY-MM-DD`).
    pub ready_until: Option<String>,
}

/// One member in a book's queue, for the librarians' holds page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedMember {
    pub username: String,
    /// The copy kept for them and until when (`YYYY-MM-DD`), once ready.
    pub ready: Option<(String, String)>,
}

/// A book's queue, for the librarians' holds page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookQueue {
    pub book_id: i64,
    pub book_title: String,
    /// Ready holds first, then the waiting ones in order.
    pub members: Vec<QueuedMember>,
}
