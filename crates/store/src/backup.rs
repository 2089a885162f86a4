//! Whole-database copies. [`backup`] writes a consistent copy while the database may be in
//! use: on SQLite `VACUUM INTO` reads the database in one read transaction (writers go on;
//! the copy holds what was committed when it began), on PostgreSQL its own `pg_dump` takes
//! one snapshot (custom format). [`restore`] puts a copy back in place of the database, with
//! no server running on it (refused while one holds its mark, `serving`): a SQLite copy is
//! checked (`integrity_check`, Artel's tables) and moved into place whole; a PostgreSQL dump goes through `pg_restore --clean` in one transaction.
//! Either way the database is then migrated to this version of Artel.

use std::path::{Path, PathBuf};
use std::process::Command;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::db::{Db, sqlite_path};
use crate::error::StoreError;
use crate::serving::hold_restoring_lock;

fn not_a_backup(path: &Path, message: impl Into<String>) -> StoreError {
    StoreError::NotABackup {
        file: path.display().to_string(),
        message: message.into(),
    }
}

/// Writes a consistent copy of the database at `url` to `path`, which must not exist.
pub async fn backup(url: &str, path: &Path) -> Result<(), StoreError> {
    if path.exists() {
        return Err(StoreError::AlreadyExists {
            what: "backup file",
            key: path.display().to_string(),
        });
    }
    // Opening creates and migrates the database, as every command does.
    Db::open(url).await?.close().await?;
    match sqlite_path(url) {
        Some(database) => {
            let mut conn = SqliteConnectOptions::new()
                .filename(database)
                .read_only(true)
                .connect()
                .await?;
            sqlx::query("VACUUM INTO $1")
                .bind(path.display().to_string())
                .execute(&mut conn)
                .await?;
            conn.close().await?;
            Ok(())
        }
        None => {
            let file = path.display().to_string();
            run_tool("pg_dump", &["--format=custom", "--file", &file, url]).await
        }
    }
}

/// Replaces the database at `url` by the copy at `path`; Artel must not be using it.
pub async fn restore(url: &str, path: &Path) -> Result<(), StoreError> {
    if !path.is_file() {
        return Err(not_a_backup(path, "no such file"));
    }
    match sqlite_path(url) {
        Some(database) => {
            check_sqlite_copy(path).await?;
            let _restoring = hold_restoring_lock(url).await?;
            replace_file(path, Path::new(database))?;
        }
        None => {
            let file = path.display().to_string();
            if run_tool("pg_restore", &["--list", &file]).await.is_err() {
                return Err(not_a_backup(path, "not a dump written by pg_dump"));
            }
            Db::open(url).await?.close().await?;
            let _restoring = hold_restoring_lock(url).await?;
            let restore = [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                url,
                &file,
            ];
            run_tool("pg_restore", &restore).await?;
        }
    }
    Db::open(url).await?.close().await
}

/// Refuses a file that is not a whole SQLite database holding Artel's books.
async fn check_sqlite_copy(path: &Path) -> Result<(), StoreError> {
    let opened = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await;
    let mut conn = opened.map_err(|_| not_a_backup(path, "not a SQLite database"))?;
    let integrity: Result<String, _> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await;
    match integrity {
        Ok(ok) if ok == "ok" => {}
        Ok(problem) => {
            return Err(not_a_backup(
                path,
                format!("the copy is damaged: {problem}"),
            ));
        }
        Err(_) => return Err(not_a_backup(path, "not a SQLite database")),
    }
    let books: Result<i64, _> = sqlx::query_scalar("SELECT count(*) FROM book_heads")
        .fetch_one(&mut conn)
        .await;
    conn.close().await?;
    books
        .map(|_| ())
        .map_err(|_| not_a_backup(path, "not an Artel database"))
}

/// Moves a copy of `copy` into place as `database`: written beside it and synced first,
/// the old write-ahead log removed (it belongs to the old file), then renamed over it.
fn replace_file(copy: &Path, database: &Path) -> Result<(), StoreError> {
    let io = |error: std::io::Error| StoreError::Backup(format!("{}: {error}", database.display()));
    let with_suffix = |suffix: &str| PathBuf::from(format!("{}{suffix}", database.display()));
    let staged = with_suffix(".restoring");
    std::fs::copy(copy, &staged).map_err(io)?;
    std::fs::File::open(&staged)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(with_suffix(suffix)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(io(error)),
            _ => {}
        }
    }
    std::fs::rename(&staged, database).map_err(io)?;
    if let Some(directory) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(directory)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
    }
    Ok(())
}

/// Runs one of PostgreSQL's tools; its error output becomes the error.
async fn run_tool(tool: &'static str, args: &[&str]) -> Result<(), StoreError> {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let output = tokio::task::spawn_blocking(move || Command::new(tool).args(&args).output())
        .await
        .map_err(|e| StoreError::Backup(format!("{tool} did not finish: {e}")))?
        .map_err(|e| {
            StoreError::Backup(format!(
                "cannot run {tool} (PostgreSQL's client tools): {e}"
            ))
        })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(StoreError::Backup(format!(
        "{tool} failed: {}",
        stderr.trim()
    )))
}
