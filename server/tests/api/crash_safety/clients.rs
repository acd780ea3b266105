//! The clients of the write load, each noting what the server acknowledged, and what it had
//! asked for when no success answer came (that may or may not have been done).
use super::{
    api, browser, day,
    ledger::{Book, Copy, Edit, Loan, Registered, Visitor},
    load::{Kind, Progress},
    READER,
};
use crate::helpers::visit_sentence;
use reqwest::Client;
use std::{sync::Arc, time::Duration};

/// The number in the home page's visit sentence.
fn visit_number(body: &str) -> Option<u64> {
    visit_sentence(body)?
        .split_whitespace()
        .find_map(|word| word.parse().ok())
}

/// One browser visiting the home page again and again; a visit counts as acknowledged once the
/// whole page, with its number, has arrived.
pub(super) async fn visitor(address: String, progress: Arc<Progress>) -> Visitor {
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
pub(super) async fn registrant(
    address: String,
    task: usize,
    progress: Arc<Progress>,
) -> Vec<Registered> {
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
pub(super) async fn admin(
    address: String,
    librarian: Client,
    progress: Arc<Progress>,
) -> Vec<String> {
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
pub(super) async fn lender(
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
pub(super) async fn editor(
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
