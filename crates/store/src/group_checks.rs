//! What SQLite's group commit reads and checks before it writes a group
//! ([`crate::group_commit`]): the idempotency keys the group's requests name, the monthly
//! balances they move, and the entries they reverse — so that a request that would fail
//! is refused alone and the group's rows can be written together.

use std::collections::{HashMap, HashSet};

use artel_ledger::{JournalEntry, Period};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::error::StoreError;
use crate::group_commit::Request;
use crate::posting::BookState;

/// Idempotency keys looked up by one statement.
const KEYS_PER_LOOKUP: usize = 256;

/// The stored monthly balances of the months the group's requests post to, per book and
/// account: read once, so that a request that would overflow one is refused alone, before
/// anything is written.
pub(crate) async fn stored_balances(
    conn: &mut sqlx::SqliteConnection,
    group: &[Request],
    books: &HashMap<OrgId, Option<BookState>>,
) -> Result<HashMap<(OrgId, Uuid, Period), i64>, StoreError> {
    let months: HashSet<(OrgId, Period)> = group
        .iter()
        .filter(|request| matches!(books.get(&request.org_id), Some(Some(_))))
        .flat_map(|request| {
            request
                .entries
                .iter()
                .map(|entry| (request.org_id, Period::of(entry.date())))
        })
        .collect();
    let mut stored = HashMap::new();
    for (org_id, period) in months {
        let rows = sqlx::query(
            "SELECT account_id, amount_minor FROM balances WHERE org_id = $1 AND period = $2",
        )
        .bind(org_id)
        .bind(period.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            stored.insert(
                (org_id, row.try_get("account_id")?, period),
                row.try_get("amount_minor")?,
            );
        }
    }
    Ok(stored)
}

/// A refusal when the request would take a monthly balance of its book past the range of
/// exact money: the stored balance, the group's earlier requests and this one together.
pub(crate) fn overflow(
    request: &Request,
    state: &BookState,
    stored: &HashMap<(OrgId, Uuid, Period), i64>,
) -> Option<StoreError> {
    let mut sums: HashMap<(Uuid, Period), i64> = HashMap::new();
    for entry in &request.entries {
        let period = Period::of(entry.date());
        for posting in entry.postings() {
            let Some(account_id) = state.accounts.get(&posting.account).copied() else {
                continue; // refused as an unknown account
            };
            let base = stored
                .get(&(state.org_id, account_id, period))
                .copied()
                .unwrap_or(0);
            let pending = state
                .balance_changes
                .get(&(account_id, period))
                .copied()
                .unwrap_or(0);
            let sum = sums.entry((account_id, period)).or_insert(0);
            let total = sum.checked_add(posting.amount.minor()).and_then(|new| {
                *sum = new;
                base.checked_add(pending)?.checked_add(new)
            });
            if total.is_none() {
                return Some(StoreError::Corrupt(format!(
                    "the balance of an account for {period} overflows"
                )));
            }
        }
    }
    None
}

/// Why a request that reverses an entry must be refused: the entry was reversed already,
/// earlier or by the group (an entry is reversed at most once).
pub(crate) async fn reversal_refused(
    conn: &mut sqlx::SqliteConnection,
    reversed_in_group: &HashSet<(OrgId, u64)>,
    request: &Request,
) -> Result<Option<StoreError>, StoreError> {
    for sequence in request.entries.iter().filter_map(JournalEntry::reverses) {
        let by = if reversed_in_group.contains(&(request.org_id, sequence)) {
            Some("another request".to_owned())
        } else {
            crate::reversals::sqlite::reversal_of(conn, request.org_id, sequence)
                .await?
                .map(|by| format!("entry {by}"))
        };
        if let Some(by) = by {
            return Ok(Some(StoreError::Changed {
                place: "SEQUENCE",
                message: format!("entry {sequence} was already reversed by {by}"),
            }));
        }
    }
    Ok(None)
}

/// What the group's idempotency keys posted in earlier transactions: per book and key,
/// the request's hash and the entry's sequence number. One query per book and 256 keys.
pub(crate) async fn earlier_keys<'g>(
    conn: &mut sqlx::SqliteConnection,
    group: &'g [Request],
) -> Result<HashMap<(OrgId, &'g str), (Vec<u8>, i64)>, StoreError> {
    let mut by_book: HashMap<OrgId, Vec<&'g str>> = HashMap::new();
    for request in group {
        if let Some(key) = &request.key {
            by_book
                .entry(request.org_id)
                .or_default()
                .push(key.key.as_str());
        }
    }
    let mut found = HashMap::new();
    for (org_id, keys) in by_book {
        for chunk in keys.chunks(KEYS_PER_LOOKUP) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT key, request_hash, sequence FROM idempotency_keys WHERE org_id = ? AND key IN ({placeholders})"
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org_id);
            for key in chunk {
                query = query.bind(*key);
            }
            for row in query.fetch_all(&mut *conn).await? {
                let key: String = row.try_get("key")?;
                if let Some(known) = chunk.iter().find(|k| **k == key) {
                    found.insert(
                        (org_id, *known),
                        (row.try_get("request_hash")?, row.try_get("sequence")?),
                    );
                }
            }
        }
    }
    Ok(found)
}
