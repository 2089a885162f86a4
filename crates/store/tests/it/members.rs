//! The member register: members numbered in order, their share payments posted in the same
//! transaction, and a payment the books refuse taking the whole admission with it.

use artel_ledger::Money;
use artel_store::{NewMember, StoreError};

use crate::harness::{TestDb, engine_tests, entry};

engine_tests!(
    members_are_numbered_and_their_shares_posted,
    a_refused_payment_admits_no_one
);

fn member(name: &str, joined: &str, subscribed: u32, paid: u32, minor: i64) -> NewMember {
    NewMember {
        name: name.to_owned(),
        trade: "weaver".to_owned(),
        joined: joined.parse().unwrap(),
        status: "member",
        shares_subscribed: subscribed,
        shares_on_admission: 0,
        payment: (paid > 0).then(|| {
            (
                paid,
                entry(
                    joined,
                    &[("Assets:Cash", minor), ("Equity:Share Capital", -minor)],
                ),
            )
        }),
    }
}

async fn members_are_numbered_and_their_shares_posted(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let first = [
        member("Wang", "1954-01-05", 3, 2, 2_000),
        member("Li", "1954-01-06", 1, 0, 0),
    ];
    t.db.admit_members(org.org_id, &first, "tester")
        .await
        .unwrap();
    t.db.admit_members(
        org.org_id,
        &[member("Zhao", "1954-02-01", 5, 5, 5_000)],
        "tester",
    )
    .await
    .unwrap();
    let register = t.db.members(org.org_id).await.unwrap();
    let rows: Vec<(u64, &str, u64, u64, Money)> = register
        .iter()
        .map(|m| {
            (
                m.number,
                m.name.as_str(),
                m.shares_subscribed,
                m.shares_paid,
                m.paid_in,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "Wang", 3, 2, Money::from_minor(2_000)),
            (2, "Li", 1, 0, Money::ZERO),
            (3, "Zhao", 5, 5, Money::from_minor(5_000)),
        ]
    );
    assert_eq!(register[0].joined.to_string(), "1954-01-05");
    assert_eq!(register[0].status, "member");
    // Two payments, two entries in the chain.
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 2);
    assert!(t.db.verify(org.org_id).await.unwrap().problem.is_none());
}

async fn a_refused_payment_admits_no_one(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    t.db.close_period(
        org.org_id,
        artel_ledger::Period::parse("1954-02").unwrap(),
        "tester",
    )
    .await
    .unwrap();
    let members = [
        member("Wang", "1954-01-05", 3, 2, 2_000),
        member("Zhao", "1954-02-01", 5, 5, 5_000),
    ];
    let refused = t.db.admit_members(org.org_id, &members, "tester").await;
    assert!(
        matches!(refused, Err(StoreError::PeriodClosed(_))),
        "{refused:?}"
    );
    assert!(t.db.members(org.org_id).await.unwrap().is_empty());
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 0);
}
