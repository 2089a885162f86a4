//! Round trips: what the writers write reads back to the same entries and balances.

use std::collections::BTreeMap;

use artel_ledger::{Account, AccountName, AccountType, Currency, JournalEntry, Money, Posting};
use chrono::NaiveDate;
use proptest::prelude::*;

use super::entries;
use crate::{Format, WriteError, beancount_account_name, check, write_beancount, write_ledger};

fn account(name: &str, account_type: AccountType) -> Account {
    Account::unlabelled(AccountName::parse(name).unwrap(), account_type)
}

fn chart() -> Vec<Account> {
    vec![
        account("Assets:Cash", AccountType::Asset),
        account("assets:petty cash", AccountType::Asset),
        account("资产:银行", AccountType::Asset),
        account("Cash Box:Drawer", AccountType::Asset),
        account("Liabilities:Members' loans", AccountType::Liability),
        account("Equity", AccountType::Equity),
        account("revenue:cloth sales", AccountType::Income),
        account("Expenses:Wages", AccountType::Expense),
    ]
}

fn entry(day: u32, memo: &str, source: Option<&str>, postings: &[(&str, i64)]) -> JournalEntry {
    let postings = postings
        .iter()
        .map(|(name, minor)| Posting {
            account: AccountName::parse(name).unwrap(),
            amount: Money::from_minor(*minor),
        })
        .collect();
    let date = NaiveDate::from_ymd_opt(1954, 4, day).unwrap();
    JournalEntry::new(date, memo, source.map(str::to_owned), postings).unwrap()
}

fn sample_entries() -> Vec<JournalEntry> {
    vec![
        entry(
            1,
            "Opening (1953 books)",
            Some("ledger p. 4; line 2"),
            &[("Assets:Cash", 123_450), ("Equity", -123_450)],
        ),
        entry(
            2,
            "Cloth \"fine\" sold\\ok",
            None,
            &[("资产:银行", 30_000), ("revenue:cloth sales", -30_000)],
        ),
        entry(
            3,
            "wages; March",
            None,
            &[
                ("Expenses:Wages", 5),
                ("assets:petty cash", -2),
                ("Cash Box:Drawer", -3),
            ],
        ),
        entry(
            3,
            "",
            None,
            &[("Liabilities:Members' loans", -100), ("Assets:Cash", 100)],
        )
        .reversal(
            4,
            NaiveDate::from_ymd_opt(1954, 4, 30).unwrap(),
            "undo loan",
        )
        .unwrap(),
    ]
}

fn cny() -> Currency {
    Currency::new("CNY", 2).unwrap()
}

fn ledger_text(currency: &Currency, accounts: &[Account], entries: &[JournalEntry]) -> String {
    let mut out = Vec::new();
    write_ledger(&mut out, currency, accounts, entries).unwrap();
    String::from_utf8(out).unwrap()
}

fn beancount_text(currency: &Currency, accounts: &[Account], entries: &[JournalEntry]) -> String {
    let mut out = Vec::new();
    write_beancount(&mut out, currency, accounts, None, entries.iter()).unwrap();
    String::from_utf8(out).unwrap()
}

/// Balances by account name straight from the entries, as text at the currency's scale.
fn expected_balances(
    currency: &Currency,
    entries: &[JournalEntry],
    rename: impl Fn(&AccountName) -> String,
) -> Vec<(String, String)> {
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for posting in entries.iter().flat_map(JournalEntry::postings) {
        *sums.entry(rename(&posting.account)).or_default() += posting.amount.minor();
    }
    sums.into_iter()
        .filter(|(_, sum)| *sum != 0)
        .map(|(name, sum)| (name, currency.format(Money::from_minor(sum))))
        .collect()
}

fn balances_of(text: &str, format: Format) -> Vec<(String, String)> {
    let summary = check(text.as_bytes(), format);
    assert_eq!(summary.diagnostics(), [], "{text}");
    summary
        .balances()
        .iter()
        .map(|(name, amount)| (name.to_string(), amount.to_string()))
        .collect()
}

fn type_of(accounts: &[Account]) -> impl Fn(&AccountName) -> String + '_ {
    |name| {
        let account = accounts.iter().find(|a| &a.name == name).unwrap();
        beancount_account_name(&account.name, account.account_type)
    }
}

