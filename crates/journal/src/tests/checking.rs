//! The checker's file-level rules: one commodity, a type for every account, exact balances.

use artel_ledger::AccountType;

use crate::{CheckSummary, Format, check};

fn balances(summary: &CheckSummary) -> Vec<(String, String)> {
    summary
        .balances()
        .iter()
        .map(|(name, amount)| (name.to_string(), amount.to_string()))
        .collect()
}

fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn messages(summary: &CheckSummary) -> Vec<(usize, String)> {
    summary
        .diagnostics()
        .iter()
        .map(|d| (d.line, d.message.clone()))
        .collect()
}

#[test]
fn balances_of_every_ledger_construct() {
    let summary = check(
        super::ledger_syntax::EVERY_CONSTRUCT.as_bytes(),
        Format::Ledger,
    );
    assert_eq!(messages(&summary), []);
    assert_eq!(summary.entry_count(), 4);
    assert_eq!((summary.scale(), summary.scale_max()), (2, 2));
    assert_eq!(
        summary
            .commodity()
            .map(|c| (c.symbol.as_str(), c.line, c.scale)),
        Some(("CNY", 4, Some(2)))
    );
    assert_eq!(
        balances(&summary),
        pairs(&[
            ("Assets:Cash", "1734.50"),
            ("Cash Box:Drawer", "100.00"),
            ("Equity:Opening", "-1345.00"),
            ("Expenses:Wages", "5.00"),
            ("Funds:Members", "-200.00"),
            ("expenses:wages", "-5.00"),
            ("revenue:cloth", "-300.00"),
            ("资产:银行", "10.50"),
        ])
    );
    let types: Vec<(String, AccountType)> = summary
        .accounts()
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .collect();
    assert!(types.contains(&("revenue:cloth".to_owned(), AccountType::Income)));
    assert!(types.contains(&("Funds:Members".to_owned(), AccountType::Liability)));
    assert!(types.contains(&("Cash Box:Drawer".to_owned(), AccountType::Asset)));
    assert_eq!(types.len(), 8);
}

#[test]
fn balances_of_every_beancount_construct() {
    let summary = check(
        super::beancount_syntax::EVERY_CONSTRUCT.as_bytes(),
        Format::Beancount,
    );
    assert_eq!(messages(&summary), []);
    assert_eq!(
        balances(&summary),
        pairs(&[
            ("Assets:Bank", "99.00"),
            ("Assets:Cash", "1535.50"),
            ("Equity:Opening", "-1334.50"),
            ("Income:Cloth", "-300.00")
        ])
    );
}

#[test]
fn the_scale_is_the_largest_seen_without_a_directive() {
    let summary = check(b"2024-01-01 x\n  Assets:A  300.00\n  Income:B  -300\n2024-01-02 y\n  Assets:A  5\n  Income:B\n", Format::Ledger);
    assert_eq!(
        balances(&summary),
        pairs(&[("Assets:A", "305.00"), ("Income:B", "-305.00")])
    );
    let zero = check(
        b"2024-01-01 x\n  Assets:A  3\n  Income:B\n2024-01-02 y\n  Assets:A  -3\n  Income:B\n",
        Format::Ledger,
    );
    assert_eq!(balances(&zero), []);
    assert!(zero.is_ok());
}

#[test]
fn a_second_commodity_names_both_lines() {
    let text = b"commodity CNY\n2024-01-01 x\n  Assets:A  1 CNY\n  Income:B\n2024-01-02 y\n  Assets:A  1 USD\n  Income:B\ncommodity EUR\n";
    let found = messages(&check(text, Format::Ledger));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0], (6, "a second commodity 'USD' (the file uses 'CNY' since line 1); one book holds one currency".to_owned()));
    assert_eq!(found[1].0, 8);
    let mixed = messages(&check(
        b"2024-01-01 x\n  Assets:A  1 CNY\n  Income:B\n2024-01-02 y\n  Assets:A  1\n  Income:B\n",
        Format::Ledger,
    ));
    assert_eq!(mixed.len(), 1);
    assert_eq!(mixed[0].0, 5);
    assert!(mixed[0].1.contains("without a commodity"), "{mixed:?}");
    let opened = messages(&check(
        b"2024-01-01 open Assets:A USD\n2024-01-01 * \"x\"\n  Assets:A  1 CNY\n  Income:B\n",
        Format::Beancount,
    ));
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0].0, 3);
}

#[test]
fn every_account_needs_a_type() {
    let text = b"account Cash:Box  ; type: C\n2024-01-01 x\n  Cash:Box  1\n  Drawer:Petty  2\n  Revenue:Sales\n2024-01-02 y\n  Drawer:Petty  1\n  Income:B\naccount Shelf\n";
    let summary = check(text, Format::Ledger);
    let found = messages(&summary);
    assert_eq!(
        found.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
        [4, 9]
    );
    assert!(
        found[0].1.starts_with("account 'Drawer:Petty' has no type"),
        "{found:?}"
    );
    let later = check(
        b"2024-01-01 x\n  Cash:Box  1\n  Income:B\naccount Cash:Box  ; type: A\n",
        Format::Ledger,
    );
    assert!(later.is_ok(), "{:?}", later.diagnostics());
    let conflict = messages(&check(
        b"account Cash  ; type: A\naccount Cash  ; type: L\n",
        Format::Ledger,
    ));
    assert_eq!(
        conflict,
        [(
            2,
            "account 'Cash' is declared as liability here but as asset on line 1".to_owned()
        )]
    );
}

#[test]
fn amounts_finer_than_the_declared_commodity() {
    let summary = check(
        b"commodity 1,000.00 CNY\n2024-01-01 x\n  Assets:A  1.005 CNY\n  Income:B\n",
        Format::Ledger,
    );
    let found = messages(&summary);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 1);
    assert!(
        found[0]
            .1
            .contains("line 3 has an amount with 3 decimal places"),
        "{found:?}"
    );
    assert_eq!(
        balances(&summary),
        pairs(&[("Assets:A", "1.005"), ("Income:B", "-1.005")])
    );
}

#[test]
fn parser_and_checker_diagnostics_come_together_by_line() {
    let text = b"2024-01-01 x\n  Foo:A  1\n  Income:B\ninclude x\n2024-01-02 y\n  Assets:A  1\n";
    let found: Vec<usize> = check(text, Format::Ledger)
        .diagnostics()
        .iter()
        .map(|d| d.line)
        .collect();
    assert_eq!(found, [2, 4, 5]);
}
