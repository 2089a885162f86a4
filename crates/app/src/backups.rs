//! `artel backup` and `artel restore`: a consistent copy of the whole database while it
//! may be in use, and the copy put back (see `artel_store::backup`). The command line
//! runs them as the database's operator; they are not offered over the network.

use std::path::Path;

use crate::AppError;

/// Writes a consistent copy of the database at `url` to `file`, which must not exist.
pub async fn backup_database(url: &str, file: &Path) -> Result<(), AppError> {
    Ok(artel_store::backup(url, file).await?)
}

/// Replaces the database at `url` by the copy in `file`; refused while a server serves it.
pub async fn restore_database(url: &str, file: &Path) -> Result<(), AppError> {
    Ok(artel_store::restore(url, file).await?)
}

/// Marks the database at `url` as served for as long as the mark is held, so that no
/// restore replaces it meanwhile; refused while a restore is under way.
pub async fn hold_serving_lock(url: &str) -> Result<artel_store::ServingLock, AppError> {
    Ok(artel_store::hold_serving_lock(url).await?)
}