#[test]
fn ledger_reads_back_the_same_entries() {
    let (currency, accounts, written) = (cny(), chart(), sample_entries());
    let text = ledger_text(&currency, &accounts, &written);
    let read = entries(&text, Format::Ledger);
    assert_eq!(read.len(), written.len());
    for (parsed, original) in read.iter().zip(&written) {
        assert_eq!(parsed.date, original.date());
        let memo = original.memo().replace(';', ",");
        assert_eq!(parsed.description, memo);
        assert_eq!(parsed.source_tag(), original.source());
        let amounts: Vec<(&AccountName, i64)> = parsed
            .postings
            .iter()
            .map(|p| (&p.account, p.amount.to_money(2).unwrap().minor()))
            .collect();
        let expected: Vec<(&AccountName, i64)> = original
            .postings()
            .iter()
            .map(|p| (&p.account, p.amount.minor()))
            .collect();
        assert_eq!(amounts, expected);
    }
    let summary = check(text.as_bytes(), Format::Ledger);
    assert!(summary.is_ok(), "{:?}", summary.diagnostics());
    let types: Vec<(String, AccountType)> = summary
        .accounts()
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .collect();
    let declared: Vec<(String, AccountType)> = {
        let mut all: Vec<_> = accounts
            .iter()
            .map(|a| (a.name.to_string(), a.account_type))
            .collect();
        all.sort();
        all
    };
    assert_eq!(types, declared);
    assert_eq!(
        balances_of(&text, Format::Ledger),
        expected_balances(&currency, &written, AccountName::to_string)
    );
}

#[test]
fn beancount_reads_back_the_same_balances() {
    let (currency, accounts, written) = (cny(), chart(), sample_entries());
    let text = beancount_text(&currency, &accounts, &written);
    assert!(
        text.contains("1954-04-01 open Assets:U8D44U4EA7:U94F6U884C CNY"),
        "{text}"
    );
    assert!(
        text.contains("1954-04-02 * \"Cloth \\\"fine\\\" sold\\\\ok\""),
        "{text}"
    );
    assert_eq!(
        balances_of(&text, Format::Beancount),
        expected_balances(&currency, &written, type_of(&accounts))
    );
    let read = entries(&text, Format::Beancount);
    assert_eq!(read[1].description, "Cloth \"fine\" sold\\ok");
}

#[test]
fn beancount_refuses_what_it_cannot_say() {
    let mut accounts = chart();
    accounts.push(account("Assets:Cash-Box", AccountType::Asset));
    accounts.push(account("Assets:Cash Box", AccountType::Asset));
    let collision = write_beancount(&mut Vec::new(), &cny(), &accounts, None, sample_entries());
    match collision {
        Err(WriteError::NameCollision {
            first,
            second,
            written,
        }) => {
            assert_eq!(
                (first.as_str(), second.as_str(), written.as_str()),
                ("Assets:Cash-Box", "Assets:Cash Box", "Assets:Cash-Box")
            );
        }
        other => panic!("{other:?}"),
    }
    for symbol in ["$", "元"] {
        let currency = Currency::new(symbol, 2).unwrap();
        let refused = write_beancount(&mut Vec::new(), &currency, &chart(), None, sample_entries());
        assert!(
            matches!(&refused, Err(WriteError::BeancountCommodity(s)) if s == symbol),
            "{refused:?}"
        );
    }
    let case_only = vec![
        account("Assets:Cash", AccountType::Asset),
        account("assets:cash", AccountType::Asset),
    ];
    let refused = write_beancount(
        &mut Vec::new(),
        &cny(),
        &case_only,
        None,
        Vec::<JournalEntry>::new(),
    );
    assert!(
        matches!(refused, Err(WriteError::NameCollision { .. })),
        "{refused:?}"
    );
    let text = ledger_text(
        &cny(),
        &case_only,
        &[entry(
            1,
            "x",
            None,
            &[("Assets:Cash", 1), ("assets:cash", -1)],
        )],
    );
    assert_eq!(balances_of(&text, Format::Ledger).len(), 2);
    let mut backwards = sample_entries();
    backwards.reverse();
    let refused = write_beancount(&mut Vec::new(), &cny(), &chart(), None, backwards.clone());
    assert!(
        matches!(refused, Err(WriteError::OutOfOrder { .. })),
        "{refused:?}"
    );
    // With the book's earliest date given, entries may come in any order.
    let earliest = backwards.iter().map(JournalEntry::date).min();
    let mut out = Vec::new();
    write_beancount(&mut out, &cny(), &chart(), earliest, backwards.clone()).unwrap();
    let written = String::from_utf8(out).unwrap();
    let amounts = |balances: Vec<(String, String)>| {
        let mut amounts: Vec<String> = balances.into_iter().map(|(_, amount)| amount).collect();
        amounts.sort();
        amounts
    };
    let ledger = ledger_text(&cny(), &chart(), &backwards);
    assert_eq!(
        amounts(balances_of(&written, Format::Beancount)),
        amounts(balances_of(&ledger, Format::Ledger))
    );
    let refused = write_beancount(
        &mut Vec::new(),
        &cny(),
        &chart()[..2],
        None,
        sample_entries(),
    );
    assert!(
        matches!(refused, Err(WriteError::UnknownAccount { .. })),
        "{refused:?}"
    );
}

