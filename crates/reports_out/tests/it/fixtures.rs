//! Reports as the application hands them out, built from balances.

use artel_app::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};
use artel_ledger::report::{
    BalanceRow, BalanceSheet, GeneralLedger, IncomeStatement, TrialBalance,
};
use artel_ledger::{AccountName, AccountType, Currency, Money};
use chrono::NaiveDate;

pub fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1954, month, day).unwrap()
}

pub fn cny() -> Currency {
    Currency::new("CNY", 2).unwrap()
}

fn row(name: &str, minor: i64) -> BalanceRow {
    BalanceRow {
        account: AccountName::parse(name).unwrap(),
        account_type: AccountType::from_top_level(name).unwrap(),
        balance: Money::from_minor(minor),
    }
}

/// The sample weaving cooperative's first half of 1954, with a loss.
pub fn balances() -> Vec<BalanceRow> {
    vec![
        row("Assets:Bank", 200_000),
        row("Assets:Cash", 375_550),
        row("Liabilities:Loans", -200_000),
        row("Liabilities:Wages Payable", -80_000),
        row("Equity:Share Capital", -300_000),
        row("Income:Sales", -120_550),
        row("Expenses:Materials", 45_000),
        row("Expenses:Wages", 80_000),
    ]
}

pub fn trial_balance_with(rows: Vec<BalanceRow>) -> TrialBalanceReport {
    TrialBalanceReport {
        book: "shashi-weaving".into(),
        currency: cny(),
        from: Some(day(1, 1)),
        to: Some(day(6, 30)),
        trial_balance: TrialBalance::new(rows).unwrap(),
    }
}

pub fn trial_balance() -> TrialBalanceReport {
    trial_balance_with(balances())
}

pub fn balance_sheet() -> BalanceSheetReport {
    let report = trial_balance();
    BalanceSheetReport {
        book: report.book,
        currency: report.currency,
        as_of: Some(day(6, 30)),
        balance_sheet: BalanceSheet::new(&report.trial_balance).unwrap(),
    }
}

pub fn income_statement() -> IncomeStatementReport {
    let report = trial_balance();
    IncomeStatementReport {
        book: report.book,
        currency: report.currency,
        from: report.from,
        to: None,
        income_statement: IncomeStatement::new(&report.trial_balance).unwrap(),
    }
}

pub fn general_ledger() -> GeneralLedgerReport {
    let postings = vec![
        (
            day(1, 20),
            2,
            "Materials for the looms".to_owned(),
            Money::from_minor(-45_000),
        ),
        (
            day(2, 28),
            4,
            "Payment received, \"cloth\"".to_owned(),
            Money::from_minor(120_550),
        ),
        (day(3, 5), 7, "布匹货款".to_owned(), Money::from_minor(-5)),
        (day(3, 6), 8, String::new(), Money::from_minor(5)),
    ];
    GeneralLedgerReport {
        book: "shashi-weaving".into(),
        currency: cny(),
        from: None,
        to: Some(day(6, 30)),
        general_ledger: GeneralLedger::new(
            AccountName::parse("Assets:Cash").unwrap(),
            Money::from_minor(300_000),
            postings,
        )
        .unwrap(),
    }
}
