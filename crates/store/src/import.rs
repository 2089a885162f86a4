//! Bulk import into one book: one long transaction that appends batches of entries as a
//! parser streams them, so a large journal is never held in memory, and commits all of it
//! or nothing. The entries can be numbered and linked into the chain where they are read
//! ([`Numbering`], on the parser's thread) while the import writes the batches before.

use std::collections::{BTreeSet, HashMap};

use artel_ledger::chain::ChainHash;
use artel_ledger::{Account, AccountName, JournalEntry, Period};
use sqlx::{Postgres, Sqlite, Transaction};
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, Pools};
use crate::error::StoreError;
use crate::posting::{Assigned, BookState};

enum ImportTransaction {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// An import in progress; dropping it without [`BookImport::commit`] rolls everything back.
pub struct BookImport {
    transaction: ImportTransaction,
    state: BookState,
    first_sequence: u64,
}

/// Numbers and links an import's entries in order, apart from the import itself: a copy of
/// the book's head, accounts and closed months as they were when it was taken.
pub struct Numbering {
    state: BookState,
}

/// A batch of entries numbered by a [`Numbering`], ready for [`BookImport::append_numbered`].
pub struct Numbered {
    entries: Vec<JournalEntry>,
    assigned: Assigned,
    /// The book's sequence and chain hash the batch follows.
    follows: (u64, ChainHash),
    balance_changes: HashMap<(Uuid, Period), i64>,
}

impl Numbering {
    /// Numbers and links the next batch; refuses it, changing nothing, when an entry names
    /// an account the book lacks or falls in a closed month.
    pub fn number(&mut self, entries: Vec<JournalEntry>) -> Result<Numbered, StoreError> {
        let follows = (self.state.sequence, self.state.hash);
        let assigned = self.state.assign(&entries)?;
        Ok(Numbered {
            entries,
            assigned,
            follows,
            balance_changes: std::mem::take(&mut self.state.balance_changes),
        })
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    pub entries: u64,
    pub first_sequence: u64,
    pub last_sequence: u64,
}

/// Runs `$body` with `$conn` the import's connection and `$engine` the engine's modules.
macro_rules! on_import {
    ($import:expr, $conn:ident, $engine:ident => $body:expr) => {
        match &mut $import.transaction {
            ImportTransaction::Sqlite(transaction) => {
                use crate::engines::sqlite as $engine;
                let $conn: &mut sqlx::SqliteConnection = transaction;
                $body
            }
            ImportTransaction::Postgres(transaction) => {
                use crate::engines::postgres as $engine;
                let $conn: &mut sqlx::PgConnection = transaction;
                $body
            }
        }
    };
}

impl Db {
    /// Starts importing into the book of `org_id`: takes the write lock (SQLite) or opens a
    /// SERIALIZABLE transaction (PostgreSQL) and reads the book's state.
    pub async fn begin_import(&self, org_id: OrgId) -> Result<BookImport, StoreError> {
        let (transaction, state) = match &self.pools {
            Pools::Sqlite(pool) => {
                let mut transaction = pool.begin_with("BEGIN IMMEDIATE").await?;
                // Foreign keys are checked at the commit rather than per statement, so that
                // no multi-row insert needs a journal of its own (it ends in the commit's
                // refusal just the same); SQLite turns this off again at the end.
                sqlx::query("PRAGMA defer_foreign_keys = ON")
                    .execute(&mut *transaction)
                    .await?;
                let state =
                    crate::engines::sqlite::posting::load_state(&mut transaction, org_id).await?;
                (ImportTransaction::Sqlite(transaction), state)
            }
            Pools::Postgres(pool) => {
                let mut transaction = pool
                    .begin_with("BEGIN ISOLATION LEVEL SERIALIZABLE")
                    .await?;
                let state =
                    crate::engines::postgres::posting::load_state(&mut transaction, org_id).await?;
                (ImportTransaction::Postgres(transaction), state)
            }
        };
        let first_sequence = state.sequence + 1;
        Ok(BookImport {
            transaction,
            state,
            first_sequence,
        })
    }
}

impl BookImport {
    pub fn has_account(&self, name: &AccountName) -> bool {
        self.state.accounts.contains_key(name)
    }

    pub fn closed_periods(&self) -> &BTreeSet<Period> {
        &self.state.closed
    }

    /// Adds accounts the journal uses that the book does not have yet.
    pub async fn add_accounts(&mut self, accounts: &[Account]) -> Result<(), StoreError> {
        let stored = on_import!(self, conn, engine => engine::accounts::insert(conn, self.state.org_id, accounts).await)?;
        for account in stored {
            self.state
                .accounts
                .insert(account.account.name, account.account_id);
        }
        Ok(())
    }

    /// Appends a batch of entries.
    pub async fn append(&mut self, entries: &[JournalEntry]) -> Result<(), StoreError> {
        on_import!(self, conn, engine => engine::posting::append(conn, &mut self.state, entries).await)?;
        Ok(())
    }

    /// A numbering of the entries to come after those appended so far. Take it after
    /// adding the accounts they need: it knows only the accounts the book has now.
    pub fn numbering(&self) -> Numbering {
        let mut state = self.state.clone();
        // The changes of what was appended so far stay with the import, counted once.
        state.balance_changes.clear();
        Numbering { state }
    }

    /// Appends a batch numbered by [`BookImport::numbering`]; refuses, writing nothing, a
    /// batch that does not follow the last entry appended.
    pub async fn append_numbered(&mut self, batch: Numbered) -> Result<(), StoreError> {
        if batch.follows != (self.state.sequence, self.state.hash) {
            return Err(StoreError::Corrupt(format!(
                "a batch numbered after entry {} came when the book's head is entry {}",
                batch.follows.0, self.state.sequence
            )));
        }
        let Some((last, _)) = batch.assigned.last() else {
            return Ok(());
        };
        let (sequence, hash) = (last.sequence, last.hash);
        let org_id = self.state.org_id;
        on_import!(self, conn, engine => engine::posting::insert_assigned(conn, org_id, &batch.entries, &batch.assigned).await)?;
        for (key, change) in batch.balance_changes {
            let slot = self.state.balance_changes.entry(key).or_insert(0);
            *slot = slot.checked_add(change).ok_or_else(|| {
                StoreError::Corrupt(format!("the balance of an account for {} overflows", key.1))
            })?;
        }
        self.state.sequence = sequence;
        self.state.hash = hash;
        Ok(())
    }

    /// Writes the balances and the chain's head, records the import in the audit trail and
    /// commits.
    pub async fn commit(
        mut self,
        actor: impl Into<Actor>,
        detail: &str,
    ) -> Result<ImportOutcome, StoreError> {
        let actor = &actor.into();
        let outcome = ImportOutcome {
            entries: self.state.sequence + 1 - self.first_sequence,
            first_sequence: self.first_sequence,
            last_sequence: self.state.sequence,
        };
        let detail = format!("{detail}: {} entries", outcome.entries);
        on_import!(self, conn, engine => {
            engine::posting::finish(conn, &mut self.state).await?;
            engine::audit::record(conn, self.state.org_id, actor, "journal.import", &detail).await?;
        });
        match self.transaction {
            ImportTransaction::Sqlite(transaction) => transaction.commit().await?,
            ImportTransaction::Postgres(transaction) => transaction.commit().await?,
        }
        Ok(outcome)
    }
}
