//! Loans: a loan written with its drawdown's entry and numbered per organisation; a
//! repayment written with its entry only if its instalment is the next unpaid one — twice
//! the same instalment, one after the other or at the same moment, is paid once and the
//! other refused with nothing written; the loan accounts opened when a chart lacks them.

use std::sync::Arc;

use artel_ledger::Money;
use artel_ledger::chart::cooperative_chart;
use artel_store::{Db, NewLoan, NewRepayment, StoreError};

use crate::harness::{TestDb, day, engine_tests, entry, new_cooperative};

engine_tests!(
    a_loan_and_its_repayments_are_written_with_their_entries,
    an_instalment_is_paid_once_even_when_two_pay_it_at_once,
    the_loan_accounts_are_opened_when_the_chart_lacks_them
);

fn loan_accounts() -> Vec<artel_ledger::Account> {
    cooperative_chart()
        .unwrap()
        .into_iter()
        .filter(|a| ["Liabilities:Loans", "Expenses:Interest"].contains(&a.name.as_str()))
        .collect()
}

fn new_loan(lender: &str) -> NewLoan {
    NewLoan {
        lender: lender.into(),
        lender_kind: "bank",
        principal: Money::from_minor(100_000),
        rate_bp: 650,
        drawn: day("1954-03-01"),
        instalments: 12,
        months: 1,
        source: "test".into(),
        entry: entry(
            "1954-03-01",
            &[("Assets:Cash", 100_000), ("Liabilities:Loans", -100_000)],
        ),
    }
}

/// Instalment `instalment` of loan `loan` (principal 83.33, interest 5.42 each: the
/// store stores what it is given; the schedule is the pure core's).
fn repayment(loan: u64, instalment: u32) -> NewRepayment {
    NewRepayment {
        loan,
        instalment,
        date: day("1954-04-01"),
        principal: Money::from_minor(8_333),
        interest: Money::from_minor(542),
        source: "test".into(),
        entry: entry(
            "1954-04-01",
            &[
                ("Liabilities:Loans", 8_333),
                ("Expenses:Interest", 542),
                ("Assets:Cash", -8_875),
            ],
        ),
    }
}

async fn a_loan_and_its_repayments_are_written_with_their_entries(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let accounts = loan_accounts();
    let first =
        t.db.add_loan(org.org_id, &new_loan("People's Bank"), &accounts, "tester")
            .await
            .unwrap();
    let second =
        t.db.add_loan(org.org_id, &new_loan("Federation"), &accounts, "tester")
            .await
            .unwrap();
    assert_eq!((first, second), ((1, 1), (2, 2)));
    let paid =
        t.db.repay_loan(org.org_id, &repayment(1, 1), &accounts, "tester")
            .await
            .unwrap();
    assert_eq!(paid, 3);
    // Paid again, or out of turn, or beyond the last, or on a loan that does not exist:
    // refused, and nothing more posted.
    for (again, place) in [
        (repayment(1, 1), "instalment"),
        (repayment(1, 3), "instalment"),
        (repayment(2, 13), "instalment"),
    ] {
        let error =
            t.db.repay_loan(org.org_id, &again, &accounts, "tester")
                .await
                .unwrap_err();
        assert!(
            matches!(error, StoreError::Changed { place: p, .. } if p == place),
            "{error:?}"
        );
    }
    let missing =
        t.db.repay_loan(org.org_id, &repayment(9, 1), &accounts, "tester")
            .await
            .unwrap_err();
    assert!(
        matches!(missing, StoreError::NotFound { what: "loan", .. }),
        "{missing:?}"
    );
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 3);
    let loans = t.db.loans(org.org_id).await.unwrap();
    assert_eq!(loans.len(), 2);
    assert_eq!(loans[0].lender, "People's Bank");
    assert_eq!(loans[0].sequence, 1);
    assert_eq!(loans[0].rate_bp, 650);
    assert_eq!(loans[0].drawn, day("1954-03-01"));
    assert_eq!(loans[0].repayments.len(), 1);
    assert_eq!(loans[0].repayments[0].sequence, 3);
    assert_eq!(loans[0].repayments[0].interest, Money::from_minor(542));
    assert!(loans[1].repayments.is_empty());
    let one = t.db.loan(org.org_id, 2).await.unwrap().unwrap();
    assert_eq!(one.lender, "Federation");
    assert!(t.db.loan(org.org_id, 3).await.unwrap().is_none());
    // Another organisation's loans are numbered on their own and never seen here.
    let other = t.cooperative("east-wind").await;
    assert!(t.db.loans(other.org_id).await.unwrap().is_empty());
    let theirs =
        t.db.add_loan(
            other.org_id,
            &new_loan("Credit cooperative"),
            &accounts,
            "tester",
        )
        .await
        .unwrap();
    assert_eq!(theirs, (1, 1));
    assert!(t.db.verify(org.org_id).await.unwrap().problem.is_none());
}

