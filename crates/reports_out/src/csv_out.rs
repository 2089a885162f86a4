//! Reports as CSV for programs: UTF-8, a header row of fixed English names, amounts as
//! plain decimals with exactly the currency's places (`-1234.50`). This is what
//! `artel report … --format csv` prints; the command line calls the `write_*` functions.

use std::io::Write;

use artel_app::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};
use artel_ledger::report::Section;
use artel_ledger::{Currency, Money};

use crate::OutError;

/// `account,balance`, one row per account with a balance.
pub fn write_trial_balance_csv(
    out: &mut dyn Write,
    report: &TrialBalanceReport,
) -> Result<(), OutError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["account", "balance"])?;
    for row in &report.trial_balance.rows {
        writer.write_record([row.account.as_str(), &report.currency.format(row.balance)])?;
    }
    writer.flush()?;
    Ok(())
}

/// `section,account,amount`: each section's accounts, its total with an empty account,
/// then the result line.
fn write_statement(
    out: &mut dyn Write,
    currency: &Currency,
    sections: &[(&str, &Section)],
    result: (&str, Money),
) -> Result<(), OutError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["section", "account", "amount"])?;
    for (name, section) in sections {
        for (account, amount) in &section.rows {
            writer.write_record([*name, account.as_str(), &currency.format(*amount)])?;
        }
        writer.write_record([*name, "", &currency.format(section.total)])?;
    }
    writer.write_record([result.0, "", &currency.format(result.1)])?;
    writer.flush()?;
    Ok(())
}

pub fn write_balance_sheet_csv(
    out: &mut dyn Write,
    report: &BalanceSheetReport,
) -> Result<(), OutError> {
    let sheet = &report.balance_sheet;
    write_statement(
        out,
        &report.currency,
        &[
            ("assets", &sheet.assets),
            ("liabilities", &sheet.liabilities),
            ("equity", &sheet.equity),
        ],
        ("undistributed surplus", sheet.undistributed_surplus),
    )
}

pub fn write_income_statement_csv(
    out: &mut dyn Write,
    report: &IncomeStatementReport,
) -> Result<(), OutError> {
    let statement = &report.income_statement;
    write_statement(
        out,
        &report.currency,
        &[
            ("income", &statement.income),
            ("expenses", &statement.expenses),
        ],
        ("surplus", statement.surplus),
    )
}

/// `date,sequence,memo,amount,balance`, starting with the opening balance.
pub fn write_general_ledger_csv(
    out: &mut dyn Write,
    report: &GeneralLedgerReport,
) -> Result<(), OutError> {
    let ledger = &report.general_ledger;
    let currency = &report.currency;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["date", "sequence", "memo", "amount", "balance"])?;
    writer.write_record([
        "",
        "",
        "opening balance",
        "",
        &currency.format(ledger.opening),
    ])?;
    for line in &ledger.lines {
        writer.write_record([
            line.date.to_string(),
            line.sequence.to_string(),
            line.memo.clone(),
            currency.format(line.amount),
            currency.format(line.balance),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

fn to_bytes<R>(
    report: &R,
    write: fn(&mut dyn Write, &R) -> Result<(), OutError>,
) -> Result<Vec<u8>, OutError> {
    let mut bytes = Vec::new();
    write(&mut bytes, report)?;
    Ok(bytes)
}

pub fn trial_balance_csv(report: &TrialBalanceReport) -> Result<Vec<u8>, OutError> {
    to_bytes(report, write_trial_balance_csv)
}

pub fn balance_sheet_csv(report: &BalanceSheetReport) -> Result<Vec<u8>, OutError> {
    to_bytes(report, write_balance_sheet_csv)
}

pub fn income_statement_csv(report: &IncomeStatementReport) -> Result<Vec<u8>, OutError> {
    to_bytes(report, write_income_statement_csv)
}

pub fn general_ledger_csv(report: &GeneralLedgerReport) -> Result<Vec<u8>, OutError> {
    to_bytes(report, write_general_ledger_csv)
}
