//! The test harness: an [`Artel`] that runs the real `artel` binary against a fresh
//! database of one engine, the macro that runs one test body on both engines, and helpers
//! for the outside tools the tests compare against (hledger, bean-check, the journal
//! generator).
//!
//! SQLite databases are files in a temporary directory removed with the test. PostgreSQL
//! databases get a unique name on the server named by `ARTEL_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432`); `artel` creates them itself, and they are dropped
//! when the test passes (a failed test leaves its database behind for inspection). An
//! unreachable server fails the tests, and so does a missing outside tool: nothing skips.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sqlx::{AssertSqlSafe, Connection};
use tempfile::TempDir;
use uuid::Uuid;

/// Generates, for each named `fn NAME(artel: &Artel)`, a module `NAME` with two tests,
/// `sqlite` and `postgres`, so a failure names the engine it happened on.
macro_rules! engine_tests {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[test]
                fn sqlite() {
                    super::$test(&crate::harness::Artel::sqlite());
                }

                #[test]
                fn postgres() {
                    super::$test(&crate::harness::Artel::postgres());
                }
            }
        )*
    };
}
pub(crate) use engine_tests;

/// The two database engines Artel runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The `artel` binary built for these tests.
pub const BINARY: &str = env!("CARGO_BIN_EXE_artel");

