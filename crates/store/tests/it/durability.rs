//! What is on disk after a SQLite database is closed: the write-ahead log is checkpointed
//! into the database file, so the file alone holds the books.

use crate::harness::{TestDb, entry};
use artel_store::Db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_close_leaves_everything_in_the_database_file() {
    let t = TestDb::sqlite().await;
    let org = t.cooperative("red-star").await;
    let entries = [
        entry(
            "1954-01-05",
            &[("Assets:Cash", 30_000), ("Equity:Share Capital", -30_000)],
        ),
        entry(
            "1954-02-03",
            &[("Assets:Receivables", 12_050), ("Income:Sales", -12_050)],
        ),
    ];
    t.db.post(org.org_id, &entries, "tester").await.unwrap();
    let head = t.db.head(org.org_id).await.unwrap();
    let balances = t.db.balances(org.org_id, None, None).await.unwrap();

    let path = t.sqlite_path();
    let wal = path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_str().unwrap()
    ));
    // While open in WAL mode, the log holds the recent writes.
    assert!(
        wal.exists(),
        "{} exists while the database is open",
        wal.display()
    );
    let url = t.url.clone();
    t.db.close().await.unwrap();
    let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_bytes, 0, "{} after close", wal.display());

    // The file alone, copied elsewhere without its log, holds the books.
    let copy_directory = tempfile::tempdir().unwrap();
    let copy = copy_directory.path().join("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    let reopened = Db::open(&format!("sqlite:{}", copy.display()))
        .await
        .unwrap();
    assert_eq!(reopened.head(org.org_id).await.unwrap(), head);
    assert_eq!(
        reopened.balances(org.org_id, None, None).await.unwrap(),
        balances
    );
    assert_eq!(reopened.verify(org.org_id).await.unwrap().problem, None);
    reopened.close().await.unwrap();

    let reopened = Db::open(&url).await.unwrap();
    assert_eq!(reopened.organisation("red-star").await.unwrap(), org);
    assert_eq!(reopened.head(org.org_id).await.unwrap(), head);
    reopened.close().await.unwrap();
}
