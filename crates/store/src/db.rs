//! The database handle and the two macros that let one body of SQL code serve both
//! engines: [`for_each_engine!`] compiles a set of functions once per engine (each sees a
//! `Conn` type alias and its `DbRow`, its `ENGINE` and `peers`, the same engine's functions of the other files), and [`on_connection!`] / [`in_transaction!`] pick the engine's
//! compiled copy at run time.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::MigrateDatabase;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::StoreError;
use crate::group_commit::{Writer, WriterStats};

/// How long a PostgreSQL connection may lie idle in the pool before it is tested again as
/// it is taken.
const POSTGRES_IDLE_TEST_AFTER: Duration = Duration::from_millis(500);

/// Which engine a database runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub(crate) enum Pools {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open, migrated database. On SQLite it runs the database's writer task, through
/// which every post is group-committed; close the database with [`Db::close`] so that the
/// writer finishes what is queued first.
pub struct Db {
    pub(crate) pools: Pools,
    pub(crate) writer: Option<Writer>,
    /// On PostgreSQL, one turn per book: this process's posts to a book wait for each other
    /// instead of failing each other's SERIALIZABLE transactions and retrying (other
    /// processes' posts still meet them through the retries).
    pub(crate) book_turns: BookTurns,
}

/// A lock per book, made on first use.
#[derive(Default)]
pub(crate) struct BookTurns(
    std::sync::Mutex<
        std::collections::HashMap<crate::OrgId, std::sync::Arc<tokio::sync::Mutex<()>>>,
    >,
);

impl BookTurns {
    /// The book's turn, to hold while posting to it.
    pub(crate) async fn take(&self, org_id: crate::OrgId) -> tokio::sync::OwnedMutexGuard<()> {
        let turn = {
            let mut turns = self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            std::sync::Arc::clone(turns.entry(org_id).or_default())
        };
        turn.lock_owned().await
    }
}

/// Attempts at a SERIALIZABLE transaction before its conflict is reported. Writers of one
/// book conflict on its chain's head, so each waits its turn through retries: enough
/// attempts that a few dozen concurrent writers of one book all get through.
pub(crate) const SERIALIZABLE_ATTEMPTS_MAX: u32 = 40;

/// How long to wait after failed attempt `attempt` of a SERIALIZABLE transaction: a random
/// time up to a bound that doubles with each failure (up to 128 ms), so that contenders that
/// failed together do not all retry together and collide again.
pub(crate) fn retry_backoff(attempt: u32) -> Duration {
    use std::hash::BuildHasher;
    let bound_ms = 2u64 << attempt.min(6);
    // Each `RandomState` is keyed differently, which is all the randomness jitter needs.
    let random = std::collections::hash_map::RandomState::new().hash_one(attempt);
    Duration::from_millis(random % bound_ms + 1)
}

/// The file of a `sqlite:PATH` (or `sqlite://PATH`) URL; `None` for any other URL.
pub(crate) fn sqlite_path(url: &str) -> Option<&str> {
    let path = url.strip_prefix("sqlite:")?;
    Some(path.strip_prefix("//").unwrap_or(path))
}

