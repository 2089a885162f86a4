//! `verify`: recomputes a book's hash chain from its stored entries, checks that the
//! monthly balances equal the postings they cover, and recomputes the organisation's audit
//! chain (`audit_verify`). The first problem found is named. Everything is read in one
//! snapshot of the database, so posts committed meanwhile are neither half seen nor taken
//! for tampering.

use std::collections::HashMap;
use std::fmt;

use artel_ledger::chain::{ChainHash, GENESIS, entry_hash};
use artel_ledger::{AccountName, Period};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::db::{Db, Pools, for_each_engine, on_connection};
use crate::error::StoreError;

/// Entries read per page while verifying, so a long book never sits in memory at once.
const ENTRIES_PER_PAGE: u64 = 2_000;

/// What `verify` found wrong first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainProblem {
    /// The entry's stored rows no longer give its recorded hash: it or its postings were
    /// changed, or an earlier entry was.
    Altered { sequence: u64, entry_id: Uuid },
    /// The entry with this number is gone.
    Missing { sequence: u64 },
    /// The chain's head does not match the last entry.
    HeadMismatch { sequence: u64 },
    /// A stored monthly balance differs from the sum of its postings.
    BalanceMismatch { account: String, period: Period },
    /// The audit event's stored row no longer gives its recorded hash.
    AuditAltered { sequence: u64, event_id: Uuid },
    /// The audit event with this number is gone.
    AuditMissing { sequence: u64 },
    /// The audit chain's head does not match the last event.
    AuditHeadMismatch { sequence: u64 },
    /// An audit event has no place in the chain: it was added behind Artel's back.
    AuditUnchained { event_id: Uuid },
}

impl fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainProblem::Altered { sequence, entry_id } => write!(
                f,
                "entry {sequence} ({entry_id}) was altered: its hash does not match"
            ),
            ChainProblem::Missing { sequence } => write!(f, "entry {sequence} was removed"),
            ChainProblem::HeadMismatch { sequence } => write!(
                f,
                "the chain's head does not match entry {sequence}: entries after it were removed"
            ),
            ChainProblem::BalanceMismatch { account, period } => {
                write!(
                    f,
                    "the stored balance of {account} for {period} differs from its postings"
                )
            }
            ChainProblem::AuditAltered { sequence, event_id } => write!(
                f,
                "audit event {sequence} ({event_id}) was altered: its hash does not match"
            ),
            ChainProblem::AuditMissing { sequence } => {
                write!(f, "audit event {sequence} was removed")
            }
            ChainProblem::AuditHeadMismatch { sequence } => write!(
                f,
                "the audit trail's head does not match event {sequence}: events after it were removed or added"
            ),
            ChainProblem::AuditUnchained { event_id } => write!(
                f,
                "audit event {event_id} is not in the audit trail's chain: it was added behind Artel's back"
            ),
        }
    }
}

/// The outcome of `verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    pub entries_checked: u64,
    /// The book's chain head as stored.
    pub head: ChainHash,
    /// Audit events of the organisation checked along their chain.
    pub audit_events_checked: u64,
    /// The audit chain's head as stored.
    pub audit_head: ChainHash,
    /// The first problem found: the entries' chain and balances first, then the audit
    /// trail's chain.
    pub problem: Option<ChainProblem>,
}

/// What recomputing the entries' chain and balances found.
struct Entries {
    entries_checked: u64,
    head: ChainHash,
    problem: Option<ChainProblem>,
}

