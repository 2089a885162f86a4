//! Tamper evidence beyond the chain: signed heads and the audit trail's chain, attacked
//! behind Artel's back. A changed row is named by plain `verify`; so are an altered or a
//! removed audit event; a whole tail of the chain (or of the audit trail) rewritten with
//! its hashes and head recomputed passes plain `verify` and is caught only by
//! `verify --signed`, which also refuses a statement signed by another key or altered.

use artel_app::Db;
use artel_ledger::audit_chain::audit_hash;
use artel_ledger::chain::{ChainHash, entry_hash};

use crate::harness::{Artel, Engine, engine_tests};

engine_tests!(
    a_rewritten_tail_is_caught_only_by_the_signed_head,
    a_removed_tail_is_caught_only_by_the_signed_head,
    an_altered_or_removed_audit_event_is_named,
    a_rewritten_audit_tail_is_caught_only_by_the_signed_head,
    a_foreign_or_altered_statement_is_refused,
    the_server_signs_heads_at_start_and_on_request,
);

/// The organisation `coop` as an SQL expression.
const ORG: &str = "(SELECT org_id FROM organisations WHERE code = 'coop')";

/// A book of six entries (small.journal) and a signing key; returns the public key.
fn book_and_key(artel: &Artel) -> String {
    artel.cooperative("coop", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "coop");
    let public_key = artel.ok(&["key", "new", "auditor.key"]).trim().to_owned();
    assert_eq!(public_key.len(), 64, "{public_key}");
    public_key
}

fn sign(artel: &Artel, out: &str) {
    artel.ok(&[
        "head",
        "sign",
        "--book",
        "coop",
        "--key",
        "auditor.key",
        "--out",
        out,
    ]);
}

fn blob(artel: &Artel, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    match artel.engine() {
        Engine::Sqlite => format!("X'{hex}'"),
        Engine::Postgres => format!("'\\x{hex}'::bytea"),
    }
}

/// The statements that drop the append-only triggers of `table`.
fn drop_triggers(artel: &Artel, table: &str) -> Vec<String> {
    match artel.engine() {
        Engine::Sqlite => vec![
            format!("DROP TRIGGER {table}_no_update"),
            format!("DROP TRIGGER {table}_no_delete"),
        ],
        Engine::Postgres => vec![format!("DROP TRIGGER {table}_append_only ON {table}")],
    }
}

fn execute(artel: &Artel, statements: &[String]) {
    let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
    artel.execute_sql(&statements);
}

/// Reads what `read` wants from the test's database through the store, then closes it.
fn with_db<T>(artel: &Artel, read: impl AsyncFnOnce(&Db, uuid::Uuid) -> T) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let db = Db::open(artel.url()).await.unwrap();
            let org_id = db
                .organisation_by_code("coop")
                .await
                .unwrap()
                .unwrap()
                .org_id;
            let value = read(&db, org_id).await;
            db.close().await.unwrap();
            value
        })
}

/// Rewrites entries `from..=to` (their memos), recomputing their hashes with the real
/// chain function, and moves the book's head to the last of them.
fn rewrite_entries(artel: &Artel, from: u64, to: u64) {
    let (previous, entries) = with_db(artel, async |db, org_id| {
        let previous = db.entry_hash_at(org_id, from - 1).await.unwrap().unwrap();
        (previous, db.entries(org_id, from, to).await.unwrap())
    });
    let mut hash: ChainHash = previous;
    let mut statements = drop_triggers(artel, "entries");
    for mut entry in entries {
        entry.memo.push_str(" (rewritten)");
        hash = entry_hash(&hash, entry.sequence, entry.view());
        statements.push(format!(
            "UPDATE entries SET memo = '{}', hash = {} WHERE org_id = {ORG} AND sequence = {}",
            entry.memo.replace('\'', "''"),
            blob(artel, &hash),
            entry.sequence
        ));
    }
    statements.push(format!(
        "UPDATE book_heads SET sequence = {to}, hash = {} WHERE org_id = {ORG}",
        blob(artel, &hash)
    ));
    execute(artel, &statements);
}

