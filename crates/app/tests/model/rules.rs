//! The in-memory model: the rules of the books and the register that the test holds the
//! real store to, written as plainly as they can be — entries numbered from 1, a reversal
//! at most once, nothing dated in a closed month, shares paid up to what was subscribed at
//! 10.00 CNY each (the default charter's value at two decimals), never before the
//! member's last event.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::day;

/// A share's value in minor units under the default charter.
const SHARE_MINOR: i64 = 1_000;
const CASH: &str = "Assets:Cash";
const SHARE_CAPITAL: &str = "Equity:Share Capital";
/// Accounts of the cooperative chart a post may use, and one the chart does not have.
const ACCOUNTS: [&str; 5] = [
    CASH,
    "Assets:Bank",
    "Income:Sales",
    "Expenses:Production:Materials",
    "Liabilities:Payables",
];
const UNKNOWN_ACCOUNT: &str = "Assets:Under The Mattress";

/// One step of a sequence.
#[derive(Debug, Clone)]
pub enum Operation {
    Post {
        date: NaiveDate,
        debit: &'static str,
        credit: &'static str,
        minor: i64,
    },
    Reverse {
        sequence: u64,
        date: NaiveDate,
    },
    Close {
        month: String,
    },
    Reopen {
        month: String,
    },
    Admit {
        joined: NaiveDate,
        subscribed: u32,
        paid: u32,
    },
    PayShares {
        number: u64,
        shares: u32,
        date: NaiveDate,
    },
}

impl Operation {
    /// The operation's kind, for the tally of what was accepted and refused.
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::Post { .. } => "post",
            Operation::Reverse { .. } => "reverse",
            Operation::Close { .. } => "close",
            Operation::Reopen { .. } => "reopen",
            Operation::Admit { .. } => "admit",
            Operation::PayShares { .. } => "pay shares",
        }
    }
}

struct Entry {
    postings: Vec<(&'static str, i64)>,
    reversed: bool,
}

struct Member {
    subscribed: u32,
    paid: u32,
    last_event: NaiveDate,
}

#[derive(Default)]
pub struct Model {
    entries: Vec<Entry>,
    closed: BTreeSet<String>,
    members: Vec<Member>,
}

/// SplitMix64: small, seeded, the same everywhere.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn within(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn date(&mut self) -> NaiveDate {
        day(self.within(1, 6) as u32, self.within(1, 28) as u32)
    }

    fn month(&mut self) -> String {
        format!("2024-{:02}", self.within(1, 6))
    }
}

fn month_of(date: NaiveDate) -> String {
    format!("{}-{:02}", date.year(), date.month())
}

impl Model {
    /// The next operation: mostly ones that can succeed, some that must be refused.
    pub fn choose(&self, random: &mut Random) -> Operation {
        let entries = self.entries.len() as u64;
        let members = self.members.len() as u64;
        match random.within(0, 99) {
            0..=39 => {
                let debit = ACCOUNTS[random.within(0, 4) as usize];
                let mut credit = ACCOUNTS[random.within(0, 4) as usize];
                if credit == debit {
                    credit = if random.within(0, 3) == 0 {
                        UNKNOWN_ACCOUNT
                    } else {
                        ACCOUNTS[(ACCOUNTS.iter().position(|a| *a == debit).unwrap_or(0) + 1) % 5]
                    };
                }
                Operation::Post {
                    date: random.date(),
                    debit,
                    credit,
                    minor: random.within(1, 100_000) as i64,
                }
            }
            40..=54 => Operation::Reverse {
                // Now and then one that does not exist.
                sequence: random.within(1, entries + 2),
                date: random.date(),
            },
            55..=64 => Operation::Close {
                month: random.month(),
            },
            65..=74 => Operation::Reopen {
                month: random.month(),
            },
            75..=86 => {
                let subscribed = random.within(1, 5) as u32;
                Operation::Admit {
                    joined: random.date(),
                    subscribed,
                    paid: random.within(0, u64::from(subscribed)) as u32,
                }
            }
            _ => Operation::PayShares {
                number: random.within(1, members + 1),
                shares: random.within(0, 3) as u32,
                date: random.date(),
            },
        }
    }