for_each_engine! {
    async fn verify_entries(conn: &mut Conn, org_id: OrgId) -> Result<Entries, StoreError> {
        let (head_sequence, head_hash) = peers::posting::head(conn, org_id).await?;
        let last_stored: Option<i64> = sqlx::query("SELECT MAX(sequence) AS last FROM entries WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let last_stored = last_stored.and_then(|s| u64::try_from(s).ok()).unwrap_or(0);
        let mut sums: HashMap<(AccountName, Period), i64> = HashMap::new();
        let mut hash = GENESIS;
        let mut expected = 1u64;
        let end = last_stored.max(head_sequence);
        let mut first = 1u64;
        while first <= end {
            let last = first.saturating_add(ENTRIES_PER_PAGE - 1).min(end);
            for stored in peers::posting::entries(conn, org_id, first, last).await? {
                if stored.sequence != expected {
                    return Ok(Entries { entries_checked: expected - 1, head: head_hash, problem: Some(ChainProblem::Missing { sequence: expected }) });
                }
                hash = entry_hash(&hash, stored.sequence, stored.view());
                if hash != stored.hash {
                    let problem = ChainProblem::Altered { sequence: stored.sequence, entry_id: stored.entry_id };
                    return Ok(Entries { entries_checked: expected - 1, head: head_hash, problem: Some(problem) });
                }
                let period = Period::of(stored.date);
                for posting in &stored.postings {
                    let slot = sums.entry((posting.account.clone(), period)).or_insert(0);
                    *slot = slot.saturating_add(posting.amount.minor());
                }
                expected += 1;
            }
            first = last + 1;
        }
        let checked = expected - 1;
        if checked < head_sequence {
            return Ok(Entries { entries_checked: checked, head: head_hash, problem: Some(ChainProblem::Missing { sequence: checked + 1 }) });
        }
        if checked != head_sequence || hash != head_hash {
            return Ok(Entries { entries_checked: checked, head: head_hash, problem: Some(ChainProblem::HeadMismatch { sequence: head_sequence }) });
        }
        let names: HashMap<Uuid, AccountName> = peers::accounts::list(conn, org_id).await?.into_iter().map(|a| (a.account_id, a.account.name)).collect();
        let rows = sqlx::query("SELECT account_id, period, amount_minor FROM balances WHERE org_id = $1")
            .bind(org_id)
            .fetch_all(&mut *conn)
            .await?;
        let mut stored_sums: HashMap<(AccountName, Period), i64> = HashMap::new();
        for row in rows {
            let account_id: Uuid = row.try_get("account_id")?;
            let period_text: String = row.try_get("period")?;
            let period = Period::parse(&period_text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let name = names.get(&account_id).cloned().ok_or_else(|| StoreError::Corrupt(format!("balance of unknown account {account_id}")))?;
            let amount: i64 = row.try_get("amount_minor")?;
            if amount != 0 {
                stored_sums.insert((name, period), amount);
            }
        }
        sums.retain(|_, amount| *amount != 0);
        let mut keys: Vec<&(AccountName, Period)> = sums.keys().chain(stored_sums.keys()).collect();
        keys.sort();
        for key in keys {
            if sums.get(key) != stored_sums.get(key) {
                let problem = ChainProblem::BalanceMismatch { account: key.0.to_string(), period: key.1 };
                return Ok(Entries { entries_checked: checked, head: head_hash, problem: Some(problem) });
            }
        }
        Ok(Entries { entries_checked: checked, head: head_hash, problem: None })
    }

    pub(crate) async fn verify(conn: &mut Conn, org_id: OrgId) -> Result<VerifyOutcome, StoreError> {
        let entries = verify_entries(conn, org_id).await?;
        let audit = peers::audit_verify::verify(conn, org_id).await?;
        Ok(VerifyOutcome {
            entries_checked: entries.entries_checked,
            head: entries.head,
            audit_events_checked: audit.events_checked,
            audit_head: audit.head,
            problem: entries.problem.or(audit.problem),
        })
    }

    /// The stored hash of entry `sequence` ([`GENESIS`] for 0), if it exists.
    pub(crate) async fn entry_hash_at(conn: &mut Conn, org_id: OrgId, sequence: u64) -> Result<Option<ChainHash>, StoreError> {
        if sequence == 0 {
            return Ok(Some(GENESIS));
        }
        let row = sqlx::query("SELECT hash FROM entries WHERE org_id = $1 AND sequence = $2")
            .bind(org_id)
            .bind(crate::numbers::to_i64(sequence)?)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|row| crate::audit_chain::as_hash(row.try_get("hash")?, &format!("the hash of entry {sequence}")))
            .transpose()
    }
}

impl Db {
    /// Recomputes the book's hash chain and balances and the organisation's audit chain,
    /// in one snapshot; the outcome names the first problem.
    pub async fn verify(&self, org_id: OrgId) -> Result<VerifyOutcome, StoreError> {
        match &self.pools {
            Pools::Sqlite(pool) => {
                // A read transaction of SQLite's write-ahead log sees one snapshot.
                let mut transaction = pool.begin().await?;
                let outcome = sqlite::verify(&mut transaction, org_id).await?;
                transaction.rollback().await?;
                Ok(outcome)
            }
            Pools::Postgres(pool) => {
                let mut transaction = pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                let outcome = postgres::verify(&mut transaction, org_id).await?;
                transaction.rollback().await?;
                Ok(outcome)
            }
        }
    }

    /// The stored hash of the book's entry `sequence`, if it exists.
    pub async fn entry_hash_at(
        &self,
        org_id: OrgId,
        sequence: u64,
    ) -> Result<Option<ChainHash>, StoreError> {
        on_connection!(self, conn, engine => engine::entry_hash_at(conn, org_id, sequence).await)
    }
}
