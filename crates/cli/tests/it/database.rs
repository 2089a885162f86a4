//! The database from the command line's side: every command creates and migrates the
//! database it is given, `init` is safe to run again, and a finished command leaves
//! everything in the SQLite file itself (no `-wal` file holding the only copy).

use crate::harness::{Artel, engine_tests};

engine_tests!(init_is_safe_to_run_again, any_command_creates_the_database);

fn init_is_safe_to_run_again(artel: &Artel) {
    assert_eq!(artel.ok(&["init"]), "");
    artel.ok(&["init"]);
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let balances = artel.trial_balance("coop");
    artel.ok(&["init"]);
    assert_eq!(artel.trial_balance("coop"), balances);
}

fn any_command_creates_the_database(artel: &Artel) {
    // The first command on a database that does not exist yet reports on a book that does
    // not exist either: refused, yet the database is there afterwards.
    let stderr = artel.fails(&["report", "trial-balance", "--book", "nobody"], 3);
    assert!(stderr.contains("nobody"), "{stderr}");
    artel.cooperative("coop", &[]);
    let accounts = artel.ok(&["account", "list", "--book", "coop", "--format", "csv"]);
    assert!(accounts.contains("\nAssets:Cash,asset,"), "{accounts}");
}

/// After each command, the `-wal` file is gone or empty, and the database file alone,
/// copied elsewhere, holds everything.
#[test]
fn sqlite_file_holds_everything_after_each_command() {
    let artel = Artel::sqlite();
    let database = artel.sqlite_path();
    let wal = database.with_extension("db-wal");
    let assert_checkpointed = |after: &str| {
        assert!(database.exists(), "no database file after {after}");
        let size = std::fs::metadata(&wal).map_or(0, |m| m.len());
        assert_eq!(
            size,
            0,
            "{} holds {size} bytes after {after}",
            wal.display()
        );
    };
    artel.ok(&["init"]);
    assert_checkpointed("init");
    artel.cooperative("coop", &[]);
    assert_checkpointed("org add");
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    assert_checkpointed("import");
    let bad = artel.write(
        "bad.journal",
        "2024-01-05 Bad\n    Assets:Cash  1 CNY\n    Equity:Opening  -2 CNY\n",
    );
    artel.fails(&["import", "ledger", bad, "--book", "coop"], 3);
    assert_checkpointed("a rejected import");
    let balances = artel.trial_balance("coop");
    assert_checkpointed("report");

    let copy = tempfile::tempdir().expect("a temporary directory");
    let copied = copy.path().join("copy.db");
    std::fs::copy(&database, &copied).expect("copy the database file");
    let output = std::process::Command::new(crate::harness::BINARY)
        .env_remove("ARTEL_DB")
        .arg("--db")
        .arg(format!("sqlite:{}", copied.display()))
        .args([
            "report",
            "trial-balance",
            "--book",
            "coop",
            "--format",
            "csv",
        ])
        .output()
        .expect("run artel");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8(output.stdout).expect("UTF-8"), balances);
}
