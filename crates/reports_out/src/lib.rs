//! The books' reports as files to download and the charts the web pages draw: pure
//! functions from the application's report values to bytes or text, no IO.
//!
//! - [`xlsx`]: a workbook per report (`trial_balance_xlsx`, …) with a title, a header row,
//!   bold totals and number formats built from the currency's scale.
//! - [`csv_out`]: the same reports as CSV, exactly as `artel report … --format csv`
//!   prints them (the command line calls these functions).
//! - [`chart`]: accessible SVG bar charts.
//! - [`statement`]: a member's year-end statement laid out for `artel-pdf` to print.
//!
//! Text that people read (titles, column headings) comes from [`Labels`], so the caller
//! chooses English or Chinese; CSV keeps fixed English headings because programs read it.

pub mod chart;
pub mod csv_out;
mod labels;
pub mod statement;
pub mod xlsx;

use artel_ledger::{Decimal, Money};

pub use artel_pdf::{Fonts, PdfError, render as render_pdf};
pub use csv_out::{
    balance_sheet_csv, general_ledger_csv, income_statement_csv, trial_balance_csv,
    write_balance_sheet_csv, write_general_ledger_csv, write_income_statement_csv,
    write_trial_balance_csv,
};
pub use labels::{Labels, RegisterLabels, StatementLabels};
pub use statement::{StatementSource, member_statement};
pub use xlsx::{
    RegisterRow, StatisticLine, StatisticsSheet, balance_sheet_xlsx, general_ledger_xlsx,
    income_statement_xlsx, member_register_xlsx, statements_xlsx, statistics_xlsx,
    trial_balance_xlsx,
};

/// The largest number of minor units (either sign) written into a spreadsheet cell.
///
/// XLSX stores numbers as IEEE 754 doubles. An amount of `m` minor units at scale `s` is
/// written as the double nearest to `m / 10^s` (both operands are exact doubles and the
/// division is correctly rounded). Its error is at most `|m / 10^s| · 2^-53`, less than
/// half a minor unit whenever `|m| < 2^52`, so reading the cell back and rounding to `s`
/// places gives exactly the amount. The often-quoted bound of 2^53 is not enough once
/// there are decimals: 70368744177664.07 (7 036 874 417 766 407 minor units, below 2^53)
/// comes back as 70368744177664.08. Spreadsheet programs also show only 15 significant
/// digits, so the limit is 10^15 − 1 minor units (9 999 999 999 999.99 yuan at scale 2):
/// a larger amount is refused with [`OutError::NotExact`], never rounded.
pub const MAX_EXACT_MINOR: i64 = 999_999_999_999_999;

#[derive(Debug, thiserror::Error)]
pub enum OutError {
    #[error(
        "the amount {amount} has more than 15 significant digits and cannot be written \
         exactly into a spreadsheet"
    )]
    NotExact { amount: String },
    #[error("could not write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write CSV: {0}")]
    Io(#[from] std::io::Error),
    #[error("a total overflows: {0}")]
    Money(#[from] artel_ledger::MoneyError),
}

/// An amount as a plain decimal with `scale` places (`-1234.50`), as the whole
/// application writes amounts.
pub fn plain_decimal(minor: i64, scale: u8) -> String {
    Decimal {
        mantissa: minor,
        scale,
    }
    .to_string()
}

/// The double a spreadsheet cell holds for `amount`, or an error when that double could
/// not be read back as exactly the same amount (see [`MAX_EXACT_MINOR`]).
pub fn exact_f64(amount: Money, scale: u8) -> Result<f64, OutError> {
    let minor = amount.minor();
    if minor.unsigned_abs() > MAX_EXACT_MINOR.unsigned_abs() {
        return Err(OutError::NotExact {
            amount: plain_decimal(minor, scale),
        });
    }
    // Both conversions are exact: |minor| < 2^53 and 10^scale ≤ 10^18 < 10^22.
    #[allow(clippy::cast_precision_loss)]
    let value = minor as f64 / 10f64.powi(i32::from(scale));
    Ok(value)
}
