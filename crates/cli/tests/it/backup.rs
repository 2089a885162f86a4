//! `artel backup` and `artel restore`: a copy taken, the books changed, the copy put back
//! gives the books exactly as they were — balances, chain and audit trail — on SQLite and
//! on PostgreSQL; a backup never overwrites a file, and a file that is not a copy is
//! refused before anything is replaced.

use crate::harness::{Artel, engine_tests};

engine_tests!(
    restoring_a_backup_gives_the_books_back,
    a_bad_copy_is_refused_and_changes_nothing
);

const LATER: &str = "\
2024-06-01 sold after the backup
    Assets:Cash  999.00 CNY
    Income:Sales
";

fn restoring_a_backup_gives_the_books_back(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let before = artel.trial_balance("coop");
    let verified = artel.ok(&["verify", "--book", "coop"]);

    artel.ok(&["backup", "books.backup"]);
    assert!(artel.dir().join("books.backup").is_file());
    let refused = artel.fails(&["backup", "books.backup"], 3);
    assert!(
        refused.contains("books.backup") && refused.contains("already exists"),
        "{refused}"
    );

    let later = artel.write("later.journal", LATER);
    artel.import("ledger", later, "coop");
    assert_ne!(artel.trial_balance("coop"), before);

    artel.ok(&["restore", "books.backup"]);
    assert_eq!(artel.trial_balance("coop"), before);
    assert_eq!(artel.ok(&["verify", "--book", "coop"]), verified);
    // The books go on from the restored head.
    artel.import("ledger", later, "coop");
    assert!(
        artel
            .ok(&["verify", "--book", "coop"])
            .contains("chain intact")
    );
}

fn a_bad_copy_is_refused_and_changes_nothing(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let before = artel.trial_balance("coop");
    let bogus = artel.write("bogus.backup", "not a database at all\n");
    let refused = artel.fails(&["restore", bogus], 3);
    assert!(
        refused.starts_with("error: ") && refused.contains("bogus.backup"),
        "{refused}"
    );
    let missing = artel.fails(&["restore", "missing.backup"], 3);
    assert!(missing.contains("missing.backup"), "{missing}");
    assert_eq!(artel.trial_balance("coop"), before);
}
