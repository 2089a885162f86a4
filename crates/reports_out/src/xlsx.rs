//! Reports as XLSX workbooks of one sheet each.
//!
//! Every sheet has the same frame: the title with the book's code in the first row, the
//! date range in the second, an empty row, the column headings in the fourth (frozen), then
//! the report. Amounts are numbers, not text, so that they can be added up, with a number
//! format of exactly the currency's places (`#,##0.00` for a scale of 2). Totals are bold.
//!
//! XLSX holds numbers as IEEE doubles: an amount becomes a double only in the call that
//! writes its cell ([`crate::exact_f64`]), and one that could not be read back exactly
//! makes the whole workbook an error ([`crate::MAX_EXACT_MINOR`]).

use artel_app::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};
use artel_ledger::Money;
use artel_ledger::report::Section;
use rust_xlsxwriter::{ColNum, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet};

use crate::{Labels, OutError, exact_f64};

/// The row of the column headings (zero-based); the report starts on the next row.
pub const HEADER_ROW: RowNum = 3;

/// The `#,##0.00` number format with `scale` decimal places.
pub fn number_format(scale: u8) -> String {
    if scale == 0 {
        "#,##0".to_owned()
    } else {
        format!("#,##0.{}", "0".repeat(usize::from(scale)))
    }
}

/// Column width as a spreadsheet counts it: characters, wide (CJK) ones twice.
fn display_width(text: &str) -> f64 {
    let width: usize = text
        .chars()
        .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
        .sum();
    // Widths are small counts of characters; the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let width = width as f64;
    width
}

struct Formats {
    title: Format,
    header: Format,
    header_amount: Format,
    indented: Format,
    bold: Format,
    amount: Format,
    total_amount: Format,
}

impl Formats {
    fn new(scale: u8) -> Formats {
        let amount = Format::new().set_num_format(number_format(scale));
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            header_amount: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Right),
            indented: Format::new().set_indent(1),
            bold: Format::new().set_bold(),
            total_amount: amount.clone().set_bold().set_border_top(FormatBorder::Thin),
            amount,
        }
    }
}

/// A sheet being written row by row, remembering each column's widest cell.
struct Sheet {
    worksheet: Worksheet,
    formats: Formats,
    scale: u8,
    row: RowNum,
    widths: Vec<f64>,
}

/// How a text cell looks.
#[derive(Clone, Copy)]
enum Style {
    Plain,
    Indented,
    Bold,
}

impl Sheet {
    fn new(
        name: &str,
        title: &str,
        book: &str,
        range: &str,
        scale: u8,
        headings: &[(&str, bool)],
    ) -> Result<Sheet, OutError> {
        let mut worksheet = Worksheet::new();
        worksheet.set_name(name)?;
        let formats = Formats::new(scale);
        worksheet.write_string_with_format(0, 0, format!("{title} — {book}"), &formats.title)?;
        worksheet.write_string(1, 0, range)?;
        let mut sheet = Sheet {
            worksheet,
            formats,
            scale,
            row: HEADER_ROW,
            widths: vec![0.0; headings.len()],
        };
        for (column, (heading, is_amount)) in (0..).zip(headings) {
            let format = if *is_amount {
                &sheet.formats.header_amount
            } else {
                &sheet.formats.header
            };
            sheet
                .worksheet
                .write_string_with_format(HEADER_ROW, column, *heading, format)?;
            sheet.widen(column, display_width(heading));
        }
        sheet.worksheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        sheet.row = HEADER_ROW + 1;
        Ok(sheet)
    }

    fn widen(&mut self, column: ColNum, width: f64) {
        if let Some(slot) = self.widths.get_mut(usize::from(column)) {
            *slot = slot.max(width);
        }
    }

    fn text(&mut self, column: ColNum, text: &str, style: Style) -> Result<(), OutError> {
        if text.is_empty() {
            return Ok(());
        }
        let (format, indent) = match style {
            Style::Plain => (None, 0.0),
            Style::Indented => (Some(&self.formats.indented), 2.0),
            Style::Bold => (Some(&self.formats.bold), 0.0),
        };
        match format {
            Some(format) => self
                .worksheet
                .write_string_with_format(self.row, column, text, format)?,
            None => self.worksheet.write_string(self.row, column, text)?,
        };
        self.widen(column, display_width(text) + indent);
        Ok(())
    }

