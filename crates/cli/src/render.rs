//! How reports look on the command line: `text` for people (aligned, with totals), `csv`
//! and `json` for programs. Amounts are plain decimals with the currency's places. The
//! reports' CSV comes from `artel-reports-out`, so the web's downloads are the same bytes.

use std::io::{self, Write};

use artel_app::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};
use artel_ledger::report::Section;
use artel_ledger::{Currency, Money};
use artel_reports_out::OutError;
use comfy_table::{CellAlignment, Table, presets};
use serde_json::json;

use crate::cli::OutputFormat;

/// Rows of `(account, balance)` already formatted, as every balance report prints them.
pub fn balance_rows(
    out: &mut dyn Write,
    format: OutputFormat,
    book: &str,
    rows: &[(String, String)],
    totals: &[(String, String)],
) -> io::Result<()> {
    match format {
        OutputFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["account", "balance"])?;
            for (account, balance) in rows {
                writer.write_record([account, balance])?;
            }
            writer.flush()
        }
        OutputFormat::Json => {
            let rows: Vec<_> = rows
                .iter()
                .map(|(account, balance)| json!({"account": account, "balance": balance}))
                .collect();
            writeln!(out, "{}", json!({"book": book, "rows": rows}))
        }
        OutputFormat::Text => {
            let mut table = text_table(&["Account", "Balance"]);
            for (account, balance) in rows {
                table.add_row(vec![account.clone(), balance.clone()]);
            }
            for (label, amount) in totals {
                table.add_row(vec![label.clone(), amount.clone()]);
            }
            writeln!(out, "{table}")
        }
    }
}

/// The CSV of a report, written by `artel-reports-out` (the web downloads write the same).
fn report_csv(written: Result<(), OutError>) -> io::Result<()> {
    written.map_err(|error| match error {
        OutError::Io(error) => error,
        OutError::Csv(error) => error.into(),
        other => io::Error::other(other),
    })
}

fn text_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_header(header.to_vec());
    for index in 1..header.len() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

pub fn trial_balance(
    out: &mut dyn Write,
    format: OutputFormat,
    report: &TrialBalanceReport,
) -> io::Result<()> {
    if format == OutputFormat::Csv {
        return report_csv(artel_reports_out::write_trial_balance_csv(out, report));
    }
    let currency = &report.currency;
    let rows: Vec<(String, String)> = report
        .trial_balance
        .rows
        .iter()
        .map(|r| (r.account.to_string(), currency.format(r.balance)))
        .collect();
    let totals = [
        (
            "Total debits".to_owned(),
            currency.format(report.trial_balance.debit_total),
        ),
        (
            "Total credits".to_owned(),
            currency.format(report.trial_balance.credit_total),
        ),
    ];
    balance_rows(out, format, &report.book, &rows, &totals)
}

fn section_json(currency: &Currency, section: &Section) -> serde_json::Value {
    let rows: Vec<_> = section.rows.iter().map(|(account, amount)| json!({"account": account.as_str(), "amount": currency.format(*amount)})).collect();
    json!({"rows": rows, "total": currency.format(section.total)})
}

