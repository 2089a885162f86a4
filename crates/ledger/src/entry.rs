//! Journal entries: a date, a memo, an optional source reference and two or more postings
//! that sum to exactly zero. An entry that exists is balanced; corrections are reversals.

use chrono::NaiveDate;

use crate::account::AccountName;
use crate::money::{Money, MoneyError};

/// Most postings one entry may have; a limit on everything keeps every loop bounded.
pub const POSTINGS_PER_ENTRY_MAX: usize = 10_000;
/// Longest memo or source reference accepted, in bytes.
pub const MEMO_LENGTH_MAX: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("an entry needs at least two postings, this one has {0}")]
    TooFewPostings(usize),
    #[error("an entry may have at most {POSTINGS_PER_ENTRY_MAX} postings")]
    TooManyPostings,
    #[error("the postings do not balance: they sum to {0} minor units, not zero")]
    Unbalanced(i64),
    #[error("the memo or source is longer than {MEMO_LENGTH_MAX} bytes")]
    TextTooLong,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// One line of an entry: an amount to one account, debit positive, credit negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub account: AccountName,
    pub amount: Money,
}

/// A balanced journal entry, not yet (or already) given its place in a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    date: NaiveDate,
    memo: String,
    source: Option<String>,
    reverses: Option<u64>,
    postings: Vec<Posting>,
}

impl JournalEntry {
    /// Checks the invariants of an entry: two or more postings summing to exactly zero.
    pub fn new(
        date: NaiveDate,
        memo: impl Into<String>,
        source: Option<String>,
        postings: Vec<Posting>,
    ) -> Result<JournalEntry, EntryError> {
        let memo = memo.into();
        if memo.len() > MEMO_LENGTH_MAX
            || source.as_ref().is_some_and(|s| s.len() > MEMO_LENGTH_MAX)
        {
            return Err(EntryError::TextTooLong);
        }
        if postings.len() < 2 {
            return Err(EntryError::TooFewPostings(postings.len()));
        }
        if postings.len() > POSTINGS_PER_ENTRY_MAX {
            return Err(EntryError::TooManyPostings);
        }
        let sum = Money::checked_sum(postings.iter().map(|p| p.amount))?;
        if !sum.is_zero() {
            return Err(EntryError::Unbalanced(sum.minor()));
        }
        Ok(JournalEntry {
            date,
            memo,
            source,
            reverses: None,
            postings,
        })
    }

    /// The entry that undoes this one: the same postings with opposite signs, dated
    /// `date`, naming the sequence number of the entry it reverses.
    pub fn reversal(
        &self,
        sequence: u64,
        date: NaiveDate,
        memo: impl Into<String>,
    ) -> Result<JournalEntry, EntryError> {
        let postings = self
            .postings
            .iter()
            .map(|p| {
                Ok(Posting {
                    account: p.account.clone(),
                    amount: p.amount.checked_neg()?,
                })
            })
            .collect::<Result<Vec<_>, MoneyError>>()?;
        let mut entry = JournalEntry::new(date, memo, self.source.clone(), postings)?;
        entry.reverses = Some(sequence);
        Ok(entry)
    }

    /// Restores the link to a reversed entry when an entry is read back from storage.
    pub fn with_reverses(mut self, reverses: Option<u64>) -> JournalEntry {
        self.reverses = reverses;
        self
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub fn memo(&self) -> &str {
        &self.memo
    }

    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The sequence number of the entry this one reverses, if it is a reversal.
    pub fn reverses(&self) -> Option<u64> {
        self.reverses
    }

    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn posting(name: &str, minor: i64) -> Posting {
        Posting {
            account: AccountName::parse(name).unwrap(),
            amount: Money::from_minor(minor),
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(1954, 4, 30).unwrap()
    }

    #[test]
    fn refuses_unbalanced_and_short_entries() {
        let one = vec![posting("Assets:Cash", 0)];
        assert_eq!(
            JournalEntry::new(day(), "", None, one),
            Err(EntryError::TooFewPostings(1))
        );
        let off = vec![posting("Assets:Cash", 500), posting("Income:Sales", -400)];
        assert_eq!(
            JournalEntry::new(day(), "", None, off),
            Err(EntryError::Unbalanced(100))
        );
        let overflow = vec![
            posting("Assets:Cash", i64::MAX),
            posting("Assets:Bank", 1),
            posting("Income:Sales", -1),
        ];
        assert!(matches!(
            JournalEntry::new(day(), "", None, overflow),
            Err(EntryError::Money(MoneyError::Overflow))
        ));
    }

    proptest! {
        #[test]
        fn a_reversal_nets_to_zero(amounts in proptest::collection::vec(-1_000_000_000i64..1_000_000_000, 1..20)) {
            let mut postings: Vec<Posting> = amounts.iter().enumerate().map(|(i, a)| posting(&format!("Assets:A{i}"), *a)).collect();
            postings.push(posting("Equity:Opening", -amounts.iter().sum::<i64>()));
            let entry = JournalEntry::new(day(), "sale", None, postings).unwrap();
            let reversal = entry.reversal(7, day(), "undo").unwrap();
            prop_assert_eq!(reversal.reverses(), Some(7));
            for (a, b) in entry.postings().iter().zip(reversal.postings()) {
                prop_assert_eq!(&a.account, &b.account);
                prop_assert_eq!(a.amount.minor() + b.amount.minor(), 0);
            }
        }
    }
}
