//! Accounts: a hierarchical name (`Assets:Bank:Agricultural`), one of five types, and
//! labels in English and Chinese for the pages people read.

use std::fmt;
use std::sync::Arc;

/// The five kinds of account of double-entry books.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AccountType {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

impl AccountType {
    pub const ALL: [AccountType; 5] = [
        AccountType::Asset,
        AccountType::Liability,
        AccountType::Equity,
        AccountType::Income,
        AccountType::Expense,
    ];

    /// The stored and printed name: `asset`, `liability`, `equity`, `income`, `expense`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountType::Asset => "asset",
            AccountType::Liability => "liability",
            AccountType::Equity => "equity",
            AccountType::Income => "income",
            AccountType::Expense => "expense",
        }
    }

    pub fn parse(text: &str) -> Option<AccountType> {
        AccountType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The type a top-level name implies, in any letter case: `assets`, `liabilities`,
    /// `equity`, `income` or `revenue`, `expenses` (singular forms too).
    pub fn from_top_level(name: &str) -> Option<AccountType> {
        let top = name.split(':').next().unwrap_or("").to_lowercase();
        match top.as_str() {
            "assets" | "asset" => Some(AccountType::Asset),
            "liabilities" | "liability" => Some(AccountType::Liability),
            "equity" => Some(AccountType::Equity),
            "income" | "revenue" | "revenues" => Some(AccountType::Income),
            "expenses" | "expense" => Some(AccountType::Expense),
            _ => None,
        }
    }

    /// Whether the account normally carries a debit balance (assets and expenses).
    pub fn is_debit_normal(self) -> bool {
        matches!(self, AccountType::Asset | AccountType::Expense)
    }

    /// Whether the account belongs on the balance sheet rather than the income statement.
    pub fn is_balance_sheet(self) -> bool {
        matches!(
            self,
            AccountType::Asset | AccountType::Liability | AccountType::Equity
        )
    }
}

impl fmt::Display for AccountType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("account name '{name}' is not valid: {reason}")]
pub struct AccountNameError {
    pub name: String,
    pub reason: &'static str,
}

/// Longest account name accepted, in bytes.
pub const ACCOUNT_NAME_LENGTH_MAX: usize = 400;

/// A full account name: segments joined by `:`, each non-empty, with single spaces allowed
/// inside a segment (two spaces or a tab end a name in journal files). Shared, not copied,
/// when cloned: a journal's postings name the same few accounts millions of times.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct AccountName(Arc<str>);

impl AccountName {
    pub fn parse(name: &str) -> Result<AccountName, AccountNameError> {
        let fail = |reason| {
            Err(AccountNameError {
                name: name.to_owned(),
                reason,
            })
        };
        if name.is_empty() {
            return fail("it is empty");
        }
        if name.len() > ACCOUNT_NAME_LENGTH_MAX {
            return fail("it is longer than 400 bytes");
        }
        if name.contains("  ") || name.contains('\t') || name.contains('\n') || name.contains('\r')
        {
            return fail("it contains two spaces, a tab or a line break");
        }
        if name.contains(';') {
            // Journals read `;` as the start of a comment; such a name could not be exported.
            return fail("it contains ';'");
        }
        if name
            .split(':')
            .any(|segment| segment.is_empty() || segment.trim() != segment)
        {
            return fail("a segment is empty or starts or ends with a space");
        }
        Ok(AccountName(Arc::from(name)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split(':')
    }

    /// The name of the parent account, if this is not a top-level account.
    pub fn parent(&self) -> Option<AccountName> {
        self.0
            .rsplit_once(':')
            .map(|(parent, _)| AccountName(Arc::from(parent)))
    }
}

impl TryFrom<String> for AccountName {
    type Error = AccountNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        AccountName::parse(&value)
    }
}

impl From<AccountName> for String {
    fn from(value: AccountName) -> String {
        String::from(&*value.0)
    }
}

impl fmt::Display for AccountName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An account of one book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Account {
    pub name: AccountName,
    pub account_type: AccountType,
    pub label_en: String,
    pub label_zh: String,
    /// Whether postings to this account count as production cost (materials, production
    /// wages, production overheads) for the unit-cost indicator.
    pub production_cost: bool,
}

impl Account {
    /// An account with no labels yet; the pages show its name until someone adds them.
    pub fn unlabelled(name: AccountName, account_type: AccountType) -> Account {
        Account {
            name,
            account_type,
            label_en: String::new(),
            label_zh: String::new(),
            production_cost: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(AccountName::parse("Assets:Receivable:Supply Coop").is_ok());
        assert!(AccountName::parse("资产:现金").is_ok());
        for bad in [
            "",
            "Assets:",
            ":Cash",
            "Assets::Cash",
            "Assets:Two  spaces",
            "Assets:Tab\there",
            "Assets: Cash",
            "Assets:Semi;colon",
        ] {
            assert!(AccountName::parse(bad).is_err(), "{bad}");
        }
        let name = AccountName::parse("Assets:Bank:Agricultural").unwrap();
        assert_eq!(name.parent().unwrap().as_str(), "Assets:Bank");
        assert_eq!(AccountName::parse("Assets").unwrap().parent(), None);
    }

    #[test]
    fn types_from_top_level_names() {
        assert_eq!(
            AccountType::from_top_level("ASSETS:Cash"),
            Some(AccountType::Asset)
        );
        assert_eq!(
            AccountType::from_top_level("revenue:Cloth"),
            Some(AccountType::Income)
        );
        assert_eq!(
            AccountType::from_top_level("Expenses"),
            Some(AccountType::Expense)
        );
        assert_eq!(AccountType::from_top_level("Cash:Drawer"), None);
        for t in AccountType::ALL {
            assert_eq!(AccountType::parse(t.as_str()), Some(t));
        }
    }
}
