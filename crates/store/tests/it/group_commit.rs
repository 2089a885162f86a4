//! The server's posting path: many posts at once, of which some fail their checks (each
//! fails alone; on SQLite they are group-committed with the others), and idempotency keys
//! (a retried request never posts twice). The last tests show, on SQLite, that the writer
//! really groups posts and that closing the database commits what is queued.

use std::collections::BTreeSet;
use std::future::Future;
use std::time::Duration;

use artel_ledger::{JournalEntry, Period};
use artel_store::{Db, Engine, OrgId, PostOutcome, PostedEntry, StoreError, WriterStats};
use futures::future::join_all;
use sqlx::Connection;
use uuid::Uuid;

use crate::harness::{
    TestDb, balances, day, engine_tests, entry_with_memo, expected_balances, sequences,
};

engine_tests!(
    concurrent_posts_fail_alone,
    two_books_posted_at_once,
    a_post_failing_after_its_writes_is_undone_alone,
    a_key_posts_once_under_concurrent_retries,
    a_key_reused_for_another_request_is_refused,
    keys_belong_to_one_book,
    a_refused_request_leaves_its_key_unused,
    a_replay_survives_reopening_and_a_closed_period,
    keys_are_checked,
    one_key_for_two_requests_at_once,
    one_entry_reversed_twice_at_once,
);

const POSTS: usize = 48;

/// What post `index` of a concurrent batch is: a third of them are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Valid,
    UnknownAccount,
    ClosedPeriod,
}

fn kind(index: usize) -> Kind {
    match index % 6 {
        2 => Kind::UnknownAccount,
        5 => Kind::ClosedPeriod,
        _ => Kind::Valid,
    }
}

fn amount(index: usize) -> i64 {
    i64::try_from(index).unwrap() * 100 + 7
}

/// Post `index` of a batch on a book tagged `book`; 1954-02 is closed in these tests.
fn batch_entry(book: &str, index: usize) -> JournalEntry {
    let memo = format!("{book} post {index}");
    let amount = amount(index);
    match kind(index) {
        Kind::Valid => {
            let date = format!("1954-{:02}-{:02}", [1, 3, 4][index % 3], index % 28 + 1);
            entry_with_memo(
                &date,
                &memo,
                &[("Assets:Cash", amount), ("Income:Sales", -amount)],
            )
        }
        Kind::UnknownAccount => entry_with_memo(
            "1954-03-10",
            &memo,
            &[("Assets:Nowhere", amount), ("Income:Sales", -amount)],
        ),
        Kind::ClosedPeriod => entry_with_memo(
            "1954-02-10",
            &memo,
            &[("Assets:Cash", amount), ("Income:Sales", -amount)],
        ),
    }
}

fn february() -> Period {
    Period::parse("1954-02").unwrap()
}

/// Checks the answers of a batch posted to `org_id` and the book it left behind: every
/// valid post acknowledged and stored exactly once, every refused one refused for its own
/// reason, sequences gapless, balances right, the chain sound.
async fn check_batch(
    db: &Db,
    org_id: OrgId,
    book: &str,
    answers: Vec<Result<Vec<PostedEntry>, StoreError>>,
) {
    let mut acknowledged = Vec::new();
    let mut valid = Vec::new();
    for (index, answer) in answers.into_iter().enumerate() {
        match (kind(index), answer) {
            (Kind::Valid, Ok(posted)) => {
                assert_eq!(posted.len(), 1);
                acknowledged.push(posted[0].sequence);
                valid.push(batch_entry(book, index));
            }
            (Kind::UnknownAccount, Err(StoreError::UnknownAccount(name))) => {
                assert_eq!(name, "Assets:Nowhere");
            }
            (Kind::ClosedPeriod, Err(StoreError::PeriodClosed(period))) => {
                assert_eq!(period, february());
            }
            (kind, answer) => panic!("{book} post {index} ({kind:?}): {answer:?}"),
        }
    }
    let total = u64::try_from(valid.len()).unwrap();
    acknowledged.sort_unstable();
    assert_eq!(acknowledged, (1..=total).collect::<Vec<_>>());
    assert_eq!(sequences(db, org_id).await, (1..=total).collect::<Vec<_>>());
    assert_eq!(db.head(org_id).await.unwrap().0, total);

    let stored = db.entries(org_id, 1, total).await.unwrap();
    let stored_memos: BTreeSet<String> = stored.iter().map(|e| e.memo.clone()).collect();
    let valid_memos: BTreeSet<String> = valid.iter().map(|e| e.memo().to_owned()).collect();
    assert_eq!(stored.len(), valid.len(), "each valid post is stored once");
    assert_eq!(stored_memos, valid_memos);

    let stored = balances(db, org_id, None, None).await;
    assert_eq!(stored, expected_balances(&valid, None, None));
    assert_eq!(stored.values().sum::<i64>(), 0, "the trial balance is zero");
    let outcome = db.verify(org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (total, None));
}