    fn amount(&mut self, column: ColNum, amount: Money, total: bool) -> Result<(), OutError> {
        let value = exact_f64(amount, self.scale)?;
        let format = if total {
            &self.formats.total_amount
        } else {
            &self.formats.amount
        };
        self.worksheet
            .write_number_with_format(self.row, column, value, format)?;
        // The digits, a separator per three of them, the point and the sign.
        let digits = crate::plain_decimal(amount.minor(), self.scale).len();
        self.widen(column, display_width(&"0".repeat(digits + digits / 3)));
        Ok(())
    }

    fn whole_number(&mut self, column: ColNum, number: u64) -> Result<(), OutError> {
        let text = number.to_string();
        // Sequence numbers are far below 2^53; a larger one is written as text.
        if number < (1 << 53) {
            #[allow(clippy::cast_precision_loss)]
            let value = number as f64;
            self.worksheet.write_number(self.row, column, value)?;
        } else {
            self.worksheet.write_string(self.row, column, &text)?;
        }
        self.widen(column, display_width(&text));
        Ok(())
    }

    /// An exact decimal (a count, a rate with one decimal, an amount) as a number with as
    /// many places as it has.
    fn decimal(&mut self, column: ColNum, figure: artel_app::Figure) -> Result<(), OutError> {
        let units = i64::try_from(figure.units).map_err(|_| OutError::NotExact {
            amount: figure.to_string(),
        })?;
        let value = exact_f64(Money::from_minor(units), figure.scale)?;
        let format = Format::new().set_num_format(number_format(figure.scale));
        self.worksheet
            .write_number_with_format(self.row, column, value, &format)?;
        let digits = crate::plain_decimal(units, figure.scale).len();
        self.widen(column, display_width(&"0".repeat(digits + digits / 3)));
        Ok(())
    }

    fn next_row(&mut self) {
        self.row += 1;
    }

    fn finish(mut self) -> Result<Vec<u8>, OutError> {
        for (column, width) in (0..).zip(self.widths.clone()) {
            self.worksheet
                .set_column_width(column, (width + 2.0).clamp(8.0, 80.0))?;
        }
        let mut workbook = Workbook::new();
        workbook.push_worksheet(self.worksheet);
        Ok(workbook.save_to_buffer()?)
    }
}

/// The amount column's heading with the currency: "Balance (CNY)".
fn with_currency(heading: &str, symbol: &str) -> String {
    format!("{heading} ({symbol})")
}

/// Account, balance; then the debit and credit totals in bold.
pub fn trial_balance_xlsx(
    report: &TrialBalanceReport,
    labels: &Labels,
) -> Result<Vec<u8>, OutError> {
    let balance = with_currency(&labels.balance, report.currency.symbol());
    let mut sheet = Sheet::new(
        &labels.trial_balance,
        &labels.trial_balance,
        &report.book,
        &labels.range(report.from, report.to),
        report.currency.scale(),
        &[(&labels.account, false), (&balance, true)],
    )?;
    let trial_balance = &report.trial_balance;
    for row in &trial_balance.rows {
        sheet.text(0, row.account.as_str(), Style::Plain)?;
        sheet.amount(1, row.balance, false)?;
        sheet.next_row();
    }
    sheet.text(0, &labels.total_debits, Style::Bold)?;
    sheet.amount(1, trial_balance.debit_total, true)?;
    sheet.next_row();
    sheet.text(0, &labels.total_credits, Style::Bold)?;
    sheet.amount(1, trial_balance.credit_total, true)?;
    sheet.finish()
}

/// A statement's sections: the section's name in bold, its accounts indented, its total in
/// bold; then the result line in bold.
fn statement(
    mut sheet: Sheet,
    sections: &[(&str, &str, &Section)],
    result: (&str, Money),
) -> Result<Vec<u8>, OutError> {
    for (name, total_label, section) in sections {
        sheet.text(0, name, Style::Bold)?;
        sheet.next_row();
        for (account, amount) in &section.rows {
            sheet.text(0, account.as_str(), Style::Indented)?;
            sheet.amount(1, *amount, false)?;
            sheet.next_row();
        }
        sheet.text(0, total_label, Style::Bold)?;
        sheet.amount(1, section.total, true)?;
        sheet.next_row();
    }
    sheet.text(0, result.0, Style::Bold)?;
    sheet.amount(1, result.1, true)?;
    sheet.finish()
}

