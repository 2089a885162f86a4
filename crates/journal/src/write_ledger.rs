//! A book written as an hledger/ledger journal: a `commodity` directive with the
//! currency's decimal places, an `account` directive per account with its hledger type tag,
//! then the entries, streamed one at a time.
//!
//! Names are kept exactly. An entry's source reference is written as a `source:` comment
//! on its first line and a reversal as a `; reverses entry N` comment line. Memos are
//! written as they are except that a `;` (which would start a comment) becomes `,`, line
//! breaks become spaces and surrounding spaces are dropped; a memo starting with `(`
//! is preceded by an empty code `()` so that it is not read as one.

use std::borrow::Borrow;
use std::io::{BufWriter, Write};

use artel_ledger::money::Decimal;
use artel_ledger::{Account, AccountType, Currency, JournalEntry};

use crate::syntax::is_commodity_char;
use crate::write_error::WriteError;

/// The hledger type tag of an account type.
fn type_tag(account_type: AccountType) -> char {
    match account_type {
        AccountType::Asset => 'A',
        AccountType::Liability => 'L',
        AccountType::Equity => 'E',
        AccountType::Income => 'R',
        AccountType::Expense => 'X',
    }
}

/// Text for one line: no line breaks, no surrounding spaces, and no `;` when `semicolon`
/// would start a comment.
pub(crate) fn one_line(text: &str, semicolon: Option<char>) -> String {
    let replaced: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            ';' => semicolon.unwrap_or(';'),
            c => c,
        })
        .collect();
    replaced.trim().to_owned()
}

fn check_name(account: &Account) -> Result<(), WriteError> {
    let name = account.name.as_str();
    let reason = if name.contains(';') {
        "it contains ';', which starts a comment"
    } else if name.starts_with(['(', '[']) {
        "it starts with a bracket, which marks a virtual posting"
    } else if name.starts_with(['*', '!']) {
        "it starts with a status mark"
    } else {
        return Ok(());
    };
    Err(WriteError::LedgerAccountName {
        name: name.to_owned(),
        reason,
    })
}

/// Writes the book as a ledger journal. `entries` are written in the order given.
pub fn write_ledger<W, I>(
    out: &mut W,
    currency: &Currency,
    accounts: &[Account],
    entries: I,
) -> Result<(), WriteError>
where
    W: Write,
    I: IntoIterator,
    I::Item: Borrow<JournalEntry>,
{
    let symbol = currency.symbol();
    if !symbol.chars().all(is_commodity_char) {
        return Err(WriteError::LedgerCommodity(symbol.to_owned()));
    }
    for account in accounts {
        check_name(account)?;
    }
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    let sample = Decimal {
        mantissa: 1000 * 10i64.pow(u32::from(currency.scale())),
        scale: currency.scale(),
    };
    writeln!(
        out,
        "; Written by Artel: one commodity; account types as hledger type tags."
    )?;
    writeln!(out, "commodity {sample} {symbol}\n")?;
    for account in accounts {
        writeln!(
            out,
            "account {}  ; type: {}",
            account.name,
            type_tag(account.account_type)
        )?;
    }
    for entry in entries {
        write_entry(&mut out, currency, entry.borrow())?;
    }
    out.flush()?;
    Ok(())
}

fn write_entry(
    out: &mut impl Write,
    currency: &Currency,
    entry: &JournalEntry,
) -> Result<(), WriteError> {
    let memo = one_line(entry.memo(), Some(','));
    let code = if memo.starts_with('(') { "() " } else { "" };
    write!(out, "\n{} * {code}{memo}", entry.date())?;
    if let Some(source) = entry.source() {
        write!(out, "  ; source: {}", one_line(source, None))?;
    }
    writeln!(out)?;
    if let Some(reverses) = entry.reverses() {
        writeln!(out, "    ; reverses entry {reverses}")?;
    }
    for posting in entry.postings() {
        let amount = Decimal {
            mantissa: posting.amount.minor(),
            scale: currency.scale(),
        };
        writeln!(
            out,
            "    {}  {amount} {}",
            posting.account,
            currency.symbol()
        )?;
    }
    Ok(())
}
