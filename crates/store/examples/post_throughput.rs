//! Measures posting throughput: `POSTERS` tasks each post `POSTS` single entries to one book,
//! concurrently, and the entries per second are printed with the writer's group statistics.
//!
//! `cargo run --release -p artel-store --example post_throughput -- sqlite:/tmp/t.db 64 200`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Instant;

use artel_ledger::chart::cooperative_chart;
use artel_ledger::{AccountName, Currency, JournalEntry, Money, Posting};
use artel_store::{Db, NewOrganisation};
use chrono::NaiveDate;

fn sale(poster: usize, post: usize) -> JournalEntry {
    let minor = i64::try_from(poster * 10_000 + post + 1).unwrap();
    let posting = |account: &str, minor: i64| Posting {
        account: AccountName::parse(account).unwrap(),
        amount: Money::from_minor(minor),
    };
    JournalEntry::new(
        NaiveDate::from_ymd_opt(1954, 3, 15).unwrap(),
        format!("poster {poster} post {post}"),
        None,
        vec![
            posting("Assets:Cash", minor),
            posting("Income:Sales", -minor),
        ],
    )
    .unwrap()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("a database URL");
    let posters: usize = args.next().map_or(64, |a| a.parse().unwrap());
    let posts: usize = args.next().map_or(100, |a| a.parse().unwrap());
    let keyed = args.next().is_some_and(|a| a == "keyed");
    let db = Arc::new(Db::open(&url).await.unwrap());
    let code = format!("bench-{}", uuid::Uuid::now_v7().simple());
    let organisation = db
        .add_organisation(
            &NewOrganisation {
                code: code.clone(),
                kind: "cooperative".into(),
                name: code,
                region_code: None,
                parent_code: None,
                status: "active".into(),
                founded: None,
                currency: Currency::new("CNY", 2).unwrap(),
            },
            &cooperative_chart().unwrap(),
            "bench",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let tasks: Vec<_> = (0..posters)
        .map(|poster| {
            let db = Arc::clone(&db);
            tokio::spawn(async move {
                for post in 0..posts {
                    let entry = sale(poster, post);
                    if keyed {
                        let key = format!("{poster}-{post}");
                        db.post_once(organisation.org_id, &entry, "bench", &key)
                            .await
                            .unwrap();
                    } else {
                        db.post(organisation.org_id, &[entry], "bench")
                            .await
                            .unwrap();
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    let total = posters * posts;
    #[allow(clippy::cast_precision_loss)]
    let rate = total as f64 / elapsed.as_secs_f64();
    println!(
        "{total} posts by {posters} posters{} in {elapsed:.2?}: {rate:.0} posts/s; writer: {:?}",
        if keyed { " with keys" } else { "" },
        db.writer_stats()
    );
    let outcome = db.verify(organisation.org_id).await.unwrap();
    assert_eq!(outcome.problem, None);
    Arc::try_unwrap(db).ok().unwrap().close().await.unwrap();
}
