//! The connection pools. A PostgreSQL connection is not tested as it is taken when it was
//! used moments ago (a round trip per query saved), but one that lay idle is: the server
//! may have ended it meanwhile, and then a new one serves the query instead of it failing.

use std::time::Duration;

use crate::harness::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_ended_while_idle_are_replaced() {
    let t = TestDb::postgres().await;
    let org = t.cooperative("red-star").await;
    // Several connections in the pool, all idle afterwards.
    let reads = (0..4).map(|_| t.db.organisation_by_code("red-star"));
    for read in futures::future::join_all(reads).await {
        assert_eq!(read.unwrap().unwrap().org_id, org.org_id);
    }
    // The server ends every connection to the test's database but the asking one.
    let ended = t
        .query_text(
            "SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .await;
    assert!(
        ended.iter().any(|row| row[0].as_deref() == Some("true")),
        "the pool's connections were ended: {ended:?}"
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    for _ in 0..8 {
        let found = t.db.organisation_by_code("red-star").await.unwrap();
        assert_eq!(found.unwrap().org_id, org.org_id);
    }
    t.finish().await;
}
