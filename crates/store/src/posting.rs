//! The posting path: entries are given the book's next sequence numbers, linked into the
//! hash chain, and written with their postings, the monthly balances and the chain's new
//! head in the caller's transaction. Single posts and bulk imports share this code.

use std::collections::{BTreeSet, HashMap, HashSet};

use artel_ledger::chain::{ChainHash, EntryView, entry_hash};
use artel_ledger::{AccountName, EntryError, JournalEntry, Money, Period, Posting};
use chrono::NaiveDate;
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};
use crate::rows::{AuditRow, EntryRows, KeyRow};

/// An entry once posted: its place in the book and in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedEntry {
    pub entry_id: Uuid,
    pub sequence: u64,
    pub hash: ChainHash,
}

/// An entry read back from the book, as recorded: the balance is not checked on reading,
/// so that `verify` can hash and name an entry that was altered behind the books' back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub entry_id: Uuid,
    pub sequence: u64,
    pub hash: ChainHash,
    pub date: NaiveDate,
    pub memo: String,
    pub source: Option<String>,
    pub reverses: Option<u64>,
    pub postings: Vec<Posting>,
}

impl StoredEntry {
    pub fn view(&self) -> EntryView<'_> {
        EntryView {
            date: self.date,
            memo: &self.memo,
            source: self.source.as_deref(),
            reverses: self.reverses,
            postings: &self.postings,
        }
    }

    /// The entry as a checked journal entry; fails only when the stored rows were altered.
    pub fn journal_entry(&self) -> Result<JournalEntry, EntryError> {
        Ok(JournalEntry::new(
            self.date,
            self.memo.clone(),
            self.source.clone(),
            self.postings.clone(),
        )?
        .with_reverses(self.reverses))
    }
}

/// What a post with an idempotency key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostOutcome {
    pub posted: PostedEntry,
    /// The key had already posted this same request: nothing was posted now, and `posted`
    /// is the entry the first request posted.
    pub replayed: bool,
}

/// The longest idempotency key accepted, in bytes.
pub const IDEMPOTENCY_KEY_BYTES_MAX: usize = 200;

/// An idempotency key, checked, with the hash of the request it names.
#[derive(Debug, Clone)]
pub(crate) struct RequestKey {
    pub(crate) key: String,
    pub(crate) request_hash: ChainHash,
}

impl RequestKey {
    /// Checks `key` (1 to [`IDEMPOTENCY_KEY_BYTES_MAX`] bytes, no control characters) and
    /// hashes the request: SHA-256 of 32 zero bytes and the entry's canonical bytes with
    /// sequence 0, so two requests are the same exactly when their entries are.
    pub(crate) fn new(key: &str, entry: &JournalEntry) -> Result<RequestKey, StoreError> {
        if key.is_empty() {
            return Err(StoreError::InvalidIdempotencyKey("it is empty".into()));
        }
        if key.len() > IDEMPOTENCY_KEY_BYTES_MAX {
            return Err(StoreError::InvalidIdempotencyKey(format!(
                "it is {} bytes long, more than {IDEMPOTENCY_KEY_BYTES_MAX}",
                key.len()
            )));
        }
        if key.chars().any(char::is_control) {
            return Err(StoreError::InvalidIdempotencyKey(
                "it holds a control character".into(),
            ));
        }
        Ok(RequestKey {
            key: key.to_owned(),
            request_hash: entry_hash(&[0; 32], 0, entry),
        })
    }
}

/// What one posting request did: the entries it posted, or (a replay) the entry its key
/// posted before.
#[derive(Debug)]
pub(crate) struct Posted {
    pub(crate) entries: Vec<PostedEntry>,
    pub(crate) replayed: bool,
}

/// The audit trail's action for posted entries.
pub(crate) const POST_ACTION: &str = "entry.post";

/// Monthly balances as stored, by book, account and month.
pub(crate) type StoredBalances = HashMap<(OrgId, Uuid, Period), i64>;

/// Entries once numbered and linked, each with the ids of its postings' accounts.
pub(crate) type Assigned = Vec<(PostedEntry, Vec<Uuid>)>;

