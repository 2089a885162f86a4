//! A book written as a beancount file: `option "operating_currency"`, a `commodity` and an
//! `open` directive per account dated on the opening date the caller gives (else the first
//! entry's date, 1970-01-01 without entries), then the entries as `DATE * "memo"`
//! transactions, streamed one at a time.
//!
//! Account names follow the rule of [`crate::beancount_account_name`]; two names that
//! would collide make the export fail. No entry may be dated before the opening date;
//! without one given, entries must therefore come in date order. A source reference and a reversal are
//! written as `source:` and `reverses:` metadata. In memos, `"` and `\` are escaped and line
//! breaks become spaces.

use std::borrow::Borrow;
use std::io::{BufWriter, Write};

use artel_ledger::money::Decimal;
use artel_ledger::{Account, Currency, JournalEntry};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::beancount_name::{beancount_account_name, is_beancount_commodity};
use crate::write_error::WriteError;
use crate::write_ledger::one_line;

/// Text as a beancount string, quoted and escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in one_line(text, None).chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The beancount names of the accounts, refusing two that would be the same.
fn names(accounts: &[Account]) -> Result<FxHashMap<&str, String>, WriteError> {
    let mut by_original = FxHashMap::default();
    let mut by_written: FxHashMap<String, &str> = FxHashMap::default();
    for account in accounts {
        let written = beancount_account_name(&account.name, account.account_type);
        let original = account.name.as_str();
        if let Some(first) = by_written.get(&written)
            && *first != original
        {
            return Err(WriteError::NameCollision {
                first: (*first).to_owned(),
                second: original.to_owned(),
                written,
            });
        }
        by_written.insert(written.clone(), original);
        by_original.insert(original, written);
    }
    Ok(by_original)
}

/// Writes the book as a beancount file, opening the accounts on `opened_on` (the book's
/// earliest date) or, when `None`, on the first entry's date.
pub fn write_beancount<W, I>(
    out: &mut W,
    currency: &Currency,
    accounts: &[Account],
    opened_on: Option<NaiveDate>,
    entries: I,
) -> Result<(), WriteError>
where
    W: Write,
    I: IntoIterator,
    I::Item: Borrow<JournalEntry>,
{
    let symbol = currency.symbol();
    if !is_beancount_commodity(symbol) {
        return Err(WriteError::BeancountCommodity(symbol.to_owned()));
    }
    let names = names(accounts)?;
    let mut entries = entries.into_iter().peekable();
    let first = match (opened_on, entries.peek()) {
        (Some(date), _) => date,
        (None, Some(entry)) => entry.borrow().date(),
        (None, None) => NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default(),
    };
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    writeln!(out, "; Written by Artel.")?;
    writeln!(out, "option \"operating_currency\" \"{symbol}\"\n")?;
    writeln!(out, "{first} commodity {symbol}")?;
    for account in accounts {
        let name = names.get(account.name.as_str()).map_or("", String::as_str);
        writeln!(out, "{first} open {name} {symbol}")?;
    }
    for entry in entries {
        let entry = entry.borrow();
        if entry.date() < first {
            return Err(WriteError::OutOfOrder {
                date: entry.date(),
                first,
            });
        }
        write_entry(&mut out, currency, &names, entry)?;
    }
    out.flush()?;
    Ok(())
}

fn write_entry(
    out: &mut impl Write,
    currency: &Currency,
    names: &FxHashMap<&str, String>,
    entry: &JournalEntry,
) -> Result<(), WriteError> {
    writeln!(out, "\n{} * {}", entry.date(), quoted(entry.memo()))?;
    if let Some(source) = entry.source() {
        writeln!(out, "  source: {}", quoted(source))?;
    }
    if let Some(reverses) = entry.reverses() {
        writeln!(out, "  reverses: {reverses}")?;
    }
    for posting in entry.postings() {
        let Some(name) = names.get(posting.account.as_str()) else {
            return Err(WriteError::UnknownAccount {
                date: entry.date(),
                name: posting.account.to_string(),
            });
        };
        let amount = Decimal {
            mantissa: posting.amount.minor(),
            scale: currency.scale(),
        };
        writeln!(out, "  {name}  {amount} {}", currency.symbol())?;
    }
    Ok(())
}
