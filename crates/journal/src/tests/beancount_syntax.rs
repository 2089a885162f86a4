//! The beancount subset, construct by construct, and each refusal.

use super::{assert_one_error, entries, errors, postings, read, row};
use crate::{Format, Item};

pub(crate) const EVERY_CONSTRUCT: &str = r#"; a comment
* an org-mode heading
option "title" "Shashi weaving"
option "operating_currency" "CNY"

2024-01-01 commodity CNY
  name: "Renminbi"
2024-01-01 open Assets:Cash CNY
2024-01-01 open Assets:Bank CNY "STRICT"
2024-01-01 open Income:Cloth
2024-01-01 open Equity:Opening

2024-01-05 * "Opening balances" #opening ^ledger-1953 ; from the old books
  source: "1953 ledger"
  Assets:Cash       1,234.50 CNY
    note: "counted twice"
  ; a comment between postings
  Assets:Bank       100 CNY ; after an amount
  Equity:Opening

2024-01-06 ! "Supply coop" "Cloth \"fine\" \\ grade"
  Assets:Cash   300.00 CNY
  * Income:Cloth  -300 CNY
2024-01-07 txn "narration only"
  Assets:Bank  -1 CNY
  Assets:Cash  1 CNY
2024-12-31 close Income:Cloth
"#;

#[test]
fn every_construct() {
    let (items, diagnostics) = read(EVERY_CONSTRUCT, Format::Beancount);
    assert_eq!(diagnostics, []);
    assert_eq!(
        items[0],
        Item::Option {
            line: 3,
            name: "title".into(),
            value: "Shashi weaving".into()
        }
    );
    assert_eq!(
        items[2],
        Item::Commodity {
            line: 6,
            symbol: "CNY".into(),
            scale: None
        }
    );
    let Item::AccountDeclaration {
        line,
        name,
        account_type,
        commodities,
    } = &items[4]
    else {
        panic!("{:?}", items[4])
    };
    assert_eq!(
        (*line, name.as_str(), *account_type),
        (9, "Assets:Bank", None)
    );
    assert_eq!(commodities, &["CNY"]);
    let (listed, _) = read("2024-01-01 open Assets:Bank CNY, USD\n", Format::Beancount);
    let Item::AccountDeclaration { commodities, .. } = &listed[0] else {
        panic!()
    };
    assert_eq!(commodities, &["CNY", "USD"]);
    let Item::Close { line, name, .. } = items.last().unwrap() else {
        panic!()
    };
    assert_eq!((*line, name.as_str()), (27, "Income:Cloth"));

    let found = entries(EVERY_CONSTRUCT, Format::Beancount);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].line, 13);
    assert_eq!(found[0].description, "Opening balances");
    assert_eq!(found[0].comment.as_deref(), Some("from the old books"));
    assert_eq!(
        postings(&found[0]),
        [
            row("Assets:Cash", "1234.50", Some("CNY")),
            row("Assets:Bank", "100", Some("CNY")),
            row("Equity:Opening", "-1334.50", Some("CNY"))
        ]
    );
    assert_eq!(
        found[1].description,
        "Supply coop | Cloth \"fine\" \\ grade"
    );
    assert_eq!(found[1].status, Some('!'));
    assert_eq!(
        postings(&found[1])[1],
        row("Income:Cloth", "-300", Some("CNY"))
    );
    assert_eq!(
        (found[2].description.as_str(), found[2].status),
        ("narration only", Some('*'))
    );
}

#[test]
fn refusals_name_the_line() {
    let b = Format::Beancount;
    let body = "  Assets:A  1 CNY\n  Income:B\n";
    for directive in [
        "balance Assets:A 1 CNY",
        "pad Assets:A Equity:B",
        "price USD 7 CNY",
        "event \"a\" \"b\"",
        "note Assets:A \"x\"",
        "document Assets:A \"x\"",
        "custom \"x\"",
    ] {
        assert_one_error(
            &format!("2024-01-01 {directive}\n"),
            b,
            1,
            "is not supported",
        );
    }
    for directive in [
        "include \"x.beancount\"",
        "plugin \"p\"",
        "pushtag #x",
        "poptag #x",
    ] {
        assert_one_error(&format!("{directive}\n"), b, 1, "is not supported");
    }
    assert_one_error("frobnicate\n", b, 1, "unknown directive 'frobnicate'");
    assert_one_error(
        &format!("2024-02-30 * \"x\"\n{body}"),
        b,
        1,
        "invalid date '2024-02-30'",
    );
    assert_one_error(
        "2024-01-01 * \"x\"\n  Assets:A  1 CNY\n  Income:B  -2 CNY\n",
        b,
        1,
        "off by -1 CNY",
    );
    assert_one_error(
        "2024-01-01 * \"x\"\n  Assets:A  1 CNY\n  Income:B\n  Income:C\n",
        b,
        4,
        "two postings have no amount",
    );
    assert_one_error(
        "2024-01-01 * \"x\"\n  Assets:A  1 CNY @ 1 USD\n  Income:B\n",
        b,
        2,
        "prices",
    );
    assert_one_error(
        "2024-01-01 * \"x\"\n  Assets:A  1 CNY {1 USD}\n  Income:B\n",
        b,
        2,
        "costs",
    );
    assert_one_error(
        "2024-01-01 * \"x\"\n  Assets:A  1\n  Income:B\n",
        b,
        2,
        "has no currency",
    );
    assert_one_error(
        "2024-01-01 * \"x\n  Assets:A  1 CNY\n  Income:B\n",
        b,
        1,
        "not closed",
    );
    assert_one_error("2024-01-01 * \"x\" junk\n", b, 1, "unexpected 'junk'");
    assert_one_error("2024-01-01 open Assets::A\n", b, 1, "is not valid");
    assert_one_error(
        "2024-01-01 open Assets:A\n  Assets:B  1 CNY\n",
        b,
        2,
        "neither metadata",
    );
}

#[test]
fn every_bad_line_is_reported() {
    let text = "2024-01-01 open Assets:A\n2024-01-01 balance Assets:A 0 CNY\n2024-01-02 * \"a\"\n  Assets:A  1 CNY\n  Income:B  1 CNY\n\n2024-01-03 * \"ok\"\n  Assets:A  1 CNY\n  Income:B\nplugin \"x\"\n";
    let found: Vec<usize> = errors(text, Format::Beancount)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(found, [2, 3, 10]);
    assert_eq!(
        entries(
            "2024-01-03 * \"ok\"\n  Assets:A  1 CNY\n  Income:B\n",
            Format::Beancount
        )
        .len(),
        1
    );
}
