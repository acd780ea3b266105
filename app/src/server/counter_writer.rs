//! Group commit for the visit counter: one writer task takes every home-page visit waiting at
//! the moment, adds them in one transaction, and answers each visit with its own exact number
//! once that transaction has committed. A view a proxy sends again after a server died keeps
//! the number it got the first time (`counted_requests`).
//!
//! One increment per transaction made concurrent visits queue for SQLite's write lock (and sleep
//! in its busy handler); batching turns 32 waiting writers into one.
use super::{counted_requests, db::Pool, visit_counter};
use crate::error::AppError;
use std::collections::{HashMap, HashSet};
use tokio::sync::{mpsc, oneshot};

/// The most visits committed in one transaction (each takes at most four bound values).
const MAX_BATCH: usize = 256;
/// Visits that may wait for the writer before callers wait to hand theirs over.
const QUEUE_LENGTH: usize = 4096;

/// One visit waiting to be counted.
struct Visit {
    key: String,
    start: u64,
    /// The id a trusted proxy gave the request, the same on each retry of it.
    request_id: Option<String>,
    reply: oneshot::Sender<Result<u64, AppError>>,
}

/// The handle requests count visits through; cloning it is cheap.
#[derive(Debug, Clone)]
pub struct CounterWriter {
    queue: mpsc::Sender<Visit>,
}

impl CounterWriter {
    /// Starts the writer on `pool`; it runs until the returned task is aborted.
    pub fn spawn(pool: Pool) -> (Self, tokio::task::JoinHandle<()>) {
        let (queue, visits) = mpsc::channel(QUEUE_LENGTH);
        (Self { queue }, tokio::spawn(run(pool, visits)))
    }

