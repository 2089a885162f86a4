//! The demo's books for 1954 that no other record posts: the bank, the loan, sales, wages,
//! overheads, taxes and paying for yarn, month by month after the season. Share payments
//! are posted by the member register and the general assembly (`members`), yarn bought and
//! used by the stock movements (`stock`), so neither is posted here.

use chrono::NaiveDate;

use crate::AppError;

/// Monthly activity relative to the year's average, in thousandths: a slow winter, a busy
/// spring after rectification, the autumn rush before the year's end.
pub(super) const SEASON_PER_MILLE: [i64; 12] = [
    800, 750, 900, 1_100, 1_150, 1_200, 1_100, 1_050, 1_200, 1_300, 1_250, 1_400,
];

/// What a jin (斤, half a kilogram) of cotton yarn costs, in yuan.
pub(super) const YARN_PRICE: i64 = 10_000;

/// The jin of cotton yarn bought in a month of `season`: 200 in an average month.
pub(super) fn yarn_jin(season: i64) -> i64 {
    200 * season / 1_000
}

/// The jin of cotton yarn issued to the looms in a month of `season`: nine tenths of what
/// was bought.
pub(super) fn yarn_used_jin(season: i64) -> i64 {
    yarn_jin(season) * 9 / 10
}

fn yarn_bought(season: i64) -> i64 {
    yarn_jin(season) * YARN_PRICE
}

/// Postings in whole yuan: account and amount, summing to zero.
type YuanPostings = Vec<(&'static str, i64)>;

/// One entry of the demo: day, memo, postings.
pub(super) type DemoEntry = (NaiveDate, String, YuanPostings);

pub(super) fn day(month: u32, day: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(1954, month, day)
        .ok_or_else(|| AppError::Failed(format!("no day 1954-{month}-{day}")))
}

/// The year's entries, in yuan, derived from the season so the figures look like a year.
pub(super) fn year_of_entries() -> Result<Vec<DemoEntry>, AppError> {
    let mut entries: Vec<DemoEntry> = vec![
        (
            day(1, 6)?,
            "Cash deposited at the bank".into(),
            vec![("Assets:Bank", 1_000_000), ("Assets:Cash", -1_000_000)],
        ),
        (
            day(3, 15)?,
            "Bank loan against the supply contract".into(),
            vec![
                ("Assets:Bank", 3_000_000),
                ("Liabilities:Loans", -3_000_000),
            ],
        ),
        (
            day(10, 30)?,
            "Bank loan repaid with interest".into(),
            vec![
                ("Liabilities:Loans", 3_000_000),
                ("Expenses:Interest", 90_000),
                ("Assets:Bank", -3_090_000),
            ],
        ),
    ];
    let mut previous_credit_sales = 0;
    for (index, season) in SEASON_PER_MILLE.iter().enumerate() {
        let month = u32::try_from(index + 1).map_err(|e| AppError::Failed(e.to_string()))?;
        let yarn = yarn_bought(*season);
        let wages = 1_150_000 * season / 1_000;
        let overheads = 120_000;
        let credit_sales = 3_000_000 * season / 1_000;
        let cash_sales = 900_000 * season / 1_000;
        let tax = (credit_sales + cash_sales) * 3 / 100;
        let month_entries: [(u32, &str, YuanPostings); 9] = [
            (
                12,
                "Yarn paid for",
                vec![("Liabilities:Payables", yarn), ("Assets:Bank", -yarn)],
            ),
            (
                20,
                "Cloth delivered under contract, on credit",
                vec![
                    ("Assets:Receivables", credit_sales),
                    ("Income:Sales", -credit_sales),
                ],
            ),
            (
                25,
                "Cloth sold for cash at the market",
                vec![("Assets:Cash", cash_sales), ("Income:Sales", -cash_sales)],
            ),
            (
                26,
                "Takings deposited",
                vec![
                    ("Assets:Bank", cash_sales - overheads),
                    ("Assets:Cash", overheads - cash_sales),
                ],
            ),
            (
                27,
                "Supply and marketing cooperative pays last month's cloth",
                vec![
                    ("Assets:Bank", previous_credit_sales),
                    ("Assets:Receivables", -previous_credit_sales),
                ],
            ),
            (
                28,
                "Wages for the month",
                vec![
                    ("Expenses:Production:Wages", wages),
                    ("Liabilities:Wages Payable", -wages),
                ],
            ),
            (
                28,
                "Lamp oil, looms repaired",
                vec![
                    ("Expenses:Production:Overheads", overheads),
                    ("Assets:Cash", -overheads),
                ],
            ),
            (
                28,
                "Wages paid",
                vec![
                    ("Liabilities:Wages Payable", wages),
                    ("Assets:Bank", -wages),
                ],
            ),
            (
                28,
                "Sales tax",
                vec![("Expenses:Taxes", tax), ("Assets:Bank", -tax)],
            ),
        ];
        for (day_of_month, memo, postings) in month_entries {
            if postings.iter().all(|(_, amount)| *amount == 0) {
                continue;
            }
            entries.push((day(month, day_of_month)?, memo.to_owned(), postings));
        }
        previous_credit_sales = credit_sales;
    }
    entries.sort_by_key(|(date, _, _)| *date);
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_entry_balances_and_the_year_is_profitable_without_shares_or_yarn() {
        let entries = year_of_entries().unwrap();
        assert!(entries.len() > 100, "{}", entries.len());
        let mut surplus = 0;
        for (date, memo, postings) in &entries {
            assert_eq!(
                postings.iter().map(|(_, a)| a).sum::<i64>(),
                0,
                "{date} {memo}"
            );
            surplus -= postings
                .iter()
                .filter(|(a, _)| a.starts_with("Income") || a.starts_with("Expenses"))
                .map(|(_, a)| a)
                .sum::<i64>();
        }
        assert!(surplus > 0, "{surplus}");
        assert!(entries.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        assert!(
            !entries.iter().any(|(_, _, postings)| postings
                .iter()
                .any(|(account, _)| account.contains("Share Capital")
                    || account.contains("Inventory"))),
            "shares and yarn are posted by the register and the stock, not here"
        );
    }
}
