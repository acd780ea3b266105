//! Group commit for the visit counter: one writer task takes every home-page visit waiting at
//! the moment, adds them in one transaction, and answers each visit with its own exact number
//! once that transaction has committed.
//!
//! One increment per transaction made concurrent visits queue for SQLite's write lock (and sleep
//! in its busy handler); batching turns 32 waiting writers into one.
use super::{db::Pool, visit_counter};
use crate::error::AppError;
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

/// The most visits committed in one transaction (each key takes three bound values).
const MAX_BATCH: usize = 256;
/// Visits that may wait for the writer before callers wait to hand theirs over.
const QUEUE_LENGTH: usize = 4096;

/// One visit waiting to be counted.
struct Visit {
    key: String,
    start: u64,
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
    /// number, after the transaction holding it has committed.
    pub async fn record(&self, key: String, start: u64) -> Result<u64, AppError> {
        let (reply, answer) = oneshot::channel();
        let visit = Visit { key, start, reply };
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
    // Distinct keys in arrival order, each with its start and how many visits it gets.
    let mut slot: HashMap<&str, usize> = HashMap::new();
    let mut counts: Vec<(String, u64, u64)> = Vec::new();
    for visit in &batch {
        let i = *slot.entry(visit.key.as_str()).or_insert_with(|| {
            counts.push((visit.key.clone(), visit.start, 0));
            counts.len() - 1
        });
        counts[i].2 += 1;
    }
    let places: Vec<usize> = batch.iter().map(|v| slot[v.key.as_str()]).collect();
    match visit_counter::add_visits(pool, &counts).await {
        Ok(totals) => {
            // A key's visits in this batch are numbered in arrival order, ending at its total.
            let mut handed = vec![0u64; counts.len()];
            for (visit, i) in batch.into_iter().zip(places) {
                handed[i] += 1;
                let number = totals[i] + handed[i] - counts[i].2;
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
