//! SQLite's group commit. A durable commit costs one fsync whatever it holds, so one writer
//! task per SQLite database takes every posting request waiting in its queue, runs them in
//! one `BEGIN IMMEDIATE` transaction, commits once, and only then answers each request. The
//! requests are checked and numbered in memory and their rows written together, many to a
//! statement, so a group of hundreds costs a few statements, not a dozen per request (each
//! statement is a round trip to SQLite's thread). A request refused by its checks (unknown
//! account, closed period, idempotency conflict…) writes nothing and is refused alone; when
//! the transaction itself fails, every request of the group is told so and nothing of it
//! is stored.
//!
//! Each request posts on its book's state (chain head, accounts, closed periods) as the
//! group's earlier requests left it: read inside the transaction once per book, advanced by
//! each request that passes, untouched by one that is refused. Nothing else writes while
//! the group holds the write lock,
//! so two requests of one group on one book get consecutive sequence numbers and a
//! continuous chain.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use artel_ledger::JournalEntry;
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::OrgId;
use crate::audit::Actor;
use crate::error::StoreError;
use crate::group_checks::{earlier_keys, group_books, overflow, reversal_refused, stored_balances};
use crate::posting::{Assigned, POST_ACTION, Posted, PostedEntry, RequestKey, post_detail};
use crate::rows::{AuditRow, EntryRows, KeyRow};

/// The most requests one transaction takes.
pub const GROUP_REQUESTS_MAX: usize = 256;

/// Requests that may wait for the writer before senders wait for room.
const QUEUE_CAPACITY: usize = 4096;

/// What a SQLite database's writer has done so far; all zero on PostgreSQL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriterStats {
    /// Transactions committed (each one group of requests).
    pub groups: u64,
    /// Requests taken from the queue.
    pub taken: u64,
    /// Requests answered after their group committed (posted, replayed or refused alone).
    pub answered: u64,
    /// The most requests one committed group held.
    pub largest_group: u64,
    /// Requests waiting in the queue now.
    pub queued: u64,
}

#[derive(Default)]
struct Counters {
    groups: AtomicU64,
    taken: AtomicU64,
    answered: AtomicU64,
    largest_group: AtomicU64,
}

/// A posting request waiting for the writer, with where to send its answer.
pub(crate) struct Request {
    pub(crate) org_id: OrgId,
    pub(crate) entries: Vec<JournalEntry>,
    pub(crate) actor: Actor,
    pub(crate) key: Option<RequestKey>,
    reply: oneshot::Sender<Result<Posted, StoreError>>,
}

/// The handle of a database's writer task: its queue and its counters.
pub(crate) struct Writer {
    sender: mpsc::Sender<Request>,
    task: JoinHandle<()>,
    counters: Arc<Counters>,
}

