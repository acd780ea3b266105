//! What the clients were told: the state each acknowledged change left, and the changes asked
//! for since then that got no success answer (each may or may not have been made).
use reqwest::Client;
use std::collections::HashMap;

/// A copy's loan as the database holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loan {
    Available,
    /// Lent to [`READER`](super::READER) until this date.
    OnLoan(String),
}

/// A copy one lender works on.
#[derive(Debug)]
pub struct Copy {
    pub id: String,
    /// The state the last acknowledged change left.
    pub confirmed: Loan,
    /// The changes asked for since then that got no success: refused (a 503 under load) or
    /// cut off by the crash. Each may have been made (though it should not, but for the last).
    pub maybe: Vec<Loan>,
    pub acknowledged: usize,
}

/// One save of a book: the token written into its title and summary, and its genres.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub token: String,
    pub genres: Vec<i64>,
}

impl Edit {
    /// Save number `n` of the book in `slot`; `genres` are those to choose from (three or more).
    pub fn new(slot: usize, n: usize, genres: &[i64]) -> Self {
        let mut chosen = vec![genres[n % genres.len()], genres[(n + 1) % genres.len()]];
        chosen.sort();
        Self {
            token: format!("crash{slot}x{n}"),
            genres: chosen,
        }
    }

    pub fn title(&self) -> String {
        format!("Crash safety book {}", self.token)
    }

    pub fn summary(&self) -> String {
        format!("Every field of this book was saved by edit {}.", self.token)
    }

    /// The book form with this save's title, summary and genres.
    pub fn form(&self, id: Option<i64>, isbn: &str) -> Vec<(&'static str, String)> {
        let mut form = vec![
            ("title", self.title()),
            ("author_id", String::new()),
            ("summary", self.summary()),
            ("isbn", isbn.to_string()),
            ("language_id", String::new()),
        ];
        if let Some(id) = id {
            form.push(("id", id.to_string()));
        }
        form.extend(self.genres.iter().map(|g| ("genres[]", g.to_string())));
        form
    }
}

/// A book one editor works on.
#[derive(Debug)]
pub struct Book {
    pub id: i64,
    pub slot: usize,
    pub isbn: String,
    /// The last acknowledged save.
    pub confirmed: Edit,
    /// The saves asked for since then that got no success (see [`Copy::maybe`]).
    pub maybe: Vec<Edit>,
    pub acknowledged: usize,
}

/// A visitor registered with an acknowledged answer, and the browser that did it.
pub struct Registered {
    pub browser: Client,
    pub name: String,
    pub email: String,
}

/// A browser counting its home-page visits, and the highest number it was shown.
pub struct Visitor {
    pub browser: Client,
    pub highest: u64,
}

/// Everything the clients were told, once the load has ended.
pub struct Ledger {
    pub visitors: Vec<Visitor>,
    pub registered: Vec<Registered>,
    pub members: Vec<String>,
    pub copies: Vec<Copy>,
    pub books: Vec<Book>,
    /// Logged-in librarian browsers (their sessions must survive too).
    pub librarians: Vec<Client>,
    pub audited: HashMap<&'static str, usize>,
    /// The database, for the test's log.
    pub label: &'static str,
}

/// What the load starts from: logged-in librarians (one per task that needs one), the copies
/// to lend and the books to edit (split among the tasks), and the genres to choose from.
pub struct Setup {
    pub librarians: Vec<Client>,
    pub copies: Vec<String>,
    pub books: Vec<Book>,
    pub genres: Vec<i64>,
}
