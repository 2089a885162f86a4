//! The accounting reports, computed from account balances: trial balance, balance sheet,
//! income statement, and an account's general ledger with its running balance.
//!
//! Balances are signed as stored: debits positive, credits negative. The balance sheet and
//! income statement show each section in its normal sign (liabilities, equity and income
//! as positive numbers) so a committee reads them as it expects.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::account::{AccountName, AccountType};
use crate::money::{Money, MoneyError};

/// One account's balance over some range of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRow {
    pub account: AccountName,
    pub account_type: AccountType,
    /// Debits minus credits.
    pub balance: Money,
}

/// Every account with a non-zero balance, ordered by name, and the debit and credit totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialBalance {
    pub rows: Vec<BalanceRow>,
    pub debit_total: Money,
    pub credit_total: Money,
}

impl TrialBalance {
    /// Builds the trial balance from balances in any order; repeated accounts are summed.
    pub fn new(rows: impl IntoIterator<Item = BalanceRow>) -> Result<TrialBalance, MoneyError> {
        let mut merged: BTreeMap<AccountName, (AccountType, Money)> = BTreeMap::new();
        for row in rows {
            let slot = merged
                .entry(row.account)
                .or_insert((row.account_type, Money::ZERO));
            slot.1 = slot.1.checked_add(row.balance)?;
        }
        let rows: Vec<BalanceRow> = merged
            .into_iter()
            .filter(|(_, (_, balance))| !balance.is_zero())
            .map(|(account, (account_type, balance))| BalanceRow {
                account,
                account_type,
                balance,
            })
            .collect();
        let mut debit_total = Money::ZERO;
        let mut credit_total = Money::ZERO;
        for row in &rows {
            if row.balance.minor() > 0 {
                debit_total = debit_total.checked_add(row.balance)?;
            } else {
                credit_total = credit_total.checked_sub(row.balance)?;
            }
        }
        Ok(TrialBalance {
            rows,
            debit_total,
            credit_total,
        })
    }

    /// Whether debits equal credits, as they must for books made of balanced entries.
    pub fn is_balanced(&self) -> bool {
        self.debit_total == self.credit_total
    }
}

/// A section of a statement: its rows in their normal sign and their total.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub rows: Vec<(AccountName, Money)>,
    pub total: Money,
}

impl Section {
    fn collect(rows: &[BalanceRow], account_type: AccountType) -> Result<Section, MoneyError> {
        let mut section = Section::default();
        for row in rows.iter().filter(|r| r.account_type == account_type) {
            let shown = if account_type.is_debit_normal() {
                row.balance
            } else {
                row.balance.checked_neg()?
            };
            section.total = section.total.checked_add(shown)?;
            section.rows.push((row.account.clone(), shown));
        }
        Ok(section)
    }
}

/// Income and expenses over a range of dates, and the surplus (negative: a loss).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeStatement {
    pub income: Section,
    pub expenses: Section,
    pub surplus: Money,
}

impl IncomeStatement {
    pub fn new(trial_balance: &TrialBalance) -> Result<IncomeStatement, MoneyError> {
        let income = Section::collect(&trial_balance.rows, AccountType::Income)?;
        let expenses = Section::collect(&trial_balance.rows, AccountType::Expense)?;
        let surplus = income.total.checked_sub(expenses.total)?;
        Ok(IncomeStatement {
            income,
            expenses,
            surplus,
        })
    }
}

/// Assets, liabilities and equity as of a date. Income and expenses not yet closed into
/// equity appear as one line, the surplus not yet distributed, so both sides agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceSheet {
    pub assets: Section,
    pub liabilities: Section,
    pub equity: Section,
    pub undistributed_surplus: Money,
}

impl BalanceSheet {
    /// `trial_balance` must cover every entry up to the balance sheet's date.
    pub fn new(trial_balance: &TrialBalance) -> Result<BalanceSheet, MoneyError> {
        let assets = Section::collect(&trial_balance.rows, AccountType::Asset)?;
        let liabilities = Section::collect(&trial_balance.rows, AccountType::Liability)?;
        let equity = Section::collect(&trial_balance.rows, AccountType::Equity)?;
        let undistributed_surplus = IncomeStatement::new(trial_balance)?.surplus;
        Ok(BalanceSheet {
            assets,
            liabilities,
            equity,
            undistributed_surplus,
        })
    }

