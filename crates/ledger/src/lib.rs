//! The books' pure core: exact money, accounts, balanced journal entries, reversals,
//! accounting periods, the hash chains of the books and of the audit trail, and the
//! accounting reports.
//!
//! Nothing here does IO, async or SQL; every function is a decision over values, so the
//! invariants of the books are stated and tested in one place.

pub mod account;
pub mod audit_chain;
pub mod chain;
pub mod chart;
pub mod entry;
pub mod money;
pub mod period;
pub mod report;

pub use account::{Account, AccountName, AccountType};
pub use entry::{EntryError, JournalEntry, Posting};
pub use money::{Currency, Decimal, Money, MoneyError};
pub use period::{Period, PeriodError};
