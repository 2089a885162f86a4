//! Bulk import: batches appended in one transaction commit with gapless sequence numbers
//! and right balances, whether numbered by the import or apart from it; an import dropped
//! before its commit leaves nothing behind.

use artel_ledger::{Account, AccountType, JournalEntry};
use artel_store::StoreError;

use crate::harness::{
    Lcg, TestDb, balances, day, engine_tests, entry, expected_balances, name, sequences,
};

engine_tests!(
    an_import_commits_every_batch,
    a_dropped_import_leaves_nothing,
    batches_numbered_apart_are_written_in_turn,
    an_import_adds_to_many_stored_monthly_balances
);

const NEW_ACCOUNTS: [(&str, AccountType); 2] = [
    ("Assets:Bank:Agricultural", AccountType::Asset),
    ("Income:Cloth", AccountType::Income),
];

/// `count` entries over 1954 using the new accounts and the chart's.
fn journal(count: usize, rng: &mut Lcg) -> Vec<JournalEntry> {
    (0..count)
        .map(|index| {
            let month = index % 12 + 1;
            let date = format!("1954-{month:02}-{:02}", rng.below(28) + 1);
            let amount = i64::try_from(rng.below(100_000)).unwrap() + 1;
            let fee = i64::try_from(rng.below(100)).unwrap();
            entry(
                &date,
                &[
                    ("Assets:Bank:Agricultural", amount),
                    ("Expenses:Administration", fee),
                    ("Income:Cloth", -amount - fee),
                ],
            )
        })
        .collect()
}

fn new_accounts() -> Vec<Account> {
    NEW_ACCOUNTS
        .iter()
        .map(|&(text, account_type)| Account::unlabelled(name(text), account_type))
        .collect()
}

async fn an_import_commits_every_batch(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let opening = entry(
        "1954-01-01",
        &[("Assets:Cash", 1_000), ("Equity:Opening Balances", -1_000)],
    );
    t.db.post(org.org_id, std::slice::from_ref(&opening), "tester")
        .await
        .unwrap();

    let imported = journal(250, &mut Lcg::new(42));
    let mut import = t.db.begin_import(org.org_id).await.unwrap();
    assert!(import.has_account(&name("Assets:Cash")));
    assert!(!import.has_account(&name("Income:Cloth")));
    import.add_accounts(&new_accounts()).await.unwrap();
    assert!(import.has_account(&name("Income:Cloth")));
    // Batches smaller and larger than one multi-row INSERT.
    for batch in [
        &imported[..1],
        &imported[1..40],
        &imported[40..200],
        &imported[200..],
    ] {
        import.append(batch).await.unwrap();
    }
    let outcome = import.commit("tester", "cloth.journal").await.unwrap();
    assert_eq!(
        (
            outcome.entries,
            outcome.first_sequence,
            outcome.last_sequence
        ),
        (250, 2, 251)
    );

    assert_eq!(
        sequences(&t.db, org.org_id).await,
        (1..=251).collect::<Vec<u64>>()
    );
    let stored = t.db.entries(org.org_id, 2, 251).await.unwrap();
    for (stored, entry) in stored.iter().zip(&imported) {
        assert_eq!(
            &stored.journal_entry().unwrap(),
            entry,
            "entry {}",
            stored.sequence
        );
    }
    let mut all = vec![opening];
    all.extend(imported);
    assert_eq!(
        balances(&t.db, org.org_id, None, None).await,
        expected_balances(&all, None, None)
    );
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 251);
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (251, None));

    // Posting goes on after the import's last entry.
    let next =
        t.db.post(org.org_id, &journal(1, &mut Lcg::new(1)), "tester")
            .await
            .unwrap();
    assert_eq!(next[0].sequence, 252);
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);
}

/// An import moving more monthly balances than one statement writes (ten years of months
/// on three accounts), some of them stored already by earlier posts: every month's balance
/// ends as the stored one plus the import's.
async fn an_import_adds_to_many_stored_monthly_balances(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let month_day = |month: i64| format!("{}-{:02}-15", 1950 + month / 12, month % 12 + 1);
    let earlier: Vec<JournalEntry> = (0..30)
        .map(|month| {
            entry(
                &month_day(month * 4),
                &[
                    ("Assets:Cash", 700 + month),
                    ("Equity:Opening Balances", -700 - month),
                ],
            )
        })
        .collect();
    t.db.post(org.org_id, &earlier, "tester").await.unwrap();

    let imported: Vec<JournalEntry> = (0..120)
        .map(|month| {
            entry(
                &month_day(month),
                &[
                    ("Assets:Cash", 1_000 * (month + 1)),
                    ("Expenses:Administration", month),
                    ("Income:Sales", -1_000 * (month + 1) - month),
                ],
            )
        })
        .collect();
    let mut import = t.db.begin_import(org.org_id).await.unwrap();
    import.append(&imported).await.unwrap();
    import.commit("tester", "ten years").await.unwrap();

    let mut all = earlier;
    all.extend(imported);
    for month in [0, 1, 4, 59, 116, 119] {
        let first = day(&format!("{}-{:02}-01", 1950 + month / 12, month % 12 + 1));
        let last = first + chrono::Months::new(1) - chrono::Days::new(1);
        assert_eq!(
            balances(&t.db, org.org_id, Some(first), Some(last)).await,
            expected_balances(&all, Some(first), Some(last)),
            "month {month}"
        );
    }
    assert_eq!(
        balances(&t.db, org.org_id, None, None).await,
        expected_balances(&all, None, None)
    );
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (150, None));
}

