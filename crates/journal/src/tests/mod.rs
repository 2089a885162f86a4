//! Tests of the whole crate: every construct of the subset, every refusal, the checker's
//! file-level rules and round trips through the writers.

mod beancount_syntax;
mod checking;
mod ledger_syntax;
mod round_trip;
mod split_checking;

use crate::{Diagnostic, Format, Item, ParsedEntry, parse};

/// Every item and every diagnostic of a text.
fn read(text: &str, format: Format) -> (Vec<Item>, Vec<Diagnostic>) {
    let mut items = Vec::new();
    let mut diagnostics = Vec::new();
    for result in parse(text.as_bytes(), format) {
        match result {
            Ok(item) => items.push(item),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (items, diagnostics)
}

/// The entries of a text that must have no diagnostics.
fn entries(text: &str, format: Format) -> Vec<ParsedEntry> {
    let (items, diagnostics) = read(text, format);
    assert_eq!(diagnostics, [], "{text}");
    items
        .into_iter()
        .filter_map(|item| match item {
            Item::Entry(entry) => Some(entry),
            _ => None,
        })
        .collect()
}

/// The diagnostics of a text, as `(line, message)`.
fn errors(text: &str, format: Format) -> Vec<(usize, String)> {
    read(text, format)
        .1
        .into_iter()
        .map(|d| (d.line, d.message))
        .collect()
}

/// Asserts that a text has exactly one diagnostic, on `line`, containing `needle`.
#[track_caller]
fn assert_one_error(text: &str, format: Format, line: usize, needle: &str) {
    let found = errors(text, format);
    assert_eq!(
        found.len(),
        1,
        "expected one diagnostic, got {found:?} for\n{text}"
    );
    assert_eq!(found[0].0, line, "{found:?}");
    assert!(
        found[0].1.contains(needle),
        "'{}' does not contain '{needle}'",
        found[0].1
    );
}

/// `(account, amount as text, commodity)` of each posting of an entry.
fn postings(entry: &ParsedEntry) -> Vec<(String, String, Option<String>)> {
    entry
        .postings
        .iter()
        .map(|p| {
            (
                p.account.to_string(),
                p.amount.to_string(),
                p.commodity.as_deref().map(str::to_owned),
            )
        })
        .collect()
}

fn row(account: &str, amount: &str, commodity: Option<&str>) -> (String, String, Option<String>) {
    (
        account.to_owned(),
        amount.to_owned(),
        commodity.map(str::to_owned),
    )
}
