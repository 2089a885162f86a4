//! Reading the CSV files people import (members, production, plans, contracts, sales):
//! a header names the columns, in any order; every row is read and every problem is
//! collected with its line and column, so that one run names them all and nothing is
//! imported until there are none.

use std::collections::HashMap;
use std::fmt;

use artel_ledger::{Currency, Money};
use chrono::NaiveDate;

/// A problem at a line of the file (the header is line 1), in a column when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "{}: {column}: {}", self.line, self.message),
            None => write!(f, "{}: {}", self.line, self.message),
        }
    }
}

/// One data row, with its line number, read by column name.
pub struct Row<'a> {
    pub line: u64,
    record: csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    fn error(&self, column: &str, message: impl Into<String>) -> LineError {
        LineError {
            line: self.line,
            column: Some(column.to_owned()),
            message: message.into(),
        }
    }

    /// The column's text, trimmed; empty when the column is absent or the cell empty.
    pub fn text(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|index| self.record.get(*index))
            .map_or("", str::trim)
    }

    /// The column's text, which must not be empty.
    pub fn required(&self, column: &str) -> Result<&str, LineError> {
        match self.text(column) {
            "" => Err(self.error(column, "is empty")),
            text => Ok(text),
        }
    }

    /// A date, `1954-04-30`.
    pub fn date(&self, column: &str) -> Result<NaiveDate, LineError> {
        let text = self.required(column)?;
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| self.error(column, format!("'{text}' is not a date (YYYY-MM-DD)")))
    }

    /// A whole number, zero or more.
    pub fn count(&self, column: &str) -> Result<u32, LineError> {
        let text = self.required(column)?;
        text.parse().map_err(|_| {
            self.error(
                column,
                format!("'{text}' is not a whole number of 0 or more"),
            )
        })
    }

    /// A count above nothing.
    pub fn pieces(&self, column: &str) -> Result<u32, LineError> {
        match self.count(column)? {
            0 => Err(self.error(column, "must be more than 0")),
            quantity => Ok(quantity),
        }
    }

    /// A word from a closed list, read by `parse`.
    pub fn word<T>(
        &self,
        column: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Result<T, LineError> {
        let text = self.required(column)?;
        parse(text).map_err(|e| self.error(column, e))
    }

    /// An amount above nothing, in `currency`.
    pub fn amount_above_zero(&self, column: &str, currency: &Currency) -> Result<Money, LineError> {
        let text = self.required(column)?;
        match currency.parse(text) {
            Ok(amount) if amount > Money::ZERO => Ok(amount),
            Ok(_) => Err(self.error(column, "must be more than 0")),
            Err(e) => Err(self.error(column, e.to_string())),
        }
    }

    /// A problem with the row that a column's value alone does not show.
    pub fn refuse(&self, column: &str, message: impl Into<String>) -> LineError {
        self.error(column, message)
    }
}

/// The line of the file a record starts on, counted from the text itself: the reader's
/// own line count leaves out the blank lines it skips.
fn line_at(text: &str, position: Option<&csv::Position>) -> u64 {
    let byte = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
    let bytes = text.as_bytes();
    let before = bytes.get(..byte).unwrap_or(bytes);
    // The position may be that of blank lines skipped before the record.
    let blank = bytes
        .get(byte..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\n' | b'\r'))
        .filter(|b| **b == b'\n')
        .count();
    1 + (before.iter().filter(|b| **b == b'\n').count() + blank) as u64
}

/// Reads `text`: its header must have every `required` column (and may have `optional`
/// ones; any other is refused, being likely a misspelling), then hands each data row to
/// `read_row`. Every problem of every row is returned, or every row read.
pub fn read_rows<T>(
    text: &str,
    required: &[&str],
    optional: &[&str],
    mut read_row: impl FnMut(&Row<'_>) -> Result<T, Vec<LineError>>,
) -> Result<Vec<T>, Vec<LineError>> {
    let header_error = |message: String| {
        vec![LineError {
            line: 1,
            column: None,
            message,
        }]
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| header_error(format!("cannot read the header: {e}")))?
        .clone();
    let mut columns = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim();
        if !required.contains(&name) && !optional.contains(&name) {
            let known: Vec<&str> = required.iter().chain(optional).copied().collect();
            return Err(header_error(format!(
                "unknown column '{name}'; the columns are {}",
                known.join(", ")
            )));
        }
        columns.insert(name.to_owned(), index);
    }
    let missing: Vec<&str> = required
        .iter()
        .filter(|name| !columns.contains_key(**name))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(header_error(format!(
            "missing column(s) {}",
            missing.join(", ")
        )));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = line_at(text, record.position());
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                let row = Row {
                    line,
                    record,
                    columns: &columns,
                };
                match read_row(&row) {
                    Ok(value) => rows.push(value),
                    Err(mut found) => errors.append(&mut found),
                }
            }
            Err(error) => errors.push(LineError {
                line: line_at(text, error.position()),
                column: None,
                message: format!("cannot read the line: {error}"),
            }),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}
