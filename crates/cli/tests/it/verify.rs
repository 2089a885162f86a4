//! `artel verify` against changes made behind Artel's back: after the append-only
//! triggers are dropped and a posting altered in the database, `verify` exits 1 naming
//! the entry.

use crate::harness::{Artel, Engine, engine_tests};

engine_tests!(verify_names_the_altered_entry);

fn verify_names_the_altered_entry(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(
        verified.contains("coop: 6 entries, chain intact"),
        "{verified}"
    );

    // Move 1.00 between the two postings of entry 4: the entry still balances, so only the
    // chain can tell.
    let drop_trigger = match artel.engine() {
        Engine::Sqlite => "DROP TRIGGER postings_no_update",
        Engine::Postgres => "DROP TRIGGER postings_append_only ON postings",
    };
    artel.execute_sql(&[
        drop_trigger,
        "UPDATE postings SET amount_minor = amount_minor + 100 WHERE sequence = 4 AND line = 0",
        "UPDATE postings SET amount_minor = amount_minor - 100 WHERE sequence = 4 AND line = 1",
    ]);
    let stderr = artel.fails(&["verify", "--book", "coop"], 1);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("entry 4 "),
        "verify names entry 4: {stderr}"
    );
}
