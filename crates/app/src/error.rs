//! The use cases' errors. `Rejected` means the input was refused and nothing was written;
//! each problem names the place it is about: a file and line, or a field.

use std::fmt;

use artel_store::StoreError;

/// One thing wrong with the input, at one place (`journal.ledger:7`, `--period`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Rejected(Vec<Problem>),
    /// Not a `source` of the error on purpose: its message is already in this one's, and
    /// `{:#}` would print it twice.
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    /// What was asked for does not exist, or the caller may not know that it does.
    #[error("{place}: {message}")]
    NotFound { place: String, message: String },
    /// The caller has a role there, but not one that allows this.
    #[error("{0}")]
    Forbidden(String),
    /// A sign-in was refused; the refusal says by which rule.
    #[error("{0}")]
    SignInRefused(crate::SignInRefusal),
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}")]
    Failed(String),
}

impl AppError {
    /// Refuses the input with one problem at `place`.
    pub fn rejected(place: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Rejected(vec![Problem {
            place: place.into(),
            message: message.into(),
        }])
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::AlreadyExists { what, key } => {
                AppError::rejected(what, format!("{what} '{key}' already exists"))
            }
            StoreError::NotFound { what, key } => {
                AppError::rejected(what, format!("{what} '{key}' does not exist"))
            }
            StoreError::UnknownAccount(name) => AppError::rejected(
                "account",
                format!("account '{name}' does not exist in this book"),
            ),
            StoreError::PeriodClosed(period) => {
                AppError::rejected("date", format!("the period {period} is closed"))
            }
            error @ (StoreError::IdempotencyConflict { .. }
            | StoreError::InvalidIdempotencyKey(_)) => {
                AppError::rejected("Idempotency-Key", error.to_string())
            }
            StoreError::Changed { place, message } => AppError::rejected(place, message),
            StoreError::NotABackup { file, message } => AppError::rejected(file, message),
            error @ StoreError::OutOfRange(_) => AppError::rejected("number", error.to_string()),
            other => AppError::Store(other),
        }
    }
}
