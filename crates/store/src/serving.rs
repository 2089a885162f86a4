//! The mark a running server keeps on its database, so that `restore` never replaces the
//! database under it. A server holds the shared form for as long as it serves; `restore`
//! takes the exclusive form without waiting, and refuses while a server holds the shared
//! one. On SQLite the mark is a `flock` on the database file itself (SQLite's own locks are
//! POSIX record locks, which `flock` leaves alone); on PostgreSQL a session-level advisory
//! lock in the database. Either goes with the process that held it, a killed one included.

use std::fs::{File, TryLockError};

use sqlx::Connection;

use crate::db::sqlite_path;
use crate::error::StoreError;

/// The advisory lock's key on PostgreSQL: "artel" and the number 1.
const ADVISORY_KEY: i64 = 0x6172_7465_6c00_0001;

/// A held mark; dropping it lets go.
pub struct ServingLock {
    _held: Held,
}

/// What keeps the mark: the locked file, or the connection holding the advisory lock.
enum Held {
    /// A SQLite database that did not exist: there was nothing to mark.
    Nothing,
    File {
        _locked: File,
    },
    Postgres {
        _holding: sqlx::PgConnection,
    },
}

/// Marks the database at `url` as served; refused while a restore replaces it. The
/// database must exist (open it first).
pub async fn hold_serving_lock(url: &str) -> Result<ServingLock, StoreError> {
    take(url, Form::Shared).await
}

/// Marks the database at `url` as being replaced; refused while a server serves it.
pub(crate) async fn hold_restoring_lock(url: &str) -> Result<ServingLock, StoreError> {
    take(url, Form::Exclusive).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Shared,
    Exclusive,
}

impl Form {
    /// Why the mark could not be taken: the other form is held.
    fn refusal(self, url: &str) -> StoreError {
        let message = match self {
            Form::Shared => "a restore is replacing this database; start the server after it",
            Form::Exclusive => "a server is serving this database; stop it before restoring",
        };
        StoreError::InUse {
            database: url.to_owned(),
            message: message.to_owned(),
        }
    }
}

async fn take(url: &str, form: Form) -> Result<ServingLock, StoreError> {
    let held = match sqlite_path(url) {
        Some(path) => match File::open(path) {
            Err(error)
                if error.kind() == std::io::ErrorKind::NotFound && form == Form::Exclusive =>
            {
                Held::Nothing
            }
            Err(error) => return Err(StoreError::Backup(format!("{path}: {error}"))),
            Ok(file) => {
                let taken = match form {
                    Form::Shared => file.try_lock_shared(),
                    Form::Exclusive => file.try_lock(),
                };
                match taken {
                    Ok(()) => Held::File { _locked: file },
                    Err(TryLockError::WouldBlock) => return Err(form.refusal(url)),
                    Err(TryLockError::Error(error)) => {
                        return Err(StoreError::Backup(format!("{path}: {error}")));
                    }
                }
            }
        },
        None => {
            let mut conn = sqlx::PgConnection::connect(url).await?;
            let statement = match form {
                Form::Shared => "SELECT pg_try_advisory_lock_shared($1)",
                Form::Exclusive => "SELECT pg_try_advisory_lock($1)",
            };
            let taken: bool = sqlx::query_scalar(statement)
                .bind(ADVISORY_KEY)
                .fetch_one(&mut conn)
                .await?;
            if !taken {
                conn.close().await?;
                return Err(form.refusal(url));
            }
            Held::Postgres { _holding: conn }
        }
    };
    Ok(ServingLock { _held: held })
}
