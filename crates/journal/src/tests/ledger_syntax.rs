//! The ledger/hledger subset, construct by construct, and each refusal.

use artel_ledger::AccountType;
use chrono::NaiveDate;

use super::{assert_one_error, entries, errors, postings, read, row};
use crate::{Format, Item};

/// A journal that uses every construct of the subset; `hledger -f - bal --flat` agrees
/// with the checker on it (see the report of the checker tests).
pub(crate) const EVERY_CONSTRUCT: &str = "\
; a comment line
# another comment line
* an org-style comment line
commodity 1,000.00 CNY

account Assets:Cash  ; type: A
account Cash Box:Drawer  ; type: C
account Funds:Members
  ; type: L
  note money members lent the cooperative
account 资产:银行  ; type: Asset

2024-01-05 * (42) Opening balances  ; from the 1953 ledger
    Assets:Cash                 1,234.50 CNY
    Cash Box:Drawer             CNY 100
    资产:银行                   CNY10.5
    Equity:Opening

2024/1/6 ! Sale of cloth
    ; a comment before the postings
    revenue:cloth               -300.00 CNY  ; after an amount
    Assets:Cash                 300 CNY
2024.2.7 Loan from members
    * Assets:Cash\t\t200.00 CNY
    ! Funds:Members \t-200 CNY

2024-02-08 Two accounts differing in case only
    Expenses:Wages              5 CNY
    expenses:wages              -5 CNY
";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn every_construct() {
    let (items, diagnostics) = read(EVERY_CONSTRUCT, Format::Ledger);
    assert_eq!(diagnostics, []);
    assert_eq!(
        items[0],
        Item::Commodity {
            line: 4,
            symbol: "CNY".into(),
            scale: Some(2)
        }
    );
    let declared: Vec<(usize, String, Option<AccountType>)> = items
        .iter()
        .filter_map(|item| match item {
            Item::AccountDeclaration {
                line,
                name,
                account_type,
                ..
            } => Some((*line, name.to_string(), *account_type)),
            _ => None,
        })
        .collect();
    assert_eq!(
        declared,
        [
            (6, "Assets:Cash".to_owned(), Some(AccountType::Asset)),
            (7, "Cash Box:Drawer".to_owned(), Some(AccountType::Asset)),
            (8, "Funds:Members".to_owned(), Some(AccountType::Liability)),
            (11, "资产:银行".to_owned(), Some(AccountType::Asset)),
        ]
    );
    let found = entries(EVERY_CONSTRUCT, Format::Ledger);
    assert_eq!(found.len(), 4);

    let opening = &found[0];
    assert_eq!(
        (opening.line, opening.date, opening.status),
        (13, day(2024, 1, 5), Some('*'))
    );
    assert_eq!(opening.code.as_deref(), Some("42"));
    assert_eq!(opening.description, "Opening balances");
    assert_eq!(opening.comment.as_deref(), Some("from the 1953 ledger"));
    assert_eq!(
        postings(opening),
        [
            row("Assets:Cash", "1234.50", Some("CNY")),
            row("Cash Box:Drawer", "100", Some("CNY")),
            row("资产:银行", "10.5", Some("CNY")),
            row("Equity:Opening", "-1345.00", Some("CNY")),
        ]
    );
    assert_eq!(opening.postings[3].line, 17);

    let sale = &found[1];
    assert_eq!(
        (sale.date, sale.status, sale.code.as_deref()),
        (day(2024, 1, 6), Some('!'), None)
    );
    assert_eq!(
        postings(sale),
        [
            row("revenue:cloth", "-300.00", Some("CNY")),
            row("Assets:Cash", "300", Some("CNY"))
        ]
    );

    let loan = &found[2];
    assert_eq!(
        (loan.line, loan.date, loan.status),
        (23, day(2024, 2, 7), None)
    );
    assert_eq!(
        postings(loan),
        [
            row("Assets:Cash", "200.00", Some("CNY")),
            row("Funds:Members", "-200", Some("CNY"))
        ]
    );

    let case = &found[3];
    assert_ne!(case.postings[0].account, case.postings[1].account);
}

#[test]
fn a_single_tab_ends_an_account_name() {
    // As INTERFACE.md and ledger read it; hledger 1.25 wants two spaces or tabs.
    let found = entries("2024-01-01 x\n\tAssets:A\t1\n\tIncome:B\n", Format::Ledger);
    assert_eq!(
        postings(&found[0]),
        [row("Assets:A", "1", None), row("Income:B", "-1", None)]
    );
}

