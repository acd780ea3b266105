//! The write load: clients that each note what the server acknowledged, and what they had
//! asked for when no success answer came (that may or may not have been done).
use super::{
    clients::{admin, editor, lender, registrant, visitor},
    ledger::{Book, Copy, Ledger, Registered, Setup, Visitor},
};
use reqwest::Client;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};
use tokio::task::JoinHandle;

/// The kinds of write the load makes.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Visit,
    Registration,
    Member,
    Loan,
    Edit,
}

const KINDS: [Kind; 5] = [
    Kind::Visit,
    Kind::Registration,
    Kind::Member,
    Kind::Loan,
    Kind::Edit,
];

/// What every client has been told so far, shared with the test.
#[derive(Default)]
pub struct Progress {
    stop: AtomicBool,
    acknowledged: [AtomicUsize; 5],
    /// Acknowledged changes by the audit-log action they write.
    audited: Mutex<HashMap<&'static str, usize>>,
    /// Answers that were neither a success nor a lost connection (say, a 503 under load).
    refused: Mutex<Vec<String>>,
}

impl Progress {
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    pub(super) fn acknowledged(&self, kind: Kind, action: Option<&'static str>) {
        self.acknowledged[kind as usize].fetch_add(1, Ordering::AcqRel);
        if let Some(action) = action {
            *self.audited.lock().unwrap().entry(action).or_default() += 1;
        }
    }

    pub(super) fn refused(&self, what: String) {
        self.refused.lock().unwrap().push(what);
    }

    /// Acknowledged writes of each kind, for the test's log.
    pub fn summary(&self) -> String {
        KINDS
            .iter()
            .map(|k| {
                format!(
                    "{k:?}: {}",
                    self.acknowledged[*k as usize].load(Ordering::Acquire)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How many answers were refusals.
    pub fn refused_count(&self) -> usize {
        self.refused.lock().unwrap().len()
    }

    /// How many answers were refusals, and the first few.
    pub fn refusals(&self) -> String {
        let refused = self.refused.lock().unwrap();
        format!(
            "{} refused, such as {:?}",
            refused.len(),
            &refused[..refused.len().min(3)]
        )
    }

    fn least(&self) -> usize {
        self.acknowledged
            .iter()
            .map(|n| n.load(Ordering::Acquire))
            .min()
            .unwrap_or(0)
    }
}

const VISITORS: usize = 3;
const REGISTRANTS: usize = 2;
pub const LENDERS: usize = 2;
pub const EDITORS: usize = 2;
/// Librarian browsers the load needs: the lenders, the editors and the one adding members.
pub const LIBRARIANS: usize = LENDERS + EDITORS + 1;

/// The running load.
pub struct Load {
    pub progress: Arc<Progress>,
    visitors: Vec<JoinHandle<Visitor>>,
    registrants: Vec<JoinHandle<Vec<Registered>>>,
    admin: JoinHandle<Vec<String>>,
    lenders: Vec<JoinHandle<Vec<Copy>>>,
    editors: Vec<JoinHandle<Vec<Book>>>,
    librarians: Vec<Client>,
    setup_audited: HashMap<&'static str, usize>,
}

impl Load {
    /// Starts every client against the server at `address`.
    pub fn start(address: &str, setup: Setup, setup_audited: HashMap<&'static str, usize>) -> Self {
        let progress = Arc::new(Progress::default());
        let a = address.to_string();
        let p = &progress;
        let mut librarians = setup.librarians.clone().into_iter();
        let visitors = (0..VISITORS)
            .map(|_| tokio::spawn(visitor(a.clone(), p.clone())))
            .collect();
        let registrants = (0..REGISTRANTS)
            .map(|t| tokio::spawn(registrant(a.clone(), t, p.clone())))
            .collect();
        let admin = tokio::spawn(admin(a.clone(), librarians.next().unwrap(), p.clone()));
        let copies = setup.copies.chunks(setup.copies.len().div_ceil(LENDERS));
        let lenders = copies
            .map(|c| {
                tokio::spawn(lender(
                    a.clone(),
                    librarians.next().unwrap(),
                    c.to_vec(),
                    p.clone(),
                ))
            })
            .collect();
        let mut books = setup.books;
        let per_editor = books.len().div_ceil(EDITORS);
        let mut editors = Vec::new();
        while !books.is_empty() {
            let rest = books.split_off(per_editor.min(books.len()));
            let (librarian, genres) = (librarians.next().unwrap(), setup.genres.clone());
            editors.push(tokio::spawn(editor(
                a.clone(),
                librarian,
                books,
                genres,
                p.clone(),
            )));
            books = rest;
        }
        Self {
            progress,
            visitors,
            registrants,
            admin,
            lenders,
            editors,
            librarians: setup.librarians,
            setup_audited,
        }
    }

    /// Waits until every kind of write has been acknowledged `n` times; false after `within`.
    pub async fn until_each_kind_has(&self, n: usize, within: Duration) -> bool {
        let started = std::time::Instant::now();
        while self.progress.least() < n {
            if started.elapsed() > within {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    /// Stops the clients (after the server has been killed) and collects what they were told.
    pub async fn finish(self) -> Ledger {
        self.progress.stop.store(true, Ordering::Release);
        async fn join<T>(handle: JoinHandle<T>) -> T {
            tokio::time::timeout(Duration::from_secs(60), handle)
                .await
                .expect("a client stops once the server is gone")
                .unwrap()
        }
        let mut ledger = Ledger {
            visitors: Vec::new(),
            registered: Vec::new(),
            members: join(self.admin).await,
            copies: Vec::new(),
            books: Vec::new(),
            librarians: self.librarians,
            audited: self.setup_audited,
            label: "",
        };
        for handle in self.visitors {
            ledger.visitors.push(join(handle).await);
        }
        for handle in self.registrants {
            ledger.registered.extend(join(handle).await);
        }
        for handle in self.lenders {
            ledger.copies.extend(join(handle).await);
        }
        for handle in self.editors {
            ledger.books.extend(join(handle).await);
        }
        for (action, n) in self.progress.audited.lock().unwrap().iter() {
            *ledger.audited.entry(action).or_default() += n;
        }
        ledger
    }
}