    /// Counts one visit for `key` (a new counter starts from `start`) and returns the visit's
    /// number, after the transaction holding it has committed. A request the proxy already sent
    /// to a server that counted it (`request_id` seen before) gets the number it got then.
    pub async fn record(
        &self,
        key: String,
        start: u64,
        request_id: Option<String>,
    ) -> Result<u64, AppError> {
        let (reply, answer) = oneshot::channel();
        let visit = Visit {
            key,
            start,
            request_id,
            reply,
        };
        let stopped = || AppError::Unavailable.logged(&"the visit counter's writer has stopped");
        self.queue.send(visit).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn run(pool: Pool, mut visits: mpsc::Receiver<Visit>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while visits.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit(&pool, std::mem::take(&mut batch)).await;
    }
}

/// Counts `batch` in one transaction and answers every visit in it.
async fn commit(pool: &Pool, batch: Vec<Visit>) {
    super::metrics::visit_batch(batch.len());
    match count(pool, &batch).await {
        Ok(numbers) => {
            for (visit, number) in batch.into_iter().zip(numbers) {
                let _ = visit.reply.send(Ok(number));
            }
        }
        Err(err) => {
            let error = AppError::from(err);
            for visit in batch {
                let _ = visit.reply.send(Err(error.clone()));
            }
        }
    }
}

/// What one attempt at counting a batch came to.
enum Attempt {
    /// Each visit's number, in batch order; committed.
    Counted(Vec<u64>),
    /// These request ids were stored before (a proxy's retry): rolled back, to be looked up.
    SeenBefore(Vec<String>),
}

/// Each visit's number, in `batch` order, once the transaction counting them has committed.
async fn count(pool: &Pool, batch: &[Visit]) -> Result<Vec<u64>, sqlx::Error> {
    // Retries are rare, so the first attempt counts every view and stores the request ids in
    // the same transaction: one statement more than counting alone. An id stored before rolls
    // it back, and the next attempt answers that view with the number stored with it. Each
    // failed attempt learns at least one new id, so this ends.
    let mut seen_before = HashSet::new();
    loop {
        match attempt(pool, batch, &seen_before).await? {
            Attempt::Counted(numbers) => return Ok(numbers),
            Attempt::SeenBefore(ids) => seen_before.extend(ids),
        }
    }
}

async fn attempt(
    pool: &Pool,
    batch: &[Visit],
    seen_before: &HashSet<String>,
) -> Result<Attempt, sqlx::Error> {
    let mut numbers: Vec<Option<u64>> = vec![None; batch.len()];
    let looked_up: Vec<(&str, &str)> = batch
        .iter()
        .filter_map(|v| Some((v.request_id.as_deref()?, v.key.as_str())))
        .filter(|(id, _)| seen_before.contains(*id))
        .collect();
    // Read before the transaction: the rows are committed and never change, and on SQLite a
    // read first would pin a snapshot that another connection's commit makes unwritable.
    let replayed = if looked_up.is_empty() {
        HashMap::new()
    } else {
        counted_requests::numbers(&mut *pool.acquire().await?, &looked_up).await?
    };
    let mut tx = pool.begin().await?;

    // The visits to count: not seen before, and each request once (a copy of a request in the
    // same batch gets its first copy's number).
    let mut fresh = Vec::new();
    let mut copies = Vec::new();
    let mut first_with_id: HashMap<&str, usize> = HashMap::new();
    for (i, visit) in batch.iter().enumerate() {
        match visit.request_id.as_deref() {
            Some(id) if replayed.contains_key(id) => numbers[i] = replayed.get(id).copied(),
            Some(id) => match first_with_id.get(id) {
                Some(&first) => copies.push((i, first)),
                None => {
                    first_with_id.insert(id, i);
                    fresh.push(i);
                }
            },
            None => fresh.push(i),
        }
    }

    // Distinct keys, each with its start and how many visits it gets, in key order: servers
    // writing the same rows in one order cannot deadlock each other.
    let mut per_key: std::collections::BTreeMap<&str, (u64, u64)> = Default::default();
    for &i in &fresh {
        let visit = &batch[i];
        per_key
            .entry(visit.key.as_str())
            .or_insert((visit.start, 0))
            .1 += 1;
    }
    let counts: Vec<(String, u64, u64)> = per_key
        .iter()
        .map(|(key, (start, visits))| (key.to_string(), *start, *visits))
        .collect();
    let slot: HashMap<&str, usize> = per_key
        .keys()
        .enumerate()
        .map(|(s, key)| (*key, s))
        .collect();
    let totals = visit_counter::add_visits(&mut tx, &counts).await?;
    // A key's visits in this batch are numbered in arrival order, ending at its total.
    let mut handed = vec![0u64; counts.len()];
    let mut remembered = Vec::new();
    for &i in &fresh {
        let visit = &batch[i];
        let s = slot[visit.key.as_str()];
        handed[s] += 1;
        // A counter deleted meanwhile ("forget me") answers 0, not an underflow.
        let number = (totals[s] + handed[s]).saturating_sub(counts[s].2);
        numbers[i] = Some(number);
        // An id seen before but not on this counter is counted and not stored again.
        if let Some(id) = visit
            .request_id
            .as_deref()
            .filter(|id| !seen_before.contains(*id))
        {
            remembered.push((id, visit.key.as_str(), number));
        }
    }
    for (copy, first) in copies {
        numbers[copy] = numbers[first];
    }

    remembered.sort_unstable_by_key(|(id, _, _)| *id);
    let stored = counted_requests::remember(&mut tx, &remembered).await?;
    if stored.len() < remembered.len() {
        tx.rollback().await?;
        let retried: Vec<String> = remembered
            .iter()
            .filter(|(id, _, _)| !stored.contains(*id))
            .map(|(id, _, _)| id.to_string())
            .collect();
        // Worth knowing: each one is a server that died after counting, before answering.
        tracing::info!(
            retries = retried.len(),
            "views a proxy sent again: answering with the counts they already got"
        );
        return Ok(Attempt::SeenBefore(retried));
    }
    tx.commit().await?;
    Ok(Attempt::Counted(
        numbers.into_iter().map(Option::unwrap_or_default).collect(),
    ))
}
