//! The charter's credit limits checked against the sales and receivables: the share of a
//! period's sales made on credit, the longest credit term granted, and the share of all
//! receivables one buyer owes — each crossing named as a warning.

use std::collections::BTreeMap;

use artel_ledger::Money;

use crate::charter::CreditLimits;
use crate::sales::{SaleLine, Terms};

/// A charter credit limit crossed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditWarning {
    /// The share of sales on credit, in thousandths, above the charter's.
    CreditShare { per_mille: u64, limit: u32 },
    /// A buyer granted a longer term than the charter allows.
    CreditTerm {
        counterparty: String,
        days: u32,
        limit: u32,
    },
    /// One buyer owes a larger share of all receivables, in thousandths, than allowed.
    Exposure {
        counterparty: String,
        per_mille: u64,
        limit: u32,
    },
}

/// Thousandths as a percentage with one decimal: `805` is `80.5`.
pub fn per_mille_as_percent(per_mille: u64) -> String {
    format!("{}.{}", per_mille / 10, per_mille % 10)
}

/// `part ÷ whole` in thousandths, rounded down; none when the whole is nothing.
fn per_mille(part: Money, whole: Money) -> Option<u64> {
    let (part, whole) = (i128::from(part.minor()), i128::from(whole.minor()));
    if whole <= 0 {
        return None;
    }
    u64::try_from(part * 1000 / whole).ok()
}

fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    Money::from_minor(amounts.map(Money::minor).sum())
}

/// The amounts added up per buyer.
fn sum_by_buyer<'a>(amounts: impl Iterator<Item = (&'a str, Money)>) -> BTreeMap<&'a str, Money> {
    let mut sums: BTreeMap<&str, Money> = BTreeMap::new();
    for (buyer, amount) in amounts {
        let entry = sums.entry(buyer).or_insert(Money::ZERO);
        *entry = Money::from_minor(entry.minor() + amount.minor());
    }
    sums
}

