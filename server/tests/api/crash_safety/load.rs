//! The write load: clients that each note what the server acknowledged, and what they had
//! asked for when no success answer came (that may or may not have been done).
use super::{
    api, browser, day,
    ledger::{Book, Copy, Edit, Ledger, Loan, Registered, Setup, Visitor},
    READER,
};
use crate::helpers::visit_sentence;
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
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    fn acknowledged(&self, kind: Kind, action: Option<&'static str>) {
        self.acknowledged[kind as usize].fetch_add(1, Ordering::AcqRel);
        if let Some(action) = action {
            *self.audited.lock().unwrap().entry(action).or_default() += 1;
        }
    }

    fn refused(&self, what: String) {
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

/// The number in the home page's visit sentence.
fn visit_number(body: &str) -> Option<u64> {
    visit_sentence(body)?
        .split_whitespace()
        .find_map(|word| word.parse().ok())
}

/// One browser visiting the home page again and again; a visit counts as acknowledged once the
/// whole page, with its number, has arrived.
async fn visitor(address: String, progress: Arc<Progress>) -> Visitor {
    let browser = browser();
    let mut highest = 0;
    while !progress.stopped() {
        let Ok(response) = browser.get(format!("{address}/")).send().await else {
            break;
        };
        let status = response.status().as_u16();
        let Ok(body) = response.text().await else {
            break;
        };
        match visit_number(&body) {
            Some(n) if status == 200 => {
                highest = highest.max(n);
                progress.acknowledged(Kind::Visit, None);
            }
            _ => progress.refused(format!("visit: {status}")),
        }
    }
    Visitor { browser, highest }
}

/// New visitors registering through the plain form (303 when saved), each in its own browser.
async fn registrant(address: String, task: usize, progress: Arc<Progress>) -> Vec<Registered> {
    let mut registered = Vec::new();
    for n in 0.. {
        if progress.stopped() {
            break;
        }
        let browser = browser();
        let name = format!("Crash Visitor {task} {n}");
        let email = format!("crash{task}x{n}@example.com");
        let sent = browser
            .post(format!("{address}/register"))
            .form(&[
                ("name", name.as_str()),
                ("email", &email),
                ("remember", "on"),
            ])
            .send()
            .await;
        let Ok(response) = sent else { break };
        let status = response.status().as_u16();
        if response.text().await.is_err() {
            break;
        }
        if status == 303 {
            progress.acknowledged(Kind::Registration, None);
            registered.push(Registered {
                browser,
                name,
                email,
            });
        } else {
            progress.refused(format!("registration: {status}"));
        }
    }
    registered
}

/// A librarian adding member accounts (each gets an invitation mail).
async fn admin(address: String, librarian: Client, progress: Arc<Progress>) -> Vec<String> {
    let mut added = Vec::new();
    for n in 0.. {
        if progress.stopped() {
            break;
        }
        let username = format!("crashmember{n}");
        let email = format!("{username}@example.com");
        let form = [("username", username.as_str()), ("email", &email)];
        match api(&librarian, &address, "members/add", &form).await {
            Ok((200, _)) => {
                progress.acknowledged(Kind::Member, Some("add member"));
                added.push(username);
            }
            Ok((status, body)) => progress.refused(format!("members/add: {status} {body:.200}")),
            Err(_) => break,
        }
    }
    added
}

/// A due date 2 to 27 days ahead (inside the four weeks allowed), chosen by `n`, other than
/// `not`.
fn due_date(n: usize, not: Option<&str>) -> String {
    let offset = |k: usize| day(2 + (k % 26) as i64);
    let mut k = n * 7;
    while Some(offset(k).as_str()) == not {
        k += 1;
    }
    offset(k)
}

/// What became of one change a librarian asked for.
enum Outcome {
    Done,
    /// A 503 (SQLite busy under this load): nothing should be stored; ask again.
    Refused,
    /// Another refusal, or no answer (the server is gone): the client stops.
    Stop,
}

/// Posts one change and says what became of it.
async fn change(
    librarian: &Client,
    address: &str,
    endpoint: &str,
    form: &[(&'static str, String)],
    progress: &Progress,
) -> Outcome {
    match api(librarian, address, endpoint, form).await {
        Ok((200, _)) => Outcome::Done,
        Ok((status, body)) => {
            progress.refused(format!("{endpoint}: {status} {body:.200}"));
            if status != 503 {
                return Outcome::Stop;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            Outcome::Refused
        }
        Err(_) => Outcome::Stop,
    }
}

/// A librarian lending its copies to [`READER`], renewing and taking them back, round and
/// round, until an answer says the server is gone (or refuses for another reason than load).
async fn lender(
    address: String,
    librarian: Client,
    ids: Vec<String>,
    progress: Arc<Progress>,
) -> Vec<Copy> {
    let mut copies: Vec<Copy> = ids
        .into_iter()
        .map(|id| Copy {
            id,
            confirmed: Loan::Available,
            maybe: Vec::new(),
            acknowledged: 0,
        })
        .collect();
    let mut n = 0;
    'load: while !progress.stopped() {
        for copy in copies.iter_mut() {
            n += 1;
            let id = copy.id.clone();
            let (function, form, next) = match &copy.confirmed {
                Loan::Available => {
                    let due = due_date(n, None);
                    let form = vec![
                        ("id", id),
                        ("borrower", READER.into()),
                        ("due_back", due.clone()),
                    ];
                    ("lend", form, Loan::OnLoan(due))
                }
                Loan::OnLoan(due) if n % 3 != 0 => {
                    let due = due_date(n, Some(due));
                    let form = vec![("id", id), ("due_back", due.clone())];
                    ("renew", form, Loan::OnLoan(due))
                }
                Loan::OnLoan(_) => ("return", vec![("id", id)], Loan::Available),
            };
            let endpoint = format!("loans/{function}");
            match change(&librarian, &address, &endpoint, &form, &progress).await {
                Outcome::Done => {
                    copy.confirmed = next;
                    copy.maybe.clear();
                    copy.acknowledged += 1;
                    progress.acknowledged(Kind::Loan, Some(function));
                }
                Outcome::Refused => copy.maybe.push(next),
                Outcome::Stop => {
                    copy.maybe.push(next);
                    break 'load;
                }
            }
            if progress.stopped() {
                break 'load;
            }
        }
    }
    copies
}

/// A librarian saving its books again and again, each save writing one fresh token into the
/// title and the summary and choosing two genres by it, until an answer says the server is
/// gone (or refuses for another reason than load).
async fn editor(
    address: String,
    librarian: Client,
    mut books: Vec<Book>,
    genres: Vec<i64>,
    progress: Arc<Progress>,
) -> Vec<Book> {
    'load: for n in 1.. {
        for book in books.iter_mut() {
            if progress.stopped() {
                break 'load;
            }
            let edit = Edit::new(book.slot, n, &genres);
            let form = edit.form(Some(book.id), &book.isbn);
            match change(&librarian, &address, "editing/book", &form, &progress).await {
                Outcome::Done => {
                    book.confirmed = edit;
                    book.maybe.clear();
                    book.acknowledged += 1;
                    progress.acknowledged(Kind::Edit, Some("save book"));
                }
                Outcome::Refused => book.maybe.push(edit),
                Outcome::Stop => {
                    book.maybe.push(edit);
                    break 'load;
                }
            }
        }
    }
    books
}
