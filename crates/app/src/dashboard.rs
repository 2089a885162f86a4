//! A cooperative's dashboard, in figures: cash and bank, receivables, the surplus so far
//! this year, and income and costs month by month — all read from the maintained monthly
//! balances, never by scanning postings.

use artel_ledger::report::TrialBalance;
use artel_ledger::{AccountType, Currency, Money, Period};
use chrono::{Datelike, NaiveDate};

use crate::{AppError, Artel};

/// One month's income and costs (both as positive amounts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    pub period: Period,
    pub income: Money,
    pub costs: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub book: String,
    pub name: String,
    pub currency: Currency,
    /// The day the figures are as of.
    pub as_of: NaiveDate,
    pub cash_and_bank: Money,
    pub receivables: Money,
    /// Income less expenses from the first of January to `as_of`.
    pub surplus_this_year: Money,
    /// January to `as_of`'s month.
    pub months: Vec<MonthFigures>,
}

fn money_error(error: artel_ledger::MoneyError) -> AppError {
    AppError::Failed(error.to_string())
}

/// Sums the balances of accounts whose names start with one of `prefixes`.
fn sum_of(trial_balance: &TrialBalance, prefixes: &[&str]) -> Result<Money, AppError> {
    Money::checked_sum(
        trial_balance
            .rows
            .iter()
            .filter(|row| prefixes.iter().any(|p| row.account.as_str().starts_with(p)))
            .map(|row| row.balance),
    )
    .map_err(money_error)
}

impl Artel {
    /// The dashboard of `code` as of `as_of`.
    pub async fn dashboard(&self, code: &str, as_of: NaiveDate) -> Result<Dashboard, AppError> {
        let organisation = self.book(code).await?;
        let year_start = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of);
        let to_date = TrialBalance::new(
            self.db
                .balances(organisation.org_id, None, Some(as_of))
                .await?,
        )
        .map_err(money_error)?;
        let cash_and_bank = sum_of(&to_date, &["Assets:Cash", "Assets:Bank"])?;
        let receivables = sum_of(&to_date, &["Assets:Receivable"])?;
        let mut months = Vec::new();
        let mut surplus = Money::ZERO;
        let closings = self.db.closing_postings(organisation.org_id).await?;
        let mut period = Period::of(year_start);
        while period <= Period::of(as_of) {
            let end = period.last_day().min(as_of);
            let rows = self
                .activity(
                    &organisation,
                    &closings,
                    Some(period.first_day()),
                    Some(end),
                )
                .await?
                .rows;
            let mut income = Money::ZERO;
            let mut costs = Money::ZERO;
            for row in rows {
                match row.account_type {
                    AccountType::Income => {
                        income = income.checked_sub(row.balance).map_err(money_error)?
                    }
                    AccountType::Expense => {
                        costs = costs.checked_add(row.balance).map_err(money_error)?
                    }
                    _ => {}
                }
            }
            surplus = surplus
                .checked_add(income)
                .and_then(|s| s.checked_sub(costs))
                .map_err(money_error)?;
            months.push(MonthFigures {
                period,
                income,
                costs,
            });
            period = period.next();
        }
        Ok(Dashboard {
            book: organisation.code,
            name: organisation.name,
            currency: organisation.currency,
            as_of,
            cash_and_bank,
            receivables,
            surplus_this_year: surplus,
            months,
        })
    }

    /// The date of the book's last entry, for a dashboard of a book kept in another year.
    pub async fn last_entry_date(&self, code: &str) -> Result<Option<NaiveDate>, AppError> {
        let organisation = self.book(code).await?;
        let (last, _) = self.db.head(organisation.org_id).await?;
        if last == 0 {
            return Ok(None);
        }
        Ok(self
            .db
            .entries(organisation.org_id, last, last)
            .await?
            .into_iter()
            .next()
            .map(|entry| entry.date))
    }
}