async fn concurrent_posts_fail_alone(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    t.db.close_period(org.org_id, february(), "tester")
        .await
        .unwrap();
    let entries: Vec<JournalEntry> = (0..POSTS).map(|i| batch_entry("red-star", i)).collect();
    let answers = together(t, || {
        entries
            .iter()
            .map(|entry| t.db.post(org.org_id, std::slice::from_ref(entry), "tester"))
            .collect()
    })
    .await;
    check_batch(&t.db, org.org_id, "red-star", answers).await;
}

async fn two_books_posted_at_once(t: &TestDb) {
    let red = t.cooperative("red-star").await;
    let east = t.cooperative("east-wind").await;
    for org in [&red, &east] {
        t.db.close_period(org.org_id, february(), "tester")
            .await
            .unwrap();
    }
    let half = POSTS / 2;
    let red_entries: Vec<JournalEntry> = (0..half).map(|i| batch_entry("red-star", i)).collect();
    let east_entries: Vec<JournalEntry> = (0..half).map(|i| batch_entry("east-wind", i)).collect();
    // Interleaved, in one group on SQLite.
    let mut answers = together(t, || {
        let mut posts = Vec::new();
        for (r, e) in red_entries.iter().zip(&east_entries) {
            posts.push(t.db.post(red.org_id, std::slice::from_ref(r), "tester"));
            posts.push(t.db.post(east.org_id, std::slice::from_ref(e), "tester"));
        }
        posts
    })
    .await
    .into_iter();
    let (mut red_answers, mut east_answers) = (Vec::new(), Vec::new());
    while let (Some(r), Some(e)) = (answers.next(), answers.next()) {
        red_answers.push(r);
        east_answers.push(e);
    }
    check_batch(&t.db, red.org_id, "red-star", red_answers).await;
    check_batch(&t.db, east.org_id, "east-wind", east_answers).await;
}

/// A post that would take a monthly balance past the range of exact money is refused alone
/// (on SQLite checked before the group writes anything; on PostgreSQL its transaction is
/// undone), and the posts around it are stored.
async fn a_post_failing_after_its_writes_is_undone_alone(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let huge = i64::MAX - 10;
    t.db.post(
        org.org_id,
        &[entry_with_memo(
            "1954-03-01",
            "huge",
            &[("Assets:Cash", huge), ("Income:Other", -huge)],
        )],
        "tester",
    )
    .await
    .unwrap();
    let fine = |memo: &str| {
        entry_with_memo(
            "1954-03-02",
            memo,
            &[
                ("Expenses:Production:Materials", 100),
                ("Assets:Receivables", -100),
            ],
        )
    };
    let overflowing = entry_with_memo(
        "1954-03-02",
        "overflows",
        &[("Assets:Cash", 100), ("Income:Sales", -100)],
    );
    let entries = [fine("before"), overflowing, fine("after")];
    let answers = together(t, || {
        entries
            .iter()
            .map(|entry| t.db.post(org.org_id, std::slice::from_ref(entry), "tester"))
            .collect()
    })
    .await;
    assert!(
        matches!(&answers[1], Err(StoreError::Corrupt(message)) if message.contains("overflows")),
        "{answers:?}"
    );
    let mut acknowledged: Vec<u64> = [&answers[0], &answers[2]]
        .iter()
        .map(|a| a.as_ref().unwrap()[0].sequence)
        .collect();
    acknowledged.sort_unstable();
    assert_eq!(acknowledged, [2, 3]);
    let stored = t.db.entries(org.org_id, 1, 10).await.unwrap();
    let memos: BTreeSet<&str> = stored.iter().map(|e| e.memo.as_str()).collect();
    assert_eq!(memos, BTreeSet::from(["huge", "before", "after"]));
    assert_eq!(
        balances(&t.db, org.org_id, None, None).await["Assets:Cash"],
        huge
    );
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (3, None));
}