#[test]
fn amounts_with_the_commodity_before_or_after() {
    let text =
        "2024-01-01 x\n  Assets:A  $12.50\n  Assets:B  -$3\n  Assets:C  $-3\n  Assets:D  $-6.50\n";
    let found = entries(text, Format::Ledger);
    assert_eq!(
        postings(&found[0]),
        [
            row("Assets:A", "12.50", Some("$")),
            row("Assets:B", "-3", Some("$")),
            row("Assets:C", "-3", Some("$")),
            row("Assets:D", "-6.50", Some("$")),
        ]
    );
    let bare = entries(
        "2024-01-01\n  Assets:A  1,000,000.5\n  Income:B\n",
        Format::Ledger,
    );
    assert_eq!(
        postings(&bare[0]),
        [
            row("Assets:A", "1000000.5", None),
            row("Income:B", "-1000000.5", None)
        ]
    );
    assert_eq!(bare[0].description, "");
}

#[test]
fn elided_amount_takes_the_largest_scale() {
    let found = entries(
        "2024-01-01 x\n  Assets:A  1.5 CNY\n  Assets:B  0.25 CNY\n  Income:C\n",
        Format::Ledger,
    );
    assert_eq!(
        postings(&found[0])[2],
        row("Income:C", "-1.75", Some("CNY"))
    );
}

#[test]
fn refusals_name_the_line() {
    let l = Format::Ledger;
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1.00 CNY\n  Income:B  -2 CNY\n",
        l,
        1,
        "posting amounts do not balance: off by -1.00 CNY",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1 CNY\n  Income:B\n  Income:C\n",
        l,
        4,
        "two postings have no amount (lines 3 and 4)",
    );
    assert_one_error(
        "include other.journal\n",
        l,
        1,
        "directive 'include' is not supported",
    );
    assert_one_error("frobnicate\n", l, 1, "unknown directive 'frobnicate'");
    assert_one_error(
        "2024-02-30 x\n  Assets:A  1\n  Income:B\n",
        l,
        1,
        "invalid date '2024-02-30'",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1 CNY @ 7 USD\n  Income:B\n",
        l,
        2,
        "prices",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1 CNY @@ 7 USD\n  Income:B\n",
        l,
        2,
        "prices",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1 CNY = 5 CNY\n  Income:B\n",
        l,
        2,
        "balance assertions",
    );
    assert_one_error(
        "2024-01-01 x\n  (Assets:A)  1 CNY\n  Income:B\n",
        l,
        2,
        "virtual postings",
    );
    assert_one_error(
        "2024-01-01 x\n  [Assets:A]  1 CNY\n  Income:B\n",
        l,
        2,
        "virtual postings",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets::A  1 CNY\n  Income:B\n",
        l,
        2,
        "account name 'Assets::A' is not valid",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A ; note\n  Income:B  1\n",
        l,
        2,
        "contains ';'",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1 CNY\n",
        l,
        1,
        "at least two postings, this one has 1",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1 CNY\n  Income:B  -1 USD\n",
        l,
        3,
        "one entry holds one commodity",
    );
    assert_one_error(
        "2024-01-01 x\n  Assets:A  1,000\n  Income:B\n",
        l,
        2,
        "ambiguous number '1,000'",
    );
    assert_one_error(
        "2024-01-01=2024-01-03 x\n  Assets:A  1\n  Income:B\n",
        l,
        1,
        "secondary dates",
    );
    assert_one_error(
        "~ monthly\n  Assets:A  1\n  Income:B\n",
        l,
        1,
        "periodic entries",
    );
    assert_one_error("= expenses\n  Assets:A  1\n", l, 1, "automated entries");
    assert_one_error(
        "P 2024-01-01 USD 7 CNY\n",
        l,
        1,
        "directive 'P' is not supported",
    );
    for directive in [
        "D 1,000.00 CNY",
        "Y 2024",
        "year 2024",
        "alias a=b",
        "apply account x",
        "tag foo",
        "payee x",
    ] {
        let found = errors(&format!("{directive}\n"), l);
        assert_eq!(found.len(), 1, "{directive}");
        assert!(
            found[0].1.contains("is not supported"),
            "{directive}: {found:?}"
        );
    }
    assert_one_error("account Foo  ; type: Q\n", l, 1, "unknown account type 'Q'");
    assert_one_error(
        "account Foo\n  alias F\n",
        l,
        2,
        "account sub-directive 'alias'",
    );
    assert_one_error("commodity \"ABC 1\"\n", l, 1, "quoted commodity");
}