/// The PostgreSQL server the tests use, without a database name.
pub fn postgres_base_url() -> String {
    std::env::var("ARTEL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// Runs `future` to completion on a small runtime of its own (the tests are synchronous).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// Runs SQL statements on the `postgres` maintenance database of the test server.
fn postgres_maintenance(statements: &[String]) -> Result<(), sqlx::Error> {
    let url = format!("{}/postgres", postgres_base_url());
    block_on(async {
        let mut connection = sqlx::PgConnection::connect(&url).await?;
        for statement in statements {
            sqlx::query(AssertSqlSafe(statement.clone()))
                .execute(&mut connection)
                .await?;
        }
        connection.close().await
    })
}

/// One test's `artel`: a working directory (journals are written there and passed by
/// relative name, so error messages read `error: bad.journal:5: …`) and a database URL
/// that no other test uses.
pub struct Artel {
    directory: TempDir,
    url: String,
    engine: Engine,
    postgres_name: Option<String>,
}

impl Artel {
    /// A new SQLite database file (not yet created: the first command creates it).
    pub fn sqlite() -> Artel {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite:{}", directory.path().join("a.db").display());
        Artel {
            directory,
            url,
            engine: Engine::Sqlite,
            postgres_name: None,
        }
    }

    /// A new PostgreSQL database name (not yet created: the first command creates it).
    /// Fails, naming the server, when PostgreSQL cannot be reached.
    pub fn postgres() -> Artel {
        let base = postgres_base_url();
        if let Err(error) = postgres_maintenance(&[]) {
            panic!(
                "PostgreSQL must be reachable at {base} (set ARTEL_TEST_POSTGRES to another \
                 server); these tests never skip: {error}"
            );
        }
        let name = format!("artel_c_{}", Uuid::now_v7().simple());
        Artel {
            directory: tempfile::tempdir().expect("a temporary directory"),
            url: format!("{base}/{name}"),
            engine: Engine::Postgres,
            postgres_name: Some(name),
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The database's URL, for a test that reads it through the store itself.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The test's working directory.
    pub fn dir(&self) -> &Path {
        self.directory.path()
    }

    /// The SQLite database file; panics on PostgreSQL.
    pub fn sqlite_path(&self) -> PathBuf {
        assert_eq!(self.engine, Engine::Sqlite, "not a SQLite database");
        self.dir().join("a.db")
    }

    /// Writes `contents` to `name` in the working directory and returns `name`.
    pub fn write<'a>(&self, name: &'a str, contents: &str) -> &'a str {
        std::fs::write(self.dir().join(name), contents).expect("write a test file");
        name
    }

    /// Copies `tests/it/fixtures/NAME` into the working directory and returns `name`.
    pub fn fixture<'a>(&self, name: &'a str) -> &'a str {
        self.write(name, &fixture(name))
    }

    /// Runs `artel --db URL ARGS…` in the working directory.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(&[], args)
    }

    /// Runs `artel --db URL ARGS…` with the environment variables `env` set.
    pub fn run_with(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        Command::new(BINARY)
            .env_remove("ARTEL_DB")
            .envs(env.iter().copied())
            .current_dir(self.dir())
            .arg("--db")
            .arg(&self.url)
            .args(args)
            .output()
            .expect("run the artel binary")
    }

    /// Starts `artel --db URL ARGS…` in the background with stdout and stderr piped.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        Command::new(BINARY)
            .env_remove("ARTEL_DB")
            .current_dir(self.dir())
            .arg("--db")
            .arg(&self.url)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start the artel binary")
    }

    /// Runs `artel ARGS…`, asserts that it succeeded, and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "artel {args:?} failed ({:?}) on {:?}:\nstdout: {}\nstderr: {}",
            output.status.code(),
            self.engine,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 on stdout")
    }

    /// Runs `artel ARGS…`, asserts that it exited with `code`, and returns its stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.run(args);
        let stderr = String::from_utf8(output.stderr).expect("UTF-8 on stderr");
        assert_eq!(
            output.status.code(),
            Some(code),
            "artel {args:?} on {:?}: expected exit {code}\nstdout: {}\nstderr: {stderr}",
            self.engine,
            String::from_utf8_lossy(&output.stdout),
        );
        stderr
    }

    /// Adds a cooperative `code` (and its book, in CNY unless `extra` says otherwise).
    pub fn cooperative(&self, code: &str, extra: &[&str]) {
        let mut args = vec!["org", "add", code, "--kind", "cooperative", "--name", code];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    /// Adds the user `name` as accountant of `book` and returns a new API token of theirs.
    pub fn accountant_token(&self, name: &str, book: &str) -> String {
        self.ok(&["user", "add", name, "--role", "accountant", "--org", book]);
        self.ok(&["token", "create", name]).trim().to_owned()
    }

    /// Adds organisation `code` of `kind` in `region`, founded on `founded`, with `extra`
    /// arguments of `org add`.
    pub fn organisation(
        &self,
        code: &str,
        kind: &str,
        region: &str,
        founded: &str,
        extra: &[&str],
    ) {
        let mut args = vec![
            "org",
            "add",
            code,
            "--kind",
            kind,
            "--name",
            code,
            "--region",
            region,
            "--founded",
            founded,
        ];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    /// Imports a journal, asserting success; returns what `artel` printed.
    pub fn import(&self, format: &str, file: &str, book: &str) -> String {
        self.ok(&["import", format, file, "--book", book])
    }

    /// `artel report statistics` over `region` for `period` (against `compare`) as CSV.
    pub fn statistics(&self, region: &str, period: &str, compare: Option<&str>) -> String {
        let mut args = vec![
            "report",
            "statistics",
            "--region",
            region,
            "--period",
            period,
            "--format",
            "csv",
        ];
        if let Some(compare) = compare {
            args.extend(["--compare", compare]);
        }
        self.ok(&args)
    }

    /// The book's trial balance as CSV.
    pub fn trial_balance(&self, book: &str) -> String {
        self.ok(&["report", "trial-balance", "--book", book, "--format", "csv"])
    }

    /// The first column of every row `sql` returns, read as text (cast in the SQL where
    /// the column is not text), on a connection of its own.
    pub fn query_strings(&self, sql: &str) -> Vec<String> {
        use sqlx::Row;
        let url = self.url.clone();
        let statement = sql.to_owned();
        let result: Result<Vec<String>, sqlx::Error> = block_on(async move {
            match self.engine {
                Engine::Sqlite => {
                    let mut connection = sqlx::SqliteConnection::connect(&url).await?;
                    let rows = sqlx::query(AssertSqlSafe(statement.clone()))
                        .fetch_all(&mut connection)
                        .await?;
                    rows.iter().map(|row| row.try_get(0)).collect()
                }
                Engine::Postgres => {
                    let mut connection = sqlx::PgConnection::connect(&url).await?;
                    let rows = sqlx::query(AssertSqlSafe(statement.clone()))
                        .fetch_all(&mut connection)
                        .await?;
                    rows.iter().map(|row| row.try_get(0)).collect()
                }
            }
        });
        result.unwrap_or_else(|error| panic!("{sql} on {:?}: {error}", self.engine))
    }

    /// Runs SQL statements on the test's database behind `artel`'s back, on a connection
    /// of their own, to tamper with the books.
    pub fn execute_sql(&self, statements: &[&str]) {
        let url = self.url.clone();
        let result: Result<(), sqlx::Error> = block_on(async move {
            match self.engine {
                Engine::Sqlite => {
                    let mut connection = sqlx::SqliteConnection::connect(&url).await?;
                    for statement in statements {
                        sqlx::query(AssertSqlSafe(statement.to_string()))
                            .execute(&mut connection)
                            .await?;
                    }
                    connection.close().await
                }
                Engine::Postgres => {
                    let mut connection = sqlx::PgConnection::connect(&url).await?;
                    for statement in statements {
                        sqlx::query(AssertSqlSafe(statement.to_string()))
                            .execute(&mut connection)
                            .await?;
                    }
                    connection.close().await
                }
            }
        });
        result.unwrap_or_else(|error| panic!("{statements:?} on {:?}: {error}", self.engine));
    }
}

impl Drop for Artel {
    /// Drops a passing test's PostgreSQL database; a failed test's stays for inspection.
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if let Some(name) = &self.postgres_name {
            postgres_maintenance(&[format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")])
                .unwrap_or_else(|error| panic!("drop the test database {name}: {error}"));
        }
    }
}

/// The text of `tests/it/fixtures/NAME`.
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Runs an outside tool; a tool that is not installed fails the test, saying so.
pub fn tool(program: &str, args: &[&str], directory: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(directory)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "`{program}` is needed by this test and could not be run ({error}); \
                 install it (the test script does): these tests never skip"
            )
        })
}

