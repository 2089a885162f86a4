//! The year's end in the store: a year closed with its months locked (its closing entry
//! still written into a month closed before), closed once; a distribution refused when the
//! labour records it was divided on changed meanwhile, written once per year and once per
//! motion; a distributed year that stays closed and its months that open only with it.

use artel_ledger::chart::cooperative_chart;
use artel_ledger::{Money, Period};
use artel_store::{DistributionFigures, LabourRow, NewDistribution, NewMember, StoreError};

use crate::harness::{TestDb, engine_tests, entry};

engine_tests!(a_distribution_is_refused_when_its_labour_changed_and_written_once);

fn year_end_accounts() -> Vec<artel_ledger::Account> {
    cooperative_chart().unwrap()
}

fn labour(member: u64, month: &str, days_tenths: u64) -> LabourRow {
    LabourRow {
        member,
        month: Period::parse(month).unwrap(),
        days_tenths,
        pieces: 0,
        wages: Money::ZERO,
    }
}

fn figures(surplus: i64) -> DistributionFigures {
    let zero = Money::ZERO;
    DistributionFigures {
        surplus: Money::from_minor(surplus),
        loss_covered: zero,
        distributable: Money::from_minor(surplus),
        accumulation: Money::from_minor(surplus / 2),
        welfare: zero,
        levies: zero,
        labour: Money::from_minor(surplus / 2),
        share: zero,
        share_cap: zero,
        cap_excess: zero,
        draw: None,
        loss_charged: zero,
        loss_carried: zero,
    }
}

async fn a_distribution_is_refused_when_its_labour_changed_and_written_once(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let wang = NewMember {
        name: "Wang".into(),
        trade: "weaver".into(),
        joined: "1954-01-05".parse().unwrap(),
        status: "member",
        shares_subscribed: 1,
        shares_on_admission: 0,
        payment: None,
    };
    t.db.admit_members(org.org_id, &[wang], "tester")
        .await
        .unwrap();
    t.db.post(
        org.org_id,
        &[entry(
            "1954-03-01",
            &[("Assets:Cash", 1_000), ("Income:Sales", -1_000)],
        )],
        "tester",
    )
    .await
    .unwrap();
    let worked = [labour(1, "1954-03", 200)];
    t.db.put_labour(org.org_id, &worked, "test", &"tester".into())
        .await
        .unwrap();
    // December is closed before the year: the closing entry still goes into it.
    t.db.close_period(org.org_id, Period::parse("1954-12").unwrap(), "tester")
        .await
        .unwrap();
    let closing = entry(
        "1954-12-31",
        &[
            ("Income:Sales", 1_000),
            ("Equity:Current Year Surplus", -1_000),
        ],
    );
    let accounts = year_end_accounts();
    let sequence =
        t.db.close_year(
            org.org_id,
            1954,
            Some(&closing),
            Money::from_minor(1_000),
            &accounts,
            &"tester".into(),
        )
        .await
        .unwrap();
    assert_eq!(sequence, Some(2));
    let closed = t.db.closed_periods(org.org_id).await.unwrap();
    assert_eq!(closed.len(), 12);
    let again =
        t.db.close_year(
            org.org_id,
            1954,
            None,
            Money::ZERO,
            &accounts,
            &"tester".into(),
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::Changed { place: "year", .. })),
        "{again:?}"
    );
    // The year's months open only with the year.
    let reopened =
        t.db.reopen_period(
            org.org_id,
            Period::parse("1954-06").unwrap(),
            "late",
            "tester",
        )
        .await;
    assert!(
        matches!(
            reopened,
            Err(StoreError::Changed {
                place: "period",
                ..
            })
        ),
        "{reopened:?}"
    );

    let distribution = |labour: Vec<LabourRow>, motion: u64| NewDistribution {
        year: 1954,
        motion,
        date: "1955-01-10".parse().unwrap(),
        figures: figures(1_000),
        dividends: vec![(1, Money::from_minor(500), Money::ZERO)],
        labour,
        entry: entry(
            "1955-01-10",
            &[
                ("Equity:Current Year Surplus", 1_000),
                ("Equity:Public Accumulation Fund", -500),
                ("Liabilities:Dividends Payable", -500),
            ],
        ),
    };
    // Divided on labour that has changed since: refused, nothing written.
    let stale =
        t.db.distribute(
            org.org_id,
            &distribution(vec![labour(1, "1954-03", 150)], 1),
            &accounts,
            &"tester".into(),
        )
        .await;
    assert!(
        matches!(
            stale,
            Err(StoreError::Changed {
                place: "labour",
                ..
            })
        ),
        "{stale:?}"
    );
    assert!(t.db.distributions(org.org_id).await.unwrap().is_empty());
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 2);
    let written =
        t.db.distribute(
            org.org_id,
            &distribution(worked.to_vec(), 1),
            &accounts,
            &"tester".into(),
        )
        .await
        .unwrap();
    assert_eq!(written, 3);
    let stored = t.db.distributions(org.org_id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].dividends,
        vec![(1, Money::from_minor(500), Money::ZERO)]
    );
    // Once per year, and a distributed year's labour and closing stay as they are.
    let twice =
        t.db.distribute(
            org.org_id,
            &distribution(worked.to_vec(), 2),
            &accounts,
            &"tester".into(),
        )
        .await;
    assert!(
        matches!(twice, Err(StoreError::Changed { .. })),
        "{twice:?}"
    );
    let late =
        t.db.put_labour(
            org.org_id,
            &[labour(1, "1954-04", 10)],
            "test",
            &"tester".into(),
        )
        .await;
    assert!(
        matches!(late, Err(StoreError::Changed { place: "month", .. })),
        "{late:?}"
    );
    let reopen =
        t.db.reopen_year(org.org_id, 1954, 1, None, &"tester".into())
            .await;
    assert!(
        matches!(reopen, Err(StoreError::Changed { place: "year", .. })),
        "{reopen:?}"
    );
    assert!(t.db.verify(org.org_id).await.unwrap().problem.is_none());
}
