//! Reads for the reports: balances over any date range (whole months from the stored
//! monthly balances, partial months from postings) must equal the postings they cover, and
//! an account's postings come back in date order. The dashboard's reading (to a day, and
//! within its month) too.

use artel_ledger::{JournalEntry, Money};
use chrono::NaiveDate;

use crate::harness::{Lcg, TestDb, balances, day, engine_tests, entry, expected_balances, name};

engine_tests!(
    balances_over_every_range_equal_the_postings,
    account_postings_come_in_date_order
);

const ACCOUNTS: [&str; 6] = [
    "Assets:Cash",
    "Assets:Bank",
    "Liabilities:Loans",
    "Equity:Share Capital",
    "Income:Sales",
    "Expenses:Administration",
];

/// Entries on the first and last days of months, mid-month, across a year's end, and in
/// an order other than their dates'.
const DATES: [&str; 14] = [
    "1954-03-15",
    "1954-01-01",
    "1954-01-05",
    "1954-01-31",
    "1954-02-01",
    "1954-02-14",
    "1954-02-28",
    "1954-03-01",
    "1954-04-30",
    "1954-05-01",
    "1954-06-10",
    "1954-12-31",
    "1955-01-01",
    "1955-02-17",
];

fn book(rng: &mut Lcg) -> Vec<JournalEntry> {
    let mut entries = Vec::new();
    for (index, date) in DATES.iter().cycle().take(DATES.len() * 3).enumerate() {
        let debit = ACCOUNTS[usize::try_from(rng.below(6)).unwrap()];
        let credit = ACCOUNTS[(usize::try_from(rng.below(5)).unwrap()
            + 1
            + ACCOUNTS.iter().position(|a| *a == debit).unwrap())
            % 6];
        let amount = i64::try_from(rng.below(1_000_000)).unwrap() + 1;
        let third = i64::try_from(rng.below(500)).unwrap();
        entries.push(if index % 4 == 0 {
            entry(date, &[(debit, amount), (credit, -amount)])
        } else {
            entry(
                date,
                &[
                    (debit, amount),
                    (credit, third - amount),
                    ("Expenses:Taxes", -third),
                ],
            )
        });
    }
    entries
}

async fn balances_over_every_range_equal_the_postings(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let entries = book(&mut Lcg::new(1954));
    // Posted in several transactions, so monthly balances are updated as well as inserted.
    for chunk in entries.chunks(5) {
        t.db.post(org.org_id, chunk, "tester").await.unwrap();
    }
    // Another book's entries on the same dates must not leak into this one's balances.
    let other = t.cooperative("east-wind").await;
    t.db.post(other.org_id, &book(&mut Lcg::new(7)), "tester")
        .await
        .unwrap();

    let mut bounds: Vec<Option<NaiveDate>> = vec![None];
    for text in [
        "1953-12-31",
        "1954-01-01",
        "1954-01-06",
        "1954-01-31",
        "1954-02-01",
        "1954-02-27",
        "1954-03-31",
        "1954-04-30",
        "1954-05-02",
        "1954-12-31",
        "1955-01-01",
        "1955-03-01",
    ] {
        bounds.push(Some(day(text)));
    }
    let mut ranges_checked = 0;
    for &from in &bounds {
        for &to in &bounds {
            let stored = balances(&t.db, org.org_id, from, to).await;
            assert_eq!(
                stored,
                expected_balances(&entries, from, to),
                "balances from {from:?} to {to:?}"
            );
            let total: i64 = stored.values().sum();
            assert_eq!(
                total, 0,
                "a trial balance from {from:?} to {to:?} sums to zero"
            );
            ranges_checked += 1;
        }
    }
    assert_eq!(ranges_checked, bounds.len() * bounds.len());
    // A dashboard's two readings at once: up to a day, and within that day's month.
    let as_rows = |rows: Vec<artel_ledger::report::BalanceRow>| {
        rows.into_iter()
            .map(|row| (row.account.to_string(), row.balance.minor()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    for &as_of in bounds.iter().flatten() {
        let (to_date, within) = t.db.balances_with_month(org.org_id, as_of).await.unwrap();
        let month_start = artel_ledger::Period::of(as_of).first_day();
        assert_eq!(
            as_rows(to_date),
            expected_balances(&entries, None, Some(as_of)),
            "to {as_of}"
        );
        assert_eq!(
            as_rows(within),
            expected_balances(&entries, Some(month_start), Some(as_of)),
            "within the month to {as_of}"
        );
    }
    assert!(!balances(&t.db, org.org_id, None, None).await.is_empty());
    assert!(
        balances(
            &t.db,
            org.org_id,
            Some(day("1955-01-02")),
            Some(day("1955-02-16"))
        )
        .await
        .is_empty()
    );
    assert_eq!(t.db.verify(org.org_id).await.unwrap().problem, None);
}

async fn account_postings_come_in_date_order(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let entries = [
        entry(
            "1954-03-10",
            &[("Assets:Cash", 300), ("Income:Sales", -300)],
        ),
        entry(
            "1954-01-20",
            &[("Assets:Cash", 100), ("Income:Sales", -100)],
        ),
        entry(
            "1954-02-01",
            &[("Expenses:Administration", 40), ("Assets:Cash", -40)],
        ),
        entry("1954-01-20", &[("Assets:Cash", 7), ("Income:Other", -7)]),
        entry("1954-02-15", &[("Assets:Bank", 50), ("Income:Sales", -50)]),
        entry(
            "1954-01-02",
            &[("Assets:Cash", 1), ("Assets:Cash", 2), ("Income:Sales", -3)],
        ),
    ];
    t.db.post(org.org_id, &entries, "tester").await.unwrap();

    let cash = name("Assets:Cash");
    let lines =
        t.db.account_postings(org.org_id, &cash, day("1954-01-01"), day("1954-12-31"))
            .await
            .unwrap();
    let seen: Vec<(NaiveDate, u64, i64)> = lines
        .iter()
        .map(|(date, sequence, _, amount)| (*date, *sequence, amount.minor()))
        .collect();
    assert_eq!(
        seen,
        [
            (day("1954-01-02"), 6, 1),
            (day("1954-01-02"), 6, 2),
            (day("1954-01-20"), 2, 100),
            (day("1954-01-20"), 4, 7),
            (day("1954-02-01"), 3, -40),
            (day("1954-03-10"), 1, 300),
        ]
    );
    assert_eq!(lines[0].2, "entry of 1954-01-02");
    assert_eq!(
        lines
            .iter()
            .map(|l| l.3)
            .fold(Money::ZERO, |a, b| a.checked_add(b).unwrap()),
        Money::from_minor(370)
    );

    // The range is inclusive at both ends.
    let february =
        t.db.account_postings(org.org_id, &cash, day("1954-01-20"), day("1954-02-01"))
            .await
            .unwrap();
    assert_eq!(february.iter().map(|l| l.1).collect::<Vec<_>>(), [2, 4, 3]);
    assert!(
        t.db.account_postings(
            org.org_id,
            &name("Assets:Receivables"),
            day("1954-01-01"),
            day("1954-12-31")
        )
        .await
        .unwrap()
        .is_empty()
    );
}