fn a_rewritten_tail_is_caught_only_by_the_signed_head(artel: &Artel) {
    let public_key = book_and_key(artel);
    sign(artel, "head.json");
    let verified = artel.ok(&[
        "verify",
        "--book",
        "coop",
        "--signed",
        "head.json",
        "--public-key",
        &public_key,
    ]);
    assert!(
        verified.contains("coop: 6 entries, chain intact"),
        "{verified}"
    );
    assert!(
        verified.contains("matches the head signed at"),
        "{verified}"
    );

    rewrite_entries(artel, 4, 6);
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(
        verified.contains("coop: 6 entries, chain intact"),
        "{verified}"
    );
    let stderr = artel.fails(
        &[
            "verify",
            "--book",
            "coop",
            "--signed",
            "head.json",
            "--public-key",
            &public_key,
        ],
        1,
    );
    assert!(
        stderr.starts_with("error: coop: entry 6 ") && stderr.contains("rewritten"),
        "{stderr}"
    );
}

fn a_removed_tail_is_caught_only_by_the_signed_head(artel: &Artel) {
    let public_key = book_and_key(artel);
    sign(artel, "head.json");
    // Entry 6 (the loan, 2,000.00 to Assets:Bank from Liabilities:Loans in 1954-03) goes,
    // with its postings and its part of the monthly balances; the head moves back to 5.
    let head = with_db(artel, async |db, org_id| {
        db.entry_hash_at(org_id, 5).await.unwrap().unwrap()
    });
    let mut statements = drop_triggers(artel, "postings");
    statements.extend(drop_triggers(artel, "entries"));
    let balance = |account: &str, change: i64| {
        format!(
            "UPDATE balances SET amount_minor = amount_minor - ({change}) WHERE org_id = {ORG} \
             AND period = '1954-03' AND account_id = (SELECT account_id FROM accounts \
             WHERE org_id = {ORG} AND name = '{account}')"
        )
    };
    statements.extend([
        format!("DELETE FROM postings WHERE org_id = {ORG} AND sequence = 6"),
        format!("DELETE FROM entries WHERE org_id = {ORG} AND sequence = 6"),
        balance("Assets:Bank", 200_000),
        balance("Liabilities:Loans", -200_000),
        format!(
            "UPDATE book_heads SET sequence = 5, hash = {} WHERE org_id = {ORG}",
            blob(artel, &head)
        ),
    ]);
    execute(artel, &statements);
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(
        verified.contains("coop: 5 entries, chain intact"),
        "{verified}"
    );
    let stderr = artel.fails(
        &[
            "verify",
            "--book",
            "coop",
            "--signed",
            "head.json",
            "--public-key",
            &public_key,
        ],
        1,
    );
    assert!(
        stderr.starts_with("error: coop: entry 6, signed at ") && stderr.contains("is gone"),
        "{stderr}"
    );
}