#[test]
fn without_entries_accounts_open_in_1970() {
    let text = beancount_text(&cny(), &chart(), &[]);
    assert!(text.contains("1970-01-01 open Assets:Cash CNY"), "{text}");
}

#[test]
fn ledger_writes_currency_signs_and_zero_scales() {
    let currency = Currency::new("元", 0).unwrap();
    let entries = [entry(
        1,
        "(note) first",
        None,
        &[("Assets:Cash", 5), ("Equity", -5)],
    )];
    let text = ledger_text(&currency, &chart(), &entries);
    assert!(text.contains("commodity 1000 元"), "{text}");
    assert!(text.contains("1954-04-01 * () (note) first"), "{text}");
    let read = super::entries(&text, Format::Ledger);
    assert_eq!(read[0].description, "(note) first");
    assert_eq!(
        balances_of(&text, Format::Ledger),
        [
            ("Assets:Cash".to_owned(), "5".to_owned()),
            ("Equity".to_owned(), "-5".to_owned())
        ]
    );
    let bad = vec![account("[Assets]", AccountType::Asset)];
    assert!(matches!(
        write_ledger(&mut Vec::new(), &cny(), &bad, &entries),
        Err(WriteError::LedgerAccountName { .. })
    ));
}

fn arbitrary_entries() -> impl Strategy<Value = Vec<JournalEntry>> {
    let names: Vec<&'static str> = vec![
        "Assets:Cash",
        "assets:petty cash",
        "资产:银行",
        "Cash Box:Drawer",
        "Liabilities:Members' loans",
        "Equity",
        "revenue:cloth sales",
        "Expenses:Wages",
    ];
    let posting = (0..names.len(), -10_000_000_000i64..10_000_000_000);
    let one = (1u32..28, proptest::collection::vec(posting, 1..6));
    proptest::collection::vec(one, 0..30).prop_map(move |raw| {
        let mut raw = raw;
        raw.sort_by_key(|(day, _)| *day);
        raw.into_iter()
            .map(|(day, legs)| {
                let mut postings: Vec<(&str, i64)> =
                    legs.iter().map(|(i, minor)| (names[*i], *minor)).collect();
                postings.push(("Equity", -legs.iter().map(|(_, minor)| minor).sum::<i64>()));
                entry(day, "random", None, &postings)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn written_books_read_back_to_the_same_balances(written in arbitrary_entries(), scale in 0u8..4) {
        let currency = Currency::new("CNY", scale).unwrap();
        let accounts = chart();
        let ledger = ledger_text(&currency, &accounts, &written);
        prop_assert_eq!(balances_of(&ledger, Format::Ledger), expected_balances(&currency, &written, AccountName::to_string));
        let beancount = beancount_text(&currency, &accounts, &written);
        prop_assert_eq!(balances_of(&beancount, Format::Beancount), expected_balances(&currency, &written, type_of(&accounts)));
    }
}

/// bean-check accepts the beancount output and hledger agrees with the checker on the
/// ledger output, when those tools are installed (the workspace's oracle tests go further).
#[test]
fn outside_tools_accept_the_output() {
    let (currency, accounts, written) = (cny(), chart(), sample_entries());
    let directory = tempfile::tempdir().unwrap();
    if std::path::Path::new("/usr/bin/bean-check").exists() {
        let path = directory.path().join("book.beancount");
        std::fs::write(&path, beancount_text(&currency, &accounts, &written)).unwrap();
        let output = std::process::Command::new("/usr/bin/bean-check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    if std::path::Path::new("/usr/bin/hledger").exists() {
        let path = directory.path().join("book.journal");
        let text = ledger_text(&currency, &accounts, &written);
        std::fs::write(&path, &text).unwrap();
        let output = std::process::Command::new("/usr/bin/hledger")
            .args([
                "-f",
                path.to_str().unwrap(),
                "bal",
                "--flat",
                "--no-total",
                "-N",
                "--layout=bare",
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut theirs: Vec<(String, String)> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                let amount = words.next()?.replace(',', "");
                let _commodity = words.next()?;
                Some((words.collect::<Vec<_>>().join(" "), amount))
            })
            .collect();
        theirs.sort();
        assert_eq!(theirs, balances_of(&text, Format::Ledger));
    }
}
