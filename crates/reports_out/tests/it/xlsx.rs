//! Workbooks read back with calamine: every cell compared with the report's values, and
//! every amount formatted back to exactly the report's decimal.

use std::io::Cursor;

use artel_ledger::report::{BalanceRow, Section};
use artel_ledger::{AccountName, AccountType, Currency, Money};
use artel_reports_out::xlsx::number_format;
use artel_reports_out::{
    Labels, MAX_EXACT_MINOR, OutError, balance_sheet_xlsx, exact_f64, general_ledger_xlsx,
    income_statement_xlsx, trial_balance_xlsx,
};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::fixtures;

/// What a cell must hold.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Amount(Money),
    Number(u64),
}

fn text(text: &str) -> Cell {
    Cell::Text(text.to_owned())
}

/// The one sheet of a workbook as a grid of cells, from A1.
fn read(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), [sheet]);
    let range = workbook.worksheet_range(sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(<[Data]>::to_vec).collect()
}

/// Compares every cell of `grid` with `expected`; amounts as decimals with the currency's
/// places, formatted back from the double the cell holds.
fn compare(grid: &[Vec<Data>], expected: &[Vec<Cell>], currency: &Currency) {
    assert_eq!(grid.len(), expected.len(), "rows of {grid:?}");
    for (row_index, (row, wanted)) in grid.iter().zip(expected).enumerate() {
        for (column, cell) in row.iter().enumerate() {
            let want = wanted.get(column).cloned().unwrap_or(Cell::Empty);
            let place = format!("row {row_index}, column {column}");
            match (&want, cell) {
                (Cell::Empty, Data::Empty) => {}
                (Cell::Text(want), Data::String(got)) => assert_eq!(got, want, "{place}"),
                (Cell::Amount(want), Data::Float(got)) => assert_eq!(
                    format!("{got:.*}", usize::from(currency.scale())),
                    currency.format(*want),
                    "{place}"
                ),
                (Cell::Number(want), Data::Float(got)) => {
                    assert_eq!(got.to_string(), want.to_string(), "{place}");
                }
                (want, got) => panic!("{place}: wanted {want:?}, found {got:?}"),
            }
        }
        assert!(
            wanted[row.len().min(wanted.len())..]
                .iter()
                .all(|cell| *cell == Cell::Empty),
            "row {row_index} is short: {row:?}"
        );
    }
}

fn frame(title: String, range: &str, headings: &[String]) -> Vec<Vec<Cell>> {
    vec![
        vec![Cell::Text(title)],
        vec![text(range)],
        vec![],
        headings.iter().map(|h| text(h)).collect(),
    ]
}

#[test]
fn trial_balance() {
    let report = fixtures::trial_balance();
    let labels = Labels::english();
    let grid = read(
        trial_balance_xlsx(&report, &labels).unwrap(),
        "Trial balance",
    );
    let mut expected = frame(
        "Trial balance — shashi-weaving".into(),
        "From 1954-01-01 to 1954-06-30",
        &["Account".into(), "Balance (CNY)".into()],
    );
    for row in &report.trial_balance.rows {
        expected.push(vec![text(row.account.as_str()), Cell::Amount(row.balance)]);
    }
    expected.push(vec![
        text("Total debits"),
        Cell::Amount(report.trial_balance.debit_total),
    ]);
    expected.push(vec![
        text("Total credits"),
        Cell::Amount(report.trial_balance.credit_total),
    ]);
    assert_eq!(expected.len(), 4 + 8 + 2);
    compare(&grid, &expected, &report.currency);
}

fn statement_rows(
    expected: &mut Vec<Vec<Cell>>,
    sections: &[(&str, &str, &Section)],
    result: (&str, Money),
) {
    for (name, total, section) in sections {
        expected.push(vec![text(name)]);
        for (account, amount) in &section.rows {
            expected.push(vec![text(account.as_str()), Cell::Amount(*amount)]);
        }
        expected.push(vec![text(total), Cell::Amount(section.total)]);
    }
    expected.push(vec![text(result.0), Cell::Amount(result.1)]);
}

#[test]
fn balance_sheet_in_chinese() {
    let report = fixtures::balance_sheet();
    let labels = Labels::chinese();
    let grid = read(balance_sheet_xlsx(&report, &labels).unwrap(), "资产负债表");
    let sheet = &report.balance_sheet;
    let mut expected = frame(
        "资产负债表 — shashi-weaving".into(),
        "截至 1954-06-30",
        &["科目".into(), "金额 (CNY)".into()],
    );
    statement_rows(
        &mut expected,
        &[
            ("资产", "资产合计", &sheet.assets),
            ("负债", "负债合计", &sheet.liabilities),
            ("所有者权益", "所有者权益合计", &sheet.equity),
        ],
        ("未分配盈余", sheet.undistributed_surplus),
    );
    compare(&grid, &expected, &report.currency);
    assert_eq!(sheet.undistributed_surplus, Money::from_minor(-4_450));
}