async fn a_dropped_import_leaves_nothing(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    t.db.post(
        org.org_id,
        &[entry(
            "1954-01-01",
            &[("Assets:Cash", 1_000), ("Equity:Opening Balances", -1_000)],
        )],
        "tester",
    )
    .await
    .unwrap();
    let accounts = t.db.accounts(org.org_id).await.unwrap();
    let head = t.db.head(org.org_id).await.unwrap();
    let before = balances(&t.db, org.org_id, None, None).await;

    {
        let mut import = t.db.begin_import(org.org_id).await.unwrap();
        import.add_accounts(&new_accounts()).await.unwrap();
        import
            .append(&journal(100, &mut Lcg::new(42)))
            .await
            .unwrap();
        // Dropped here, uncommitted: a parser found an error halfway, say.
    }

    assert_eq!(t.db.accounts(org.org_id).await.unwrap(), accounts);
    assert_eq!(t.db.head(org.org_id).await.unwrap(), head);
    assert_eq!(sequences(&t.db, org.org_id).await, [1]);
    assert_eq!(balances(&t.db, org.org_id, None, None).await, before);
    let audited = t.query_text("SELECT action FROM audit_events WHERE action = 'journal.import' OR action = 'account.add'").await;
    assert!(audited.is_empty(), "{audited:?}");
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);

    // The book is not left locked: the same import, run again, commits.
    let mut import = t.db.begin_import(org.org_id).await.unwrap();
    assert!(!import.has_account(&name("Income:Cloth")));
    import.add_accounts(&new_accounts()).await.unwrap();
    import
        .append(&journal(100, &mut Lcg::new(42)))
        .await
        .unwrap();
    assert_eq!(
        import
            .commit("tester", "retry")
            .await
            .unwrap()
            .last_sequence,
        101
    );
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);
}

/// Batches numbered by an import's `Numbering` (as the parser's thread does) are written
/// only in the order they were numbered, and give the same book as entries appended whole.
async fn batches_numbered_apart_are_written_in_turn(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let imported = journal(300, &mut Lcg::new(7));
    let mut import = t.db.begin_import(org.org_id).await.unwrap();
    // Taken before the accounts are added, a numbering refuses the entries that use them.
    let early = import.numbering().number(imported[..1].to_vec());
    assert!(
        matches!(early, Err(StoreError::UnknownAccount(ref account)) if account == "Assets:Bank:Agricultural"),
        "{:?}",
        early.err()
    );
    import.add_accounts(&new_accounts()).await.unwrap();
    import.append(&imported[..10]).await.unwrap();
    let mut numbering = import.numbering();
    let first = numbering.number(imported[10..200].to_vec()).unwrap();
    let second = numbering.number(imported[200..].to_vec()).unwrap();
    let refused = import.append_numbered(second).await;
    assert!(
        matches!(refused, Err(StoreError::Corrupt(_))),
        "{refused:?}"
    );
    import.append_numbered(first).await.unwrap();
    let second = {
        // The refused batch was consumed: number the rest again from where the book is.
        let mut numbering = import.numbering();
        numbering.number(imported[200..].to_vec()).unwrap()
    };
    import.append_numbered(second).await.unwrap();
    let outcome = import.commit("tester", "cloth.journal").await.unwrap();
    assert_eq!((outcome.first_sequence, outcome.last_sequence), (1, 300));

    let stored = t.db.entries(org.org_id, 1, 300).await.unwrap();
    let read: Vec<JournalEntry> = stored.iter().map(|e| e.journal_entry().unwrap()).collect();
    assert_eq!(read, imported);
    assert_eq!(
        balances(&t.db, org.org_id, None, None).await,
        expected_balances(&imported, None, None)
    );
    let verified = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((verified.entries_checked, verified.problem), (300, None));
}