fn sale(memo: &str, minor: i64) -> JournalEntry {
    entry_with_memo(
        "1954-03-15",
        memo,
        &[("Assets:Cash", minor), ("Income:Sales", -minor)],
    )
}

async fn a_key_posts_once_under_concurrent_retries(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    // Another entry first, so the keyed one is not entry 1 by chance.
    t.db.post(org.org_id, &[sale("before", 5)], "tester")
        .await
        .unwrap();
    let entry = sale("sold cloth", 12_050);
    let answers: Vec<PostOutcome> = together(t, || {
        (0..10)
            .map(|_| t.db.post_once(org.org_id, &entry, "tester", "request-0001"))
            .collect()
    })
    .await
    .into_iter()
    .collect::<Result<_, _>>()
    .unwrap();
    let first = answers.iter().find(|a| !a.replayed).expect("one post");
    assert_eq!(first.posted.sequence, 2);
    assert_eq!(
        answers.iter().filter(|a| !a.replayed).count(),
        1,
        "{answers:?}"
    );
    assert!(
        answers.iter().all(|a| a.posted == first.posted),
        "every answer names the same entry: {answers:?}"
    );
    assert_eq!(sequences(&t.db, org.org_id).await, [1, 2]);
    let stored = t.db.entries(org.org_id, 2, 2).await.unwrap();
    assert_eq!(stored[0].entry_id, first.posted.entry_id);
    assert_eq!(stored[0].hash, first.posted.hash);

    // A retry later is a replay too, and posts nothing.
    let again =
        t.db.post_once(org.org_id, &entry, "tester", "request-0001")
            .await
            .unwrap();
    assert_eq!(
        again,
        PostOutcome {
            posted: first.posted.clone(),
            replayed: true
        }
    );
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 2);
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (2, None));
}

async fn a_key_reused_for_another_request_is_refused(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let posted =
        t.db.post_once(org.org_id, &sale("sold cloth", 100), "tester", "k")
            .await
            .unwrap();
    assert!(!posted.replayed);
    for other in [sale("sold cloth", 101), sale("sold more cloth", 100)] {
        let refused = t.db.post_once(org.org_id, &other, "tester", "k").await;
        assert!(
            matches!(&refused, Err(StoreError::IdempotencyConflict { key }) if key == "k"),
            "{refused:?}"
        );
    }
    assert_eq!(sequences(&t.db, org.org_id).await, [1]);
    let before = balances(&t.db, org.org_id, None, None).await;
    assert_eq!(before["Assets:Cash"], 100);
}

/// Two different requests under one key at once (on SQLite in one group): one posts, the
/// other is refused as a conflict, and one entry is stored.
async fn one_key_for_two_requests_at_once(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let (first, second) = (sale("sold cloth", 100), sale("sold rope", 200));
    let answers = together(t, || {
        vec![
            t.db.post_once(org.org_id, &first, "tester", "k"),
            t.db.post_once(org.org_id, &second, "tester", "k"),
        ]
    })
    .await;
    assert_eq!(
        answers.iter().filter(|a| a.is_ok()).count(),
        1,
        "{answers:?}"
    );
    assert!(
        answers
            .iter()
            .any(|a| matches!(a, Err(StoreError::IdempotencyConflict { key }) if key == "k")),
        "{answers:?}"
    );
    assert_eq!(sequences(&t.db, org.org_id).await, [1]);
}

/// One entry reversed by two requests at once is reversed once: the other request is
/// refused and writes nothing.
async fn one_entry_reversed_twice_at_once(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let original = sale("sold cloth", 100);
    t.db.post(org.org_id, std::slice::from_ref(&original), "tester")
        .await
        .unwrap();
    let reversal = original
        .reversal(1, day("1954-03-20"), "undo the sale")
        .unwrap();
    let answers = together(t, || {
        vec![
            t.db.post(org.org_id, std::slice::from_ref(&reversal), "tester"),
            t.db.post(org.org_id, std::slice::from_ref(&reversal), "tester"),
        ]
    })
    .await;
    assert_eq!(
        answers.iter().filter(|a| a.is_ok()).count(),
        1,
        "{answers:?}"
    );
    if t.engine() == Engine::Sqlite {
        assert!(
            answers
                .iter()
                .any(|a| matches!(a, Err(StoreError::Changed { message, .. })
                if message.contains("already reversed"))),
            "{answers:?}"
        );
    }
    assert_eq!(sequences(&t.db, org.org_id).await, [1, 2]);
    assert_eq!(
        balances(&t.db, org.org_id, None, None)
            .await
            .get("Assets:Cash")
            .copied()
            .unwrap_or(0),
        0
    );
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (2, None));
}

