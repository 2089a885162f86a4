//! A withdrawing member's settlement by the charter: they leave after the notice period;
//! their paid-in shares are refunded at nominal value, less what they owe when the charter
//! says so, in instalments after the waiting period. A debt larger than the shares is not
//! refunded but stays owed. The instalments add up to the refund to the minor unit.

use artel_ledger::{Money, MoneyError};
use chrono::{Days, NaiveDate};

use crate::charter::Charter;

/// One payment of the refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instalment {
    pub due: NaiveDate,
    pub amount: Money,
}

/// What a withdrawal settles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// The day the member leaves: the request plus the notice period.
    pub leaves_on: NaiveDate,
    /// The paid-in shares at nominal value.
    pub paid_in: Money,
    /// What was deducted for the member's debts.
    pub deducted: Money,
    /// What the cooperative pays back: `paid_in - deducted`.
    pub refund: Money,
    /// What the member still owes after the deduction.
    pub debt_left: Money,
    /// The refund's payments, oldest first; none when nothing is refunded.
    pub instalments: Vec<Instalment>,
}

/// The day a member who asked to withdraw on `requested` leaves: when the charter's
/// notice has run. It holds for every member, those with nothing paid in too.
pub fn leaves_on(charter: &Charter, requested: NaiveDate) -> Result<NaiveDate, MoneyError> {
    requested
        .checked_add_days(Days::new(u64::from(charter.withdrawal.notice_days)))
        .ok_or(MoneyError::Overflow)
}

/// Settles the withdrawal of a member with `shares_paid` paid-in shares who owes `debts`,
/// asked on `requested`.
pub fn settle(
    charter: &Charter,
    shares_paid: u32,
    debts: Money,
    requested: NaiveDate,
) -> Result<Settlement, MoneyError> {
    let rules = charter.withdrawal;
    let later = |date: NaiveDate, days: u64| {
        date.checked_add_days(Days::new(days))
            .ok_or(MoneyError::Overflow)
    };
    let leaves_on = leaves_on(charter, requested)?;
    let paid_in = charter.shares_value(shares_paid)?;
    let owed = debts.max(Money::ZERO);
    let deducted = if rules.deduct_debts {
        owed.min(paid_in)
    } else {
        Money::ZERO
    };
    let refund = paid_in.checked_sub(deducted)?;
    let debt_left = owed.checked_sub(deducted)?;
    let count = i64::from(rules.instalments.max(1));
    let (each, remainder) = (refund.minor() / count, refund.minor() % count);
    let mut instalments = Vec::new();
    if refund > Money::ZERO {
        let first_due = later(leaves_on, u64::from(rules.waiting_days))?;
        for k in 0..count {
            let due = later(
                first_due,
                u64::try_from(k).unwrap_or(0) * u64::from(rules.instalment_interval_days),
            )?;
            // The odd minor units go to the first payments, one each.
            let amount = Money::from_minor(each + i64::from(k < remainder));
            instalments.push(Instalment { due, amount });
        }
    }
    Ok(Settlement {
        leaves_on,
        paid_in,
        deducted,
        refund,
        debt_left,
        instalments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn shares_are_refunded_after_the_notice_less_debts() {
        let charter = Charter::default_for_scale(2);
        let settlement = settle(&charter, 3, Money::from_minor(450), day("1954-04-01")).unwrap();
        assert_eq!(settlement.leaves_on, day("1954-05-01"));
        assert_eq!(settlement.paid_in, Money::from_minor(3_000));
        assert_eq!(settlement.deducted, Money::from_minor(450));
        assert_eq!(settlement.refund, Money::from_minor(2_550));
        assert_eq!(settlement.debt_left, Money::ZERO);
        assert_eq!(
            settlement.instalments,
            vec![Instalment {
                due: day("1954-05-01"),
                amount: Money::from_minor(2_550)
            }]
        );
    }

    #[test]
    fn a_debt_larger_than_the_shares_is_not_refunded_but_stays_owed() {
        let charter = Charter::default_for_scale(2);
        let settlement = settle(&charter, 2, Money::from_minor(2_600), day("1954-04-01")).unwrap();
        assert_eq!(settlement.deducted, Money::from_minor(2_000));
        assert_eq!(settlement.refund, Money::ZERO);
        assert_eq!(settlement.debt_left, Money::from_minor(600));
        assert!(settlement.instalments.is_empty());
        // Without deduction, the whole paid-in value comes back and the debt stays.
        let mut kept = charter;
        kept.withdrawal.deduct_debts = false;
        let settlement = settle(&kept, 2, Money::from_minor(2_600), day("1954-04-01")).unwrap();
        assert_eq!(settlement.refund, Money::from_minor(2_000));
        assert_eq!(settlement.debt_left, Money::from_minor(2_600));
    }

    #[test]
    fn instalments_add_up_to_the_refund_to_the_minor_unit() {
        let mut charter = Charter::default_for_scale(2);
        charter.share_value = Money::from_minor(1_001);
        charter.withdrawal.waiting_days = 90;
        charter.withdrawal.instalments = 3;
        charter.withdrawal.instalment_interval_days = 30;
        let settlement = settle(&charter, 1, Money::ZERO, day("1954-01-31")).unwrap();
        let amounts: Vec<i64> = settlement
            .instalments
            .iter()
            .map(|i| i.amount.minor())
            .collect();
        assert_eq!(amounts, [334, 334, 333]);
        let dues: Vec<NaiveDate> = settlement.instalments.iter().map(|i| i.due).collect();
        assert_eq!(
            dues,
            [day("1954-05-31"), day("1954-06-30"), day("1954-07-30")]
        );
        for shares in 0..40 {
            for count in 1..7 {
                charter.withdrawal.instalments = count;
                let s = settle(&charter, shares, Money::from_minor(77), day("1954-01-01")).unwrap();
                let sum = Money::checked_sum(s.instalments.iter().map(|i| i.amount)).unwrap();
                assert_eq!(sum, s.refund, "{shares} shares in {count}");
                assert_eq!(s.refund.checked_add(s.deducted).unwrap(), s.paid_in);
            }
        }
    }
}
