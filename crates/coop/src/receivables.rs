//! Receivables, pure: what buyers still owe on their invoices, aged by days overdue
//! (current, 1–30, 31–60, 61–90, 91–180, over 180) per counterparty and in total, and a
//! payment applied to the open invoices, oldest first; and what a buyer's advances leave
//! for their next invoice.

use std::collections::BTreeMap;

use artel_ledger::{Money, MoneyError};
use chrono::NaiveDate;

word_enum! {
    /// How far past its due day an open invoice is on the day of the aging.
    AgingBucket {
        /// Not yet due, or due that very day.
        Current = "current",
        Days1To30 = "1-30",
        Days31To60 = "31-60",
        Days61To90 = "61-90",
        Days91To180 = "91-180",
        Over180 = "over-180",
    }
}

impl AgingBucket {
    /// The bucket of an invoice due on `due`, aged on `as_of`.
    pub fn of(due: NaiveDate, as_of: NaiveDate) -> AgingBucket {
        match (as_of - due).num_days() {
            ..=0 => AgingBucket::Current,
            1..=30 => AgingBucket::Days1To30,
            31..=60 => AgingBucket::Days31To60,
            61..=90 => AgingBucket::Days61To90,
            91..=180 => AgingBucket::Days91To180,
            _ => AgingBucket::Over180,
        }
    }

    fn index(self) -> usize {
        AgingBucket::ALL
            .iter()
            .position(|b| *b == self)
            .unwrap_or(0)
    }
}

/// An invoice with something still owed on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    /// The invoice's number in the book, which orders invoices of the same day.
    pub number: u64,
    pub counterparty: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    /// What is still owed.
    pub open: Money,
}

/// Amounts per [`AgingBucket`], in the order of [`AgingBucket::ALL`].
pub type Buckets = [Money; 6];

/// Receivables aged on a day: each counterparty's buckets, by name, and the total's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Aging {
    pub counterparties: BTreeMap<String, Buckets>,
    pub total: Buckets,
}

/// Ages the open invoices on `as_of`.
pub fn age(invoices: &[OpenInvoice], as_of: NaiveDate) -> Result<Aging, MoneyError> {
    let mut aging = Aging::default();
    for invoice in invoices {
        let bucket = AgingBucket::of(invoice.due, as_of).index();
        let row = aging
            .counterparties
            .entry(invoice.counterparty.clone())
            .or_default();
        row[bucket] = row[bucket].checked_add(invoice.open)?;
        aging.total[bucket] = aging.total[bucket].checked_add(invoice.open)?;
    }
    Ok(aging)
}

/// A payment applied to open invoices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Each invoice paid, by number, and how much of it.
    pub applied: Vec<(u64, Money)>,
    /// What is left over when every invoice is paid: an advance from the buyer.
    pub left_over: Money,
}

/// Applies `payment` to `invoices` (one buyer's), the invoice numbered `first` first when
/// the payment names one, then oldest first — by date, then number — each as far as it is
/// open.
pub fn allocate(
    payment: Money,
    invoices: &[OpenInvoice],
    first: Option<u64>,
) -> Result<Allocation, MoneyError> {
    let mut oldest_first: Vec<&OpenInvoice> = invoices.iter().collect();
    oldest_first.sort_by_key(|i| (Some(i.number) != first, i.date, i.number));
    let mut left = payment;
    let mut applied = Vec::new();
    for invoice in oldest_first {
        if left <= Money::ZERO {
            break;
        }
        let paid = if invoice.open < left {
            invoice.open
        } else {
            left
        };
        if paid > Money::ZERO {
            applied.push((invoice.number, paid));
            left = left.checked_sub(paid)?;
        }
    }
    Ok(Allocation {
        applied,
        left_over: left,
    })
}

