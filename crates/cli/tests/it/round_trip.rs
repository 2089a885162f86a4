//! Export round trips: `export ledger` is read by hledger with the same balances and
//! imports into a fresh book with the same trial balance; `export beancount` passes
//! `bean-check`; names that beancount's grammar would merge make the export fail.

use crate::harness::{Artel, csv_rows, engine_tests, generated_journal, hledger_balances, tool};

engine_tests!(
    generated_book_exports_to_ledger_and_beancount,
    every_construct_exports_to_ledger,
    colliding_names_refuse_beancount_export,
);

fn generated_book_exports_to_ledger_and_beancount(artel: &Artel) {
    let journal = generated_journal(artel.dir(), 1_000, "ledger", 3);
    artel.cooperative("original", &[]);
    artel.import("ledger", &journal, "original");
    let balances = artel.trial_balance("original");
    assert_eq!(csv_rows(&balances), hledger_balances(artel.dir(), &journal));

    let ledger = artel.write(
        "exported.ledger",
        &artel.ok(&["export", "ledger", "--book", "original"]),
    );
    assert_eq!(hledger_balances(artel.dir(), ledger), csv_rows(&balances));
    artel.cooperative("from-ledger", &[]);
    artel.import("ledger", ledger, "from-ledger");
    assert_eq!(artel.trial_balance("from-ledger"), balances);

    let beancount = artel.write(
        "exported.beancount",
        &artel.ok(&["export", "beancount", "--book", "original"]),
    );
    let checked = tool("bean-check", &[beancount], artel.dir());
    assert!(
        checked.status.success(),
        "bean-check refused the export ({:?}):\n{}{}",
        checked.status.code(),
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    artel.cooperative("from-beancount", &[]);
    artel.import("beancount", beancount, "from-beancount");
    assert_eq!(artel.trial_balance("from-beancount"), balances);
}

/// Names in any letter case and script, declared types and codes survive `export ledger`.
fn every_construct_exports_to_ledger(artel: &Artel) {
    let journal = artel.fixture("every_construct.journal");
    artel.cooperative("every", &[]);
    artel.import("ledger", journal, "every");
    let balances = artel.trial_balance("every");

    let exported = artel.ok(&["export", "ledger", "--book", "every"]);
    let ledger = artel.write("exported.ledger", &exported);
    assert_eq!(
        hledger_balances(artel.dir(), ledger),
        hledger_balances(artel.dir(), journal)
    );
    artel.cooperative("copy", &[]);
    artel.import("ledger", ledger, "copy");
    assert_eq!(artel.trial_balance("copy"), balances);
    assert_eq!(
        artel.ok(&["account", "list", "--book", "copy", "--format", "csv"]),
        artel.ok(&["account", "list", "--book", "every", "--format", "csv"])
    );
    assert_eq!(artel.ok(&["export", "ledger", "--book", "copy"]), exported);
}

fn colliding_names_refuse_beancount_export(artel: &Artel) {
    artel.cooperative("clash", &[]);
    let journal = artel.write(
        "clash.journal",
        "2024-01-05 Two cash accounts\n    Assets:Cash  10.00 CNY\n    assets:cash  -10.00 CNY\n",
    );
    artel.import("ledger", journal, "clash");
    let output = artel.run(&["export", "beancount", "--book", "clash"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(
        output.status.code(),
        Some(0),
        "the export succeeded:\n{stderr}"
    );
    let error = stderr
        .lines()
        .find(|line| line.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line in:\n{stderr}"));
    assert!(
        error.contains("'Assets:Cash'") && error.contains("'assets:cash'"),
        "the error names both accounts: {error}"
    );
    // `export ledger` keeps the names exactly, so it still works.
    let ledger = artel.ok(&["export", "ledger", "--book", "clash"]);
    assert!(ledger.contains("assets:cash") && ledger.contains("Assets:Cash"));
}
