//! `verify` against changes made behind the store's back: the append-only triggers refuse
//! them while in place, and once they are dropped every kind of change is named precisely.

use artel_ledger::Period;
use artel_store::{ChainProblem, Engine, OrgId};

use crate::harness::{TestDb, engine_tests, entry};

engine_tests!(
    posted_rows_cannot_be_changed,
    verify_names_every_change,
    earlier_audit_events_are_chained_once_at_open
);

/// A book of five entries, Assets:Cash moving in January and February.
async fn five_entries(t: &TestDb, code: &str) -> OrgId {
    let org = t.cooperative(code).await;
    let entries = [
        entry(
            "1954-01-05",
            &[("Assets:Cash", 30_000), ("Equity:Share Capital", -30_000)],
        ),
        entry(
            "1954-01-20",
            &[
                ("Expenses:Production:Materials", 4_500),
                ("Assets:Cash", -4_500),
            ],
        ),
        entry(
            "1954-02-03",
            &[("Assets:Receivables", 12_050), ("Income:Sales", -12_050)],
        ),
        entry(
            "1954-02-28",
            &[("Assets:Cash", 12_050), ("Assets:Receivables", -12_050)],
        ),
        entry(
            "1954-03-01",
            &[
                ("Expenses:Production:Wages", 8_000),
                ("Liabilities:Wages Payable", -8_000),
            ],
        ),
    ];
    t.db.post(org.org_id, &entries, "tester").await.unwrap();
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);
    org.org_id
}

/// The organisation id as an SQL literal of the engine's UUID column type.
fn org_literal(t: &TestDb, org_id: OrgId) -> String {
    match t.engine() {
        Engine::Sqlite => format!("X'{}'", org_id.simple()),
        Engine::Postgres => format!("'{org_id}'"),
    }
}

async fn entry_id(t: &TestDb, org_id: OrgId, sequence: u64) -> uuid::Uuid {
    t.db.entries(org_id, sequence, sequence).await.unwrap()[0].entry_id
}

async fn posted_rows_cannot_be_changed(t: &TestDb) {
    let org_id = five_entries(t, "red-star").await;
    let org = org_literal(t, org_id);
    for sql in [
        format!(
            "UPDATE postings SET amount_minor = amount_minor + 1 WHERE org_id = {org} AND sequence = 3"
        ),
        format!("DELETE FROM postings WHERE org_id = {org} AND sequence = 5"),
        format!("UPDATE entries SET memo = 'forged' WHERE org_id = {org} AND sequence = 2"),
        format!("DELETE FROM entries WHERE org_id = {org} AND sequence = 5"),
        format!("UPDATE audit_events SET actor = 'someone else' WHERE org_id = {org}"),
        format!("DELETE FROM audit_events WHERE org_id = {org}"),
    ] {
        let refused = t.execute(&sql).await;
        let error = refused.expect_err(&sql).to_string();
        assert!(error.contains("never"), "{sql}: {error}");
    }
    let outcome = t.db.verify(org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (5, None));
}