/// What a buyer's advances leave for an invoice of `date`: those `paid` by that day, less
/// what invoices have `applied` of them; never below nothing.
pub fn advance_left(
    paid: &[(NaiveDate, Money)],
    applied: Money,
    date: NaiveDate,
) -> Result<Money, MoneyError> {
    let by_then = Money::checked_sum(paid.iter().filter(|(d, _)| *d <= date).map(|(_, m)| *m))?;
    let left = by_then.checked_sub(applied)?;
    Ok(if left > Money::ZERO {
        left
    } else {
        Money::ZERO
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn invoice(number: u64, who: &str, date: &str, due: &str, minor: i64) -> OpenInvoice {
        OpenInvoice {
            number,
            counterparty: who.into(),
            date: day(date),
            due: day(due),
            open: Money::from_minor(minor),
        }
    }

    #[test]
    fn each_bucket_begins_and_ends_on_its_boundary_day() {
        let due = day("1954-01-31");
        let cases = [
            ("1954-01-30", AgingBucket::Current),
            ("1954-01-31", AgingBucket::Current),
            ("1954-02-01", AgingBucket::Days1To30),
            ("1954-03-02", AgingBucket::Days1To30),
            ("1954-03-03", AgingBucket::Days31To60),
            ("1954-04-01", AgingBucket::Days31To60),
            ("1954-04-02", AgingBucket::Days61To90),
            ("1954-05-01", AgingBucket::Days61To90),
            ("1954-05-02", AgingBucket::Days91To180),
            ("1954-07-30", AgingBucket::Days91To180),
            ("1954-07-31", AgingBucket::Over180),
        ];
        for (as_of, bucket) in cases {
            assert_eq!(
                (as_of, AgingBucket::of(due, day(as_of))),
                (as_of, bucket),
                "{} days",
                (day(as_of) - due).num_days()
            );
        }
    }

    #[test]
    fn aging_sums_per_buyer_and_in_total() {
        let invoices = [
            invoice(1, "Wang Ji", "1954-01-02", "1954-02-01", 40_000),
            invoice(2, "Shashi SMC", "1954-04-01", "1954-05-01", 100_000),
            invoice(3, "Wang Ji", "1954-04-20", "1954-08-18", 25_000),
        ];
        let aging = age(&invoices, day("1954-05-15")).unwrap();
        let minor = |b: &Buckets| b.map(Money::minor);
        assert_eq!(
            minor(&aging.counterparties["Wang Ji"]),
            [25_000, 0, 0, 0, 40_000, 0]
        );
        assert_eq!(
            minor(&aging.counterparties["Shashi SMC"]),
            [0, 100_000, 0, 0, 0, 0]
        );
        assert_eq!(minor(&aging.total), [25_000, 100_000, 0, 0, 40_000, 0]);
    }

    #[test]
    fn a_payment_clears_the_oldest_invoices_first() {
        let invoices = [
            invoice(7, "Wang Ji", "1954-03-01", "1954-04-01", 30_000),
            invoice(3, "Wang Ji", "1954-01-02", "1954-02-01", 10_000),
            invoice(5, "Wang Ji", "1954-03-01", "1954-04-01", 20_000),
        ];
        // Partly: the January invoice whole, then the lower-numbered of the March ones.
        let partial = allocate(Money::from_minor(25_000), &invoices, None).unwrap();
        assert_eq!(
            partial.applied,
            [
                (3, Money::from_minor(10_000)),
                (5, Money::from_minor(15_000))
            ]
        );
        assert_eq!(partial.left_over, Money::ZERO);
        // Over-paid: every invoice cleared, the rest an advance.
        let over = allocate(Money::from_minor(70_000), &invoices, None).unwrap();
        assert_eq!(over.applied.len(), 3);
        assert_eq!(over.left_over, Money::from_minor(10_000));
        // Nothing open: all of it is an advance.
        let advance = allocate(Money::from_minor(5_000), &[], None).unwrap();
        assert!(advance.applied.is_empty());
        assert_eq!(advance.left_over, Money::from_minor(5_000));
        // Told which invoice: that one first, then the oldest.
        let told = allocate(Money::from_minor(35_000), &invoices, Some(7)).unwrap();
        assert_eq!(
            told.applied,
            [
                (7, Money::from_minor(30_000)),
                (3, Money::from_minor(5_000))
            ]
        );
    }

    #[test]
    fn advances_count_from_the_day_they_were_paid() {
        let paid = [
            (day("1954-03-01"), Money::from_minor(50_000)),
            (day("1954-04-01"), Money::from_minor(20_000)),
        ];
        let left = |applied: i64, on: &str| {
            advance_left(&paid, Money::from_minor(applied), day(on))
                .unwrap()
                .minor()
        };
        assert_eq!(left(0, "1954-02-28"), 0);
        assert_eq!(left(0, "1954-03-01"), 50_000);
        assert_eq!(left(30_000, "1954-03-31"), 20_000);
        assert_eq!(left(30_000, "1954-04-01"), 40_000);
        // Taken beyond what was paid by the day: nothing left, never less.
        assert_eq!(left(60_000, "1954-03-15"), 0);
    }
}
