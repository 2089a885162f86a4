//! The store's errors: what a caller can act on (not found, conflict, closed period) kept
//! apart from database failures.

use artel_ledger::Period;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The cause follows as the error's source, so the message does not repeat it.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("'{0}' is not a database URL (expected sqlite:PATH or postgres://USER@HOST/DB)")]
    InvalidUrl(String),
    #[error("{what} '{key}' does not exist")]
    NotFound { what: &'static str, key: String },
    #[error("{what} '{key}' already exists")]
    AlreadyExists { what: &'static str, key: String },
    #[error("account '{0}' does not exist in this book")]
    UnknownAccount(String),
    #[error("the period {0} is closed")]
    PeriodClosed(Period),
    /// What a change was decided on moved meanwhile (a member's standing, an
    /// organisation's history: a concurrent change won); nothing written. `place` is what
    /// moved, for the refusal to name.
    #[error("{message}")]
    Changed {
        place: &'static str,
        message: String,
    },
    #[error("the stored data is not valid: {0}")]
    Corrupt(String),
    /// A number given from outside is beyond what the database stores, so nothing has it.
    #[error("{0} is beyond the largest number stored ({max})", max = i64::MAX)]
    OutOfRange(u64),
    /// The idempotency key was used before, for a different request; nothing was posted.
    #[error("the idempotency key '{key}' was already used for a different request")]
    IdempotencyConflict { key: String },
    #[error("the idempotency key is not valid: {0}")]
    InvalidIdempotencyKey(String),
    /// The group the request was committed in failed as a whole (SQLite's writer): nothing
    /// of it was stored.
    #[error("the database did not commit: {0}")]
    NotCommitted(String),
    /// A file given to restore from is not a copy of an Artel database.
    #[error("{file}: {message}")]
    NotABackup { file: String, message: String },
    /// The database is in use in a way that forbids the request (a restore while a server
    /// serves it, or the other way round); nothing was changed.
    #[error("{database}: {message}")]
    InUse { database: String, message: String },
    /// A backup or restore failed (a file could not be written, a tool failed).
    #[error("{0}")]
    Backup(String),
    /// The database's writer task is gone (the database was closed, or the writer failed).
    #[error("the database's writer has stopped")]
    WriterStopped,
}

impl StoreError {
    pub(crate) fn changed(place: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Changed {
            place,
            message: message.into(),
        }
    }

    /// Whether PostgreSQL refused a SERIALIZABLE transaction that may succeed when retried
    /// (40001, 40P01; Citus reports a failed single-shard commit as XX000).
    pub(crate) fn is_retryable(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(error)) => {
                matches!(error.code().as_deref(), Some("40001" | "40P01" | "XX000"))
            }
            _ => false,
        }
    }

    /// Maps a database error to `Changed` at `place` when a unique key refused the row
    /// (someone wrote it meanwhile), for `map_err` on an insert.
    pub(crate) fn changed_when_unique(
        place: &'static str,
        message: impl Into<String>,
    ) -> impl FnOnce(sqlx::Error) -> StoreError {
        let message = message.into();
        move |error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed(place, message)
            } else {
                error
            }
        }
    }

    /// Whether the database refused a row because a unique key already holds it.
    pub(crate) fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(error)) => error.is_unique_violation(),
            _ => false,
        }
    }
}
