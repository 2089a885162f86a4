//! What SQLite's group commit reads and checks before it writes a group
//! ([`crate::group_commit`]): the books the group's requests post to and the accounts they
//! name, the idempotency keys, the monthly balances they move, and the entries they
//! reverse — so that a request that would fail is refused alone and the group's rows can be
//! written together.

use std::collections::{HashMap, HashSet};

use artel_ledger::{AccountName, JournalEntry, Period};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::engines::sqlite::posting;
use crate::error::StoreError;
use crate::group_commit::Request;
use crate::posting::{BookState, StoredBalances};

/// Idempotency keys or account names looked up by one statement.
const KEYS_PER_LOOKUP: usize = 256;

/// `?, ?, …`: the `IN` list of a lookup of `count` keys.
fn in_list(count: usize) -> String {
    vec!["?"; count].join(", ")
}

/// Each book the group's requests post to, as they need it: its chain's head, its closed
/// months and the accounts they name, read by name (a book's chart holds dozens; a group
/// names a few); `None` for a book that does not exist.
pub(crate) async fn group_books(
    conn: &mut sqlx::SqliteConnection,
    group: &[Request],
) -> Result<HashMap<OrgId, Option<BookState>>, StoreError> {
    let mut named: HashMap<OrgId, HashMap<&str, &AccountName>> = HashMap::new();
    for request in group {
        let names = named.entry(request.org_id).or_default();
        for posting in request.entries.iter().flat_map(JournalEntry::postings) {
            names.insert(posting.account.as_str(), &posting.account);
        }
    }
    let mut books = HashMap::with_capacity(named.len());
    for (org_id, names) in named {
        let names: Vec<(&str, &AccountName)> = names.into_iter().collect();
        let mut accounts = HashMap::with_capacity(names.len());
        for chunk in names.chunks(KEYS_PER_LOOKUP) {
            let sql = format!(
                "SELECT account_id, name FROM accounts WHERE org_id = ? AND name IN ({})",
                in_list(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org_id);
            for (name, _) in chunk {
                query = query.bind(*name);
            }
            for row in query.fetch_all(&mut *conn).await? {
                let name: String = row.try_get("name")?;
                if let Some((_, account)) = chunk.iter().find(|(n, _)| **n == name) {
                    accounts.insert((*account).clone(), row.try_get("account_id")?);
                }
            }
        }
        let state = match posting::state_with(conn, org_id, accounts).await {
            Ok(state) => Some(state),
            Err(StoreError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        books.insert(org_id, state);
    }
    Ok(books)
}

/// The stored monthly balances of the months the group's requests post to, per book and
/// account: read once, so that a request that would overflow one is refused alone, before
/// anything is written, and the group's new balances are written onto them.
pub(crate) async fn stored_balances(
    conn: &mut sqlx::SqliteConnection,
    group: &[Request],
    books: &HashMap<OrgId, Option<BookState>>,
) -> Result<StoredBalances, StoreError> {
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
    posting::stored_balances(conn, months).await
}

/// A refusal when the request would take a monthly balance of its book past the range of
/// exact money: the stored balance, the group's earlier requests and this one together.
pub(crate) fn overflow(
    request: &Request,
    state: &BookState,
    stored: &StoredBalances,
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
            let sql = format!(
                "SELECT key, request_hash, sequence FROM idempotency_keys WHERE org_id = ? AND key IN ({})",
                in_list(chunk.len())
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