    /// Liabilities, equity and the undistributed surplus together.
    pub fn liabilities_and_equity_total(&self) -> Result<Money, MoneyError> {
        self.liabilities
            .total
            .checked_add(self.equity.total)?
            .checked_add(self.undistributed_surplus)
    }
}

/// A posting of one account, as the general ledger lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerLine {
    pub date: NaiveDate,
    pub sequence: u64,
    pub memo: String,
    pub amount: Money,
    /// The account's balance after this posting.
    pub balance: Money,
}

/// One account's postings over a range with the running balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneralLedger {
    pub account: AccountName,
    pub opening: Money,
    pub lines: Vec<LedgerLine>,
    pub closing: Money,
}

impl GeneralLedger {
    /// `postings` are `(date, sequence, memo, amount)` in the book's order.
    pub fn new(
        account: AccountName,
        opening: Money,
        postings: impl IntoIterator<Item = (NaiveDate, u64, String, Money)>,
    ) -> Result<GeneralLedger, MoneyError> {
        let mut balance = opening;
        let mut lines = Vec::new();
        for (date, sequence, memo, amount) in postings {
            balance = balance.checked_add(amount)?;
            lines.push(LedgerLine {
                date,
                sequence,
                memo,
                amount,
                balance,
            });
        }
        Ok(GeneralLedger {
            account,
            opening,
            lines,
            closing: balance,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(name: &str, minor: i64) -> BalanceRow {
        let account = AccountName::parse(name).unwrap();
        let account_type = AccountType::from_top_level(name).unwrap();
        BalanceRow {
            account,
            account_type,
            balance: Money::from_minor(minor),
        }
    }

    #[test]
    fn statements_agree() {
        let tb = TrialBalance::new([
            row("Assets:Cash", 30_000),
            row("Assets:Receivables", 12_050),
            row("Equity:Share Capital", -30_000),
            row("Income:Sales", -20_050),
            row("Expenses:Production:Wages", 8_000),
            row("Liabilities:Payables", 0),
        ])
        .unwrap();
        assert_eq!(tb.rows.len(), 5);
        assert!(tb.is_balanced());
        let income = IncomeStatement::new(&tb).unwrap();
        assert_eq!(income.surplus, Money::from_minor(12_050));
        let sheet = BalanceSheet::new(&tb).unwrap();
        assert_eq!(sheet.assets.total, Money::from_minor(42_050));
        assert_eq!(
            sheet.liabilities_and_equity_total().unwrap(),
            sheet.assets.total
        );
    }

    #[test]
    fn general_ledger_runs_the_balance() {
        let day = NaiveDate::from_ymd_opt(1954, 1, 1).unwrap();
        let gl = GeneralLedger::new(
            AccountName::parse("Assets:Cash").unwrap(),
            Money::from_minor(100),
            [
                (day, 1, "a".into(), Money::from_minor(50)),
                (day, 2, "b".into(), Money::from_minor(-30)),
            ],
        )
        .unwrap();
        let balances: Vec<i64> = gl.lines.iter().map(|l| l.balance.minor()).collect();
        assert_eq!(balances, [150, 120]);
        assert_eq!(gl.closing, Money::from_minor(120));
    }

    proptest! {
        #[test]
        fn every_trial_balance_of_balanced_entries_sums_to_zero(
            entries in proptest::collection::vec(proptest::collection::vec((0usize..6, -1_000_000i64..1_000_000), 1..6), 0..40)
        ) {
            let names = ["Assets:Cash", "Assets:Bank", "Liabilities:Loans", "Equity:Share Capital", "Income:Sales", "Expenses:Taxes"];
            let mut rows = Vec::new();
            for postings in entries {
                let sum: i64 = postings.iter().map(|p| p.1).sum();
                for (account, amount) in postings {
                    rows.push(row(names[account], amount));
                }
                rows.push(row("Equity:Opening Balances", -sum));
            }
            let tb = TrialBalance::new(rows).unwrap();
            prop_assert!(tb.is_balanced());
            let sum: i64 = tb.rows.iter().map(|r| r.balance.minor()).sum();
            prop_assert_eq!(sum, 0);
            let sheet = BalanceSheet::new(&tb).unwrap();
            prop_assert_eq!(sheet.liabilities_and_equity_total().unwrap(), sheet.assets.total);
        }
    }
}