async fn keys_belong_to_one_book(t: &TestDb) {
    let red = t.cooperative("red-star").await;
    let east = t.cooperative("east-wind").await;
    let entry = sale("sold cloth", 100);
    let answers = together(t, || {
        vec![
            t.db.post_once(red.org_id, &entry, "tester", "shared-key"),
            t.db.post_once(east.org_id, &entry, "tester", "shared-key"),
        ]
    })
    .await;
    for answer in answers {
        let answer = answer.unwrap();
        assert_eq!((answer.posted.sequence, answer.replayed), (1, false));
    }
    assert_eq!(sequences(&t.db, red.org_id).await, [1]);
    assert_eq!(sequences(&t.db, east.org_id).await, [1]);
}

async fn a_refused_request_leaves_its_key_unused(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let wrong = entry_with_memo(
        "1954-03-15",
        "sold cloth",
        &[("Assets:Nowhere", 100), ("Income:Sales", -100)],
    );
    let refused = t.db.post_once(org.org_id, &wrong, "tester", "k").await;
    assert!(
        matches!(refused, Err(StoreError::UnknownAccount(_))),
        "{refused:?}"
    );
    assert_eq!(sequences(&t.db, org.org_id).await, Vec::<u64>::new());
    // The corrected request may use the same key.
    let posted =
        t.db.post_once(org.org_id, &sale("sold cloth", 100), "tester", "k")
            .await
            .unwrap();
    assert_eq!((posted.posted.sequence, posted.replayed), (1, false));
}

async fn a_replay_survives_reopening_and_a_closed_period(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let entry = sale("sold cloth", 100);
    let first =
        t.db.post_once(org.org_id, &entry, "tester", "k")
            .await
            .unwrap();
    // The key is stored with the entry: another handle on the database, opened later, replays
    // it, even though the entry's month has been closed since.
    let other = Db::open(&t.url).await.unwrap();
    other
        .close_period(org.org_id, Period::parse("1954-03").unwrap(), "tester")
        .await
        .unwrap();
    let again = other
        .post_once(org.org_id, &entry, "tester", "k")
        .await
        .unwrap();
    assert_eq!(
        again,
        PostOutcome {
            posted: first.posted,
            replayed: true
        }
    );
    let refused = other.post_once(org.org_id, &entry, "tester", "k2").await;
    assert!(
        matches!(refused, Err(StoreError::PeriodClosed(_))),
        "{refused:?}"
    );
    other.close().await.unwrap();
    assert_eq!(sequences(&t.db, org.org_id).await, [1]);
}

async fn keys_are_checked(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let entry = sale("sold cloth", 100);
    let longest = "k".repeat(artel_store::IDEMPOTENCY_KEY_BYTES_MAX);
    let too_long = format!("{longest}k");
    for key in ["", too_long.as_str(), "line\nbreak"] {
        let refused = t.db.post_once(org.org_id, &entry, "tester", key).await;
        assert!(
            matches!(refused, Err(StoreError::InvalidIdempotencyKey(_))),
            "{key:?}: {refused:?}"
        );
    }
    assert_eq!(sequences(&t.db, org.org_id).await, Vec::<u64>::new());
    let posted =
        t.db.post_once(org.org_id, &entry, "tester", &longest)
            .await
            .unwrap();
    assert!(!posted.replayed);
    // Keys are compared exactly, and a non-ASCII key is fine.
    let other =
        t.db.post_once(org.org_id, &entry, "tester", "合作社-1")
            .await
            .unwrap();
    assert_eq!((other.posted.sequence, other.replayed), (2, false));
}