#[test]
fn income_statement() {
    let report = fixtures::income_statement();
    let grid = read(
        income_statement_xlsx(&report, &Labels::english()).unwrap(),
        "Income statement",
    );
    let statement = &report.income_statement;
    let mut expected = frame(
        "Income statement — shashi-weaving".into(),
        "From 1954-01-01",
        &["Account".into(), "Amount (CNY)".into()],
    );
    statement_rows(
        &mut expected,
        &[
            ("Income", "Total income", &statement.income),
            ("Expenses", "Total expenses", &statement.expenses),
        ],
        ("Surplus", statement.surplus),
    );
    compare(&grid, &expected, &report.currency);
}

#[test]
fn general_ledger() {
    let report = fixtures::general_ledger();
    let grid = read(
        general_ledger_xlsx(&report, &Labels::english()).unwrap(),
        "General ledger",
    );
    let ledger = &report.general_ledger;
    let mut expected = frame(
        "General ledger Assets:Cash — shashi-weaving".into(),
        "Up to 1954-06-30",
        &[
            "Date".into(),
            "No.".into(),
            "Memo".into(),
            "Amount (CNY)".into(),
            "Balance (CNY)".into(),
        ],
    );
    expected.push(vec![
        Cell::Empty,
        Cell::Empty,
        text("Opening balance"),
        Cell::Empty,
        Cell::Amount(ledger.opening),
    ]);
    for line in &ledger.lines {
        let memo = if line.memo.is_empty() {
            Cell::Empty
        } else {
            text(&line.memo)
        };
        expected.push(vec![
            text(&line.date.to_string()),
            Cell::Number(line.sequence),
            memo,
            Cell::Amount(line.amount),
            Cell::Amount(line.balance),
        ]);
    }
    expected.push(vec![
        Cell::Empty,
        Cell::Empty,
        text("Closing balance"),
        Cell::Empty,
        Cell::Amount(ledger.closing),
    ]);
    compare(&grid, &expected, &report.currency);
}

fn one_account(minor: i64) -> artel_app::TrialBalanceReport {
    fixtures::trial_balance_with(vec![
        BalanceRow {
            account: AccountName::parse("Assets:Cash").unwrap(),
            account_type: AccountType::Asset,
            balance: Money::from_minor(minor),
        },
        BalanceRow {
            account: AccountName::parse("Equity:Share Capital").unwrap(),
            account_type: AccountType::Equity,
            balance: Money::from_minor(minor.wrapping_neg()),
        },
    ])
}

#[test]
fn the_largest_exact_amounts_read_back_exactly() {
    for minor in [
        MAX_EXACT_MINOR,
        -MAX_EXACT_MINOR,
        1,
        -1,
        999_999_999_999_995,
    ] {
        let report = one_account(minor);
        let grid = read(
            trial_balance_xlsx(&report, &Labels::english()).unwrap(),
            "Trial balance",
        );
        let Data::Float(value) = grid[4][1] else {
            panic!("{:?}", grid[4]);
        };
        assert_eq!(
            format!("{value:.2}"),
            report.currency.format(Money::from_minor(minor))
        );
    }
}

#[test]
fn amounts_that_a_double_cannot_hold_exactly_are_refused() {
    for minor in [
        MAX_EXACT_MINOR + 1,
        -MAX_EXACT_MINOR - 1,
        (1 << 53) + 1,
        // Below 2^53, yet a double reads it back as ….08: 2^53 is not the bound.
        7_036_874_417_766_407,
        i64::MAX,
    ] {
        let report = one_account(minor);
        let error = trial_balance_xlsx(&report, &Labels::english()).unwrap_err();
        assert!(
            matches!(error, OutError::NotExact { .. }),
            "{minor}: {error}"
        );
        assert!(
            error
                .to_string()
                .contains(&report.currency.format(Money::from_minor(minor)))
        );
    }
    // Why 2^53 would not do: this amount does not survive a double.
    let double = 7_036_874_417_766_407_i64 as f64 / 100.0;
    assert_ne!(format!("{double:.2}"), "70368744177664.07");
}

#[test]
fn every_exact_amount_round_trips_at_every_scale() {
    // A fixed pseudo-random walk over amounts up to the limit, at every scale.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for scale in 0..=18u8 {
        let currency = Currency::new("X", scale).unwrap();
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let magnitude = (state >> 11) % (MAX_EXACT_MINOR as u64 + 1);
            let minor = if state & 1 == 0 {
                magnitude as i64
            } else {
                -(magnitude as i64)
            };
            let amount = Money::from_minor(minor);
            let value = exact_f64(amount, scale).unwrap();
            assert_eq!(
                format!("{value:.*}", usize::from(scale)),
                currency.format(amount),
                "{minor} at scale {scale}"
            );
        }
    }
}

#[test]
fn number_formats_follow_the_scale() {
    assert_eq!(number_format(0), "#,##0");
    assert_eq!(number_format(2), "#,##0.00");
    assert_eq!(number_format(3), "#,##0.000");
}