fn as_u64(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

impl Writer {
    /// Starts the writer task on the current Tokio runtime; it holds its pool (of one
    /// connection, its own) and the queue's receiving end, nothing else.
    pub(crate) fn start(pool: SqlitePool) -> Writer {
        let (sender, receiver) = mpsc::channel(QUEUE_CAPACITY);
        let counters = Arc::new(Counters::default());
        let task = tokio::spawn(run(pool, receiver, Arc::clone(&counters)));
        Writer {
            sender,
            task,
            counters,
        }
    }

    /// Queues a posting request and waits for its answer, which comes only once the group
    /// it was committed in is durable. If the caller stops waiting, the request is still
    /// committed (a retry with the same idempotency key then finds it).
    pub(crate) async fn submit(
        &self,
        org_id: OrgId,
        entries: Vec<JournalEntry>,
        actor: &Actor,
        key: Option<RequestKey>,
    ) -> Result<Posted, StoreError> {
        let (reply, answer) = oneshot::channel();
        let request = Request {
            org_id,
            entries,
            actor: actor.clone(),
            key,
            reply,
        };
        self.sender
            .send(request)
            .await
            .map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }

    pub(crate) fn stats(&self) -> WriterStats {
        WriterStats {
            groups: self.counters.groups.load(Ordering::Relaxed),
            taken: self.counters.taken.load(Ordering::Relaxed),
            answered: self.counters.answered.load(Ordering::Relaxed),
            largest_group: self.counters.largest_group.load(Ordering::Relaxed),
            queued: as_u64(self.sender.max_capacity() - self.sender.capacity()),
        }
    }

    /// Closes the queue and waits until the writer has committed and answered everything
    /// queued before, and stopped.
    pub(crate) async fn stop(self) -> Result<(), StoreError> {
        let Writer { sender, task, .. } = self;
        drop(sender);
        task.await.map_err(|_| StoreError::WriterStopped)
    }
}

/// The writer task: a group per turn until the queue is closed and empty; then it closes
/// its connection.
async fn run(pool: SqlitePool, mut receiver: mpsc::Receiver<Request>, counters: Arc<Counters>) {
    let mut group = Vec::with_capacity(GROUP_REQUESTS_MAX);
    while receiver.recv_many(&mut group, GROUP_REQUESTS_MAX).await > 0 {
        counters
            .taken
            .fetch_add(as_u64(group.len()), Ordering::Relaxed);
        commit_group(&pool, &mut group, &counters).await;
    }
    pool.close().await;
}

/// Commits `group` in one transaction and answers each of its requests, emptying it.
async fn commit_group(pool: &SqlitePool, group: &mut Vec<Request>, counters: &Counters) {
    let mut results = Vec::with_capacity(group.len());
    match run_group(pool, group, &mut results).await {
        Ok(()) => {
            counters.groups.fetch_add(1, Ordering::Relaxed);
            counters
                .largest_group
                .fetch_max(as_u64(group.len()), Ordering::Relaxed);
            counters
                .answered
                .fetch_add(as_u64(group.len()), Ordering::Relaxed);
            for (request, result) in group.drain(..).zip(results) {
                // A requester that stopped waiting is no reason to stop: its post is stored.
                let _ = request.reply.send(result);
            }
        }
        Err(error) => {
            let message = error.to_string();
            for request in group.drain(..) {
                let _ = request
                    .reply
                    .send(Err(StoreError::NotCommitted(message.clone())));
            }
        }
    }
}

/// Runs the whole group in one transaction with a handful of statements, whatever its
/// size: each book it meets is read once, its requests' idempotency keys are looked up
/// together, every request is then checked and numbered in memory on its book's state as
/// the group's earlier requests left it (a refused one changes nothing and is refused
/// alone), and the rows of all that passed are written together — entries, postings,
/// balances and chain heads, audit events, keys. `results` gets each request's outcome, in
/// order. An error returned is the transaction's own: nothing of the group is committed.
async fn run_group(
    pool: &SqlitePool,
    group: &[Request],
    results: &mut Vec<Result<Posted, StoreError>>,
) -> Result<(), StoreError> {
    use crate::engines::sqlite::{posting, rows};
    let mut transaction = pool.begin_with("BEGIN IMMEDIATE").await?;
    let conn: &mut sqlx::SqliteConnection = &mut transaction;

    let mut books = group_books(conn, group).await?;
    let earlier = earlier_keys(conn, group).await?;
    let stored = stored_balances(conn, group, &books).await?;

    // Decide every request in memory; `numbered` keeps what the posted ones must write.
    let mut numbered: Vec<(usize, Assigned)> = Vec::new();
    let mut keys_in_group: HashMap<(OrgId, &str), (&RequestKey, PostedEntry)> = HashMap::new();
    let mut reversed_in_group: HashSet<(OrgId, u64)> = HashSet::new();
    for (index, request) in group.iter().enumerate() {
        let Some(Some(state)) = books.get_mut(&request.org_id) else {
            results.push(Err(StoreError::NotFound {
                what: "book",
                key: request.org_id.to_string(),
            }));
            continue;
        };
        if let Some(key) = &request.key {
            if let Some((request_hash, sequence)) = earlier.get(&(request.org_id, key.key.as_str()))
            {
                let replayed =
                    posting::replay(conn, request.org_id, key, request_hash, *sequence).await;
                results.push(replayed.map(|posted| Posted {
                    entries: vec![posted],
                    replayed: true,
                }));
                continue;
            }
            if let Some((first, posted)) = keys_in_group.get(&(request.org_id, key.key.as_str())) {
                results.push(if first.request_hash == key.request_hash {
                    Ok(Posted {
                        entries: vec![posted.clone()],
                        replayed: true,
                    })
                } else {
                    Err(StoreError::IdempotencyConflict {
                        key: key.key.clone(),
                    })
                });
                continue;
            }
            if request.entries.len() != 1 {
                results.push(Err(StoreError::Corrupt(
                    "an idempotency key names exactly one entry".into(),
                )));
                continue;
            }
        }
        if let Some(refusal) = reversal_refused(conn, &reversed_in_group, request).await? {
            results.push(Err(refusal));
            continue;
        }
        if let Some(refusal) = overflow(request, state, &stored) {
            results.push(Err(refusal));
            continue;
        }
        match state.assign(&request.entries) {
            Ok(assigned) => {
                let posted: Vec<PostedEntry> =
                    assigned.iter().map(|(posted, _)| posted.clone()).collect();
                if let (Some(key), Some(first)) = (&request.key, posted.first()) {
                    keys_in_group.insert((request.org_id, key.key.as_str()), (key, first.clone()));
                }
                results.push(Ok(Posted {
                    entries: posted,
                    replayed: false,
                }));
                for reversed in request.entries.iter().filter_map(JournalEntry::reverses) {
                    reversed_in_group.insert((request.org_id, reversed));
                }
                numbered.push((index, assigned));
            }
            Err(error) => results.push(Err(error)),
        }
    }

    let mut entry_rows = Vec::new();
    let mut audit_rows = Vec::new();
    let mut key_rows = Vec::new();
    for (index, assigned) in &numbered {
        let request = &group[*index];
        for (entry, (posted, account_ids)) in request.entries.iter().zip(assigned) {
            entry_rows.push(EntryRows {
                org_id: request.org_id,
                entry,
                posted,
                account_ids,
            });
        }
        let posted: Vec<PostedEntry> = assigned.iter().map(|(posted, _)| posted.clone()).collect();
        if let Some(detail) = post_detail(&posted) {
            audit_rows.push(AuditRow {
                org_id: request.org_id,
                actor: &request.actor,
                action: POST_ACTION,
                detail,
            });
        }
        if let (Some(key), Some((posted, _))) = (&request.key, assigned.first()) {
            key_rows.push(KeyRow {
                org_id: request.org_id,
                key,
                posted,
            });
        }
    }
    rows::insert_entries(conn, &entry_rows).await?;
    for state in books.values_mut().flatten() {
        posting::finish_onto(conn, state, &stored).await?;
    }
    rows::insert_audit(conn, &audit_rows).await?;
    rows::insert_keys(conn, &key_rows).await?;
    transaction.commit().await?;
    Ok(())
}
