//! `verify`: recomputes a book's hash chain from its stored entries and checks that the
//! monthly balances equal the postings they cover. The first problem found is named.

use std::collections::HashMap;
use std::fmt;

use artel_ledger::chain::{ChainHash, GENESIS, entry_hash};
use artel_ledger::{AccountName, Period};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::db::{Db, for_each_engine, on_connection};
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
        }
    }
}

/// The outcome of `verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    pub entries_checked: u64,
    pub head: ChainHash,
    pub problem: Option<ChainProblem>,
}

for_each_engine! {
    pub(crate) async fn verify(conn: &mut Conn, org_id: OrgId) -> Result<VerifyOutcome, StoreError> {
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
                    return Ok(VerifyOutcome { entries_checked: expected - 1, head: head_hash, problem: Some(ChainProblem::Missing { sequence: expected }) });
                }
                hash = entry_hash(&hash, stored.sequence, stored.view());
                if hash != stored.hash {
                    let problem = ChainProblem::Altered { sequence: stored.sequence, entry_id: stored.entry_id };
                    return Ok(VerifyOutcome { entries_checked: expected - 1, head: head_hash, problem: Some(problem) });
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
            return Ok(VerifyOutcome { entries_checked: checked, head: head_hash, problem: Some(ChainProblem::Missing { sequence: checked + 1 }) });
        }
        if checked != head_sequence || hash != head_hash {
            return Ok(VerifyOutcome { entries_checked: checked, head: head_hash, problem: Some(ChainProblem::HeadMismatch { sequence: head_sequence }) });
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
                return Ok(VerifyOutcome { entries_checked: checked, head: head_hash, problem: Some(problem) });
            }
        }
        Ok(VerifyOutcome { entries_checked: checked, head: head_hash, problem: None })
    }
}

impl Db {
    /// Recomputes the book's hash chain and balances; the outcome names the first problem.
    pub async fn verify(&self, org_id: OrgId) -> Result<VerifyOutcome, StoreError> {
        on_connection!(self, conn, engine => engine::verify(conn, org_id).await)
    }
}