    /// What the store must answer to `operation`: the entry's number, the member's number or
    /// whether a month changed — or that it is refused (why, for the failure message).
    pub fn apply(&mut self, operation: &Operation) -> Result<u64, String> {
        match operation {
            Operation::Post {
                date,
                debit,
                credit,
                minor,
            } => {
                self.open(*date)?;
                if *debit == UNKNOWN_ACCOUNT || *credit == UNKNOWN_ACCOUNT {
                    return Err("an account the book does not have".into());
                }
                Ok(self.post(vec![(debit, *minor), (credit, -minor)]))
            }
            Operation::Reverse { sequence, date } => {
                let index = usize::try_from(*sequence - 1).map_err(|e| e.to_string())?;
                let entry = self.entries.get(index).ok_or("no such entry")?;
                if entry.reversed {
                    return Err("reversed already".into());
                }
                self.open(*date)?;
                let postings = entry.postings.iter().map(|(a, m)| (*a, -m)).collect();
                self.entries[index].reversed = true;
                Ok(self.post(postings))
            }
            Operation::Close { month } => Ok(u64::from(self.closed.insert(month.clone()))),
            Operation::Reopen { month } => Ok(u64::from(self.closed.remove(month))),
            Operation::Admit {
                joined,
                subscribed,
                paid,
            } => {
                if *paid > 0 {
                    self.open(*joined)?;
                    self.post(Self::shares(*paid));
                }
                self.members.push(Member {
                    subscribed: *subscribed,
                    paid: *paid,
                    last_event: *joined,
                });
                Ok(self.members.len() as u64)
            }
            Operation::PayShares {
                number,
                shares,
                date,
            } => {
                let index = usize::try_from(*number - 1).map_err(|e| e.to_string())?;
                let member = self.members.get(index).ok_or("no such member")?;
                if *shares == 0 {
                    return Err("no shares".into());
                }
                if member.paid + shares > member.subscribed {
                    return Err("more than subscribed".into());
                }
                if *date < member.last_event {
                    return Err("before the member's last event".into());
                }
                self.open(*date)?;
                let member = &mut self.members[index];
                member.paid += shares;
                member.last_event = *date;
                Ok(self.post(Self::shares(*shares)))
            }
        }
    }

    fn shares(count: u32) -> Vec<(&'static str, i64)> {
        let minor = i64::from(count) * SHARE_MINOR;
        vec![(CASH, minor), (SHARE_CAPITAL, -minor)]
    }

    fn open(&self, date: NaiveDate) -> Result<(), String> {
        let month = month_of(date);
        if self.closed.contains(&month) {
            return Err(format!("{month} is closed"));
        }
        Ok(())
    }

    fn post(&mut self, postings: Vec<(&'static str, i64)>) -> u64 {
        self.entries.push(Entry {
            postings,
            reversed: false,
        });
        self.entries.len() as u64
    }

    /// Every account's balance that is not zero.
    pub fn balances(&self) -> BTreeMap<String, i64> {
        let mut balances = BTreeMap::new();
        for (account, minor) in self.entries.iter().flat_map(|e| &e.postings) {
            *balances.entry((*account).to_owned()).or_insert(0) += minor;
        }
        balances.retain(|_, minor| *minor != 0);
        balances
    }

    pub fn closed(&self) -> &BTreeSet<String> {
        &self.closed
    }

    /// Each member's number, standing and shares paid.
    pub fn register(&self) -> Vec<(u64, String, u64)> {
        self.members
            .iter()
            .enumerate()
            .map(|(i, m)| (i as u64 + 1, "member".to_owned(), u64::from(m.paid)))
            .collect()
    }
}