async fn verify_names_every_change(t: &TestDb) {
    let drop_triggers: &[&str] = match t.engine() {
        Engine::Sqlite => &[
            "DROP TRIGGER entries_no_update",
            "DROP TRIGGER entries_no_delete",
            "DROP TRIGGER postings_no_update",
            "DROP TRIGGER postings_no_delete",
        ],
        Engine::Postgres => &[
            "DROP TRIGGER entries_append_only ON entries",
            "DROP TRIGGER postings_append_only ON postings",
        ],
    };
    // One book per kind of change, and one left alone.
    let altered_amount = five_entries(t, "amount").await;
    let removed_middle = five_entries(t, "middle").await;
    let removed_last = five_entries(t, "last").await;
    let altered_memo = five_entries(t, "memo").await;
    let altered_balance = five_entries(t, "balance").await;
    let untouched = five_entries(t, "untouched").await;
    for sql in drop_triggers {
        t.execute(sql).await.expect(sql);
    }

    let org = org_literal(t, altered_amount);
    let changed = t.execute(&format!("UPDATE postings SET amount_minor = amount_minor + 1 WHERE org_id = {org} AND sequence = 3 AND line = 0")).await;
    assert_eq!(changed.unwrap(), 1);
    let problem = t.db.verify(altered_amount).await.unwrap().problem;
    assert_eq!(
        problem,
        Some(ChainProblem::Altered {
            sequence: 3,
            entry_id: entry_id(t, altered_amount, 3).await
        })
    );

    let org = org_literal(t, removed_middle);
    assert_eq!(
        t.execute(&format!(
            "DELETE FROM postings WHERE org_id = {org} AND sequence = 3"
        ))
        .await
        .unwrap(),
        2
    );
    assert_eq!(
        t.execute(&format!(
            "DELETE FROM entries WHERE org_id = {org} AND sequence = 3"
        ))
        .await
        .unwrap(),
        1
    );
    let outcome = t.db.verify(removed_middle).await.unwrap();
    assert_eq!(
        (outcome.entries_checked, outcome.problem),
        (2, Some(ChainProblem::Missing { sequence: 3 }))
    );

    // The head still names entry 5, so its removal is seen although every entry left is intact.
    let org = org_literal(t, removed_last);
    assert_eq!(
        t.execute(&format!(
            "DELETE FROM postings WHERE org_id = {org} AND sequence = 5"
        ))
        .await
        .unwrap(),
        2
    );
    assert_eq!(
        t.execute(&format!(
            "DELETE FROM entries WHERE org_id = {org} AND sequence = 5"
        ))
        .await
        .unwrap(),
        1
    );
    let outcome = t.db.verify(removed_last).await.unwrap();
    assert_eq!(
        (outcome.entries_checked, outcome.problem),
        (4, Some(ChainProblem::Missing { sequence: 5 }))
    );

    let org = org_literal(t, altered_memo);
    assert_eq!(
        t.execute(&format!(
            "UPDATE entries SET memo = 'forged' WHERE org_id = {org} AND sequence = 2"
        ))
        .await
        .unwrap(),
        1
    );
    let problem = t.db.verify(altered_memo).await.unwrap().problem;
    assert_eq!(
        problem,
        Some(ChainProblem::Altered {
            sequence: 2,
            entry_id: entry_id(t, altered_memo, 2).await
        })
    );

    let org = org_literal(t, altered_balance);
    let changed = t
        .execute(&format!(
            "UPDATE balances SET amount_minor = amount_minor + 100 WHERE org_id = {org} AND period = '1954-02' \
             AND account_id = (SELECT account_id FROM accounts WHERE org_id = {org} AND name = 'Assets:Cash')"
        ))
        .await;
    assert_eq!(changed.unwrap(), 1);
    let outcome = t.db.verify(altered_balance).await.unwrap();
    let february = Period::parse("1954-02").unwrap();
    assert_eq!(outcome.entries_checked, 5);
    assert_eq!(
        outcome.problem,
        Some(ChainProblem::BalanceMismatch {
            account: "Assets:Cash".to_owned(),
            period: february
        })
    );

    let outcome = t.db.verify(untouched).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (5, None));
}

/// A database whose audit events were recorded before the trail was a chain (as migration
/// 0022 leaves one: no sequence, no hash, the organisation listed for chaining) has them
/// chained when it is next opened, in order, once; an event slipped in unchained later is
/// named by `verify`, not chained.
async fn earlier_audit_events_are_chained_once_at_open(t: &TestDb) {
    let org_id = five_entries(t, "before").await;
    t.db.close_period(org_id, Period::parse("1954-01").unwrap(), "tester")
        .await
        .unwrap();
    let outcome = t.db.verify(org_id).await.unwrap();
    let (events, head) = (outcome.audit_events_checked, outcome.audit_head);
    assert!(events >= 2, "{outcome:?}");
    let org = org_literal(t, org_id);
    let unchain: Vec<String> = match t.engine() {
        Engine::Sqlite => vec!["DROP TRIGGER audit_events_no_update".into()],
        Engine::Postgres => vec!["DROP TRIGGER audit_events_append_only ON audit_events".into()],
    }
    .into_iter()
    .chain([
        format!("UPDATE audit_events SET sequence = NULL, hash = NULL WHERE org_id = {org}"),
        format!("DELETE FROM audit_heads WHERE org_id = {org}"),
        format!("INSERT INTO audit_chain_backfill (org_id) VALUES ({org})"),
    ])
    .collect();
    for sql in &unchain {
        t.execute(sql).await.expect(sql);
    }
    let problem = t.db.verify(org_id).await.unwrap().problem;
    assert!(
        matches!(problem, Some(ChainProblem::AuditUnchained { .. })),
        "{problem:?}"
    );

    let reopened = artel_store::Db::open(&t.url).await.unwrap();
    let outcome = reopened.verify(org_id).await.unwrap();
    assert_eq!(outcome.problem, None);
    assert_eq!(outcome.audit_events_checked, events);
    // The same events in the same order (`at`, then id) give the same chain.
    assert_eq!(outcome.audit_head, head);
    let pending = t
        .query_text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_chain_backfill")
        .await;
    assert_eq!(pending[0][0].as_deref(), Some("0"));
    reopened.close().await.unwrap();
}