/// Statements (balance sheet, income statement): sections of accounts with their totals.
fn statement(
    out: &mut dyn Write,
    format: OutputFormat,
    currency: &Currency,
    lines: &[(&str, &Section)],
    result: (&str, Money),
    json_value: serde_json::Value,
    write_csv: &dyn Fn(&mut dyn Write) -> Result<(), OutError>,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => writeln!(out, "{json_value}"),
        OutputFormat::Csv => report_csv(write_csv(out)),
        OutputFormat::Text => {
            let mut table = text_table(&["", "Amount"]);
            for (name, section) in lines {
                table.add_row(vec![capitalised(name), String::new()]);
                for (account, amount) in &section.rows {
                    table.add_row(vec![format!("  {account}"), currency.format(*amount)]);
                }
                table.add_row(vec![
                    format!("Total {name}"),
                    currency.format(section.total),
                ]);
            }
            table.add_row(vec![capitalised(result.0), currency.format(result.1)]);
            writeln!(out, "{table}")
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn balance_sheet(
    out: &mut dyn Write,
    format: OutputFormat,
    report: &BalanceSheetReport,
) -> io::Result<()> {
    let sheet = &report.balance_sheet;
    let currency = &report.currency;
    let json_value = json!({
        "book": report.book,
        "as_of": report.as_of,
        "assets": section_json(currency, &sheet.assets),
        "liabilities": section_json(currency, &sheet.liabilities),
        "equity": section_json(currency, &sheet.equity),
        "undistributed_surplus": currency.format(sheet.undistributed_surplus),
    });
    let lines = [
        ("assets", &sheet.assets),
        ("liabilities", &sheet.liabilities),
        ("equity", &sheet.equity),
    ];
    statement(
        out,
        format,
        currency,
        &lines,
        ("undistributed surplus", sheet.undistributed_surplus),
        json_value,
        &|out| artel_reports_out::write_balance_sheet_csv(out, report),
    )
}

pub fn income_statement(
    out: &mut dyn Write,
    format: OutputFormat,
    report: &IncomeStatementReport,
) -> io::Result<()> {
    let statement_ = &report.income_statement;
    let currency = &report.currency;
    let json_value = json!({
        "book": report.book,
        "from": report.from,
        "to": report.to,
        "income": section_json(currency, &statement_.income),
        "expenses": section_json(currency, &statement_.expenses),
        "surplus": currency.format(statement_.surplus),
    });
    let lines = [
        ("income", &statement_.income),
        ("expenses", &statement_.expenses),
    ];
    statement(
        out,
        format,
        currency,
        &lines,
        ("surplus", statement_.surplus),
        json_value,
        &|out| artel_reports_out::write_income_statement_csv(out, report),
    )
}

pub fn general_ledger(
    out: &mut dyn Write,
    format: OutputFormat,
    report: &GeneralLedgerReport,
) -> io::Result<()> {
    let ledger = &report.general_ledger;
    let currency = &report.currency;
    match format {
        OutputFormat::Json => {
            let lines: Vec<_> = ledger
                .lines
                .iter()
                .map(|l| json!({"date": l.date, "sequence": l.sequence, "memo": l.memo, "amount": currency.format(l.amount), "balance": currency.format(l.balance)}))
                .collect();
            let value = json!({
                "book": report.book,
                "account": ledger.account.as_str(),
                "opening": currency.format(ledger.opening),
                "lines": lines,
                "closing": currency.format(ledger.closing),
            });
            writeln!(out, "{value}")
        }
        OutputFormat::Csv => report_csv(artel_reports_out::write_general_ledger_csv(out, report)),
        OutputFormat::Text => {
            let mut table = text_table(&["Date", "No.", "Memo", "Amount", "Balance"]);
            if let Some(column) = table.column_mut(2) {
                column.set_cell_alignment(CellAlignment::Left);
            }
            table.add_row(vec![
                String::new(),
                String::new(),
                "Opening balance".into(),
                String::new(),
                currency.format(ledger.opening),
            ]);
            for line in &ledger.lines {
                table.add_row(vec![
                    line.date.to_string(),
                    line.sequence.to_string(),
                    line.memo.clone(),
                    currency.format(line.amount),
                    currency.format(line.balance),
                ]);
            }
            writeln!(out, "{}\n{table}", ledger.account)
        }
    }
}

/// A row of figures compared with another period's: name, value, compared value, change.
pub type ComparedRow<'a> = (&'a str, Option<String>, Option<String>, Option<String>);

/// Figures compared with another period's as `indicator,value,compare,change_pct` (the
/// indicators and the compared statistics), empty cells where there is nothing.
pub fn compared_table(
    out: &mut dyn Write,
    format: OutputFormat,
    rows: &[ComparedRow<'_>],
) -> io::Result<()> {
    let cell = |value: &Option<String>| value.clone().unwrap_or_default();
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|(name, value, compare, change)| {
            [(*name).to_owned(), cell(value), cell(compare), cell(change)]
        })
        .collect();
    table(
        out,
        format,
        &["indicator", "value", "compare", "change_pct"],
        &cells,
    )
}

/// Any table of text cells: aligned text, CSV with the header, or JSON objects by header.
pub fn table<const N: usize>(
    out: &mut dyn Write,
    format: OutputFormat,
    header: &[&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    match format {
        OutputFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(header)?;
            for row in rows {
                writer.write_record(row)?;
            }
            writer.flush()
        }
        OutputFormat::Json => {
            let objects: Vec<serde_json::Value> = rows
                .iter()
                .map(|row| {
                    header
                        .iter()
                        .zip(row)
                        .map(|(name, cell)| ((*name).to_owned(), json!(cell)))
                        .collect()
                })
                .collect();
            writeln!(out, "{}", json!(objects))
        }
        OutputFormat::Text => {
            let mut table = Table::new();
            table
                .load_preset(presets::NOTHING)
                .set_header(header.to_vec());
            for row in rows {
                table.add_row(row.to_vec());
            }
            writeln!(out, "{table}")
        }
    }
}