async fn an_instalment_is_paid_once_even_when_two_pay_it_at_once(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    let accounts = loan_accounts();
    t.db.add_loan(org.org_id, &new_loan("People's Bank"), &accounts, "tester")
        .await
        .unwrap();
    let shared = Arc::new(Db::open(&t.url).await.unwrap());
    const CLERKS: usize = 4;
    let tasks: Vec<_> = (0..CLERKS)
        .map(|_| {
            let db = Arc::clone(&shared);
            let accounts = accounts.clone();
            tokio::spawn(async move {
                db.repay_loan(org.org_id, &repayment(1, 1), &accounts, "tester")
                    .await
            })
        })
        .collect();
    let mut paid = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => paid += 1,
            Err(StoreError::Changed {
                place: "instalment",
                ..
            }) => {}
            Err(other) => panic!("refused uncleanly: {other:?}"),
        }
    }
    Arc::try_unwrap(shared)
        .ok()
        .expect("every clerk is done")
        .close()
        .await
        .unwrap();
    assert_eq!(paid, 1);
    let loan = t.db.loan(org.org_id, 1).await.unwrap().unwrap();
    assert_eq!(loan.repayments.len(), 1);
    // The drawdown and one repayment: the refused ones posted nothing.
    assert_eq!(t.db.head(org.org_id).await.unwrap().0, 2);
    // The key holds behind the store's back too.
    let duplicate = t
        .execute(
            "INSERT INTO loan_repayments (org_id, loan_id, instalment, date, principal_minor, interest_minor, sequence, source, created_at) \
             SELECT org_id, loan_id, instalment, date, principal_minor, interest_minor, 99, source, created_at FROM loan_repayments",
        )
        .await;
    assert!(duplicate.is_err(), "{duplicate:?}");
}

async fn the_loan_accounts_are_opened_when_the_chart_lacks_them(t: &TestDb) {
    let cash = cooperative_chart()
        .unwrap()
        .into_iter()
        .filter(|a| a.name.as_str() == "Assets:Cash")
        .collect::<Vec<_>>();
    let org =
        t.db.add_organisation(&new_cooperative("bare"), &cash, "tester")
            .await
            .unwrap();
    t.db.add_loan(org.org_id, &new_loan("Bank"), &loan_accounts(), "tester")
        .await
        .unwrap();
    t.db.repay_loan(org.org_id, &repayment(1, 1), &loan_accounts(), "tester")
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
        ["Assets:Cash", "Expenses:Interest", "Liabilities:Loans"]
    );
    let balances = crate::harness::balances(&t.db, org.org_id, None, None).await;
    assert_eq!(balances["Liabilities:Loans"], -91_667);
    assert_eq!(balances["Expenses:Interest"], 542);
    assert!(t.db.verify(org.org_id).await.unwrap().problem.is_none());
}
