//! Many writers at once on one book: every entry is stored exactly once, numbered without
//! gaps, and the chain and balances stay right (SQLite queues writers, PostgreSQL retries
//! SERIALIZABLE conflicts).

use std::sync::Arc;

use artel_ledger::JournalEntry;
use artel_store::Db;

use crate::harness::{
    TestDb, balances, engine_tests, entry_with_memo, expected_balances, sequences,
};

engine_tests!(concurrent_writers_lose_and_double_nothing);

const WRITERS: usize = 8;
const POSTS_PER_WRITER: usize = 20;

fn writers_entry(writer: usize, post: usize) -> JournalEntry {
    let amount = i64::try_from(writer * 1_000 + post + 1).unwrap();
    let date = format!("1954-{:02}-{:02}", post % 12 + 1, writer + 1);
    entry_with_memo(
        &date,
        &format!("writer {writer} post {post}"),
        &[("Assets:Cash", amount), ("Income:Sales", -amount)],
    )
}

async fn concurrent_writers_lose_and_double_nothing(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let shared = Arc::new(Db::open(&t.url).await.unwrap());
    let tasks: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let db = Arc::clone(&shared);
            tokio::spawn(async move {
                let mut sequences = Vec::with_capacity(POSTS_PER_WRITER);
                for post in 0..POSTS_PER_WRITER {
                    let posted = db
                        .post(org.org_id, &[writers_entry(writer, post)], "tester")
                        .await;
                    let posted = posted
                        .unwrap_or_else(|error| panic!("writer {writer}, post {post}: {error}"));
                    sequences.push(posted[0].sequence);
                }
                sequences
            })
        })
        .collect();
    let mut acknowledged = Vec::new();
    for task in tasks {
        acknowledged.extend(task.await.unwrap());
    }
    Arc::try_unwrap(shared)
        .ok()
        .expect("every writer is done")
        .close()
        .await
        .unwrap();

    let total = u64::try_from(WRITERS * POSTS_PER_WRITER).unwrap();
    acknowledged.sort_unstable();
    assert_eq!(
        acknowledged,
        (1..=total).collect::<Vec<_>>(),
        "each acknowledged sequence is given once"
    );
    assert_eq!(
        sequences(&t.db, org.org_id).await,
        (1..=total).collect::<Vec<_>>()
    );
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, total);

    // Each writer's entry is stored exactly once.
    let mut memos: Vec<String> =
        t.db.entries(org.org_id, 1, total)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.memo)
            .collect();
    memos.sort();
    let mut expected: Vec<JournalEntry> = Vec::new();
    for writer in 0..WRITERS {
        expected.extend((0..POSTS_PER_WRITER).map(|post| writers_entry(writer, post)));
    }
    let mut expected_memos: Vec<String> = expected.iter().map(|e| e.memo().to_owned()).collect();
    expected_memos.sort();
    assert_eq!(memos, expected_memos);

    let stored = balances(&t.db, org.org_id, None, None).await;
    assert_eq!(stored, expected_balances(&expected, None, None));
    assert_eq!(
        stored.values().sum::<i64>(),
        0,
        "the trial balance sums to zero"
    );
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (total, None));
}
