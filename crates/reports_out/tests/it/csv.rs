//! CSV downloads: byte for byte what `artel report … --format csv` prints.

use artel_reports_out::{
    balance_sheet_csv, general_ledger_csv, income_statement_csv, trial_balance_csv,
};

use crate::fixtures;

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

#[test]
fn trial_balance() {
    insta::assert_snapshot!(text(trial_balance_csv(&fixtures::trial_balance()).unwrap()));
}

#[test]
fn balance_sheet() {
    insta::assert_snapshot!(text(balance_sheet_csv(&fixtures::balance_sheet()).unwrap()));
}

#[test]
fn income_statement() {
    insta::assert_snapshot!(text(
        income_statement_csv(&fixtures::income_statement()).unwrap()
    ));
}

#[test]
fn general_ledger() {
    insta::assert_snapshot!(text(
        general_ledger_csv(&fixtures::general_ledger()).unwrap()
    ));
}

#[test]
fn amounts_are_never_refused_in_csv() {
    // CSV holds text, so even the largest amount is written exactly.
    let report = fixtures::trial_balance_with(vec![artel_ledger::report::BalanceRow {
        account: artel_ledger::AccountName::parse("Assets:Cash").unwrap(),
        account_type: artel_ledger::AccountType::Asset,
        balance: artel_ledger::Money::from_minor(i64::MAX),
    }]);
    let csv = text(trial_balance_csv(&report).unwrap());
    assert_eq!(csv, "account,balance\nAssets:Cash,92233720368547758.07\n");
}
