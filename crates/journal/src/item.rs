//! What the parser yields: the items of a journal file and the diagnostics for its bad
//! lines, each carrying the 1-based line number it came from.

use std::fmt;
use std::sync::Arc;

use artel_ledger::money::Decimal;
use artel_ledger::{AccountName, AccountType};
use chrono::NaiveDate;

/// The two journal syntaxes Artel reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// ledger / hledger journal syntax.
    Ledger,
    /// beancount syntax.
    Beancount,
}

/// One problem with one line of a file, said in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// One directive or entry of a journal file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// ledger `account NAME  ; type: A`, or beancount `DATE open NAME [CUR,...]`.
    AccountDeclaration {
        line: usize,
        name: AccountName,
        /// The type a ledger `type:` tag declares; beancount leaves the name to say it.
        account_type: Option<AccountType>,
        /// The currencies a beancount `open` limits the account to; empty for ledger.
        commodities: Vec<String>,
    },
    /// ledger `commodity CNY` / `commodity 1,000.00 CNY`, or beancount `DATE commodity CNY`.
    Commodity {
        line: usize,
        symbol: String,
        /// Decimal places of a sample amount (`1,000.00` → 2), when the directive gives one.
        scale: Option<u8>,
    },
    /// beancount `DATE close NAME`.
    Close {
        line: usize,
        date: NaiveDate,
        name: AccountName,
    },
    /// beancount `option "name" "value"`.
    Option {
        line: usize,
        name: String,
        value: String,
    },
    /// A balanced journal entry.
    Entry(ParsedEntry),
}

impl Item {
    /// The line the item starts on.
    pub fn line(&self) -> usize {
        match self {
            Item::AccountDeclaration { line, .. }
            | Item::Commodity { line, .. }
            | Item::Close { line, .. }
            | Item::Option { line, .. } => *line,
            Item::Entry(entry) => entry.line,
        }
    }
}

/// An entry as written in a file, its amounts resolved: the posting whose amount was left
/// out carries the negated sum of the others, and the postings sum to exactly zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEntry {
    /// Line of the entry's first line (its date).
    pub line: usize,
    pub date: NaiveDate,
    /// `*` or `!`; beancount `txn` reads as `*`.
    pub status: Option<char>,
    /// ledger `(42)`.
    pub code: Option<String>,
    /// ledger: the description; beancount: `payee | narration`, or the narration alone.
    pub description: String,
    /// The `;` comment on the entry's first line.
    pub comment: Option<String>,
    pub postings: Vec<ParsedPosting>,
}

impl ParsedEntry {
    /// The value of a `source:` tag in the entry's comment (`; source: bank statement 7`),
    /// which is where the ledger writer puts an entry's source reference.
    pub fn source_tag(&self) -> Option<&str> {
        let comment = self.comment.as_deref()?;
        comment.strip_prefix("source:").map(str::trim)
    }
}

/// One posting of a [`ParsedEntry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPosting {
    pub line: usize,
    pub account: AccountName,
    /// The amount as written (its own scale), or for the posting whose amount was left out,
    /// the balancing amount at the largest scale of the entry.
    pub amount: Decimal,
    /// The commodity symbol; every posting of one entry has the same one. Shared between
    /// postings so that parsing does not allocate a string for each.
    pub commodity: Option<Arc<str>>,
}