/// Waits until the database's writer stats satisfy `done`.
async fn wait_for(db: &Db, done: impl Fn(WriterStats) -> bool) {
    while !done(db.writer_stats()) {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Waits until `expected` requests in all were handed to the writer (taken or queued).
async fn wait_until_handed_over(db: &Db, expected: u64) {
    wait_for(db, |stats| stats.taken + stats.queued == expected).await;
}

/// Runs the posts `make` gives all at once. On SQLite it makes sure that they are all
/// committed in one group, whatever the scheduling: SQLite's write lock is held behind the
/// store's back while a plug request (to a book that does not exist) is taken by the writer,
/// which then waits on the lock; the posts pile up in the queue meanwhile, and the writer
/// takes them all at once when the lock is released.
async fn together<F: Future>(t: &TestDb, make: impl FnOnce() -> Vec<F>) -> Vec<F::Output> {
    if t.engine() == Engine::Postgres {
        return join_all(make()).await;
    }
    let before = t.db.writer_stats();
    let mut lock = sqlx::SqliteConnection::connect(&t.url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut lock)
        .await
        .unwrap();
    let plug = t.db.post(Uuid::nil(), &[], "tester");
    let rest = async {
        wait_for(&t.db, |stats| stats.taken == before.taken + 1).await;
        let posts = make();
        let count = u64::try_from(posts.len()).unwrap();
        let release = async {
            wait_until_handed_over(&t.db, before.taken + 1 + count).await;
            sqlx::query("COMMIT").execute(&mut lock).await.unwrap();
        };
        let (answers, ()) = tokio::join!(join_all(posts), release);
        (answers, count)
    };
    let (plug, (answers, count)) = tokio::join!(plug, rest);
    lock.close().await.unwrap();
    assert!(
        matches!(plug, Err(StoreError::NotFound { what: "book", .. })),
        "{plug:?}"
    );
    let after = t.db.writer_stats();
    assert_eq!(after.groups, before.groups + 2, "{before:?} → {after:?}");
    assert_eq!(after.largest_group, before.largest_group.max(count));
    answers
}

/// Posts that wait together are committed together: 200 posts queued while the writer
/// waits take one transaction, not 200 (`together` checks the writer's counters).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_posts_waiting_together_are_committed_together() {
    const WAITING: u64 = 200;
    let t = TestDb::sqlite().await;
    let org = t.cooperative("red-star").await;
    let entries: Vec<JournalEntry> = (0..WAITING)
        .map(|i| sale(&format!("post {i}"), i64::try_from(i).unwrap() + 1))
        .collect();
    let answers = together(&t, || {
        entries
            .iter()
            .map(|entry| t.db.post(org.org_id, std::slice::from_ref(entry), "tester"))
            .collect()
    })
    .await;
    let mut acknowledged: Vec<u64> = answers
        .into_iter()
        .map(|a| a.unwrap()[0].sequence)
        .collect();
    acknowledged.sort_unstable();
    assert_eq!(acknowledged, (1..=WAITING).collect::<Vec<_>>());
    let stats = t.db.writer_stats();
    assert_eq!(
        (stats.groups, stats.largest_group),
        (2, WAITING),
        "{stats:?}"
    );
    assert_eq!(
        (stats.taken, stats.answered, stats.queued),
        (WAITING + 1, WAITING + 1, 0)
    );
    let outcome = t.db.verify(org.org_id).await.unwrap();
    assert_eq!((outcome.entries_checked, outcome.problem), (WAITING, None));
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_close_commits_what_is_queued() {
    const WAITING: u64 = 20;
    let t = TestDb::sqlite().await;
    let org = t.cooperative("red-star").await;
    let db = Db::open(&t.url).await.unwrap();
    let mut lock = sqlx::SqliteConnection::connect(&t.url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut lock)
        .await
        .unwrap();
    let entries: Vec<JournalEntry> = (0..WAITING)
        .map(|i| sale(&format!("post {i}"), i64::try_from(i).unwrap() + 1))
        .collect();
    {
        let mut posts =
            Box::pin(join_all(entries.iter().map(|entry| {
                db.post(org.org_id, std::slice::from_ref(entry), "tester")
            })));
        // Poll the posts until every one is handed to the writer, then stop waiting for them.
        tokio::select! {
            answers = &mut posts => panic!("answered while the database was locked: {answers:?}"),
            () = wait_until_handed_over(&db, WAITING) => {}
        }
    }
    let close = tokio::spawn(db.close());
    sqlx::query("COMMIT").execute(&mut lock).await.unwrap();
    lock.close().await.unwrap();
    close.await.unwrap().unwrap();
    assert_eq!(
        sequences(&t.db, org.org_id).await,
        (1..=WAITING).collect::<Vec<_>>(),
        "every queued post was committed before the database closed"
    );
    t.finish().await;
}
