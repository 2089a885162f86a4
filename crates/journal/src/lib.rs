//! Journal files in and out: a streaming parser for the ledger/hledger and beancount
//! subset Artel accepts, a checker for the rules that span a whole file, and writers that
//! export a book as either kind of text.
//!
//! The parser never holds more than one entry: it walks the bytes the caller hands it
//! (usually a memory map) line by line and yields one [`Item`] or one [`Diagnostic`] at a
//! time, resynchronising at the next entry or directive after an error so that every bad
//! line of a file is reported in one run.

mod beancount;
mod beancount_name;
mod check;
mod entry_builder;
mod item;
mod ledger;
mod lines;
mod parser;
mod split_check;
mod syntax;
mod write_beancount;
mod write_error;
mod write_ledger;

#[cfg(test)]
mod tests;

pub use beancount_name::beancount_account_name;
pub use check::{CheckSummary, Checker, FileCommodity, check};
pub use item::{Diagnostic, Format, Item, ParsedEntry, ParsedPosting};
pub use lines::LINE_LENGTH_MAX;
pub use parser::{Parser, parse};
pub use split_check::{Telling, check_in_parallel, check_split};
pub use write_beancount::write_beancount;
pub use write_error::WriteError;
pub use write_ledger::write_ledger;