/// Statements the group commit's connection keeps prepared: a group's multi-row inserts
/// and lookups come in a size per number of rows, a few hundred texts in all, which sqlx's
/// default of 100 would prepare again and again.
const WRITER_STATEMENTS: usize = 1024;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens `sqlite:PATH` or `postgres://…`, creating the database and applying the
    /// migrations when needed (and chaining the audit events recorded before the audit
    /// trail was a chain, once).
    pub async fn open(url: &str) -> Result<Db, StoreError> {
        if let Some(path) = sqlite_path(url) {
            if path.is_empty() {
                return Err(StoreError::InvalidUrl(url.to_owned()));
            }
            let options = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(60))
                // 64 MiB of page cache keeps index updates of a large import in memory.
                .pragma("cache_size", "-65536")
                // Statement journals in memory: a bulk import otherwise writes every page it
                // touches to a temporary file as well.
                .pragma("temp_store", "memory");
            // A connection to a local file does not go stale; testing it on every acquire
            // is one more round trip to its thread per query (measured: the API's reads by
            // 8 clients went from 2,000 to 4,900 a second without it).
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .test_before_acquire(false)
                .connect_with(options.clone())
                .await?;
            SQLITE_MIGRATIONS.run(&pool).await?;
            // The group commit's own connection: SQLite drops a connection's page cache
            // when another one has written since its last transaction, and each
            // connection prepares its own statements, so the writer keeps one connection
            // whose cache and prepared statements stay warm from group to group.
            let writer_pool = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .connect_with(options.statement_cache_capacity(WRITER_STATEMENTS))
                .await?;
            let writer = Writer::start(writer_pool);
            let db = Db {
                pools: Pools::Sqlite(pool),
                writer: Some(writer),
                book_turns: BookTurns::default(),
            };
            db.chain_earlier_audit_events().await?;
            Ok(db)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            if !sqlx::Postgres::database_exists(url).await? {
                // Two processes may race to create it; the loser finds it there.
                if let Err(error) = sqlx::Postgres::create_database(url).await
                    && !sqlx::Postgres::database_exists(url).await?
                {
                    return Err(error.into());
                }
            }
            let options = sqlx::postgres::PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                // sqlx tests every connection as it goes back to the pool; testing it again
                // as it is taken is one more round trip to the server per query, worth
                // paying only when it has lain idle long enough for the server or the
                // network to have dropped it.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= POSTGRES_IDLE_TEST_AFTER {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(options)
                .await?;
            POSTGRES_MIGRATIONS.run(&pool).await?;
            let db = Db {
                pools: Pools::Postgres(pool),
                writer: None,
                book_turns: BookTurns::default(),
            };
            db.chain_earlier_audit_events().await?;
            Ok(db)
        } else {
            Err(StoreError::InvalidUrl(url.to_owned()))
        }
    }

    pub fn engine(&self) -> Engine {
        match self.pools {
            Pools::Sqlite(_) => Engine::Sqlite,
            Pools::Postgres(_) => Engine::Postgres,
        }
    }

    /// What the SQLite writer has done so far (group commits); all zero on PostgreSQL.
    pub fn writer_stats(&self) -> WriterStats {
        self.writer
            .as_ref()
            .map_or_else(WriterStats::default, Writer::stats)
    }

    /// Closes the database. On SQLite the writer first commits and answers every post
    /// queued, and the write-ahead log is then checkpointed into the database file, so the
    /// file alone holds everything written.
    pub async fn close(self) -> Result<(), StoreError> {
        let Db { pools, writer, .. } = self;
        if let Some(writer) = writer {
            writer.stop().await?;
        }
        match pools {
            Pools::Sqlite(pool) => {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(&pool)
                    .await?;
                pool.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
        Ok(())
    }
}

/// Compiles the functions given once for SQLite (module `sqlite`) and once for PostgreSQL
/// (module `postgres`); in each, `Conn` is that engine's connection type.
macro_rules! for_each_engine {
    ($($item:item)*) => {
        pub(crate) mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use crate::engines::sqlite as peers;
            pub(crate) type Conn = sqlx::SqliteConnection;
            #[allow(dead_code)]
            pub(crate) type DbRow = sqlx::sqlite::SqliteRow;
            #[allow(dead_code)]
            pub(crate) const ENGINE: crate::db::Engine = crate::db::Engine::Sqlite;
            $($item)*
        }
        pub(crate) mod postgres {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use crate::engines::postgres as peers;
            pub(crate) type Conn = sqlx::PgConnection;
            #[allow(dead_code)]
            pub(crate) type DbRow = sqlx::postgres::PgRow;
            #[allow(dead_code)]
            pub(crate) const ENGINE: crate::db::Engine = crate::db::Engine::Postgres;
            $($item)*
        }
    };
}
pub(crate) use for_each_engine;

/// Runs `$body` with `$conn` a connection of the database's engine and `$engine` naming
/// that engine's module of the calling file.
macro_rules! on_connection {
    ($db:expr, $conn:ident, $engine:ident => $body:expr) => {
        match &$db.pools {
            $crate::db::Pools::Sqlite(pool) => {
                use sqlite as $engine;
                let mut connection = pool.acquire().await?;
                let $conn: &mut sqlx::SqliteConnection = &mut connection;
                $body
            }
            $crate::db::Pools::Postgres(pool) => {
                use postgres as $engine;
                let mut connection = pool.acquire().await?;
                let $conn: &mut sqlx::PgConnection = &mut connection;
                $body
            }
        }
    };
}
pub(crate) use on_connection;

/// Runs `$body` (a `Result<_, StoreError>` expression) in one write transaction and commits
/// it when the body succeeds. SQLite: `BEGIN IMMEDIATE`, so writers queue instead of failing
/// midway. PostgreSQL: SERIALIZABLE, retried on serialization failures.
macro_rules! in_transaction {
    ($db:expr, $conn:ident, $engine:ident => $body:expr) => {
        match &$db.pools {
            $crate::db::Pools::Sqlite(pool) => {
                use sqlite as $engine;
                let mut transaction = pool.begin_with("BEGIN IMMEDIATE").await?;
                let $conn: &mut sqlx::SqliteConnection = &mut transaction;
                let value = $body?;
                transaction.commit().await?;
                Ok(value)
            }
            $crate::db::Pools::Postgres(pool) => {
                use postgres as $engine;
                let mut attempt = 0u32;
                loop {
                    attempt += 1;
                    let result: Result<_, $crate::error::StoreError> = async {
                        let mut transaction = pool
                            .begin_with("BEGIN ISOLATION LEVEL SERIALIZABLE")
                            .await?;
                        let $conn: &mut sqlx::PgConnection = &mut transaction;
                        let value = $body?;
                        transaction.commit().await?;
                        Ok(value)
                    }
                    .await;
                    match result {
                        Err(error)
                            if error.is_retryable()
                                && attempt < $crate::db::SERIALIZABLE_ATTEMPTS_MAX =>
                        {
                            tokio::time::sleep($crate::db::retry_backoff(attempt)).await;
                        }
                        other => break other,
                    }
                }
            }
        }
    };
}
pub(crate) use in_transaction;