/// Assets, liabilities and equity as of the report's date, and the undistributed surplus.
pub fn balance_sheet_xlsx(
    report: &BalanceSheetReport,
    labels: &Labels,
) -> Result<Vec<u8>, OutError> {
    let amount = with_currency(&labels.amount, report.currency.symbol());
    let sheet = Sheet::new(
        &labels.balance_sheet,
        &labels.balance_sheet,
        &report.book,
        &labels.as_of_date(report.as_of),
        report.currency.scale(),
        &[(&labels.account, false), (&amount, true)],
    )?;
    let balance_sheet = &report.balance_sheet;
    statement(
        sheet,
        &[
            (&labels.assets, &labels.total_assets, &balance_sheet.assets),
            (
                &labels.liabilities,
                &labels.total_liabilities,
                &balance_sheet.liabilities,
            ),
            (&labels.equity, &labels.total_equity, &balance_sheet.equity),
        ],
        (
            &labels.undistributed_surplus,
            balance_sheet.undistributed_surplus,
        ),
    )
}

/// Income and expenses over the report's range, and the surplus.
pub fn income_statement_xlsx(
    report: &IncomeStatementReport,
    labels: &Labels,
) -> Result<Vec<u8>, OutError> {
    let amount = with_currency(&labels.amount, report.currency.symbol());
    let sheet = Sheet::new(
        &labels.income_statement,
        &labels.income_statement,
        &report.book,
        &labels.range(report.from, report.to),
        report.currency.scale(),
        &[(&labels.account, false), (&amount, true)],
    )?;
    let income_statement = &report.income_statement;
    statement(
        sheet,
        &[
            (
                &labels.income,
                &labels.total_income,
                &income_statement.income,
            ),
            (
                &labels.expenses,
                &labels.total_expenses,
                &income_statement.expenses,
            ),
        ],
        (&labels.surplus, income_statement.surplus),
    )
}

/// One account's postings: date, number, memo, amount and running balance, between the
/// opening balance and the closing balance (bold).
pub fn general_ledger_xlsx(
    report: &GeneralLedgerReport,
    labels: &Labels,
) -> Result<Vec<u8>, OutError> {
    let ledger = &report.general_ledger;
    let symbol = report.currency.symbol();
    let amount = with_currency(&labels.amount, symbol);
    let balance = with_currency(&labels.balance, symbol);
    let title = format!("{} {}", labels.general_ledger, ledger.account);
    let mut sheet = Sheet::new(
        &labels.general_ledger,
        &title,
        &report.book,
        &labels.range(report.from, report.to),
        report.currency.scale(),
        &[
            (&labels.date, false),
            (&labels.sequence, true),
            (&labels.memo, false),
            (&amount, true),
            (&balance, true),
        ],
    )?;
    sheet.text(2, &labels.opening_balance, Style::Plain)?;
    sheet.amount(4, ledger.opening, false)?;
    sheet.next_row();
    for line in &ledger.lines {
        sheet.text(0, &line.date.to_string(), Style::Plain)?;
        sheet.whole_number(1, line.sequence)?;
        sheet.text(2, &line.memo, Style::Plain)?;
        sheet.amount(3, line.amount, false)?;
        sheet.amount(4, line.balance, false)?;
        sheet.next_row();
    }
    sheet.text(2, &labels.closing_balance, Style::Bold)?;
    sheet.amount(4, ledger.closing, true)?;
    sheet.finish()
}

/// A member as the register's workbook shows them; the standing already in the reader's
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub number: u64,
    pub name: String,
    pub trade: String,
    pub joined: chrono::NaiveDate,
    pub status: String,
    pub shares_subscribed: u64,
    pub shares_paid: u64,
    pub paid_in: Money,
}