/// The audit trail's last sequence number, from plain `verify`'s report.
fn audit_events(artel: &Artel) -> u64 {
    let verified = artel.ok(&["verify", "--book", "coop"]);
    let line = verified
        .lines()
        .find(|line| line.contains("audit events, chain intact"))
        .unwrap_or_else(|| panic!("no audit line in {verified}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn an_altered_or_removed_audit_event_is_named(artel: &Artel) {
    book_and_key(artel);
    artel.ok(&["period", "close", "--book", "coop", "--period", "1954-01"]);
    let last = audit_events(artel);
    assert!(last >= 2, "the trail has events: {last}");

    let mut statements = drop_triggers(artel, "audit_events");
    statements.push(format!(
        "UPDATE audit_events SET detail = 'nothing happened' WHERE org_id = {ORG} AND sequence = 1"
    ));
    execute(artel, &statements);
    let stderr = artel.fails(&["verify", "--book", "coop"], 1);
    assert!(
        stderr.starts_with("error: coop: audit event 1 (") && stderr.contains("altered"),
        "{stderr}"
    );
}

fn a_rewritten_audit_tail_is_caught_only_by_the_signed_head(artel: &Artel) {
    let public_key = book_and_key(artel);
    artel.ok(&["period", "close", "--book", "coop", "--period", "1954-01"]);
    sign(artel, "head.json");
    let last = audit_events(artel);

    // Removing the last event alone is caught by the head.
    let mut statements = drop_triggers(artel, "audit_events");
    statements.push(format!(
        "DELETE FROM audit_events WHERE org_id = {ORG} AND sequence = {last}"
    ));
    execute(artel, &statements);
    let stderr = artel.fails(&["verify", "--book", "coop"], 1);
    assert!(
        stderr.starts_with(&format!("error: coop: audit event {last} was removed")),
        "{stderr}"
    );

    // Now the whole job: the event before it reworded, its hash and the head recomputed.
    let previous = last - 1;
    let (before, mut event) = with_db(artel, async |db, org_id| {
        let before = db
            .audit_hash_at(org_id, previous - 1)
            .await
            .unwrap()
            .unwrap();
        let stored = db.audit_hash_at(org_id, previous).await.unwrap().unwrap();
        let events = db.audit_events(org_id, None, 1_000).await.unwrap();
        let event = events
            .into_iter()
            .find(|event| audit_hash(&before, previous, event.view()) == stored)
            .unwrap();
        (before, event)
    });
    event.detail = "a harmless change".into();
    let hash = audit_hash(&before, previous, event.view());
    let statements = [
        format!(
            "UPDATE audit_events SET detail = '{}', hash = {} WHERE org_id = {ORG} AND sequence = {previous}",
            event.detail,
            blob(artel, &hash)
        ),
        format!(
            "UPDATE audit_heads SET sequence = {previous}, hash = {} WHERE org_id = {ORG}",
            blob(artel, &hash)
        ),
    ];
    execute(artel, &statements);
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(
        verified.contains(&format!("coop: {previous} audit events, chain intact")),
        "{verified}"
    );
    let stderr = artel.fails(
        &[
            "verify",
            "--book",
            "coop",
            "--signed",
            "head.json",
            "--public-key",
            &public_key,
        ],
        1,
    );
    assert!(
        stderr.starts_with(&format!("error: coop: audit event {last}, signed at "))
            && stderr.contains("is gone"),
        "{stderr}"
    );
}

fn a_foreign_or_altered_statement_is_refused(artel: &Artel) {
    let public_key = book_and_key(artel);
    sign(artel, "head.json");
    let other_key = artel.ok(&["key", "new", "other.key"]).trim().to_owned();
    assert_ne!(other_key, public_key);

    // A key file is never overwritten, and it is its owner's alone.
    let stderr = artel.fails(&["key", "new", "other.key"], 3);
    assert!(stderr.starts_with("error: other.key: "), "{stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(artel.dir().join("auditor.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Signed by another key than the auditor holds.
    artel.ok(&[
        "head",
        "sign",
        "--book",
        "coop",
        "--key",
        "other.key",
        "--out",
        "other.json",
    ]);
    artel.ok(&["verify", "--book", "coop", "--signed", "other.json"]);
    let stderr = artel.fails(
        &[
            "verify",
            "--book",
            "coop",
            "--signed",
            "other.json",
            "--public-key",
            &public_key,
        ],
        1,
    );
    assert!(
        stderr.starts_with("error: other.json: signed by key ") && stderr.contains(&public_key),
        "{stderr}"
    );

    // The statement altered: another sequence, or another signing time.
    let text = std::fs::read_to_string(artel.dir().join("head.json")).unwrap();
    for (from, to) in [
        ("\"entry_sequence\": 6", "\"entry_sequence\": 5"),
        ("\"signed_at\": \"20", "\"signed_at\": \"21"),
    ] {
        assert!(text.contains(from), "{text}");
        artel.write("altered.json", &text.replacen(from, to, 1));
        let stderr = artel.fails(
            &[
                "verify",
                "--book",
                "coop",
                "--signed",
                "altered.json",
                "--public-key",
                &public_key,
            ],
            1,
        );
        assert!(
            stderr.starts_with("error: altered.json: its signature does not match"),
            "{from}: {stderr}"
        );
    }

    // Not a statement at all: the field is named, nothing checked.
    artel.write(
        "broken.json",
        &text.replacen("\"entry_hash\": \"", "\"entry_hash\": \"zz", 1),
    );
    let stderr = artel.fails(&["verify", "--book", "coop", "--signed", "broken.json"], 3);
    assert!(
        stderr.starts_with("error: broken.json: entry_hash: "),
        "{stderr}"
    );
    let stderr = artel.fails(
        &[
            "verify",
            "--book",
            "coop",
            "--signed",
            "head.json",
            "--public-key",
            "abc",
        ],
        3,
    );
    assert!(stderr.starts_with("error: --public-key: "), "{stderr}");
}

/// `artel serve --sign-heads DIR --signing-key FILE` writes every book's signed head into
/// DIR before it listens, and answers `GET /api/v1/books/{code}/head` with one signed by
/// the same key — to a caller who reads the books, and to no one else.
fn the_server_signs_heads_at_start_and_on_request(artel: &Artel) {
    use std::io::{BufRead, BufReader};

    let public_key = book_and_key(artel);
    artel.cooperative("other", &[]);
    artel.ok(&[
        "user",
        "add",
        "wang",
        "--role",
        "accountant",
        "--org",
        "coop",
    ]);
    artel.ok(&[
        "user",
        "add",
        "li",
        "--role",
        "accountant",
        "--org",
        "other",
    ]);
    let wang = format!("Bearer {}", artel.ok(&["token", "create", "wang"]).trim());
    let li = format!("Bearer {}", artel.ok(&["token", "create", "li"]).trim());

    let mut server = artel.spawn(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--sign-heads",
        "heads",
        "--signing-key",
        "auditor.key",
        "--sign-every",
        "1h",
    ]);
    let mut stderr = BufReader::new(server.stderr.take().expect("stderr"));
    let mut before = String::new();
    let address = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the server ended: {before}"
        );
        before.push_str(&line);
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    assert!(
        before.contains("signed the chain heads of 2 books"),
        "{before}"
    );
    for book in ["coop", "other"] {
        assert!(
            artel
                .dir()
                .join(format!("heads/{book}.head.json"))
                .is_file(),
            "{book}"
        );
    }

    let (status, body) = crate::served::http(
        &address,
        "GET",
        "/api/v1/books/coop/head",
        &[("Authorization", wang.as_str())],
        "",
    );
    assert_eq!(status, 200, "{body}");
    let document: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(document["public_key"], public_key.as_str(), "{body}");
    assert_eq!(document["entry_sequence"], 6, "{body}");
    artel.write("api.json", &body);
    let (status, body) = crate::served::http(
        &address,
        "GET",
        "/api/v1/books/coop/head",
        &[("Authorization", li.as_str())],
        "",
    );
    assert!(matches!(status, 403 | 404), "{status} {body}");
    assert!(!body.contains(&public_key), "{body}");

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(server.wait().unwrap().success());

    for file in ["heads/coop.head.json", "api.json"] {
        let verified = artel.ok(&[
            "verify",
            "--book",
            "coop",
            "--signed",
            file,
            "--public-key",
            &public_key,
        ]);
        assert!(
            verified.contains("matches the head signed at"),
            "{file}: {verified}"
        );
    }
}
