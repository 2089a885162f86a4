//! The books' tamper-evident hash chain: every entry's hash is
//! `SHA-256(previous hash ‖ canonical bytes of the entry and its postings)`, so altering or
//! removing any posted entry changes every hash after it.

use sha2::{Digest, Sha256};

use chrono::{Datelike, NaiveDate};

use crate::entry::{JournalEntry, Posting};

/// A link of the chain.
pub type ChainHash = [u8; 32];

/// The "previous hash" of a book's first entry.
pub const GENESIS: ChainHash = [0; 32];

/// Marks the layout of the canonical bytes, so a later layout can coexist with this one.
const CANONICAL_VERSION: &[u8] = b"artel-entry-v1\0";

/// The fields of an entry the chain covers, as recorded. Stored rows are read into this
/// view without the balance check, so that an altered entry can still be hashed and named.
#[derive(Debug, Clone, Copy)]
pub struct EntryView<'a> {
    pub date: NaiveDate,
    pub memo: &'a str,
    pub source: Option<&'a str>,
    pub reverses: Option<u64>,
    pub postings: &'a [Posting],
}

impl<'a> From<&'a JournalEntry> for EntryView<'a> {
    fn from(entry: &'a JournalEntry) -> Self {
        EntryView {
            date: entry.date(),
            memo: entry.memo(),
            source: entry.source(),
            reverses: entry.reverses(),
            postings: entry.postings(),
        }
    }
}

/// The hash of the entry with number `sequence`, following `previous`.
pub fn entry_hash<'a>(
    previous: &ChainHash,
    sequence: u64,
    entry: impl Into<EntryView<'a>>,
) -> ChainHash {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(canonical_bytes(sequence, entry.into()));
    hasher.finalize().into()
}

/// A fixed, unambiguous encoding: lengths before every variable-length field, integers
/// big-endian, the date as ISO text.
pub fn canonical_bytes(sequence: u64, entry: EntryView<'_>) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 + entry.memo.len() + entry.postings.len() * 48);
    bytes.extend_from_slice(CANONICAL_VERSION);
    bytes.extend_from_slice(&sequence.to_be_bytes());
    push_date(&mut bytes, entry.date);
    push_text(&mut bytes, entry.memo);
    match entry.source {
        Some(source) => {
            bytes.push(1);
            push_text(&mut bytes, source);
        }
        None => bytes.push(0),
    }
    match entry.reverses {
        Some(reversed) => {
            bytes.push(1);
            bytes.extend_from_slice(&reversed.to_be_bytes());
        }
        None => bytes.push(0),
    }
    bytes.extend_from_slice(&(entry.postings.len() as u64).to_be_bytes());
    for posting in entry.postings {
        push_text(&mut bytes, posting.account.as_str());
        bytes.extend_from_slice(&posting.amount.minor().to_be_bytes());
    }
    bytes
}

/// The date as chrono's `%Y-%m-%d` writes it; years of four digits without going through
/// the formatter (an import hashes a million entries).
fn push_date(bytes: &mut Vec<u8>, date: NaiveDate) {
    let (year, month, day) = (date.year(), date.month(), date.day());
    match u32::try_from(year) {
        Ok(year) if year <= 9999 => {
            let digit = |n: u32| b'0' + (n % 10) as u8;
            bytes.extend_from_slice(&[
                digit(year / 1000),
                digit(year / 100),
                digit(year / 10),
                digit(year),
                b'-',
                digit(month / 10),
                digit(month),
                b'-',
                digit(day / 10),
                digit(day),
            ]);
        }
        _ => bytes.extend_from_slice(date.format("%Y-%m-%d").to_string().as_bytes()),
    }
}

fn push_text(bytes: &mut Vec<u8>, text: &str) {
    bytes.extend_from_slice(&(text.len() as u64).to_be_bytes());
    bytes.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccountName, Money};
    use chrono::NaiveDate;

    fn entry(memo: &str, minor: i64) -> JournalEntry {
        let day = NaiveDate::from_ymd_opt(1954, 4, 30).unwrap();
        let postings = vec![
            Posting {
                account: AccountName::parse("Assets:Cash").unwrap(),
                amount: Money::from_minor(minor),
            },
            Posting {
                account: AccountName::parse("Income:Sales").unwrap(),
                amount: Money::from_minor(-minor),
            },
        ];
        JournalEntry::new(day, memo, None, postings).unwrap()
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = entry_hash(&GENESIS, 1, &entry("cloth", 100));
        assert_ne!(base, entry_hash(&GENESIS, 2, &entry("cloth", 100)));
        assert_ne!(base, entry_hash(&GENESIS, 1, &entry("cloth.", 100)));
        assert_ne!(base, entry_hash(&GENESIS, 1, &entry("cloth", 101)));
        assert_ne!(base, entry_hash(&[1; 32], 1, &entry("cloth", 100)));
        assert_eq!(base, entry_hash(&GENESIS, 1, &entry("cloth", 100)));
    }

    #[test]
    fn dates_are_written_as_the_formatter_writes_them() {
        let days = (-300..10_300)
            .filter_map(|year| NaiveDate::from_ymd_opt(year, 12, 31))
            .chain(
                NaiveDate::from_ymd_opt(1954, 1, 1)
                    .unwrap()
                    .iter_days()
                    .take(800),
            )
            .chain([NaiveDate::MIN, NaiveDate::MAX]);
        for day in days {
            let mut bytes = Vec::new();
            push_date(&mut bytes, day);
            assert_eq!(
                String::from_utf8(bytes).unwrap(),
                day.format("%Y-%m-%d").to_string()
            );
        }
    }
}