/// The member register: a row a member, the share capital paid in totalled in bold.
pub fn member_register_xlsx(
    book: &str,
    currency: &artel_ledger::Currency,
    as_of: &str,
    rows: &[RegisterRow],
    labels: &crate::RegisterLabels,
) -> Result<Vec<u8>, OutError> {
    let paid_in = with_currency(&labels.paid_in, currency.symbol());
    let mut sheet = Sheet::new(
        &labels.member_register,
        &labels.member_register,
        book,
        as_of,
        currency.scale(),
        &[
            (&labels.number, false),
            (&labels.name, false),
            (&labels.trade, false),
            (&labels.joined, false),
            (&labels.status, false),
            (&labels.shares_subscribed, true),
            (&labels.shares_paid, true),
            (&paid_in, true),
        ],
    )?;
    let mut total = Money::ZERO;
    for row in rows {
        sheet.whole_number(0, row.number)?;
        sheet.text(1, &row.name, Style::Plain)?;
        sheet.text(2, &row.trade, Style::Plain)?;
        sheet.text(3, &row.joined.to_string(), Style::Plain)?;
        sheet.text(4, &row.status, Style::Plain)?;
        sheet.whole_number(5, row.shares_subscribed)?;
        sheet.whole_number(6, row.shares_paid)?;
        sheet.amount(7, row.paid_in, false)?;
        total = total.checked_add(row.paid_in)?;
        sheet.next_row();
    }
    sheet.text(0, &labels.total, Style::Bold)?;
    sheet.amount(7, total, true)?;
    sheet.finish()
}

/// The members' statements of a year: a row a member — share capital at the year's end,
/// labour days, pieces, wages and dividends — with the money columns totalled in bold.
pub fn statements_xlsx(
    book: &str,
    currency: &artel_ledger::Currency,
    year: i32,
    statements: &[artel_app::MemberStatement],
    labels: &crate::StatementLabels,
) -> Result<Vec<u8>, OutError> {
    let symbol = currency.symbol();
    let money_headings = [
        with_currency(&labels.share_capital, symbol),
        with_currency(&labels.wages, symbol),
        with_currency(&labels.labour_dividend, symbol),
        with_currency(&labels.share_dividend, symbol),
        with_currency(&labels.dividends, symbol),
    ];
    let mut sheet = Sheet::new(
        &labels.statements,
        &labels.statements,
        book,
        &year.to_string(),
        currency.scale(),
        &[
            (&labels.number, false),
            (&labels.name, false),
            (&money_headings[0], true),
            (&labels.days, true),
            (&labels.pieces, true),
            (&money_headings[1], true),
            (&money_headings[2], true),
            (&money_headings[3], true),
            (&money_headings[4], true),
        ],
    )?;
    let mut totals = [Money::ZERO; 5];
    for s in statements {
        let dividends = s.labour_dividend.checked_add(s.share_dividend)?;
        sheet.whole_number(0, s.number)?;
        sheet.text(1, &s.name, Style::Plain)?;
        sheet.text(3, &artel_app::days_text(s.labour.days_tenths), Style::Plain)?;
        sheet.whole_number(4, s.labour.pieces)?;
        let money = [
            (2, s.share_capital),
            (5, s.labour.wages),
            (6, s.labour_dividend),
            (7, s.share_dividend),
            (8, dividends),
        ];
        for (index, (column, amount)) in money.into_iter().enumerate() {
            sheet.amount(column, amount, false)?;
            totals[index] = totals[index].checked_add(amount)?;
        }
        sheet.next_row();
    }
    sheet.text(0, &labels.total, Style::Bold)?;
    for (column, total) in [2, 5, 6, 7, 8].into_iter().zip(totals) {
        sheet.amount(column, total, true)?;
    }
    sheet.finish()
}

/// What a statistics workbook says around its rows: its title (also the sheet's name), the
/// region, the period (and the compared one), and the four column headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatisticsSheet {
    pub title: String,
    pub region: String,
    pub period: String,
    /// Statistic, value, compared value, change (%).
    pub headings: [String; 4],
}

/// One statistic as the workbook shows it: its label and value, the compared value and
/// the change in percent (empty cells where there is none).
pub type StatisticLine = (String, [Option<artel_app::Figure>; 3]);

/// The statistics of a region over a period as a one-sheet workbook: a row a statistic,
/// counts, amounts and rates as numbers with their own places.
pub fn statistics_xlsx(
    sheet: &StatisticsSheet,
    rows: &[StatisticLine],
) -> Result<Vec<u8>, OutError> {
    let headings: Vec<(&str, bool)> = sheet
        .headings
        .iter()
        .enumerate()
        .map(|(index, heading)| (heading.as_str(), index > 0))
        .collect();
    let mut out = Sheet::new(
        &sheet.title,
        &sheet.title,
        &sheet.region,
        &sheet.period,
        2,
        &headings,
    )?;
    for (label, figures) in rows {
        out.text(0, label, Style::Plain)?;
        for (column, figure) in (1..).zip(figures) {
            if let Some(figure) = figure {
                out.decimal(column, *figure)?;
            }
        }
        out.next_row();
    }
    out.finish()
}
