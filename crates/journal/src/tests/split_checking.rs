//! A file checked in two parts on two threads gives exactly its one-pass summary — the same
//! balances, accounts, commodity, and the same problems on the same lines — wherever it is
//! cut, whether the problems lie within a part or between the two.

use std::ops::Range;
use std::sync::Mutex;

use crate::{Format, check, check_split};

/// Every place a file may be cut: just after each blank line.
fn cuts(text: &str) -> Vec<usize> {
    text.match_indices("\n\n").map(|(at, _)| at + 2).collect()
}

#[track_caller]
fn same_at_every_cut(text: &str, format: Format) {
    let whole = check(text.as_bytes(), format);
    let cuts = cuts(text);
    assert!(!cuts.is_empty(), "no blank line to cut at in\n{text}");
    for at in cuts {
        let split = check_split(text.as_bytes(), format, at, &|_| {});
        assert_eq!(split, whole, "cut at byte {at} of\n{text}");
    }
}

#[test]
fn every_construct_of_both_syntaxes() {
    same_at_every_cut(super::ledger_syntax::EVERY_CONSTRUCT, Format::Ledger);
    same_at_every_cut(super::beancount_syntax::EVERY_CONSTRUCT, Format::Beancount);
}

#[test]
fn parts_with_different_decimal_places() {
    let text = "\
2024-01-01 whole yuan
    Assets:Cash  100 CNY
    Income:Sales

2024-01-02 fen
    Assets:Cash  0.25 CNY
    Income:Sales

2024-01-03 li
    Assets:Bank  1.125 CNY
    Equity:Capital

2024-01-04 whole again
    Assets:Cash  7 CNY
    Income:Sales
";
    same_at_every_cut(text, Format::Ledger);
    let summary = check(text.as_bytes(), Format::Ledger);
    assert_eq!((summary.scale(), summary.diagnostics().len()), (3, 0));
}

#[test]
fn problems_between_the_parts_are_found_as_in_one_pass() {
    // A second commodity, amounts without one after amounts with one, an account declared
    // with two types, and a commodity whose declared places are fewer than an amount's.
    let text = "\
account Assets:Cash  ; type: A

2024-01-01 sale
    Assets:Cash  100.00 CNY
    Income:Sales

commodity 1,000.00 CNY

2024-02-01 sale abroad
    Assets:Cash  5.00 USD
    Income:Sales

2024-03-01 no commodity
    Assets:Cash  5.00
    Income:Sales

account Assets:Cash  ; type: L

2024-04-01 too fine
    Assets:Cash  0.001 CNY
    Income:Sales
";
    same_at_every_cut(text, Format::Ledger);
    assert!(check(text.as_bytes(), Format::Ledger).diagnostics().len() >= 3);
}

#[test]
fn a_cut_inside_a_comment_block() {
    let text = "\
2024-01-01 sale
    Assets:Cash  1.00 CNY
    Income:Sales

comment

2024-01-02 not an entry: commented out
    Assets:Cash  5.00 CNY
    Income:Sales

end comment

2024-01-03 sale
    Assets:Cash  2.00 CNY
    Income:Sales
";
    same_at_every_cut(text, Format::Ledger);
    let summary = check(text.as_bytes(), Format::Ledger);
    assert_eq!((summary.entry_count(), summary.diagnostics().len()), (2, 0));
}

#[test]
fn a_byte_order_mark_after_the_cut_is_text_as_in_one_pass() {
    // Only the file's first bytes may be a byte order mark; in the middle it is part of
    // the line, which is then no entry.
    let text = "\
2024-01-01 sale
    Assets:Cash  1.00 CNY
    Income:Sales

\u{FEFF}2024-01-02 sale
    Assets:Cash  2.00 CNY
    Income:Sales
";
    same_at_every_cut(text, Format::Ledger);
    same_at_every_cut(&text.replace("sale\n", "* \"sale\"\n"), Format::Beancount);
    assert_eq!(
        check(text.as_bytes(), Format::Ledger).diagnostics()[0].line,
        5
    );
}

#[test]
fn bad_lines_in_either_part_keep_their_line_numbers() {
    let text = "\
2024-01-01 fine
    Assets:Cash  1.00 CNY
    Income:Sales

2024-13-01 no such month
    Assets:Cash  1.00 CNY
    Income:Sales

2024-01-03 unbalanced
    Assets:Cash  1.00 CNY
    Income:Sales  -2.00 CNY

2024-01-04 untyped
    Stuff:Thing  1.00 CNY
    Income:Sales
";
    same_at_every_cut(text, Format::Ledger);
    let lines: Vec<usize> = check(text.as_bytes(), Format::Ledger)
        .diagnostics()
        .iter()
        .map(|d| d.line)
        .collect();
    assert_eq!(lines, [5, 9, 14]);
}

#[test]
fn the_parts_report_every_byte_read_once() {
    let text = super::ledger_syntax::EVERY_CONSTRUCT;
    let at = cuts(text)[0];
    let done: Mutex<Vec<Range<usize>>> = Mutex::new(Vec::new());
    check_split(text.as_bytes(), Format::Ledger, at, &|range| {
        done.lock().unwrap().push(range);
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|range| range.start);
    let mut covered = 0;
    for range in done {
        assert_eq!(range.start, covered, "a gap or an overlap before {range:?}");
        covered = range.end;
    }
    assert_eq!(covered, text.len());
}
