//! Paging through a book's entries, oldest first or newest first, within a date range.

use artel_store::EntryFilter;

use crate::harness::{TestDb, engine_tests, entry};

engine_tests!(entries_page_both_ways_within_dates);

async fn entries_page_both_ways_within_dates(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    for day in 1..=5 {
        t.db.post(
            org.org_id,
            &[entry(
                &format!("1954-01-0{day}"),
                &[("Assets:Cash", 100), ("Equity:Share Capital", -100)],
            )],
            "tester",
        )
        .await
        .unwrap();
    }
    let page = |after: Option<u64>, newest_first: bool| EntryFilter {
        from: None,
        to: None,
        after,
        limit: 2,
        newest_first,
    };
    let numbers = |filter: EntryFilter| {
        let db = &t.db;
        async move {
            db.list_entries(org.org_id, filter)
                .await
                .unwrap()
                .iter()
                .map(|e| e.sequence)
                .collect::<Vec<u64>>()
        }
    };
    assert_eq!(numbers(page(None, true)).await, [5, 4]);
    assert_eq!(numbers(page(Some(4), true)).await, [3, 2]);
    assert_eq!(numbers(page(Some(2), true)).await, [1]);
    assert_eq!(numbers(page(None, false)).await, [1, 2]);
    assert_eq!(numbers(page(Some(2), false)).await, [3, 4]);
    let january_2_to_4 = EntryFilter {
        from: Some("1954-01-02".parse().unwrap()),
        to: Some("1954-01-04".parse().unwrap()),
        limit: 10,
        newest_first: true,
        ..EntryFilter::default()
    };
    assert_eq!(numbers(january_2_to_4).await, [4, 3, 2]);
}
