//! Upgrades of databases an earlier version of Artel left: a migration that reshapes a
//! table keeps every row it held, and the table's keys, checks and triggers, on both engines.

use artel_store::{Engine, OrgId};
use sqlx::{AssertSqlSafe, Connection};
use uuid::Uuid;

use crate::harness::{EarlierDb, TestDb, day, entry, name};

/// The last migration before entries lost their text time and their unique entry ids.
const BEFORE_NARROWER_ENTRIES: i64 = 27;

fn id(engine: Engine, id: Uuid) -> String {
    match engine {
        Engine::Sqlite => format!("X'{}'", id.simple()),
        Engine::Postgres => format!("'{id}'"),
    }
}

fn hash(engine: Engine, byte: u8) -> String {
    let hex = format!("{byte:02x}").repeat(32);
    match engine {
        Engine::Sqlite => format!("X'{hex}'"),
        Engine::Postgres => format!("decode('{hex}', 'hex')"),
    }
}

/// One organisation's book as the earlier version stored it: entry 1 a sale, entry 2 its
/// reversal, and an idempotency key naming entry 1.
fn earlier_book(engine: Engine, org: Uuid, entry_ids: [Uuid; 2]) -> Vec<String> {
    let (org, time) = (id(engine, org), "'1954-01-05T08:00:00Z'");
    let (cash, sales) = (
        id(engine, Uuid::from_u128(0xa1)),
        id(engine, Uuid::from_u128(0xa2)),
    );
    let [first, second] = entry_ids.map(|entry_id| id(engine, entry_id));
    vec![
        format!(
            "INSERT INTO organisations (org_id, code, kind, name, status, founded, currency, scale, created_at) \
             VALUES ({org}, 'old', 'cooperative', 'An older cooperative', 'active', '1954-01-01', 'CNY', 2, {time})"
        ),
        format!(
            "INSERT INTO accounts (org_id, account_id, name, account_type, label_en, label_zh, production_cost, created_at) \
             VALUES ({org}, {cash}, 'Assets:Cash', 'asset', 'Cash', '现金', 1 = 0, {time}), \
             ({org}, {sales}, 'Income:Sales', 'income', 'Sales', '销售收入', 1 = 0, {time})"
        ),
        format!(
            "INSERT INTO book_heads (org_id, sequence, hash) VALUES ({org}, 2, {})",
            hash(engine, 2)
        ),
        format!(
            "INSERT INTO entries (org_id, sequence, entry_id, date, memo, source, reverses, hash, created_at) \
             VALUES ({org}, 1, {first}, '1954-01-05', 'cloth sold', 'inv-1', NULL, {}, {time}), \
             ({org}, 2, {second}, '1954-01-06', 'reversal of 1', NULL, 1, {}, {time})",
            hash(engine, 1),
            hash(engine, 2)
        ),
        format!(
            "INSERT INTO postings (org_id, sequence, line, account_id, amount_minor) \
             VALUES ({org}, 1, 0, {cash}, 1500), ({org}, 1, 1, {sales}, -1500), \
             ({org}, 2, 0, {cash}, -1500), ({org}, 2, 1, {sales}, 1500)"
        ),
        format!(
            "INSERT INTO idempotency_keys (org_id, key, request_hash, sequence, entry_id, created_at) \
             VALUES ({org}, 'sale-1', {}, 1, {first}, {time})",
            hash(engine, 9)
        ),
    ]
}

