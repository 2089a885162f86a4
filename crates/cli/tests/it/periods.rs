//! Closed periods and reversals from the command line: no entry goes into a closed
//! month until it is reopened with a reason, and a reversal undoes an entry's effect on
//! every balance while leaving it in the history.

use crate::harness::{Artel, engine_tests};

engine_tests!(
    closed_period_refuses_entries_until_reopened,
    reversal_nets_to_zero
);

const JANUARY_POSTING: [&str; 10] = [
    "entry",
    "post",
    "--book",
    "coop",
    "--date",
    "1954-01-31",
    "--posting",
    "Assets:Cash=10.00",
    "--posting",
    "Equity:Share Capital=-10.00",
];

fn closed_period_refuses_entries_until_reopened(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let before = artel.trial_balance("coop");

    let closed = artel.ok(&["period", "close", "--book", "coop", "--period", "1954-01"]);
    assert!(closed.contains("closed"), "{closed}");
    let again = artel.ok(&["period", "close", "--book", "coop", "--period", "1954-01"]);
    assert!(again.contains("already closed"), "{again}");

    let refused = artel.fails(&JANUARY_POSTING, 3);
    assert!(
        refused.starts_with("error: ") && refused.contains("1954-01"),
        "the error names the closed period: {refused}"
    );
    assert_eq!(artel.trial_balance("coop"), before);
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(verified.contains("6 entries, chain intact"), "{verified}");

    // No reopening without a reason: clap refuses a missing one, Artel an empty one.
    let reopen = ["period", "reopen", "--book", "coop", "--period", "1954-01"];
    artel.fails(&reopen, 2);
    for reason in ["", "   "] {
        let stderr = artel.fails(&[&reopen[..], &["--reason", reason]].concat(), 3);
        assert!(stderr.contains("--reason"), "{stderr}");
    }
    artel.fails(&JANUARY_POSTING, 3);

    let reopened = artel.ok(&[&reopen[..], &["--reason", "a receipt was found late"]].concat());
    assert!(reopened.contains("reopened"), "{reopened}");
    let posted = artel.ok(&JANUARY_POSTING);
    assert!(posted.starts_with("posted entry 7 "), "{posted}");
    let after = artel.trial_balance("coop");
    assert!(after.contains("Assets:Cash,3765.50\n"), "{after}");
    assert!(after.contains("Equity:Share Capital,-3010.00\n"), "{after}");
}

fn reversal_nets_to_zero(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let before = artel.trial_balance("coop");

    let posted = artel.ok(&[
        "entry",
        "post",
        "--book",
        "coop",
        "--date",
        "1954-03-20",
        "--memo",
        "Thread, bought twice by mistake",
        "--posting",
        "Expenses:Production:Materials=99.99",
        "--posting",
        "Assets:Cash=-99.99",
    ]);
    assert!(posted.starts_with("posted entry 7 "), "{posted}");
    assert_ne!(artel.trial_balance("coop"), before);

    let reversed = artel.ok(&[
        "entry",
        "reverse",
        "--book",
        "coop",
        "7",
        "--date",
        "1954-03-21",
    ]);
    assert_eq!(reversed.trim(), "posted entry 8 reversing entry 7");
    assert_eq!(artel.trial_balance("coop"), before);

    // Both stay in the history, each with its own amount.
    let ledger = artel.ok(&[
        "report",
        "general-ledger",
        "--book",
        "coop",
        "--account",
        "Expenses:Production:Materials",
        "--format",
        "csv",
    ]);
    assert!(
        ledger.contains("1954-03-20,7,\"Thread, bought twice by mistake\",99.99,549.99\n"),
        "{ledger}"
    );
    assert!(ledger.contains("1954-03-21,8,"), "{ledger}");
    assert!(ledger.ends_with(",-99.99,450.00\n"), "{ledger}");

    // An imported entry reverses as well; an entry that does not exist does not.
    artel.ok(&[
        "entry",
        "reverse",
        "--book",
        "coop",
        "3",
        "--date",
        "1954-03-31",
    ]);
    let after = artel.trial_balance("coop");
    assert!(!after.contains("Income:Sales"), "{after}");
    assert!(after.contains("Assets:Receivables,-1205.50\n"), "{after}");
    let stderr = artel.fails(&["entry", "reverse", "--book", "coop", "99"], 3);
    assert!(stderr.contains("99"), "{stderr}");
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(verified.contains("9 entries, chain intact"), "{verified}");
}
