//! The test harness: a fresh database per test on either engine, the macro that runs one
//! test body on both, and small builders for organisations, entries and balances.
//!
//! SQLite databases are files in a temporary directory removed with the test. PostgreSQL
//! databases are created by `Db::open` under a unique name on the server named by
//! `ARTEL_TEST_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`) and dropped when the
//! test passes; a failed test leaves its database behind for inspection. An unreachable
//! server fails the tests: they never skip.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use artel_ledger::chart::cooperative_chart;
use artel_ledger::{AccountName, Currency, JournalEntry, Money, Posting};
use artel_store::{Db, Engine, NewOrganisation, NewRegion, OrgId, Organisation};
use chrono::NaiveDate;
use sqlx::migrate::MigrateDatabase;
use sqlx::{AssertSqlSafe, Connection, Row};
use uuid::Uuid;

/// Generates, for each named `async fn NAME(db: &TestDb)`, a module `NAME` with two tests,
/// `sqlite` and `postgres`, so a failure names the engine it happened on.
macro_rules! engine_tests {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let db = crate::harness::TestDb::sqlite().await;
                    super::$test(&db).await;
                    db.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let db = crate::harness::TestDb::postgres().await;
                    super::$test(&db).await;
                    db.finish().await;
                }
            }
        )*
    };
}
pub(crate) use engine_tests;

/// Where a test database lives, so it can be reached behind the store's back and removed.
enum Place {
    Sqlite {
        _directory: tempfile::TempDir,
        path: PathBuf,
    },
    Postgres {
        name: String,
    },
}

/// A freshly created and migrated database of one engine, used by one test only.
/// Runs `$body` with `$conn` a new connection of the test database's own engine, made
/// behind the store's back, and closes it after.
macro_rules! on_raw_connection {
    ($test:expr, $conn:ident => $body:expr) => {
        match $test.engine() {
            Engine::Sqlite => {
                let mut $conn = sqlx::SqliteConnection::connect(&$test.url).await?;
                let value = $body;
                $conn.close().await?;
                value
            }
            Engine::Postgres => {
                let mut $conn = sqlx::PgConnection::connect(&$test.url).await?;
                let value = $body;
                $conn.close().await?;
                value
            }
        }
    };
}

pub struct TestDb {
    pub db: Db,
    pub url: String,
    place: Place,
}

/// The PostgreSQL server the tests use, without a database name.
pub fn postgres_base_url() -> String {
    std::env::var("ARTEL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let path = directory.path().join("books.db");
        let url = format!("sqlite:{}", path.display());
        let db = Db::open(&url).await.expect("open a new SQLite database");
        TestDb {
            db,
            url,
            place: Place::Sqlite {
                _directory: directory,
                path,
            },
        }
    }

    pub async fn postgres() -> TestDb {
        let name = format!("artel_t_{}", Uuid::now_v7().simple());
        let url = format!("{}/{name}", postgres_base_url());
        let db = Db::open(&url)
            .await
            .unwrap_or_else(|error| panic!("PostgreSQL must be reachable at {url}: {error}"));
        TestDb {
            db,
            url,
            place: Place::Postgres { name },
        }
    }

    pub fn engine(&self) -> Engine {
        self.db.engine()
    }

    /// The SQLite database file; panics on PostgreSQL.
    pub fn sqlite_path(&self) -> PathBuf {
        match &self.place {
            Place::Sqlite { path, .. } => path.clone(),
            Place::Postgres { .. } => panic!("not a SQLite database"),
        }
    }

    /// Closes the store and, on PostgreSQL, drops the test's database.
    pub async fn finish(self) {
        self.db.close().await.expect("close the database");
        if let Place::Postgres { name } = self.place {
            let url = format!("{}/postgres", postgres_base_url());
            let mut conn = sqlx::PgConnection::connect(&url)
                .await
                .expect("connect to the postgres database");
            sqlx::query(AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await
            .expect("drop the test database");
            conn.close().await.expect("close the connection");
        }
    }

    /// Runs SQL on the database behind the store's back (on its own connection) and returns
    /// the rows it affected. For tampering with the books and reading the catalogue.
    pub async fn execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        Ok(on_raw_connection!(self, conn => {
            sqlx::query(AssertSqlSafe(sql.to_owned())).execute(&mut conn).await?.rows_affected()
        }))
    }

    /// Runs a query behind the store's back and returns each row's columns as text
    /// (`NULL` as `None`); every selected column must be text.
    pub async fn query_text(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        let rows: Result<_, sqlx::Error> = async {
            Ok(on_raw_connection!(self, conn => {
                let rows = sqlx::query(AssertSqlSafe(sql.to_owned())).fetch_all(&mut conn).await?;
                rows.iter()
                    .map(|row| (0..row.len()).map(|index| row.try_get(index)).collect::<Result<Vec<_>, _>>())
                    .collect::<Result<Vec<_>, _>>()?
            }))
        }
        .await;
        rows.expect(sql)
    }

    /// Opens a cooperative's book with the cooperative chart of accounts.
    pub async fn cooperative(&self, code: &str) -> Organisation {
        self.db
            .add_organisation(
                &new_cooperative(code),
                &cooperative_chart().expect("the chart"),
                "tester",
            )
            .await
            .expect("add the cooperative")
    }
}

/// A database migrated only up to one migration, as an earlier version of Artel left it,
/// for tests of the migrations after it; [`EarlierDb::open`] upgrades it with the store.
pub struct EarlierDb {
    pub engine: Engine,
    url: String,
    place: Place,
}

