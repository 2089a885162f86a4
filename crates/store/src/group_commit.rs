//! SQLite's group commit. A durable commit costs one fsync whatever it holds, so one writer
//! task per SQLite database takes every posting request waiting in its queue, runs them in
//! one `BEGIN IMMEDIATE` transaction with a savepoint each, commits once, and only then
//! answers each request. A request refused by its checks (unknown account, closed period,
//! idempotency conflict…) is rolled back to its savepoint and refused alone; when the
//! transaction itself fails, every request of the group is told so and nothing of it is
//! stored.
//!
//! Each request posts on its book's state (chain head, accounts, closed periods) as the
//! group's earlier requests left it: read inside the transaction the first time the group
//! meets the book, kept after each request that succeeds, and read again after one that
//! fails (its savepoint undone). Nothing else writes while the group holds the write lock,
//! so two requests of one group on one book get consecutive sequence numbers and a
//! continuous chain.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use artel_ledger::JournalEntry;
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::OrgId;
use crate::audit::Actor;
use crate::error::StoreError;
use crate::posting::{BookState, Posted, RequestKey};

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

struct Request {
    org_id: OrgId,
    entries: Vec<JournalEntry>,
    actor: Actor,
    key: Option<RequestKey>,
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
    /// Starts the writer task on the current Tokio runtime; it holds a clone of the pool
    /// and the queue's receiving end, nothing else.
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

/// The writer task: a group per turn until the queue is closed and empty.
async fn run(pool: SqlitePool, mut receiver: mpsc::Receiver<Request>, counters: Arc<Counters>) {
    let mut group = Vec::with_capacity(GROUP_REQUESTS_MAX);
    while receiver.recv_many(&mut group, GROUP_REQUESTS_MAX).await > 0 {
        counters
            .taken
            .fetch_add(as_u64(group.len()), Ordering::Relaxed);
        commit_group(&pool, &mut group, &counters).await;
    }
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

/// Runs every request of the group in one transaction, each in a savepoint that is
/// released when the request succeeds and rolled back when it fails; `results` gets each
/// request's outcome, in order. An error returned is the transaction's own: nothing of the
/// group is committed.
async fn run_group(
    pool: &SqlitePool,
    group: &[Request],
    results: &mut Vec<Result<Posted, StoreError>>,
) -> Result<(), StoreError> {
    let mut transaction = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut books = HashMap::new();
    for request in group {
        sqlx::query("SAVEPOINT request")
            .execute(&mut *transaction)
            .await?;
        let result = post_in_group(&mut transaction, &mut books, request).await;
        if result.is_err() {
            sqlx::query("ROLLBACK TO request")
                .execute(&mut *transaction)
                .await?;
        }
        sqlx::query("RELEASE request")
            .execute(&mut *transaction)
            .await?;
        results.push(result);
    }
    transaction.commit().await?;
    Ok(())
}

/// One request of a group, on its book's state as the group left it (read when the group
/// has none); the state is kept only when the request succeeds.
async fn post_in_group(
    conn: &mut sqlx::SqliteConnection,
    books: &mut HashMap<OrgId, BookState>,
    request: &Request,
) -> Result<Posted, StoreError> {
    use crate::engines::sqlite::posting;
    let mut state = match books.remove(&request.org_id) {
        Some(state) => state,
        None => posting::load_state(conn, request.org_id).await?,
    };
    let posted = posting::post_request(
        conn,
        &mut state,
        &request.entries,
        &request.actor,
        request.key.as_ref(),
    )
    .await?;
    books.insert(request.org_id, state);
    Ok(posted)
}