#[test]
fn an_indented_line_after_a_blank_line_is_an_error() {
    let found = errors(
        "2024-01-01 x\n  Assets:A  1\n  Income:B\n\n  Income:C  2\n  ; only a comment\n",
        Format::Ledger,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 5);
}

#[test]
fn every_bad_line_is_reported() {
    let text = "\
commodity CNY

2024-01-01 good
  Assets:A  1 CNY
  Income:B

2024-13-01 bad date
  Assets:A  1 CNY
  Income:B

2024-01-02 good again
  Assets:A  1 CNY
  Income:B
2024-01-03 unbalanced
  Assets:A  1 CNY
  Income:B  -2 CNY
include more.journal
2024-01-04 a bad posting and a price
  Assets:A  1 CNY @ 2 USD
  Assets::B  1 CNY
  Income:B
2024-01-05 good at the end
  Assets:A  1 CNY
  Income:B
";
    let (items, diagnostics) = read(text, Format::Ledger);
    let lines: Vec<usize> = diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, [7, 14, 17, 19, 20], "{diagnostics:?}");
    assert_eq!(
        items
            .iter()
            .filter(|item| matches!(item, Item::Entry(_)))
            .count(),
        3
    );
}

#[test]
fn three_bad_entries_give_three_diagnostics() {
    let text = "2024-02-30 a\n  Assets:A  1\n  Income:B\n\n2024-01-01 b\n  Assets:A  1\n  Income:B  -2\n\n2024-01-01 c\n  Assets:A\n  Income:B\n";
    let found: Vec<usize> = errors(text, Format::Ledger)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(found, [1, 5, 11]);
}

#[test]
fn bad_bytes_and_long_lines_cost_one_diagnostic_each() {
    let mut text =
        b"2024-01-01 a\n  Assets:A  1\n  Income:\xFF\n\n2024-01-02 b\n  Assets:A  1\n  Income:B\n"
            .to_vec();
    text.extend_from_slice(b"; ");
    text.extend(std::iter::repeat_n(b'x', crate::LINE_LENGTH_MAX));
    text.extend_from_slice(b"\n2024-01-03 c\n  Assets:A  1\n  Income:B\n");
    let mut diagnostics = Vec::new();
    let mut entries = 0;
    for result in crate::parse(&text, Format::Ledger) {
        match result {
            Ok(_) => entries += 1,
            Err(diagnostic) => diagnostics.push(diagnostic.line),
        }
    }
    assert_eq!(diagnostics, [3, 8]);
    assert_eq!(entries, 2);
}

#[test]
fn too_many_postings_is_an_error_not_a_panic() {
    let mut text = String::from("2024-01-01 many\n");
    for _ in 0..=artel_ledger::entry::POSTINGS_PER_ENTRY_MAX {
        text.push_str("  Assets:A  1\n");
    }
    text.push_str("  Income:B\n");
    let found = errors(&text, Format::Ledger);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("at most 10000 postings"));
}

#[test]
fn a_source_reference_longer_than_an_entry_keeps_is_an_error() {
    use artel_ledger::entry::MEMO_LENGTH_MAX;
    let l = Format::Ledger;
    let postings = "  Assets:A  1\n  Income:B\n";
    let long = "x".repeat(MEMO_LENGTH_MAX + 1);
    let tagged = format!("2024-01-01 x  ; source: {long}\n{postings}");
    assert_one_error(&tagged, l, 1, "the source reference");
    let code = "x".repeat(MEMO_LENGTH_MAX - 1);
    let coded = format!("2024-01-01 ({code}) x\n{postings}");
    assert_one_error(&coded, l, 1, "the source reference");
    let fits = format!("2024-01-01 ({}) x\n{postings}", &code[2..]);
    assert_eq!(entries(&fits, l).len(), 1);
}

#[test]
fn comment_blocks_and_crlf() {
    let text = "comment\nanything at all\n2024-99-99\nend comment\r\n2024-01-01 x\r\n  Assets:A  1\r\n  Income:B\r\n";
    let found = entries(text, Format::Ledger);
    assert_eq!(found[0].line, 5);
    assert_eq!(postings(&found[0])[1], row("Income:B", "-1", None));
}
