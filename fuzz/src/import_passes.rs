//! The two passes of `artel import ledger|beancount` (`crates/app/src/import.rs`), into a
//! new book in CNY with two decimal places. The first pass checks every line against the
//! file's rules and the book's and reports every problem with its line; only a file it
//! finds clean is read again and turned, entry by entry, into the book's journal entries.
//! That second pass must then never fail: if it did, the import would stop half way and
//! blame the file for changing under it.
//!
//! The app's own functions need a database, so the few lines of each pass that decide
//! are repeated here; keep them in step with `first_pass`, `check_entry_against_book` and
//! `journal_entry` there.

use artel_journal::{CheckSummary, Checker, Diagnostic, Format, Item, ParsedEntry, Telling, parse};
use artel_ledger::{JournalEntry, MoneyError, Posting};

use crate::lines::{assert_within, line_count};

/// The book's currency: the yuan, in fen.
const SYMBOL: &str = "CNY";
const SCALE: u8 = 2;

/// Runs both passes over `bytes`; `whole` is what `artel check` found in them.
pub fn agree(bytes: &[u8], format: Format, whole: &CheckSummary) {
    let (summary, book_problems) = first_pass(bytes, format);
    assert_eq!(
        &summary, whole,
        "the import's first pass differs from check"
    );
    let found = book_problems.iter().map(|d| d.line);
    assert_within(found, line_count(bytes), "the import's first pass");
    if !summary.diagnostics().is_empty() || !book_problems.is_empty() {
        return;
    }
    for result in parse(bytes, format) {
        match result {
            Ok(Item::Entry(entry)) => {
                let converted = journal_entry(&entry);
                assert!(
                    converted.is_ok(),
                    "the first pass found line {} fine, the second refuses it: {converted:?}",
                    entry.line
                );
            }
            Ok(_) => {}
            Err(diagnostic) => panic!("the second pass finds what the first did not: {diagnostic}"),
        }
    }
}

/// The file's own rules, through the checker, and the book's: its currency and scale.
fn first_pass(bytes: &[u8], format: Format) -> (CheckSummary, Vec<Diagnostic>) {
    let mut checker = Checker::new();
    let mut book_problems = Vec::new();
    for result in Telling::new(parse(bytes, format), 0, |_| {}) {
        let item = match result {
            Ok(item) => item,
            Err(diagnostic) => {
                checker.report(diagnostic);
                continue;
            }
        };
        checker.feed(&item);
        match &item {
            Item::Entry(entry) => check_entry_against_book(entry, &mut book_problems),
            Item::Commodity { line, symbol, .. } if symbol != SYMBOL => {
                book_problems.push(Diagnostic::new(*line, "another currency"));
            }
            _ => {}
        }
    }
    (checker.finish(), book_problems)
}

fn check_entry_against_book(entry: &ParsedEntry, problems: &mut Vec<Diagnostic>) {
    for posting in &entry.postings {
        if posting.amount.rescale(SCALE).is_err() {
            problems.push(Diagnostic::new(posting.line, "too many decimal places"));
        }
        if posting.commodity.as_deref().is_some_and(|c| c != SYMBOL) {
            problems.push(Diagnostic::new(posting.line, "another currency"));
        }
    }
}

/// The entry in the book's minor units, as the second pass makes it.
fn journal_entry(entry: &ParsedEntry) -> Result<JournalEntry, String> {
    let postings = entry
        .postings
        .iter()
        .map(|p| {
            Ok(Posting {
                account: p.account.clone(),
                amount: p.amount.to_money(SCALE)?,
            })
        })
        .collect::<Result<Vec<_>, MoneyError>>()
        .map_err(|e| e.to_string())?;
    let source = entry
        .source_tag()
        .map(str::to_owned)
        .or_else(|| entry.code.as_ref().map(|code| format!("({code})")));
    JournalEntry::new(entry.date, entry.description.clone(), source, postings)
        .map_err(|e| e.to_string())
}
