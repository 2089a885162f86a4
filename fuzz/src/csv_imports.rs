//! Every CSV import of `artel-coop`, chosen by the input's first byte and fed the rest as
//! the file's text: the member register, production reports and plans, stock movements,
//! sales, contracts, labour records, and the `materials` cell of a production report.
//! Whatever the text: no panic, and every line a reader names — of a problem, or of a row
//! it read, which the app names later — is a line of the file. The stock movements read,
//! and the issues a production report's materials make, are also planned against an empty
//! stock, as an import into a new cooperative plans them.

use artel_coop::{
    Charter, LineError, Stock, StockMove, issues_for, plan_movements, read_contracts, read_labour,
    read_materials, read_plans, read_production, read_register, read_sales, read_stock,
};
use artel_ledger::Currency;

use crate::lines::{assert_within, line_count};

/// The readers, in the order the first byte picks them (its value modulo their number).
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    Register,
    Production,
    Plans,
    Stock,
    Sales,
    Contracts,
    Labour,
    Materials,
}

impl Reader {
    pub const ALL: [Reader; 8] = [
        Reader::Register,
        Reader::Production,
        Reader::Plans,
        Reader::Stock,
        Reader::Sales,
        Reader::Contracts,
        Reader::Labour,
        Reader::Materials,
    ];

    /// The reader the byte `selector` picks; the seeds begin with `'0'`..`'7'`.
    pub fn picked_by(selector: u8) -> Reader {
        Reader::ALL[usize::from(selector) % Reader::ALL.len()]
    }
}

/// What a reader made of a text: the lines of its problems and of the rows it read.
#[derive(Debug, Default)]
struct Lines {
    problems: Vec<u64>,
    rows: Vec<u64>,
}

impl Lines {
    fn of<T>(read: Result<Vec<T>, Vec<LineError>>, line: impl Fn(&T) -> u64) -> Lines {
        match read {
            Ok(rows) => Lines {
                problems: Vec::new(),
                rows: rows.iter().map(line).collect(),
            },
            Err(errors) => Lines {
                problems: errors.iter().map(|e| e.line).collect(),
                rows: Vec::new(),
            },
        }
    }

    fn and_planned(mut self, movements: &[StockMove]) -> Lines {
        if let Err(errors) = plan_movements(Stock::default(), movements) {
            self.problems.extend(errors.iter().map(|e| e.line));
        }
        self
    }
}

/// Reads the text after the first byte with the reader that byte picks.
pub fn exercise(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    // The app reads an import with `read_to_string`, which refuses a file that is not
    // UTF-8 as a whole, before any reader sees it.
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(currency) = Currency::new("CNY", 2) else {
        return;
    };
    let reader = Reader::picked_by(selector);
    let lines = read(reader, text, &currency);
    let count = line_count(rest);
    let as_usize = |lines: Vec<u64>| lines.into_iter().map(|l| usize::try_from(l).unwrap_or(0));
    // An empty file's missing header is a problem of line 1, its header's line.
    let problem_lines = count.max(1);
    assert_within(
        as_usize(lines.problems),
        problem_lines,
        &format!("{reader:?} problem"),
    );
    assert_within(as_usize(lines.rows), count, &format!("{reader:?} row"));
}

fn read(reader: Reader, text: &str, currency: &Currency) -> Lines {
    match reader {
        Reader::Register => {
            let charter = Charter::default_for_scale(currency.scale());
            Lines::of(read_register(text, &charter), |l| l.line)
        }
        Reader::Production => {
            let read = read_production(text);
            let issues: Vec<StockMove> = read
                .iter()
                .flatten()
                .flat_map(|l| issues_for(l.line, l.date, &l.product, &l.materials))
                .collect();
            Lines::of(read, |l| l.line).and_planned(&issues)
        }
        Reader::Plans => Lines::of(read_plans(text, currency), |l| l.line),
        Reader::Stock => {
            let read = read_stock(text, currency);
            let movements = read.as_ref().map_or(&[][..], Vec::as_slice).to_vec();
            Lines::of(read, |m| m.line).and_planned(&movements)
        }
        Reader::Sales => Lines::of(read_sales(text, currency), |l| l.line),
        Reader::Contracts => Lines::of(read_contracts(text, currency), |c| c.line),
        Reader::Labour => Lines::of(read_labour(text, currency), |l| l.line),
        // A cell, not a file: its problems are named by the production report's line.
        Reader::Materials => {
            let _ = read_materials(text);
            Lines::default()
        }
    }
}