/// Runs an outside tool, asserting that it succeeded; returns its stdout.
pub fn tool_ok(program: &str, args: &[&str], directory: &Path) -> String {
    let output = tool(program, args, directory);
    assert!(
        output.status.success(),
        "{program} {args:?} failed ({:?}):\n{}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 from the tool")
}

/// Keeps the sign, digits and decimal mark of an amount: `"$-6.50"`, `"-1,234.50 CNY"`
/// and `"CNY 12.50"` become `-6.50`, `-1234.50` and `12.50`.
fn bare_amount(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || *c == '-' || *c == '.')
        .collect()
}

/// hledger's balances of a journal (`hledger bal --flat -N -O csv`) as `account,balance`
/// lines, quotes, header and commodity symbols removed, as Artel's CSV writes them.
pub fn hledger_balances(directory: &Path, journal: &str) -> BTreeSet<String> {
    hledger_balances_with(directory, journal, &[])
}

/// [`hledger_balances`] with more options for hledger (a date range: `-b`, `-e`).
pub fn hledger_balances_with(
    directory: &Path,
    journal: &str,
    options: &[&str],
) -> BTreeSet<String> {
    let mut args = vec!["-f", journal, "bal", "--flat", "-N", "-O", "csv"];
    args.extend_from_slice(options);
    let csv = tool_ok("hledger", &args, directory);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("\"account\",\"balance\""),
        "hledger's header:\n{csv}"
    );
    lines
        .map(|line| {
            let line = line.strip_prefix('"').and_then(|l| l.strip_suffix('"'));
            let (account, amount) = line
                .and_then(|l| l.split_once("\",\""))
                .unwrap_or_else(|| panic!("an unexpected line from hledger in:\n{csv}"));
            format!("{account},{}", bare_amount(amount))
        })
        .collect()
}

/// The rows of an `account,balance` CSV (Artel's), header removed.
pub fn csv_rows(csv: &str) -> BTreeSet<String> {
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("account,balance"), "the header:\n{csv}");
    let rows: BTreeSet<String> = lines.map(str::to_owned).collect();
    assert_eq!(
        rows.len(),
        csv.lines().count() - 1,
        "duplicate rows:\n{csv}"
    );
    rows
}

/// Writes the deterministic benchmark journal (`../shared/bench/gen_journal.py`, beside the
/// project's root; `ARTEL_GEN_JOURNAL` names another) of `entries` entries in `format`
/// (`ledger` or `beancount`) to the directory; returns the file's name.
pub fn generated_journal(directory: &Path, entries: u32, format: &str, seed: u32) -> String {
    let generator = std::env::var("ARTEL_GEN_JOURNAL").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/bench/gen_journal.py"
        )
        .to_owned()
    });
    let (entries, seed) = (entries.to_string(), seed.to_string());
    let text = tool_ok(
        "python3",
        &[
            &generator, "--n", &entries, "--format", format, "--seed", &seed,
        ],
        directory,
    );
    let name = format!("gen-{seed}-{entries}.{format}");
    std::fs::write(directory.join(&name), text).expect("write the generated journal");
    name
}

/// The `error: ` lines of a command's stderr.
pub fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect()
}

/// The cells after the first of the CSV report's line for `name` (`34.0,6.0,-82.4`).
pub fn report_values(report: &str, name: &str) -> String {
    let line = report_row(report, name);
    line[name.len() + 1..].to_owned()
}

/// The line of a CSV report whose first cell is `name` (`defect_rate,4.8,34.0,-85.9`).
pub fn report_row(report: &str, name: &str) -> String {
    report
        .lines()
        .find(|line| line.starts_with(&format!("{name},")))
        .unwrap_or_else(|| panic!("no {name} in {report}"))
        .to_owned()
}
