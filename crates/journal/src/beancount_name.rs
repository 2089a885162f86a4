//! Account names adapted to beancount's grammar, by one rule:
//!
//! 1. The root is the account type's beancount root: `Assets`, `Liabilities`, `Equity`,
//!    `Income` or `Expenses`. When the name has more than one segment and its top-level
//!    segment already names that type (`assets`, `Revenue`, `EXPENSES`, … as
//!    [`AccountType::from_top_level`] reads it), that segment is replaced by the root;
//!    otherwise the root is put in front of the whole name (`Cash:Drawer` of type asset
//!    becomes `Assets:Cash:Drawer`, a lone `Equity` becomes `Equity:Equity`).
//! 2. In every other segment, ASCII letters, digits and `-` are kept; a space or any other
//!    ASCII character becomes `-`; a character outside ASCII becomes `U` followed by its
//!    code point in upper-case hexadecimal, four digits at least (`现金` →
//!    `U73B0U91D1`), since beancount 2 accepts no Chinese in account names and this keeps
//!    different names different.
//! 3. A lower-case ASCII letter that starts a segment is made upper-case; a segment that
//!    then starts with anything but an upper-case letter or a digit gets an `X` in front.
//!
//! So `revenue:cloth sales` becomes `Income:Cloth-sales` and `资产:现金` (type asset)
//! becomes `Assets:U8D44U4EA7:U73B0U91D1`. Two names that still end up the same make the
//! beancount export fail, naming both.

use std::fmt::Write as _;

use artel_ledger::{AccountName, AccountType};

/// The beancount root account of a type.
pub(crate) fn root(account_type: AccountType) -> &'static str {
    match account_type {
        AccountType::Asset => "Assets",
        AccountType::Liability => "Liabilities",
        AccountType::Equity => "Equity",
        AccountType::Income => "Income",
        AccountType::Expense => "Expenses",
    }
}

/// The beancount name of an account, by the rule of this module's documentation.
pub fn beancount_account_name(name: &AccountName, account_type: AccountType) -> String {
    let mut segments = name.segments().peekable();
    let mut out = String::from(root(account_type));
    let replaces_top = name.as_str().contains(':')
        && AccountType::from_top_level(name.as_str()) == Some(account_type);
    if replaces_top {
        segments.next();
    }
    for segment in segments {
        out.push(':');
        push_segment(&mut out, segment);
    }
    out
}

fn push_segment(out: &mut String, segment: &str) {
    let start = out.len();
    for c in segment.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else if c.is_ascii() {
            out.push('-');
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "U{:04X}", u32::from(c));
        }
    }
    let first = out[start..].chars().next();
    match first {
        Some(c) if c.is_ascii_lowercase() => out[start..start + 1].make_ascii_uppercase(),
        Some(c) if c.is_ascii_uppercase() || c.is_ascii_digit() => {}
        _ => out.insert(start, 'X'),
    }
}

/// Whether a currency symbol is a valid beancount commodity: two to 24 characters, an
/// upper-case letter first, upper-case letters or digits last, and upper-case letters,
/// digits and `'._-` between.
pub(crate) fn is_beancount_commodity(symbol: &str) -> bool {
    let bytes = symbol.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    (2..=24).contains(&bytes.len())
        && first.is_ascii_uppercase()
        && (last.is_ascii_uppercase() || last.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"'._-".contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, account_type: AccountType) -> String {
        beancount_account_name(&AccountName::parse(text).unwrap(), account_type)
    }

    #[test]
    fn the_rule() {
        assert_eq!(name("revenue:x", AccountType::Income), "Income:X");
        assert_eq!(
            name("Assets:Bank:Agricultural", AccountType::Asset),
            "Assets:Bank:Agricultural"
        );
        assert_eq!(
            name("revenue:cloth sales", AccountType::Income),
            "Income:Cloth-sales"
        );
        assert_eq!(
            name("Cash:Drawer", AccountType::Asset),
            "Assets:Cash:Drawer"
        );
        assert_eq!(
            name("Assets:Odd", AccountType::Liability),
            "Liabilities:Assets:Odd"
        );
        assert_eq!(name("Equity", AccountType::Equity), "Equity:Equity");
        assert_eq!(
            name("资产:现金", AccountType::Asset),
            "Assets:U8D44U4EA7:U73B0U91D1"
        );
        assert_eq!(name("Assets:_x", AccountType::Asset), "Assets:X-x");
        assert_eq!(name("Assets:1st", AccountType::Asset), "Assets:1st");
        assert_eq!(
            name("Expenses:a.b/c", AccountType::Expense),
            "Expenses:A-b-c"
        );
        assert_eq!(name("Assets:😀", AccountType::Asset), "Assets:U1F600");
    }

    #[test]
    fn commodities() {
        for good in ["CNY", "USD", "C'D", "A1", "VAN.TOP"] {
            assert!(is_beancount_commodity(good), "{good}");
        }
        for bad in ["$", "元", "C", "cny", "CN-", "1AB", ""] {
            assert!(!is_beancount_commodity(bad), "{bad}");
        }
    }
}
