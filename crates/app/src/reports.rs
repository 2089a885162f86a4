//! The accounting reports of one book over a date range: trial balance, balance sheet,
//! income statement and an account's general ledger.

use artel_ledger::report::{
    BalanceRow, BalanceSheet, GeneralLedger, IncomeStatement, TrialBalance,
};
use artel_ledger::{AccountName, Currency, Money};
use artel_store::Organisation;
use chrono::NaiveDate;

use crate::{Action, AppError, Artel};

/// Bounds for open date ranges that compare correctly as ISO text in SQLite as well.
pub(crate) const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};
pub(crate) const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

fn money_error(error: artel_ledger::MoneyError) -> AppError {
    AppError::Failed(error.to_string())
}

/// Refuses a range whose start is after its end.
fn check_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), AppError> {
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(AppError::rejected(
            "--from",
            format!("{from} is after --to {to}"),
        )),
        _ => Ok(()),
    }
}

#[derive(Debug, Clone)]
pub struct TrialBalanceReport {
    pub book: String,
    pub currency: Currency,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub trial_balance: TrialBalance,
}

#[derive(Debug, Clone)]
pub struct BalanceSheetReport {
    pub book: String,
    pub currency: Currency,
    pub as_of: Option<NaiveDate>,
    pub balance_sheet: BalanceSheet,
}

#[derive(Debug, Clone)]
pub struct IncomeStatementReport {
    pub book: String,
    pub currency: Currency,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub income_statement: IncomeStatement,
}

#[derive(Debug, Clone)]
pub struct GeneralLedgerReport {
    pub book: String,
    pub currency: Currency,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub general_ledger: GeneralLedger,
}

impl Artel {
    /// Every account's balance over `from..=to`, both inclusive, either open.
    pub async fn trial_balance(
        &self,
        code: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<TrialBalanceReport, AppError> {
        check_range(from, to)?;
        let organisation = self.book(code).await?;
        let rows = self.db.balances(organisation.org_id, from, to).await?;
        let trial_balance = TrialBalance::new(rows).map_err(money_error)?;
        if !trial_balance.is_balanced() {
            return Err(AppError::Failed(format!(
                "the books of '{code}' do not balance; run `artel verify --book {code}`"
            )));
        }
        Ok(TrialBalanceReport {
            book: organisation.code,
            currency: organisation.currency,
            from,
            to,
            trial_balance,
        })
    }

    /// Every account's balance over `from..=to` without what the year closings among
    /// `closings` (from [`artel_store::Db::closing_postings`]) posted in it: the income and
    /// expenses of the range as earned, for the income statement, the dashboard and the
    /// production cost.
    pub(crate) async fn activity(
        &self,
        organisation: &Organisation,
        closings: &[(NaiveDate, BalanceRow)],
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<TrialBalance, AppError> {
        let rows = self.db.balances(organisation.org_id, from, to).await?;
        let inside =
            |date: &NaiveDate| from.is_none_or(|f| *date >= f) && to.is_none_or(|t| *date <= t);
        let undone = closings
            .iter()
            .filter(|(date, _)| inside(date))
            .map(|(_, row)| {
                Ok(BalanceRow {
                    balance: row.balance.checked_neg().map_err(money_error)?,
                    ..row.clone()
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        TrialBalance::new(rows.into_iter().chain(undone)).map_err(money_error)
    }

    /// Assets, liabilities and equity as of `as_of` (every entry up to that date).
    pub async fn balance_sheet(
        &self,
        code: &str,
        as_of: Option<NaiveDate>,
    ) -> Result<BalanceSheetReport, AppError> {
        let report = self.trial_balance(code, None, as_of).await?;
        let balance_sheet = BalanceSheet::new(&report.trial_balance).map_err(money_error)?;
        Ok(BalanceSheetReport {
            book: report.book,
            currency: report.currency,
            as_of,
            balance_sheet,
        })
    }

    /// Income, expenses and the surplus over `from..=to`, as earned: a year's closing entry,
    /// which moves them into the surplus, is left out.
    pub async fn income_statement(
        &self,
        code: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<IncomeStatementReport, AppError> {
        check_range(from, to)?;
        let organisation = self.book(code).await?;
        let closings = self.db.closing_postings(organisation.org_id).await?;
        let activity = self.activity(&organisation, &closings, from, to).await?;
        let income_statement = IncomeStatement::new(&activity).map_err(money_error)?;
        Ok(IncomeStatementReport {
            book: organisation.code,
            currency: organisation.currency,
            from,
            to,
            income_statement,
        })
    }

    /// One account's postings over `from..=to` with the running balance, starting from its
    /// balance before `from`.
    pub async fn general_ledger(
        &self,
        code: &str,
        account: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<GeneralLedgerReport, AppError> {
        check_range(from, to)?;
        let organisation = self.book_for(code, Action::ReadEntries).await?;
        let name = AccountName::parse(account)
            .map_err(|e| AppError::rejected("--account", e.to_string()))?;
        let accounts = self.db.accounts(organisation.org_id).await?;
        if !accounts.iter().any(|stored| stored.account.name == name) {
            return Err(AppError::rejected(
                "--account",
                format!("account '{name}' does not exist in the book of '{code}'"),
            ));
        }
        let opening = match from.and_then(|from| from.pred_opt()) {
            Some(day_before) => self
                .db
                .balances(organisation.org_id, None, Some(day_before))
                .await?
                .into_iter()
                .find(|row| row.account == name)
                .map_or(Money::ZERO, |row| row.balance),
            None => Money::ZERO,
        };
        let postings = self
            .db
            .account_postings(
                organisation.org_id,
                &name,
                from.unwrap_or(FIRST_DAY),
                to.unwrap_or(LAST_DAY),
            )
            .await?;
        let general_ledger = GeneralLedger::new(name, opening, postings).map_err(money_error)?;
        Ok(GeneralLedgerReport {
            book: organisation.code,
            currency: organisation.currency,
            from,
            to,
            general_ledger,
        })
    }
}

impl Artel {
    /// A page of the book's entries, filtered by date and paged by sequence number.
    pub async fn entries(
        &self,
        code: &str,
        filter: artel_store::EntryFilter,
    ) -> Result<Vec<artel_store::StoredEntry>, AppError> {
        check_range(filter.from, filter.to)?;
        let organisation = self.book_for(code, Action::ReadEntries).await?;
        Ok(self.db.list_entries(organisation.org_id, filter).await?)
    }

    /// One entry of the book by its sequence number.
    pub async fn entry(
        &self,
        code: &str,
        sequence: u64,
    ) -> Result<artel_store::StoredEntry, AppError> {
        let organisation = self.book_for(code, Action::ReadEntries).await?;
        self.db
            .entries(organisation.org_id, sequence, sequence)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| AppError::NotFound {
                place: "sequence".into(),
                message: format!("entry {sequence} does not exist in '{code}'"),
            })
    }
}
