//! Oracle tests: Artel's trial balance of a journal must be exactly hledger's
//! `bal --flat` of the same journal, for generated journals in both formats and for a
//! hand-written journal that uses every construct of the subset `INTERFACE.md` promises.

use std::collections::BTreeSet;
use std::process::Command;

use crate::harness::{
    Artel, BINARY, csv_rows, engine_tests, generated_journal, hledger_balances,
    hledger_balances_with, tool_ok,
};

engine_tests!(
    generated_ledger_journals_match_hledger,
    generated_beancount_journals_match_hledger,
    every_construct_matches_hledger,
    dollar_amounts_match_hledger,
    every_beancount_construct_imports,
);

/// Entries per generated journal: enough to touch every account many times, small enough
/// to keep the suite quick.
const ENTRIES: u32 = 3_000;
/// Two different journals of the generator.
const SEEDS: [u32; 2] = [1, 7];

fn generated_ledger_journals_match_hledger(artel: &Artel) {
    for seed in SEEDS {
        let book = format!("ledger-{seed}");
        artel.cooperative(&book, &[]);
        let journal = generated_journal(artel.dir(), ENTRIES, "ledger", seed);
        let imported = artel.import("ledger", &journal, &book);
        assert!(
            imported.contains(&format!("imported {ENTRIES} entries")),
            "{imported}"
        );
        let expected = hledger_balances(artel.dir(), &journal);
        assert!(expected.len() > 30, "too few accounts: {expected:?}");
        assert_eq!(
            csv_rows(&artel.trial_balance(&book)),
            expected,
            "seed {seed}"
        );

        // Both ends of Artel's range are inclusive; hledger's end date is exclusive.
        let range = artel.ok(&[
            "report",
            "trial-balance",
            "--book",
            &book,
            "--format",
            "csv",
            "--from",
            "2020-03-01",
            "--to",
            "2021-06-30",
        ]);
        let expected = hledger_balances_with(
            artel.dir(),
            &journal,
            &["-b", "2020-03-01", "-e", "2021-07-01"],
        );
        assert_eq!(csv_rows(&range), expected, "seed {seed}, a range");
    }
}

fn generated_beancount_journals_match_hledger(artel: &Artel) {
    for seed in SEEDS {
        let book = format!("beancount-{seed}");
        artel.cooperative(&book, &[]);
        let beancount = generated_journal(artel.dir(), ENTRIES, "beancount", seed);
        let ledger = generated_journal(artel.dir(), ENTRIES, "ledger", seed);
        let imported = artel.import("beancount", &beancount, &book);
        assert!(
            imported.contains(&format!("imported {ENTRIES} entries")),
            "{imported}"
        );
        let expected = hledger_balances(artel.dir(), &ledger);
        assert_eq!(
            csv_rows(&artel.trial_balance(&book)),
            expected,
            "seed {seed}"
        );
    }
}

/// Each account of `every_construct.journal` whose type is declared or told by its name.
const EXPECTED_TYPES: [(&str, &str); 13] = [
    ("Assets:Cash", "asset"),
    ("assets:cash", "asset"),
    ("Fonds:Reserve", "liability"),
    ("Kapital", "equity"),
    ("Ertrag:Zinsen", "income"),
    ("Kosten:Miete", "expense"),
    ("Kasse:Hand", "asset"),
    ("资产:现金", "asset"),
    ("费用:工资", "expense"),
    ("equity:shares", "equity"),
    ("revenue:sales", "income"),
    ("Revenue:Interest", "income"),
    ("Liabilities:Wages", "liability"),
];

fn every_construct_matches_hledger(artel: &Artel) {
    let journal = artel.fixture("every_construct.journal");
    artel.cooperative("every", &[]);
    let imported = artel.import("ledger", journal, "every");
    assert!(imported.contains("imported 7 entries"), "{imported}");
    let expected = hledger_balances(artel.dir(), journal);
    assert_eq!(
        expected.len(),
        15,
        "hledger read the journal differently: {expected:?}"
    );
    assert_eq!(csv_rows(&artel.trial_balance("every")), expected);

    let accounts = artel.ok(&["account", "list", "--book", "every", "--format", "csv"]);
    let types: BTreeSet<(&str, &str)> = accounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(',');
            Some((fields.next()?, fields.next()?))
        })
        .collect();
    for account in EXPECTED_TYPES {
        assert!(types.contains(&account), "{account:?} in\n{accounts}");
    }
}

fn dollar_amounts_match_hledger(artel: &Artel) {
    let journal = artel.fixture("dollar.journal");
    artel.cooperative("dollars", &["--currency", "$"]);
    artel.import("ledger", journal, "dollars");
    let expected = hledger_balances(artel.dir(), journal);
    assert_eq!(expected.len(), 4, "{expected:?}");
    assert_eq!(csv_rows(&artel.trial_balance("dollars")), expected);
}

/// hledger does not read beancount, so the beancount constructs are checked against the
/// balances the file states (and against `bean-check`, which must accept the file).
fn every_beancount_construct_imports(artel: &Artel) {
    let file = artel.fixture("every_construct.beancount");
    tool_ok("bean-check", &[file], artel.dir());
    artel.cooperative("every", &[]);
    let imported = artel.import("beancount", file, "every");
    assert!(imported.contains("imported 4 entries"), "{imported}");
    assert_eq!(
        artel.trial_balance("every"),
        "account,balance\n\
         Assets:Bank,3205.50\n\
         Assets:Cash,2550.00\n\
         Equity:Share-Capital,-3000.00\n\
         Expenses:Materials,450.00\n\
         Income:Sales,-1205.50\n\
         Liabilities:Loans,-2000.00\n"
    );
}

/// Runs `artel check FORMAT FILE --format csv` with a database URL whose directory does
/// not exist, and asserts that it succeeded and created nothing.
fn check_without_database(directory: &std::path::Path, format: &str, file: &str) -> String {
    let missing = directory.join("no-such-directory");
    let output = Command::new(BINARY)
        .env_remove("ARTEL_DB")
        .current_dir(directory)
        .arg("--db")
        .arg(format!("sqlite:{}", missing.join("never.db").display()))
        .args(["check", format, file, "--format", "csv"])
        .output()
        .expect("run artel");
    assert!(
        output.status.success(),
        "check {file}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!missing.exists(), "check created {}", missing.display());
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn check_matches_hledger_without_a_database() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let dir = directory.path();
    for fixture in ["every_construct.journal", "dollar.journal", "small.journal"] {
        std::fs::write(dir.join(fixture), crate::harness::fixture(fixture)).expect("write");
        let rows = csv_rows(&check_without_database(dir, "ledger", fixture));
        assert_eq!(rows, hledger_balances(dir, fixture), "{fixture}");
    }
    let ledger = generated_journal(dir, 500, "ledger", 11);
    let beancount = generated_journal(dir, 500, "beancount", 11);
    let expected = hledger_balances(dir, &ledger);
    assert_eq!(
        csv_rows(&check_without_database(dir, "ledger", &ledger)),
        expected
    );
    assert_eq!(
        csv_rows(&check_without_database(dir, "beancount", &beancount)),
        expected
    );
}
