//! The small demo: one weaving cooperative in Shashi with a whole year (1954) of books,
//! posted through the same use cases as everything else, and a demo user to sign in with.
//! Loading it again changes nothing: every entry carries its own idempotency key.
//! (The full Hubei 1954 dataset of the acceptance scenario is `artel demo`'s.)

use chrono::NaiveDate;

use crate::{AppError, Artel, NewPosting, OrganisationRequest, Scope};

/// The demo cooperative's code.
pub const DEMO_BOOK: &str = "demo-weaving";
const DEMO_USER: &str = "demo";
const DEMO_PASSWORD: &str = "demo-artel-1954";

/// How to sign in to the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub user: String,
    pub password: String,
    pub book: String,
}

/// Monthly activity relative to the year's average, in thousandths: a slow winter, a busy
/// spring after rectification, the autumn rush before the year's end.
const SEASON_PER_MILLE: [i64; 12] = [
    800, 750, 900, 1_100, 1_150, 1_200, 1_100, 1_050, 1_200, 1_300, 1_250, 1_400,
];

/// Postings in whole yuan: account and amount, summing to zero.
type YuanPostings = Vec<(&'static str, i64)>;

/// One entry of the demo: day, memo, postings.
type DemoEntry = (NaiveDate, String, YuanPostings);

fn day(month: u32, day: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(1954, month, day)
        .ok_or_else(|| AppError::Failed(format!("no day 1954-{month}-{day}")))
}

/// The year's entries, in yuan, derived from the season so the figures look like a year.
fn year_of_entries() -> Result<Vec<DemoEntry>, AppError> {
    let mut entries: Vec<DemoEntry> = vec![
        (
            day(1, 4)?,
            "Members pay their shares".into(),
            vec![
                ("Assets:Cash", 1_800_000),
                ("Equity:Share Capital", -1_800_000),
            ],
        ),
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
        let yarn = 2_000_000 * season / 1_000;
        let used = yarn * 9 / 10;
        let wages = 1_150_000 * season / 1_000;
        let overheads = 120_000;
        let credit_sales = 3_000_000 * season / 1_000;
        let cash_sales = 900_000 * season / 1_000;
        let tax = (credit_sales + cash_sales) * 3 / 100;
        let month_entries: [(u32, &str, YuanPostings); 11] = [
            (
                5,
                "Cotton yarn from the supply and marketing cooperative",
                vec![
                    ("Assets:Inventory:Materials", yarn),
                    ("Liabilities:Payables", -yarn),
                ],
            ),
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
                "Yarn used",
                vec![
                    ("Expenses:Production:Materials", used),
                    ("Assets:Inventory:Materials", -used),
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

impl Artel {
    /// Loads the small demo (safe to run again) and returns how to sign in to it.
    pub async fn load_small_demo(&self) -> Result<DemoSignIn, AppError> {
        if self.db.region_by_code("hubei").await?.is_none() {
            self.add_region("hubei", "湖北省 Hubei", None, Some("province"))
                .await?;
        }
        if self.db.region_by_code("shashi").await?.is_none() {
            self.add_region("shashi", "沙市 Shashi", Some("hubei"), Some("city"))
                .await?;
        }
        if self.db.organisation_by_code(DEMO_BOOK).await?.is_none() {
            let request = OrganisationRequest {
                code: DEMO_BOOK.into(),
                kind: "cooperative".into(),
                name: "示范织布生产合作社 Demo Weaving Production Cooperative".into(),
                region: Some("shashi".into()),
                parent: None,
                currency: "CNY".into(),
                scale: 2,
                founded: NaiveDate::from_ymd_opt(1952, 5, 1),
            };
            self.add_organisation(&request).await?;
            for role in ["accountant", "director"] {
                self.add_user(DEMO_USER, role, &Scope::Organisation(DEMO_BOOK.into()))
                    .await?;
            }
            self.set_password(DEMO_USER, DEMO_PASSWORD).await?;
        }
        for (number, (date, memo, postings)) in year_of_entries()?.into_iter().enumerate() {
            let postings: Vec<NewPosting> = postings
                .into_iter()
                .map(|(account, yuan)| NewPosting {
                    account: account.into(),
                    amount: format!("{yuan}.00"),
                })
                .collect();
            let key = format!("demo-1954-{number}");
            self.post_entry(
                DEMO_BOOK,
                date,
                &memo,
                Some(format!("demo {number}")),
                &postings,
                Some(&key),
            )
            .await?;
        }
        Ok(DemoSignIn {
            user: DEMO_USER.into(),
            password: DEMO_PASSWORD.into(),
            book: DEMO_BOOK.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_entry_balances_and_the_year_is_profitable() {
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
    }
}
