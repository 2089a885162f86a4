//! Posting entries: gapless sequence numbers, balances written with each entry, and refusals
//! (unknown account, closed period) that store nothing at all.

use artel_ledger::chain::{GENESIS, entry_hash};
use artel_ledger::{JournalEntry, Period};
use artel_store::StoreError;

use crate::harness::{TestDb, balances, engine_tests, entry, expected_balances, sequences};

engine_tests!(
    balanced_entries_post_in_sequence,
    an_unknown_account_stores_nothing,
    a_closed_period_refuses_entries_until_reopened
);

fn sample_entries() -> Vec<JournalEntry> {
    vec![
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
                ("Expenses:Administration", 1_000),
                ("Liabilities:Wages Payable", -9_000),
            ],
        ),
    ]
}

async fn balanced_entries_post_in_sequence(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    assert_eq!(t.db.head(org.org_id).await.unwrap(), (0, GENESIS));
    let entries = sample_entries();

    // Three posts of one entry each, then one post of two entries.
    let mut posted = Vec::new();
    for one in &entries[..3] {
        posted.extend(
            t.db.post(org.org_id, std::slice::from_ref(one), "tester")
                .await
                .unwrap(),
        );
    }
    posted.extend(
        t.db.post(org.org_id, &entries[3..], "tester")
            .await
            .unwrap(),
    );
    assert_eq!(
        posted.iter().map(|p| p.sequence).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );

    // Each hash links to the one before it; the head is the last.
    let mut hash = GENESIS;
    for (entry, posted) in entries.iter().zip(&posted) {
        hash = entry_hash(&hash, posted.sequence, entry);
        assert_eq!(posted.hash, hash, "hash of entry {}", posted.sequence);
    }
    assert_eq!(t.db.head(org.org_id).await.unwrap(), (5, hash));

    // The entries read back are the entries posted.
    let stored = t.db.entries(org.org_id, 1, 5).await.unwrap();
    assert_eq!(stored.len(), 5);
    for ((stored, posted), entry) in stored.iter().zip(&posted).zip(&entries) {
        assert_eq!(
            (stored.sequence, stored.entry_id, stored.hash),
            (posted.sequence, posted.entry_id, posted.hash)
        );
        assert_eq!(&stored.journal_entry().unwrap(), entry);
    }
    assert_eq!(
        t.db.entries(org.org_id, 2, 3)
            .await
            .unwrap()
            .iter()
            .map(|e| e.sequence)
            .collect::<Vec<_>>(),
        [2, 3]
    );

    assert_eq!(
        balances(&t.db, org.org_id, None, None).await,
        expected_balances(&entries, None, None)
    );
    assert_eq!(
        balances(&t.db, org.org_id, None, None).await["Assets:Cash"],
        30_000 - 4_500 + 12_050
    );
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!(
        (outcome.entries_checked, outcome.head, outcome.problem),
        (5, hash, None)
    );
}

async fn an_unknown_account_stores_nothing(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let entries = sample_entries();
    t.db.post(org.org_id, &entries[..2], "tester")
        .await
        .unwrap();
    let head = t.db.head(org.org_id).await.unwrap();
    let before = balances(&t.db, org.org_id, None, None).await;

    // The good entry before the bad one is refused with it: a post is all or nothing.
    let batch = [
        entries[2].clone(),
        entry(
            "1954-02-10",
            &[("Assets:Nowhere", 100), ("Income:Sales", -100)],
        ),
    ];
    let refused = t.db.post(org.org_id, &batch, "tester").await;
    assert!(
        matches!(&refused, Err(StoreError::UnknownAccount(account)) if account == "Assets:Nowhere"),
        "{refused:?}"
    );

    assert_eq!(t.db.head(org.org_id).await.unwrap(), head);
    assert_eq!(sequences(&t.db, org.org_id).await, [1, 2]);
    assert_eq!(balances(&t.db, org.org_id, None, None).await, before);
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);

    // The book goes on from where it was.
    let next =
        t.db.post(org.org_id, &entries[2..3], "tester")
            .await
            .unwrap();
    assert_eq!(next[0].sequence, 3);
}

async fn a_closed_period_refuses_entries_until_reopened(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let february = Period::parse("1954-02").unwrap();
    let entries = sample_entries();
    t.db.post(org.org_id, &entries[..2], "tester")
        .await
        .unwrap();

    assert!(
        t.db.close_period(org.org_id, february, "tester")
            .await
            .unwrap(),
        "closing an open period"
    );
    assert!(
        !t.db
            .close_period(org.org_id, february, "tester")
            .await
            .unwrap(),
        "closing a closed period"
    );
    assert_eq!(
        t.db.closed_periods(org.org_id)
            .await
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        [february]
    );
    let head = t.db.head(org.org_id).await.unwrap();
    let before = balances(&t.db, org.org_id, None, None).await;

    // Refused alone, and refused in a batch with an entry of an open month.
    let refused = t.db.post(org.org_id, &entries[2..3], "tester").await;
    assert!(
        matches!(refused, Err(StoreError::PeriodClosed(period)) if period == february),
        "{refused:?}"
    );
    let batch = [entries[4].clone(), entries[3].clone()];
    let refused = t.db.post(org.org_id, &batch, "tester").await;
    assert!(
        matches!(refused, Err(StoreError::PeriodClosed(period)) if period == february),
        "{refused:?}"
    );
    assert_eq!(t.db.head(org.org_id).await.unwrap(), head);
    assert_eq!(sequences(&t.db, org.org_id).await, [1, 2]);
    assert_eq!(balances(&t.db, org.org_id, None, None).await, before);

    // Another book's February is not closed by this one's.
    let other = t.cooperative("east-wind").await;
    assert_eq!(
        t.db.post(other.org_id, &entries[2..3], "tester")
            .await
            .unwrap()[0]
            .sequence,
        1
    );

    assert!(
        t.db.reopen_period(org.org_id, february, "a late invoice", "tester")
            .await
            .unwrap(),
        "reopening a closed period"
    );
    assert!(
        !t.db
            .reopen_period(org.org_id, february, "again", "tester")
            .await
            .unwrap(),
        "reopening an open period"
    );
    assert!(t.db.closed_periods(org.org_id).await.unwrap().is_empty());
    let posted =
        t.db.post(org.org_id, &entries[2..], "tester")
            .await
            .unwrap();
    assert_eq!(
        posted.iter().map(|p| p.sequence).collect::<Vec<_>>(),
        [3, 4, 5]
    );
    assert_eq!(
        balances(&t.db, org.org_id, None, None).await,
        expected_balances(&entries, None, None)
    );

    // Both decisions are in the audit trail.
    let actions = t
        .query_text("SELECT action FROM audit_events WHERE action LIKE 'period.%' ORDER BY action")
        .await;
    assert_eq!(
        actions,
        [
            [Some("period.close".to_owned())],
            [Some("period.reopen".to_owned())]
        ]
    );
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);
}