/// The warnings for `sales` (a period's invoices) and `owed` (what each buyer owes on a
/// day over its open invoices; a buyer named twice counts once, both amounts added).
pub fn credit_warnings(
    limits: &CreditLimits,
    sales: &[SaleLine],
    owed: &[(String, Money)],
) -> Vec<CreditWarning> {
    let mut warnings = Vec::new();
    let on_credit = sum(sales
        .iter()
        .filter(|s| matches!(s.terms, Terms::Credit { .. }))
        .map(|s| s.amount));
    if let Some(share) = per_mille(on_credit, sum(sales.iter().map(|s| s.amount)))
        && share > u64::from(limits.credit_sales_share)
    {
        warnings.push(CreditWarning::CreditShare {
            per_mille: share,
            limit: limits.credit_sales_share,
        });
    }
    let mut longest: BTreeMap<&str, u32> = BTreeMap::new();
    for sale in sales {
        if let Terms::Credit { days } = sale.terms
            && days > limits.credit_term_days
        {
            let entry = longest.entry(sale.counterparty.as_str()).or_default();
            *entry = (*entry).max(days);
        }
    }
    warnings.extend(
        longest
            .into_iter()
            .map(|(counterparty, days)| CreditWarning::CreditTerm {
                counterparty: counterparty.to_owned(),
                days,
                limit: limits.credit_term_days,
            }),
    );
    let total = sum(owed.iter().map(|(_, amount)| *amount));
    let by_buyer = sum_by_buyer(owed.iter().map(|(buyer, amount)| (buyer.as_str(), *amount)));
    for (counterparty, amount) in by_buyer {
        if let Some(share) = per_mille(amount, total)
            && share > u64::from(limits.buyer_exposure_share)
        {
            warnings.push(CreditWarning::Exposure {
                counterparty: counterparty.to_owned(),
                per_mille: share,
                limit: limits.buyer_exposure_share,
            });
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::receivables::OpenInvoice;
    use crate::sales::CounterpartyType;

    fn sale(who: &str, minor: i64, terms: Terms) -> SaleLine {
        SaleLine {
            line: 0,
            date: NaiveDate::from_ymd_opt(1954, 4, 1).unwrap(),
            counterparty: who.into(),
            counterparty_type: CounterpartyType::PrivateMerchant,
            product: "cloth".into(),
            quantity: 1,
            amount: Money::from_minor(minor),
            terms,
            contract: None,
        }
    }

    /// What each buyer owes over `open`, as the store sums it for the warnings.
    fn owed_by_buyer(open: &[OpenInvoice]) -> Vec<(String, Money)> {
        sum_by_buyer(open.iter().map(|i| (i.counterparty.as_str(), i.open)))
            .into_iter()
            .map(|(buyer, amount)| (buyer.to_owned(), amount))
            .collect()
    }

    fn open(who: &str, minor: i64) -> OpenInvoice {
        let day = NaiveDate::from_ymd_opt(1954, 4, 1).unwrap();
        OpenInvoice {
            number: 1,
            counterparty: who.into(),
            date: day,
            due: day,
            open: Money::from_minor(minor),
        }
    }

    const LIMITS: CreditLimits = CreditLimits {
        credit_sales_share: 500,
        credit_term_days: 60,
        buyer_exposure_share: 400,
    };

    #[test]
    fn each_limit_warns_only_past_it() {
        // Exactly at every limit: half on credit, 60 days, a buyer owing 40 %.
        let sales = [
            sale("Wang Ji", 500, Terms::Credit { days: 60 }),
            sale("Li", 500, Terms::Cash),
        ];
        let at = [open("Wang Ji", 400), open("SMC", 300), open("Zhao", 300)];
        assert_eq!(credit_warnings(&LIMITS, &sales, &owed_by_buyer(&at)), []);
        // Past them: 80 % on credit, 120 days to Wang Ji, Wang Ji owing 80 %.
        let sales = [
            sale("Wang Ji", 800, Terms::Credit { days: 120 }),
            sale("Li", 200, Terms::Cash),
        ];
        let past = [open("Wang Ji", 800), open("SMC", 200)];
        assert_eq!(
            credit_warnings(&LIMITS, &sales, &owed_by_buyer(&past)),
            [
                CreditWarning::CreditShare {
                    per_mille: 800,
                    limit: 500
                },
                CreditWarning::CreditTerm {
                    counterparty: "Wang Ji".into(),
                    days: 120,
                    limit: 60
                },
                CreditWarning::Exposure {
                    counterparty: "Wang Ji".into(),
                    per_mille: 800,
                    limit: 400
                },
            ]
        );
        assert_eq!(per_mille_as_percent(805), "80.5");
        assert_eq!(per_mille_as_percent(1000), "100.0");
        // Nothing sold, nothing owed: nothing to warn of.
        assert_eq!(credit_warnings(&LIMITS, &[], &[]), []);
    }

    #[test]
    fn a_buyers_invoices_are_owed_together() {
        let open = [open("Wang Ji", 300), open("SMC", 500), open("Wang Ji", 200)];
        let owed = owed_by_buyer(&open);
        assert_eq!(
            owed,
            [
                ("SMC".to_owned(), Money::from_minor(500)),
                ("Wang Ji".to_owned(), Money::from_minor(500)),
            ]
        );
        // Exactly half each, past neither's limit of 60 %; a buyer named twice adds up.
        let limits = CreditLimits {
            buyer_exposure_share: 600,
            ..LIMITS
        };
        let split = [
            ("Wang Ji".to_owned(), Money::from_minor(300)),
            ("SMC".to_owned(), Money::from_minor(500)),
            ("Wang Ji".to_owned(), Money::from_minor(200)),
        ];
        assert_eq!(credit_warnings(&limits, &[], &owed), []);
        assert_eq!(credit_warnings(&limits, &[], &split), []);
        let lower = CreditLimits {
            buyer_exposure_share: 400,
            ..LIMITS
        };
        assert_eq!(
            credit_warnings(&lower, &[], &split),
            credit_warnings(&lower, &[], &owed)
        );
        assert_eq!(credit_warnings(&lower, &[], &owed).len(), 2);
    }
}