/// What a transaction must know of a book to append entries to it.
#[derive(Clone)]
pub(crate) struct BookState {
    pub(crate) org_id: OrgId,
    pub(crate) sequence: u64,
    pub(crate) hash: ChainHash,
    pub(crate) accounts: HashMap<AccountName, Uuid>,
    pub(crate) closed: BTreeSet<Period>,
    /// Balance changes not yet written, per account and month.
    pub(crate) balance_changes: HashMap<(Uuid, Period), i64>,
}

impl BookState {
    /// Numbers and links `entries`, checking every account and period first, so that a
    /// refused entry changes nothing. Returns the rows to insert.
    pub(crate) fn assign(&mut self, entries: &[JournalEntry]) -> Result<Assigned, StoreError> {
        let mut assigned = Vec::with_capacity(entries.len());
        let (mut sequence, mut hash) = (self.sequence, self.hash);
        for entry in entries {
            let period = Period::of(entry.date());
            if self.closed.contains(&period) {
                return Err(StoreError::PeriodClosed(period));
            }
            let account_ids = entry
                .postings()
                .iter()
                .map(|p| {
                    self.accounts
                        .get(&p.account)
                        .copied()
                        .ok_or_else(|| StoreError::UnknownAccount(p.account.to_string()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            sequence += 1;
            hash = entry_hash(&hash, sequence, entry);
            assigned.push((
                PostedEntry {
                    entry_id: Uuid::now_v7(),
                    sequence,
                    hash,
                },
                account_ids,
            ));
        }
        for (entry, (_, account_ids)) in entries.iter().zip(&assigned) {
            let period = Period::of(entry.date());
            for (posting, account_id) in entry.postings().iter().zip(account_ids) {
                let slot = self
                    .balance_changes
                    .entry((*account_id, period))
                    .or_insert(0);
                *slot = slot
                    .checked_add(posting.amount.minor())
                    .ok_or(artel_ledger::MoneyError::Overflow)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            }
        }
        self.sequence = sequence;
        self.hash = hash;
        Ok(assigned)
    }
}

/// What the audit trail says of a post of entries `first..=last`.
pub(crate) fn post_detail(posted: &[PostedEntry]) -> Option<String> {
    let (first, last) = (posted.first()?, posted.last()?);
    Some(format!("entries {}..={}", first.sequence, last.sequence))
}

for_each_engine! {
    /// The book's state, knowing every account of its chart.
    pub(crate) async fn load_state(conn: &mut Conn, org_id: OrgId) -> Result<BookState, StoreError> {
        let accounts = peers::accounts::list(conn, org_id)
            .await?
            .into_iter()
            .map(|stored| (stored.account.name, stored.account_id))
            .collect();
        state_with(conn, org_id, accounts).await
    }

    /// The book's state (its chain's head, its closed months) knowing only `accounts`: an
    /// entry naming any other is refused as naming an unknown account.
    pub(crate) async fn state_with(conn: &mut Conn, org_id: OrgId, accounts: HashMap<AccountName, Uuid>) -> Result<BookState, StoreError> {
        let head = sqlx::query("SELECT sequence, hash FROM book_heads WHERE org_id = $1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "book", key: org_id.to_string() })?;
        let sequence: i64 = head.try_get("sequence")?;
        let hash: Vec<u8> = head.try_get("hash")?;
        let closed = peers::periods::closed(conn, org_id).await?;
        Ok(BookState {
            org_id,
            sequence: to_u64(sequence, "sequence")?,
            hash: hash.try_into().map_err(|_| StoreError::Corrupt("chain head is not 32 bytes".into()))?,
            accounts,
            closed,
            balance_changes: HashMap::new(),
        })
    }

    /// Appends entries to the book in the caller's transaction. Balance changes are kept
    /// in `state` until [`finish`] writes them with the chain's head.
    pub(crate) async fn append(conn: &mut Conn, state: &mut BookState, entries: &[JournalEntry]) -> Result<Vec<PostedEntry>, StoreError> {
        let assigned = state.assign(entries)?;
        insert_assigned(conn, state.org_id, entries, &assigned).await?;
        Ok(assigned.into_iter().map(|(posted, _)| posted).collect())
    }

    /// Inserts entries already numbered and linked by [`BookState::assign`].
    pub(crate) async fn insert_assigned(conn: &mut Conn, org_id: OrgId, entries: &[JournalEntry], assigned: &Assigned) -> Result<(), StoreError> {
        let rows: Vec<EntryRows<'_>> = entries
            .iter()
            .zip(assigned)
            .map(|(entry, (posted, account_ids))| EntryRows { org_id, entry, posted, account_ids })
            .collect();
        peers::rows::insert_entries(conn, &rows).await
    }

    /// The stored balances of every account of each book and month in `months`, as the
    /// caller's transaction sees them: one statement per month.
    pub(crate) async fn stored_balances(conn: &mut Conn, months: HashSet<(OrgId, Period)>) -> Result<StoredBalances, StoreError> {
        let mut stored = HashMap::new();
        for (org_id, period) in months {
            let rows = sqlx::query("SELECT account_id, amount_minor FROM balances WHERE org_id = $1 AND period = $2")
                .bind(org_id)
                .bind(period.to_string())
                .fetch_all(&mut *conn)
                .await?;
            for row in rows {
                stored.insert((org_id, row.try_get("account_id")?, period), row.try_get("amount_minor")?);
            }
        }
        Ok(stored)
    }

    /// Writes the balance changes and the chain's new head.
    pub(crate) async fn finish(conn: &mut Conn, state: &mut BookState) -> Result<(), StoreError> {
        let months = state.balance_changes.keys().map(|(_, period)| (state.org_id, *period)).collect();
        let stored = stored_balances(conn, months).await?;
        finish_onto(conn, state, &stored).await
    }

    /// Writes the balance changes onto `stored` — the balances of their months as the
    /// caller's transaction read them — in one statement, and the chain's new head.
    /// Balances are added in Rust with checked arithmetic: SQLite would silently turn an
    /// overflowing sum into a float.
    pub(crate) async fn finish_onto(conn: &mut Conn, state: &mut BookState, stored: &StoredBalances) -> Result<(), StoreError> {
        let mut balances = Vec::with_capacity(state.balance_changes.len());
        for ((account_id, period), change) in state.balance_changes.drain() {
            let amount = stored
                .get(&(state.org_id, account_id, period))
                .copied()
                .unwrap_or(0)
                .checked_add(change)
                .ok_or_else(|| StoreError::Corrupt(format!("the balance of an account for {period} overflows")))?;
            balances.push((state.org_id, account_id, period.to_string(), amount));
        }
        peers::rows::set_balances(conn, &balances).await?;
        let updated = sqlx::query("UPDATE book_heads SET sequence = $2, hash = $3 WHERE org_id = $1")
            .bind(state.org_id)
            .bind(to_i64(state.sequence)?)
            .bind(state.hash.to_vec())
            .execute(&mut *conn)
            .await?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::NotFound { what: "book", key: state.org_id.to_string() });
        }
        Ok(())
    }

    /// Posts entries to the book `state` describes, which must be current. On success
    /// `state` describes the book with the entries; on failure it must be dropped.
    async fn post(conn: &mut Conn, state: &mut BookState, entries: &[JournalEntry], actor: &Actor) -> Result<Vec<PostedEntry>, StoreError> {
        let org_id = state.org_id;
        let posted = append(conn, state, entries).await?;
        finish(conn, state).await?;
        if let Some(detail) = post_detail(&posted) {
            peers::rows::insert_audit(conn, &[AuditRow { org_id, actor, action: POST_ACTION, detail }]).await?;
        }
        Ok(posted)
    }

    /// One posting request in the caller's transaction, on the book `state` describes
    /// (current: read in this transaction, or left by the previous request of a group). With
    /// a key: the key's earlier outcome when it posted this same request before (posting
    /// nothing), a conflict when it posted another request, else the post and the key
    /// recorded together. On failure `state` must be dropped with the request's writes.
    pub(crate) async fn post_request(conn: &mut Conn, state: &mut BookState, entries: &[JournalEntry], actor: &Actor, key: Option<&RequestKey>) -> Result<Posted, StoreError> {
        let org_id = state.org_id;
        let Some(key) = key else {
            return Ok(Posted { entries: post(conn, state, entries, actor).await?, replayed: false });
        };
        let [entry] = entries else {
            return Err(StoreError::Corrupt("an idempotency key names exactly one entry".into()));
        };
        let found = sqlx::query("SELECT request_hash, sequence FROM idempotency_keys WHERE org_id = $1 AND key = $2")
            .bind(org_id)
            .bind(&key.key)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = found {
            let request_hash: Vec<u8> = row.try_get("request_hash")?;
            let sequence: i64 = row.try_get("sequence")?;
            return Ok(Posted { entries: vec![replay(conn, org_id, key, &request_hash, sequence).await?], replayed: true });
        }
        let posted = post(conn, state, std::slice::from_ref(entry), actor).await?;
        let first = posted.first().ok_or_else(|| StoreError::Corrupt("the post stored no entry".into()))?;
        peers::rows::insert_keys(conn, &[KeyRow { org_id, key, posted: first }]).await?;
        Ok(Posted { entries: posted, replayed: false })
    }

    /// The entry a key posted before, when `request_hash` (what the key posted) is the hash
    /// of this same request; a conflict otherwise.
    pub(crate) async fn replay(conn: &mut Conn, org_id: OrgId, key: &RequestKey, request_hash: &[u8], sequence: i64) -> Result<PostedEntry, StoreError> {
        if request_hash != key.request_hash.as_slice() {
            return Err(StoreError::IdempotencyConflict { key: key.key.clone() });
        }
        let stored = sqlx::query("SELECT entry_id, hash FROM entries WHERE org_id = $1 AND sequence = $2")
            .bind(org_id)
            .bind(sequence)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("the idempotency key names entry {sequence}, which does not exist")))?;
        let hash: Vec<u8> = stored.try_get("hash")?;
        Ok(PostedEntry {
            entry_id: stored.try_get("entry_id")?,
            sequence: to_u64(sequence, "sequence")?,
            hash: hash.try_into().map_err(|_| StoreError::Corrupt(format!("hash of entry {sequence} is not 32 bytes")))?,
        })
    }

    /// Entries with sequence numbers in `first..=last`, with their postings, in order.
    pub(crate) async fn entries(conn: &mut Conn, org_id: OrgId, first: u64, last: u64) -> Result<Vec<StoredEntry>, StoreError> {
        let names: HashMap<Uuid, AccountName> = peers::accounts::list(conn, org_id)
            .await?
            .into_iter()
            .map(|stored| (stored.account_id, stored.account.name))
            .collect();
        let entry_rows = sqlx::query(
            "SELECT sequence, entry_id, date, memo, source, reverses, hash FROM entries \
             WHERE org_id = $1 AND sequence >= $2 AND sequence <= $3 ORDER BY sequence",
        )
        .bind(org_id)
        .bind(to_i64(first)?)
        .bind(to_i64(last)?)
        .fetch_all(&mut *conn)
        .await?;
        let posting_rows = sqlx::query(
            "SELECT sequence, account_id, amount_minor FROM postings \
             WHERE org_id = $1 AND sequence >= $2 AND sequence <= $3 ORDER BY sequence, line",
        )
        .bind(org_id)
        .bind(to_i64(first)?)
        .bind(to_i64(last)?)
        .fetch_all(&mut *conn)
        .await?;
        let mut postings: HashMap<i64, Vec<Posting>> = HashMap::new();
        for row in posting_rows {
            let account_id: Uuid = row.try_get("account_id")?;
            let account = names.get(&account_id).cloned().ok_or_else(|| StoreError::Corrupt(format!("posting to unknown account {account_id}")))?;
            postings.entry(row.try_get("sequence")?).or_default().push(Posting { account, amount: Money::from_minor(row.try_get("amount_minor")?) });
        }
        entry_rows
            .into_iter()
            .map(|row| {
                let sequence: i64 = row.try_get("sequence")?;
                let date: NaiveDate = row.try_get("date")?;
                let memo: String = row.try_get("memo")?;
                let source: Option<String> = row.try_get("source")?;
                let reverses: Option<i64> = row.try_get("reverses")?;
                let hash: Vec<u8> = row.try_get("hash")?;
                Ok(StoredEntry {
                    entry_id: row.try_get("entry_id")?,
                    sequence: to_u64(sequence, "sequence")?,
                    hash: hash.try_into().map_err(|_| StoreError::Corrupt(format!("hash of entry {sequence} is not 32 bytes")))?,
                    date,
                    memo,
                    source,
                    reverses: reverses.map(|r| to_u64(r, "reversal")).transpose()?,
                    postings: postings.remove(&sequence).unwrap_or_default(),
                })
            })
            .collect()
    }

    pub(crate) async fn first_date(conn: &mut Conn, org_id: OrgId) -> Result<Option<NaiveDate>, StoreError> {
        let row = sqlx::query("SELECT date FROM entries WHERE org_id = $1 ORDER BY date LIMIT 1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(row.map(|row| row.try_get("date")).transpose()?)
    }

    pub(crate) async fn last_date(conn: &mut Conn, org_id: OrgId) -> Result<Option<NaiveDate>, StoreError> {
        let row = sqlx::query("SELECT date FROM entries WHERE org_id = $1 ORDER BY sequence DESC LIMIT 1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(row.map(|row| row.try_get("date")).transpose()?)
    }

    pub(crate) async fn head(conn: &mut Conn, org_id: OrgId) -> Result<(u64, ChainHash), StoreError> {
        let state = sqlx::query("SELECT sequence, hash FROM book_heads WHERE org_id = $1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "book", key: org_id.to_string() })?;
        let sequence: i64 = state.try_get("sequence")?;
        let hash: Vec<u8> = state.try_get("hash")?;
        Ok((
            to_u64(sequence, "sequence")?,
            hash.try_into().map_err(|_| StoreError::Corrupt("chain head is not 32 bytes".into()))?,
        ))
    }
}

impl Db {
    /// Posts entries to an organisation's book in one transaction: all of them or none.
    /// On SQLite the database's writer commits the post together with the others waiting
    /// (group commit) and answers once it is durable; a post refused by its checks is
    /// refused alone. On PostgreSQL it is a SERIALIZABLE transaction of its own, retried.
    pub async fn post(
        &self,
        org_id: OrgId,
        entries: &[JournalEntry],
        actor: impl Into<Actor>,
    ) -> Result<Vec<PostedEntry>, StoreError> {
        let actor = &actor.into();
        Ok(self
            .post_request(org_id, entries, actor, None)
            .await?
            .entries)
    }

    /// Posts one entry under the client's idempotency key, at most once: when the key
    /// already posted this same entry, nothing is posted and that entry is returned
    /// (`replayed`); when it posted a different one, [`StoreError::IdempotencyConflict`].
    /// The key is looked up and recorded in the post's own transaction. Keys are per book.
    pub async fn post_once(
        &self,
        org_id: OrgId,
        entry: &JournalEntry,
        actor: impl Into<Actor>,
        key: &str,
    ) -> Result<PostOutcome, StoreError> {
        let actor = &actor.into();
        let key = RequestKey::new(key, entry)?;
        let posted = self
            .post_request(org_id, std::slice::from_ref(entry), actor, Some(key))
            .await?;
        let entry = posted
            .entries
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Corrupt("the post stored no entry".into()))?;
        Ok(PostOutcome {
            posted: entry,
            replayed: posted.replayed,
        })
    }

    async fn post_request(
        &self,
        org_id: OrgId,
        entries: &[JournalEntry],
        actor: &Actor,
        key: Option<RequestKey>,
    ) -> Result<Posted, StoreError> {
        if let Some(writer) = &self.writer {
            return writer.submit(org_id, entries.to_vec(), actor, key).await;
        }
        let _turn = self.book_turns.take(org_id).await;
        in_transaction!(self, conn, engine => {
            let mut state = engine::load_state(conn, org_id).await?;
            engine::post_request(conn, &mut state, entries, actor, key.as_ref()).await
        })
    }

    /// Entries `first..=last` of the book, in order; callers page through long books.
    pub async fn entries(
        &self,
        org_id: OrgId,
        first: u64,
        last: u64,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        on_connection!(self, conn, engine => engine::entries(conn, org_id, first, last).await)
    }

    /// The date of the book's earliest entry, if it has any.
    pub async fn first_entry_date(&self, org_id: OrgId) -> Result<Option<NaiveDate>, StoreError> {
        on_connection!(self, conn, engine => engine::first_date(conn, org_id).await)
    }

    /// The date of the book's last entry (the highest sequence), if it has any.
    pub async fn last_entry_date(&self, org_id: OrgId) -> Result<Option<NaiveDate>, StoreError> {
        on_connection!(self, conn, engine => engine::last_date(conn, org_id).await)
    }

    /// The last sequence number of the book and its hash.
    pub async fn head(&self, org_id: OrgId) -> Result<(u64, ChainHash), StoreError> {
        on_connection!(self, conn, engine => engine::head(conn, org_id).await)
    }
}
