//! `artel backup` and `artel restore`: a copy taken, the books changed, the copy put back
//! gives the books exactly as they were — balances, chain and audit trail — on SQLite and
//! on PostgreSQL; a backup never overwrites a file, and a file that is not a copy is
//! refused before anything is replaced. A backup taken while a server posts holds the books
//! exactly as they stood at one moment; a restore is refused while a server runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use crate::harness::{Artel, Engine, engine_tests};
use crate::served::{Server, post_entries};

engine_tests!(
    restoring_a_backup_gives_the_books_back,
    a_bad_copy_is_refused_and_changes_nothing,
    a_backup_taken_while_the_server_posts_is_the_books_at_one_moment
);

/// Clients posting while the backup is taken.
const CLIENTS: usize = 4;

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

fn a_backup_taken_while_the_server_posts_is_the_books_at_one_moment(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let token = artel.accountant_token("wang", "coop");
    let server = Server::start(artel, &["--no-rate-limit"]);
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (address, token, stop) = (server.address.clone(), token.clone(), stop.clone());
            thread::spawn(move || {
                post_entries(&address, &token, &format!("client {client}"), &stop)
            })
        })
        .collect();
    let entries = || -> u64 {
        artel.query_strings("SELECT CAST(COUNT(*) AS TEXT) FROM entries")[0]
            .parse()
            .expect("a count")
    };
    // The backup starts once posting is under way and is taken while it goes on.
    while entries() < 20 {
        thread::sleep(Duration::from_millis(20));
    }
    let before = entries();
    artel.ok(&["backup", "during.backup"]);
    let after = entries();
    thread::sleep(Duration::from_millis(300));
    // No restore while the server runs: it would replace the books under it.
    let refused = artel.fails(&["restore", "during.backup"], 1);
    assert!(
        refused.starts_with("error: ") && refused.contains("stop it before restoring"),
        "{refused}"
    );
    stop.store(true, Ordering::Relaxed);
    let acknowledged: usize = clients
        .into_iter()
        .map(|client| client.join().expect("a client").len())
        .sum();
    server.signal("-TERM");
    let total = entries();
    assert_eq!(total, acknowledged as u64, "every post acknowledged, once");
    assert!(
        total > after,
        "the clients posted after the backup ({total})"
    );

    // The live books, entry by entry, before they are replaced.
    let (hash, account) = match artel.engine() {
        Engine::Sqlite => ("lower(hex(hash))", "lower(hex(account_id))"),
        Engine::Postgres => ("encode(hash, 'hex')", "CAST(account_id AS TEXT)"),
    };
    let live_hashes = artel.query_strings(&format!("SELECT {hash} FROM entries ORDER BY sequence"));
    let balances_up_to = |sequence: u64| {
        artel.query_strings(&format!(
            "SELECT {account} || ' ' || CAST(SUM(amount_minor) AS TEXT) \
             FROM postings WHERE sequence <= {sequence} GROUP BY account_id ORDER BY 1"
        ))
    };
    let restored_count_bounds = before..=after;
    let live_balances: Vec<Vec<String>> =
        restored_count_bounds.clone().map(balances_up_to).collect();

    artel.ok(&["restore", "during.backup"]);
    let restored = entries();
    assert!(
        restored_count_bounds.contains(&restored),
        "the copy holds {restored} entries; {before} were posted when it began and {after} when it ended"
    );
    // The copy is the live books' first entries, exactly: the same chain up to its head,
    // and every account's balance as the live books had it after that entry.
    let restored_hashes =
        artel.query_strings(&format!("SELECT {hash} FROM entries ORDER BY sequence"));
    assert_eq!(restored_hashes[..], live_hashes[..restored as usize]);
    assert_eq!(
        balances_up_to(restored),
        live_balances[(restored - before) as usize]
    );
    assert!(
        artel
            .ok(&["verify", "--book", "coop"])
            .contains("chain intact")
    );
}
