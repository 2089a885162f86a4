//! Stock movements: written only if the stock still stands where they were planned, with
//! their postings in the same transaction; the accounts they need opened in a book whose
//! chart lacks them.

use artel_ledger::Money;
use artel_ledger::chart::cooperative_chart;
use artel_store::{Quantity, StockWrite, StoreError};

use crate::harness::{TestDb, day, engine_tests, entry, new_cooperative};

engine_tests!(
    a_movement_planned_on_stale_stock_writes_nothing,
    the_stock_accounts_are_opened_when_the_chart_lacks_them
);

fn purchase(before: i64, after: i64, minor_before: i64, minor_after: i64) -> StockWrite {
    let value = minor_after - minor_before;
    StockWrite {
        date: day("1954-04-01"),
        kind: "purchase",
        item: "yarn".into(),
        item_kind: "material",
        owner: String::new(),
        change: Quantity {
            quantity: after - before,
            value: Money::from_minor(value),
        },
        before: Quantity {
            quantity: before,
            value: Money::from_minor(minor_before),
        },
        after: Quantity {
            quantity: after,
            value: Money::from_minor(minor_after),
        },
        note: String::new(),
        source: "test".into(),
        entry: Some(entry(
            "1954-04-01",
            &[
                ("Assets:Inventory:Materials", value),
                ("Assets:Cash", -value),
            ],
        )),
    }
}

fn stock_accounts() -> Vec<artel_ledger::Account> {
    cooperative_chart()
        .unwrap()
        .into_iter()
        .filter(|a| a.name.as_str().starts_with("Assets:Inventory"))
        .collect()
}

async fn a_movement_planned_on_stale_stock_writes_nothing(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let accounts = stock_accounts();
    let posted =
        t.db.record_stock(
            org.org_id,
            &[purchase(0, 10, 0, 3_000)],
            &accounts,
            "tester",
        )
        .await
        .unwrap();
    assert_eq!(posted, [Some(1)]);
    // Planned on the empty stock again, as a second clerk who looked before the first
    // wrote would have: refused, and neither its stock nor its entry is written.
    let stale = [purchase(10, 20, 3_000, 6_000), purchase(0, 5, 0, 1_500)];
    let error =
        t.db.record_stock(org.org_id, &stale, &accounts, "tester")
            .await
            .unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::Changed {
                place: "quantity",
                ..
            }
        ),
        "{error:?}"
    );
    let on_hand = t.db.stock_on_hand(org.org_id).await.unwrap();
    assert_eq!(on_hand.len(), 1);
    assert_eq!(on_hand[0].on_hand.quantity, 10);
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 1);
    let movements =
        t.db.stock_movements(org.org_id, day("1954-01-01"), day("1954-12-31"))
            .await
            .unwrap();
    assert_eq!(movements.len(), 1);
    assert_eq!(movements[0].sequence, Some(1));
}

async fn the_stock_accounts_are_opened_when_the_chart_lacks_them(t: &TestDb) {
    let cash = cooperative_chart()
        .unwrap()
        .into_iter()
        .filter(|a| a.name.as_str() == "Assets:Cash")
        .collect::<Vec<_>>();
    let org =
        t.db.add_organisation(&new_cooperative("bare"), &cash, "tester")
            .await
            .unwrap();
    t.db.record_stock(
        org.org_id,
        &[purchase(0, 10, 0, 3_000)],
        &stock_accounts(),
        "tester",
    )
    .await
    .unwrap();
    let names: Vec<String> =
        t.db.accounts(org.org_id)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.account.name.to_string())
            .collect();
    assert_eq!(
        names,
        [
            "Assets:Cash",
            "Assets:Inventory:Materials",
            "Assets:Inventory:Products"
        ]
    );
    assert!(t.db.verify(org.org_id).await.unwrap().problem.is_none());
}
