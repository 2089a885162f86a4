//! Crash safety: `artel` killed with SIGKILL at seeded random moments — a server while
//! eight clients post through the API, an import in the middle of its transaction — and
//! after every kill, on SQLite and on PostgreSQL: the database's own integrity check
//! passes, `artel verify` finds the chain and the stored balances intact, every entry is
//! whole (two or more postings summing to zero) or absent, every entry a client saw
//! acknowledged with `201` is there, and the books balance.
//!
//! The runs are many and short. `ARTEL_CRASH_RUNS` (default 60 per test and engine) and
//! `ARTEL_CRASH_SECONDS` (default 40: a test stops starting new runs after that) make them
//! more or fewer; `ARTEL_CRASH_SEED` replays a failure, whose message gives the seed.

use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{Artel, Engine, engine_tests, generated_journal};
use crate::served::{Server, post_entries};

engine_tests!(
    posting_survives_being_killed,
    an_import_killed_is_whole_or_absent
);

/// Clients posting at once in each run.
const CLIENTS: usize = 8;
/// Entries of the journal imported again and again.
const IMPORTED_ENTRIES: u32 = 2_000;

/// How many runs a test makes, for how long at most, and from which seed.
struct Schedule {
    runs: u32,
    budget: Duration,
    seed: u64,
}

impl Schedule {
    fn from_env() -> Schedule {
        let number = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .map(|value| {
                    value
                        .parse()
                        .unwrap_or_else(|_| panic!("{name} must be a number"))
                })
                .unwrap_or(default)
        };
        let clock = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |since| since.as_nanos() as u64);
        Schedule {
            runs: number("ARTEL_CRASH_RUNS", 60) as u32,
            budget: Duration::from_secs(number("ARTEL_CRASH_SECONDS", 40)),
            seed: number("ARTEL_CRASH_SEED", clock),
        }
    }

    /// Calls `run` with each run's number and its own random numbers until the runs are
    /// done or the time is up; a failing run's panic names the seed that replays it.
    fn each(&self, mut run: impl FnMut(u32, &mut Random)) -> u32 {
        let started = Instant::now();
        let mut random = Random(self.seed);
        let mut done = 0;
        while done < self.runs && (done == 0 || started.elapsed() < self.budget) {
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(done, &mut random)));
            if let Err(cause) = outcome {
                eprintln!(
                    "crash run {done} failed; replay with ARTEL_CRASH_SEED={}",
                    self.seed
                );
                std::panic::resume_unwind(cause);
            }
            done += 1;
        }
        eprintln!("{done} crash runs from seed {}", self.seed);
        done
    }
}

/// SplitMix64: small, seeded, and the same everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration from `low` up to (not including) `high` milliseconds.
    fn millis(&mut self, low: u64, high: u64) -> Duration {
        Duration::from_millis(low + self.next() % (high - low))
    }
}

fn posting_survives_being_killed(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let token = artel.accountant_token("wang", "coop");
    let mut acknowledged = BTreeSet::new();
    let runs = Schedule::from_env().each(|run, random| {
        let server = Server::start(artel, &["--no-rate-limit"]);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let (address, token) = (server.address.clone(), token.clone());
                let tag = format!("run {run} client {client}");
                thread::spawn(move || post_entries(&address, &token, &tag, &AtomicBool::new(false)))
            })
            .collect();
        thread::sleep(random.millis(50, 1_000));
        server.signal("-KILL");
        for client in clients {
            acknowledged.extend(client.join().expect("a client"));
        }
        check_books(artel, "coop");
        let memos: BTreeSet<String> = artel
            .query_strings("SELECT memo FROM entries")
            .into_iter()
            .collect();
        let lost: Vec<_> = acknowledged.difference(&memos).collect();
        assert!(
            lost.is_empty(),
            "acknowledged but not in the books: {lost:?}"
        );
    });
    assert!(
        acknowledged.len() > runs as usize,
        "hardly anything was posted ({} entries in {runs} runs)",
        acknowledged.len()
    );
}

fn an_import_killed_is_whole_or_absent(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let journal = generated_journal(artel.dir(), IMPORTED_ENTRIES, "ledger", 7);
    let started = Instant::now();
    artel.import("ledger", &journal, "coop");
    // Kills land anywhere from before the import opens the database to after it is done.
    let whole = started.elapsed().as_millis() as u64 * 5 / 4 + 10;
    let (mut entries_before, mut interrupted) = (u64::from(IMPORTED_ENTRIES), 0);
    let runs = Schedule::from_env().each(|_, random| {
        let mut import = artel.spawn(&["import", "ledger", &journal, "--book", "coop"]);
        thread::sleep(random.millis(0, whole));
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &import.id().to_string()])
            .status()
            .expect("run kill");
        let status = import.wait().expect("the import ends");
        assert!(
            killed.success() || status.success(),
            "the import failed before it was killed: {status:?}"
        );
        check_books(artel, "coop");
        let entries: u64 = artel.query_strings("SELECT CAST(COUNT(*) AS TEXT) FROM entries")[0]
            .parse()
            .expect("a count");
        assert_eq!(
            entries % u64::from(IMPORTED_ENTRIES),
            0,
            "{entries} entries: part of an import is in the books"
        );
        if entries == entries_before {
            interrupted += 1;
        }
        entries_before = entries;
    });
    assert!(
        runs < 5 || interrupted > 0,
        "no kill in {runs} runs landed before an import's commit"
    );
}

/// Everything that must hold after a crash.
fn check_books(artel: &Artel, book: &str) {
    match artel.engine() {
        Engine::Sqlite => {
            assert_eq!(artel.query_strings("PRAGMA integrity_check"), ["ok"]);
            assert_eq!(
                artel.query_strings("SELECT CAST(COUNT(*) AS TEXT) FROM pragma_foreign_key_check"),
                ["0"]
            );
        }
        Engine::Postgres => {
            artel.execute_sql(&["CREATE EXTENSION IF NOT EXISTS amcheck"]);
            // Every table's pages, and every B-tree index against its table.
            let corrupt = artel.query_strings(
                "SELECT CAST(COUNT(*) AS TEXT) FROM pg_class c, verify_heapam(c.oid) \
                 WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace",
            );
            assert_eq!(corrupt, ["0"], "verify_heapam found corrupt pages");
            let indexes = artel.query_strings(
                "SELECT CAST(COUNT(*) AS TEXT) FROM (SELECT bt_index_check(c.oid, true) \
                 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 JOIN pg_am a ON a.oid = c.relam \
                 WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace) checked",
            );
            assert_ne!(indexes, ["0"], "no index was checked");
        }
    }
    let verified = artel.ok(&["verify", "--book", book]);
    assert!(verified.contains("chain intact"), "{verified}");
    let broken = artel.query_strings(
        "SELECT CAST(e.sequence AS TEXT) FROM entries e \
         LEFT JOIN postings p ON p.org_id = e.org_id AND p.sequence = e.sequence \
         GROUP BY e.org_id, e.sequence \
         HAVING COUNT(p.line) < 2 OR SUM(p.amount_minor) <> 0",
    );
    assert!(broken.is_empty(), "entries not whole: {broken:?}");
    assert_eq!(
        artel.query_strings("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS TEXT) FROM postings"),
        ["0"],
        "the books do not balance"
    );
}
