//! Rejected imports: exit code 3, one `error: FILE:LINE: …` line per problem naming the
//! right lines (every bad line, not only the first), and nothing written — the trial
//! balance stays empty, the chart unchanged, `verify` intact, and the next good import
//! still starts at entry 1.

use std::collections::BTreeSet;

use crate::harness::{Artel, engine_tests, error_lines};

engine_tests!(
    unbalanced_entry,
    two_elided_amounts,
    unknown_directive,
    impossible_date,
    entry_in_a_closed_period,
    second_currency_in_one_file,
    file_currency_differs_from_the_book,
    every_bad_entry_is_reported,
    unbalanced_beancount_entry,
    missing_file_is_one_error_line,
    a_balanced_entry_whose_sum_overflows,
);

/// A correct January entry, lines 1 to 3, that bad files start with.
const GOOD_JANUARY: &str =
    "2024-01-05 Good\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -10.00 CNY\n";
/// A correct February entry, for the good import after a rejection.
const GOOD_FEBRUARY: &str =
    "2024-02-05 Good\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -10.00 CNY\n";

/// Imports `file` into `book` (a `format` journal), expects a rejection naming exactly the
/// lines `lines`, checks that nothing was written, and returns the error lines.
fn assert_rejected(
    artel: &Artel,
    format: &str,
    file: &str,
    book: &str,
    lines: &[usize],
) -> Vec<String> {
    let accounts = artel.ok(&["account", "list", "--book", book, "--format", "csv"]);
    let stderr = artel.fails(&["import", format, file, "--book", book], 3);
    let errors: Vec<String> = error_lines(&stderr)
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        errors.len(),
        stderr.lines().count(),
        "every stderr line starts with 'error: ':\n{stderr}"
    );
    let prefix = format!("error: {file}:");
    let named: BTreeSet<usize> = errors
        .iter()
        .map(|error| {
            let rest = error
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("'{error}' does not start with '{prefix}'"));
            let (line, message) = rest
                .split_once(": ")
                .unwrap_or_else(|| panic!("'{error}' has no 'LINE: message'"));
            assert!(!message.trim().is_empty(), "'{error}' has no message");
            line.parse()
                .unwrap_or_else(|_| panic!("'{error}' names no line"))
        })
        .collect();
    assert_eq!(
        named,
        lines.iter().copied().collect(),
        "the lines named in:\n{stderr}"
    );
    assert_nothing_written(artel, book, &accounts);
    errors
}

fn assert_nothing_written(artel: &Artel, book: &str, accounts: &str) {
    assert_eq!(artel.trial_balance(book), "account,balance\n");
    let verified = artel.ok(&["verify", "--book", book]);
    assert!(verified.contains(": 0 entries, chain intact"), "{verified}");
    assert_eq!(
        artel.ok(&["account", "list", "--book", book, "--format", "csv"]),
        accounts,
        "the rejected import changed the chart of accounts"
    );
}

/// A good import after the rejection gets entry 1 and the balance it says.
fn assert_good_import_starts_at_one(artel: &Artel, book: &str) {
    let file = artel.write("good.journal", GOOD_FEBRUARY);
    let imported = artel.import("ledger", file, book);
    assert!(imported.contains("(entries 1..=1)"), "{imported}");
    assert_eq!(
        artel.trial_balance(book),
        "account,balance\nAssets:Cash,10.00\nEquity:Opening,-10.00\n"
    );
}

fn unbalanced_entry(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "unbalanced.journal",
        &format!("{GOOD_JANUARY}\n2024-01-06 Off by one\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -9.00 CNY\n"),
    );
    let errors = assert_rejected(artel, "ledger", file, "coop", &[5]);
    assert!(errors[0].contains("balance"), "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}

fn two_elided_amounts(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "elided.journal",
        &format!("{GOOD_JANUARY}\n2024-01-06 Two left out\n    Assets:Cash  10.00 CNY\n    Equity:Opening\n    Equity:Other\n"),
    );
    // The entry is refused at its second posting without an amount.
    assert_rejected(artel, "ledger", file, "coop", &[8]);
    assert_good_import_starts_at_one(artel, "coop");
}