impl EarlierDb {
    /// A new database of `engine` with the migrations up to `version` applied.
    pub async fn new(engine: Engine, version: i64) -> EarlierDb {
        let (url, place) = match engine {
            Engine::Sqlite => {
                let directory = tempfile::tempdir().expect("a temporary directory");
                let path = directory.path().join("books.db");
                let url = format!("sqlite:{}", path.display());
                (
                    url,
                    Place::Sqlite {
                        _directory: directory,
                        path,
                    },
                )
            }
            Engine::Postgres => {
                let name = format!("artel_t_{}", Uuid::now_v7().simple());
                (
                    format!("{}/{name}", postgres_base_url()),
                    Place::Postgres { name },
                )
            }
        };
        let migrated: Result<(), sqlx::Error> = async {
            match engine {
                Engine::Sqlite => {
                    let options =
                        sqlx::sqlite::SqliteConnectOptions::from_str(&url)?.create_if_missing(true);
                    let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
                    sqlx::migrate!("./migrations/sqlite")
                        .run_to(version, &mut conn)
                        .await?;
                    conn.close().await
                }
                Engine::Postgres => {
                    sqlx::Postgres::create_database(&url).await?;
                    let mut conn = sqlx::PgConnection::connect(&url).await?;
                    sqlx::migrate!("./migrations/postgres")
                        .run_to(version, &mut conn)
                        .await?;
                    conn.close().await
                }
            }
        }
        .await;
        migrated.unwrap_or_else(|error| panic!("migrate {url} up to {version}: {error}"));
        EarlierDb { engine, url, place }
    }

    /// Runs statements on the earlier database, each on a connection of its own.
    pub async fn execute(&self, statements: &[String]) {
        for sql in statements {
            let done: Result<(), sqlx::Error> = async {
                match self.engine {
                    Engine::Sqlite => {
                        let mut conn = sqlx::SqliteConnection::connect(&self.url).await?;
                        sqlx::raw_sql(AssertSqlSafe(sql.clone()))
                            .execute(&mut conn)
                            .await?;
                        conn.close().await
                    }
                    Engine::Postgres => {
                        let mut conn = sqlx::PgConnection::connect(&self.url).await?;
                        sqlx::raw_sql(AssertSqlSafe(sql.clone()))
                            .execute(&mut conn)
                            .await?;
                        conn.close().await
                    }
                }
            }
            .await;
            done.unwrap_or_else(|error| panic!("{sql}: {error}"));
        }
    }

    /// Opens the database with the store, which applies the migrations not yet applied.
    pub async fn open(self) -> TestDb {
        let db = Db::open(&self.url)
            .await
            .unwrap_or_else(|error| panic!("upgrade {}: {error}", self.url));
        TestDb {
            db,
            url: self.url,
            place: self.place,
        }
    }
}

/// A region `code` at `level` under the region `parent`, named after its code.
pub fn new_region(code: &str, level: &str, parent: Option<&str>) -> NewRegion {
    NewRegion {
        code: code.to_owned(),
        name: format!("Region {code}"),
        level: level.to_owned(),
        parent_code: parent.map(str::to_owned),
    }
}

pub fn new_cooperative(code: &str) -> NewOrganisation {
    NewOrganisation {
        code: code.to_owned(),
        kind: "cooperative".to_owned(),
        name: format!("Cooperative {code}"),
        region_code: None,
        parent_code: None,
        status: "active".to_owned(),
        founded: Some(day("1954-01-01")),
        currency: Currency::new("CNY", 2).expect("a currency"),
    }
}

/// `1954-01-05` as a date.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("'{text}' is not a date"))
}

pub fn name(text: &str) -> AccountName {
    AccountName::parse(text).expect("an account name")
}

/// A balanced entry: `entry("1954-01-05", &[("Assets:Cash", 100), ("Income:Sales", -100)])`.
pub fn entry(date: &str, postings: &[(&str, i64)]) -> JournalEntry {
    entry_with_memo(date, &format!("entry of {date}"), postings)
}

pub fn entry_with_memo(date: &str, memo: &str, postings: &[(&str, i64)]) -> JournalEntry {
    let postings = postings
        .iter()
        .map(|&(account, minor)| Posting {
            account: name(account),
            amount: Money::from_minor(minor),
        })
        .collect();
    JournalEntry::new(day(date), memo, None, postings).expect("a balanced entry")
}

/// The store's balances over `from..=to` as `account → minor units`.
pub async fn balances(
    db: &Db,
    org_id: OrgId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> BTreeMap<String, i64> {
    db.balances(org_id, from, to)
        .await
        .expect("read balances")
        .into_iter()
        .map(|row| (row.account.to_string(), row.balance.minor()))
        .collect()
}

/// The balances over `from..=to` summed in the test from the entries themselves, zero
/// balances left out as the store leaves them out.
pub fn expected_balances(
    entries: &[JournalEntry],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> BTreeMap<String, i64> {
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for entry in entries {
        if from.is_some_and(|from| entry.date() < from) || to.is_some_and(|to| entry.date() > to) {
            continue;
        }
        for posting in entry.postings() {
            *sums.entry(posting.account.to_string()).or_insert(0) += posting.amount.minor();
        }
    }
    sums.retain(|_, amount| *amount != 0);
    sums
}

/// The sequence numbers of every stored entry of the book, in order.
pub async fn sequences(db: &Db, org_id: OrgId) -> Vec<u64> {
    db.entries(org_id, 1, u64::MAX >> 1)
        .await
        .expect("read entries")
        .iter()
        .map(|e| e.sequence)
        .collect()
}

/// A small deterministic generator, so "random" books are the same on every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}