/// The two entries of [`earlier_book`] read back through the store.
async fn assert_earlier_entries(t: &TestDb, org_id: OrgId, entry_ids: [Uuid; 2]) {
    let stored = t.db.entries(org_id, 1, 2).await.unwrap();
    let seen: Vec<_> = stored
        .iter()
        .map(|e| {
            let postings: Vec<_> = e
                .postings
                .iter()
                .map(|p| (p.account.to_string(), p.amount.minor()))
                .collect();
            (
                e.sequence,
                e.entry_id,
                e.date,
                e.memo.clone(),
                e.source.clone(),
                e.reverses,
                e.hash,
                postings,
            )
        })
        .collect();
    let postings = |cash: i64| {
        vec![
            ("Assets:Cash".to_owned(), cash),
            ("Income:Sales".to_owned(), -cash),
        ]
    };
    assert_eq!(
        seen,
        vec![
            (
                1,
                entry_ids[0],
                day("1954-01-05"),
                "cloth sold".to_owned(),
                Some("inv-1".to_owned()),
                None,
                [1; 32],
                postings(1500)
            ),
            (
                2,
                entry_ids[1],
                day("1954-01-06"),
                "reversal of 1".to_owned(),
                None,
                Some(1),
                [2; 32],
                postings(-1500)
            ),
        ]
    );
}

/// Migration 0028 (narrower entries) keeps a book's entries, postings and the rows that
/// name them; entries stay append-only, reversed at most once, and postable after it.
async fn narrower_entries_keep_the_book(engine: Engine) {
    let earlier = EarlierDb::new(engine, BEFORE_NARROWER_ENTRIES).await;
    let org_id = Uuid::from_u128(0x0123);
    let entry_ids = [Uuid::now_v7(), Uuid::now_v7()];
    earlier
        .execute(&earlier_book(engine, org_id, entry_ids))
        .await;
    let t = earlier.open().await;

    assert_earlier_entries(&t, org_id, entry_ids).await;
    assert_eq!(t.db.reversal_of(org_id, 1).await.unwrap(), Some(2));
    let org = id(engine, org_id);
    let refused = [
        // A second reversal of entry 1.
        format!(
            "INSERT INTO entries (org_id, sequence, entry_id, date, memo, reverses, hash) \
             VALUES ({org}, 9, {}, '1954-01-07', 'again', 1, {})",
            id(engine, Uuid::now_v7()),
            hash(engine, 3)
        ),
        format!("UPDATE entries SET memo = 'changed' WHERE org_id = {org}"),
        format!("DELETE FROM entries WHERE org_id = {org} AND sequence = 2"),
        // Postings of an entry that does not exist.
        format!(
            "INSERT INTO postings (org_id, sequence, line, account_id, amount_minor) \
             VALUES ({org}, 7, 0, {}, 1)",
            id(engine, Uuid::from_u128(0xa1))
        ),
        "SELECT created_at FROM entries".to_owned(),
    ];
    for sql in &refused {
        assert!(t.execute(sql).await.is_err(), "{sql} was not refused");
    }

    let posted =
        t.db.post(
            org_id,
            &[entry(
                "1954-01-08",
                &[("Assets:Cash", 700), ("Income:Sales", -700)],
            )],
            "tester",
        )
        .await
        .unwrap();
    assert_eq!(posted[0].sequence, 3);
    assert_eq!(t.db.head(org_id).await.unwrap(), (3, posted[0].hash));
    let third = &t.db.entries(org_id, 3, 3).await.unwrap()[0];
    assert_eq!(third.postings[0].account, name("Assets:Cash"));

    if engine == Engine::Sqlite {
        let orphans = t
            .query_text("SELECT CAST(COUNT(*) AS TEXT) FROM pragma_foreign_key_check")
            .await;
        assert_eq!(orphans[0][0].as_deref(), Some("0"));
        // Run again, as after a crash between its commit and sqlx's record of it: the
        // rebuild copies the same rows again.
        let mut conn = sqlx::SqliteConnection::connect(&t.url).await.unwrap();
        sqlx::raw_sql(AssertSqlSafe(include_str!(
            "../../migrations/sqlite/0028_narrower_entries.sql"
        )))
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
        assert_earlier_entries(&t, org_id, entry_ids).await;
        assert_eq!(t.db.head(org_id).await.unwrap().0, 3);
        assert!(t.execute(&refused[0]).await.is_err());
    }
    t.finish().await;
}

mod narrower_entries_keep_the_book {
    use artel_store::Engine;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::narrower_entries_keep_the_book(Engine::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::narrower_entries_keep_the_book(Engine::Postgres).await;
    }
}
