//! A cooperative's dashboard, in figures: cash and bank, receivables, the surplus so far
//! this year, and income and costs month by month — read from the maintained monthly
//! balances; only the postings of the dashboard day's own month are summed.

use artel_ledger::report::{BalanceRow, TrialBalance};
use artel_ledger::{AccountType, Currency, Money, MoneyError, Period};
use chrono::{Datelike, NaiveDate};

use crate::{AppError, Artel, Organisation};

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

fn money_error(error: MoneyError) -> AppError {
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

/// One month's income and costs from its balances by type of account (income is kept
/// as credits, so negative).
fn month_figures(
    period: Period,
    balances: impl Iterator<Item = Result<(AccountType, Money), MoneyError>>,
) -> Result<MonthFigures, AppError> {
    let mut income = Money::ZERO;
    let mut costs = Money::ZERO;
    for balance in balances {
        match balance.map_err(money_error)? {
            (AccountType::Income, amount) => {
                income = income.checked_sub(amount).map_err(money_error)?
            }
            (AccountType::Expense, amount) => {
                costs = costs.checked_add(amount).map_err(money_error)?
            }
            _ => {}
        }
    }
    Ok(MonthFigures {
        period,
        income,
        costs,
    })
}

/// The year closings' postings dated where `keep` says, undone (negated), by type of
/// account: a month's income and costs are counted as earned, before any closing.
fn undone(
    closings: &[(NaiveDate, BalanceRow)],
    keep: impl Fn(NaiveDate) -> bool,
) -> impl Iterator<Item = Result<(AccountType, Money), MoneyError>> {
    closings
        .iter()
        .filter(move |(date, _)| keep(*date))
        .map(|(_, row)| Ok((row.account_type, row.balance.checked_neg()?)))
}

impl Artel {
    /// The dashboard of `code` as of `as_of`, else as of the day of the book's last entry
    /// (today for a book without entries).
    pub async fn dashboard(
        &self,
        code: &str,
        as_of: Option<NaiveDate>,
    ) -> Result<Dashboard, AppError> {
        let organisation = self.book(code).await?;
        self.dashboard_of(&organisation, as_of).await
    }

    /// [`Artel::dashboard`] of an organisation already looked up by [`Artel::book`], for a
    /// page that reads it once for its navigation too.
    pub async fn dashboard_of(
        &self,
        organisation: &Organisation,
        as_of: Option<NaiveDate>,
    ) -> Result<Dashboard, AppError> {
        self.readable(organisation).await?;
        let as_of = match as_of {
            Some(date) => date,
            None => self
                .db
                .last_entry_date(organisation.org_id)
                .await?
                .unwrap_or_else(|| chrono::Utc::now().date_naive()),
        };
        let year_start = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of);
        let (to_date, this_month_rows) = self
            .db
            .balances_with_month(organisation.org_id, as_of)
            .await?;
        let to_date = TrialBalance::new(to_date).map_err(money_error)?;
        let cash_and_bank = sum_of(&to_date, &["Assets:Cash", "Assets:Bank"])?;
        let receivables = sum_of(&to_date, &["Assets:Receivable"])?;
        let closings = self.db.closing_postings(organisation.org_id).await?;
        let this_month = Period::of(as_of);
        // The whole months before `as_of`'s in one grouped read of the stored balances; the
        // year closings dated in them undone, as `activity` does.
        let first_month = Period::of(year_start);
        let totals = if first_month < this_month {
            self.db
                .month_totals(organisation.org_id, first_month, this_month.previous())
                .await?
        } else {
            Vec::new()
        };
        let mut months = Vec::new();
        let mut period = first_month;
        while period < this_month {
            let stored = totals
                .iter()
                .filter(|total| total.period == period)
                .map(|total| Ok((total.account_type, total.amount)));
            let undone = undone(&closings, |date| Period::of(date) == period);
            months.push(month_figures(period, stored.chain(undone))?);
            period = period.next();
        }
        // `as_of`'s month, partial unless `as_of` is its last day, with its closings undone.
        let posted = this_month_rows
            .into_iter()
            .map(|row| Ok((row.account_type, row.balance)));
        let undone = undone(&closings, |date| {
            Period::of(date) == this_month && date <= as_of
        });
        months.push(month_figures(this_month, posted.chain(undone))?);
        let mut surplus = Money::ZERO;
        for month in &months {
            surplus = surplus
                .checked_add(month.income)
                .and_then(|s| s.checked_sub(month.costs))
                .map_err(money_error)?;
        }
        Ok(Dashboard {
            book: organisation.code.clone(),
            name: organisation.name.clone(),
            currency: organisation.currency.clone(),
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
        Ok(self.db.last_entry_date(organisation.org_id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_counts_income_credits_and_expense_debits_only() {
        let period = Period::parse("2024-02").unwrap();
        let money = Money::from_minor;
        let balances = [
            (AccountType::Income, money(-12_050)),
            (AccountType::Expense, money(4_000)),
            (AccountType::Asset, money(8_050)),
            // A year closing undone: the income it moved away counted again.
            (AccountType::Income, money(-1_000)),
        ];
        let figures = month_figures(period, balances.into_iter().map(Ok)).unwrap();
        assert_eq!(
            figures,
            MonthFigures {
                period,
                income: money(13_050),
                costs: money(4_000),
            }
        );
        let overflow = [
            (AccountType::Expense, money(i64::MAX)),
            (AccountType::Expense, money(1)),
        ];
        assert!(month_figures(period, overflow.into_iter().map(Ok)).is_err());
    }
}