fn unknown_directive(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write("include.journal", &format!("{GOOD_JANUARY}\ninclude x\n"));
    let errors = assert_rejected(artel, "ledger", file, "coop", &[5]);
    assert!(errors[0].contains("include"), "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}

fn impossible_date(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "date.journal",
        &format!("{GOOD_JANUARY}\n2024-02-30 No such day\n    Assets:Cash  1.00 CNY\n    Equity:Opening  -1.00 CNY\n"),
    );
    let errors = assert_rejected(artel, "ledger", file, "coop", &[5]);
    assert!(errors[0].contains("2024-02-30"), "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}

fn entry_in_a_closed_period(artel: &Artel) {
    artel.cooperative("coop", &[]);
    artel.ok(&["period", "close", "--book", "coop", "--period", "2024-01"]);
    let file = artel.write(
        "closed.journal",
        &format!("{GOOD_FEBRUARY}\n{GOOD_JANUARY}"),
    );
    let errors = assert_rejected(artel, "ledger", file, "coop", &[5]);
    assert!(errors[0].contains("2024-01"), "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}

fn second_currency_in_one_file(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "currencies.journal",
        &format!("{GOOD_JANUARY}\n2024-01-06 Dollars\n    Assets:Cash  10.00 USD\n    Equity:Opening  -10.00 USD\n"),
    );
    let errors = assert_rejected(artel, "ledger", file, "coop", &[6, 7]);
    assert!(errors[0].contains("USD"), "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}

fn file_currency_differs_from_the_book(artel: &Artel) {
    artel.cooperative("dollars", &["--currency", "USD"]);
    let file = artel.write(
        "yuan.journal",
        &format!("commodity CNY\n\n{GOOD_JANUARY}\n{GOOD_FEBRUARY}"),
    );
    let errors = assert_rejected(artel, "ledger", file, "dollars", &[1, 4, 5, 8, 9]);
    assert!(
        errors
            .iter()
            .all(|e| e.contains("CNY") && e.contains("USD")),
        "{errors:?}"
    );
    let good = artel.write(
        "dollars.journal",
        "2024-02-05 Good\n    Assets:Cash  10.00 USD\n    Equity:Opening\n",
    );
    let imported = artel.import("ledger", good, "dollars");
    assert!(imported.contains("(entries 1..=1)"), "{imported}");
}

fn every_bad_entry_is_reported(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "three.journal",
        "2024-01-05 Bad one\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -11.00 CNY\n\n\
         2024-01-06 Good\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -10.00 CNY\n\n\
         2024-01-07 Bad two\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -9.00 CNY\n\n\
         2024-13-01 Bad three\n    Assets:Cash  10.00 CNY\n    Equity:Opening  -10.00 CNY\n",
    );
    let errors = assert_rejected(artel, "ledger", file, "coop", &[1, 9, 13]);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}

fn unbalanced_beancount_entry(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "unbalanced.beancount",
        "option \"operating_currency\" \"CNY\"\n\
         2024-01-01 open Assets:Cash CNY\n\
         2024-01-01 open Equity:Opening\n\n\
         2024-01-05 * \"Good\"\n  Assets:Cash  10.00 CNY\n  Equity:Opening  -10.00 CNY\n\n\
         2024-01-06 * \"Shop\" \"Off by one\"\n  Assets:Cash  10.00 CNY\n  Equity:Opening  -9.00 CNY\n",
    );
    assert_rejected(artel, "beancount", file, "coop", &[9]);
    assert_good_import_starts_at_one(artel, "coop");
}

/// A journal that cannot be read is a failure (exit 1) told once, on one line.
fn missing_file_is_one_error_line(artel: &Artel) {
    artel.cooperative("coop", &[]);
    for args in [
        &["import", "ledger", "missing.journal", "--book", "coop"][..],
        &["check", "ledger", "missing.journal"][..],
    ] {
        let stderr = artel.fails(args, 1);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: missing.journal: "), "{stderr}");
        assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
    }
    assert_nothing_written(
        artel,
        "coop",
        &artel.ok(&["account", "list", "--book", "coop", "--format", "csv"]),
    );
}

/// Balanced when added up exactly, but its running sum in minor units leaves the range of
/// exact money: refused on its line by the first pass, never half imported.
fn a_balanced_entry_whose_sum_overflows(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "overflow.journal",
        &format!(
            "{GOOD_JANUARY}\n2024-01-06 Too large on the way\n    Assets:Receivables  92233720368547758.07 CNY\n    \
             Assets:Bank  0.01 CNY\n    Income:Sales  -92233720368547758.07 CNY\n    Income:Other  -0.01 CNY\n"
        ),
    );
    let errors = assert_rejected(artel, "ledger", file, "coop", &[5]);
    assert!(errors[0].contains("overflow"), "{errors:?}");
    assert_good_import_starts_at_one(artel, "coop");
}
