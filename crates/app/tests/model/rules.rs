//! The in-memory model: the rules of the books, the register, the sales and the year's end
//! that the test holds the real store to, written as plainly as they can be — entries
//! numbered from 1, a reversal at most once and never of a year's closing or distribution,
//! nothing dated in a closed month; the register's rules in `register`, the receivables' in
//! `receivables`, the year end's in `year_end`.
//!
//! The sequence runs through the years from [`FIRST_YEAR`]: most operations are dated in
//! the working year (the first one not closed), some in the year before (closed, so most
//! are refused) or the one after. Dates fall in January to June, so that months closed by
//! hand are often hit.

mod choice;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::receivables::{Invoice, Receivables};
use crate::register::{Member, SHARE_MINOR};
use crate::year_end::{
    Basis, CURRENT_YEAR_SURPLUS, Distributed, Motion, UNDISTRIBUTED_SURPLUS, YearEnd, divide,
};

pub use choice::Random;

/// The first year of the cooperative's books.
pub const FIRST_YEAR: i32 = 1900;
const CASH: &str = "Assets:Cash";
const RECEIVABLES: &str = "Assets:Receivables";
const SALES: &str = "Income:Sales";
const SHARE_CAPITAL: &str = "Equity:Share Capital";
const REFUNDS_PAYABLE: &str = "Liabilities:Share Refunds Payable";
const ADVANCES: &str = "Liabilities:Advances from Buyers";
/// Accounts of the cooperative chart a post may use, and one the chart does not have.
const ACCOUNTS: [&str; 5] = [
    CASH,
    "Assets:Bank",
    SALES,
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
    /// A member asks to withdraw.
    Withdraw {
        number: u64,
        date: NaiveDate,
    },
    /// A withdrawal settled, less what the member owes.
    Settle {
        number: u64,
        date: NaiveDate,
        debts: i64,
    },
    /// A delivery invoiced to a buyer of `kind`: in cash, or on credit (a receivable).
    Sell {
        date: NaiveDate,
        buyer: &'static str,
        kind: &'static str,
        minor: i64,
        credit: bool,
    },
    /// A payment received from a buyer, naming the invoice it pays first or not.
    ReceivePayment {
        date: NaiveDate,
        buyer: &'static str,
        minor: i64,
        invoice: Option<u64>,
    },
    /// A member's labour days (in tenths) in a month.
    Labour {
        member: u64,
        year: i32,
        month: u32,
        days: u64,
    },
    CloseYear {
        year: i32,
    },
    /// A general assembly on `date`, every member who may vote present, voting for a
    /// motion on a distribution.
    Assembly {
        date: NaiveDate,
    },
    /// The surplus (or loss) of a closed year distributed as a motion adopted.
    Distribute {
        year: i32,
        motion: u64,
    },
}

/// The kinds of operation, for choosing the next one and for the tally of what was
/// accepted and refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Post,
    Reverse,
    Close,
    Reopen,
    Admit,
    PayShares,
    Withdraw,
    Settle,
    Sell,
    ReceivePayment,
    Labour,
    CloseYear,
    Assembly,
    Distribute,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Post,
        Kind::Reverse,
        Kind::Close,
        Kind::Reopen,
        Kind::Admit,
        Kind::PayShares,
        Kind::Withdraw,
        Kind::Settle,
        Kind::Sell,
        Kind::ReceivePayment,
        Kind::Labour,
        Kind::CloseYear,
        Kind::Assembly,
        Kind::Distribute,
    ];

    /// Whether the model can refuse it: closing and reopening a month answer whether it
    /// changed, and an assembly is always held, adopting its motion or not.
    pub fn refusable(self) -> bool {
        !matches!(self, Kind::Close | Kind::Reopen | Kind::Assembly)
    }

    /// How often it is chosen, against the others.
    fn weight(self) -> u64 {
        match self {
            Kind::Post => 12,
            Kind::Reverse | Kind::PayShares | Kind::Settle => 7,
            Kind::Admit | Kind::Sell | Kind::ReceivePayment => 8,
            Kind::Withdraw | Kind::Labour => 6,
            Kind::Close | Kind::Reopen => 5,
            Kind::CloseYear | Kind::Distribute => 4,
            Kind::Assembly => 3,
        }
    }
}

impl Operation {
    pub fn kind(&self) -> Kind {
        match self {
            Operation::Post { .. } => Kind::Post,
            Operation::Reverse { .. } => Kind::Reverse,
            Operation::Close { .. } => Kind::Close,
            Operation::Reopen { .. } => Kind::Reopen,
            Operation::Admit { .. } => Kind::Admit,
            Operation::PayShares { .. } => Kind::PayShares,
            Operation::Withdraw { .. } => Kind::Withdraw,
            Operation::Settle { .. } => Kind::Settle,
            Operation::Sell { .. } => Kind::Sell,
            Operation::ReceivePayment { .. } => Kind::ReceivePayment,
            Operation::Labour { .. } => Kind::Labour,
            Operation::CloseYear { .. } => Kind::CloseYear,
            Operation::Assembly { .. } => Kind::Assembly,
            Operation::Distribute { .. } => Kind::Distribute,
        }
    }
}

struct Entry {
    date: NaiveDate,
    postings: Vec<(&'static str, i64)>,
    reversed: bool,
    /// A year's closing or distribution: never reversed by hand.
    year_end: bool,
}

#[derive(Default)]
pub struct Model {
    entries: Vec<Entry>,
    closed: BTreeSet<String>,
    members: Vec<Member>,
    receivables: Receivables,
    year_end: YearEnd,
}

fn month_of(date: NaiveDate) -> String {
    format!("{}-{:02}", date.year(), date.month())
}

fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).expect("a year"),
        NaiveDate::from_ymd_opt(year, 12, 31).expect("a year"),
    )
}

fn is_result_account(account: &str) -> bool {
    account.starts_with("Income:") || account.starts_with("Expenses:")
}

impl Model {
    /// What the store must answer to `operation`: the entry's number, the member's number,
    /// whether a month changed, how many may vote — or that it is refused (why, for the
    /// failure message).
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
                Ok(self.post(*date, vec![(debit, *minor), (credit, -minor)]))
            }
            Operation::Reverse { sequence, date } => {
                let index = usize::try_from(*sequence - 1).map_err(|e| e.to_string())?;
                let entry = self.entries.get(index).ok_or("no such entry")?;
                if entry.year_end {
                    return Err("a year's closing or distribution stands".into());
                }
                if entry.reversed {
                    return Err("reversed already".into());
                }
                self.open(*date)?;
                let postings = entry.postings.iter().map(|(a, m)| (*a, -m)).collect();
                self.entries[index].reversed = true;
                Ok(self.post(*date, postings))
            }
            Operation::Close { month } => Ok(u64::from(self.closed.insert(month.clone()))),
            Operation::Reopen { month } => {
                let year: i32 = month[..4].parse().map_err(|_| "a month")?;
                if self.closed.contains(month) && self.year_end.closed(year) {
                    return Err(format!("{month} belongs to the closed year {year}"));
                }
                Ok(u64::from(self.closed.remove(month)))
            }
            Operation::Admit {
                joined,
                subscribed,
                paid,
            } => {
                if *subscribed == 0 {
                    return Err("fewer shares than the charter's minimum".into());
                }
                if paid > subscribed {
                    return Err("more paid than subscribed".into());
                }
                if *paid > 0 {
                    self.open(*joined)?;
                    self.post(*joined, Self::shares(i64::from(*paid) * SHARE_MINOR));
                }
                self.members
                    .push(Member::admitted(*joined, *subscribed, *paid));
                Ok(self.members.len() as u64)
            }
            Operation::PayShares {
                number,
                shares,
                date,
            } => {
                let minor = self.member(*number)?.payment(*shares, *date)?;
                self.open(*date)?;
                self.member_mut(*number).pay(*shares, *date);
                Ok(self.post(*date, Self::shares(minor)))
            }
            Operation::Withdraw { number, date } => {
                self.member(*number)?;
                self.member_mut(*number).request_withdrawal(*date)?;
                Ok(0)
            }
            Operation::Settle {
                number,
                date,
                debts,
            } => {
                let settlement = self.member(*number)?.settlement(*date, *debts)?;
                if settlement.is_some() {
                    self.open(*date)?;
                }
                self.member_mut(*number).settle(*date, settlement);
                Ok(settlement.map_or(0, |s| {
                    self.post(
                        *date,
                        vec![
                            (SHARE_CAPITAL, s.paid_in),
                            (REFUNDS_PAYABLE, -s.refund),
                            (RECEIVABLES, -s.deducted),
                        ],
                    )
                }))
            }
            Operation::Sell {
                date,
                buyer,
                kind,
                minor,
                credit,
            } => {
                self.receivables.check_buyer(buyer, kind)?;
                self.open(*date)?;
                let advance = self.receivables.advance_left(buyer, *date).min(*minor);
                let debit = if *credit { RECEIVABLES } else { CASH };
                let sequence = self.post(
                    *date,
                    vec![
                        (ADVANCES, advance),
                        (debit, minor - advance),
                        (SALES, -minor),
                    ],
                );
                let invoice = Invoice {
                    sequence,
                    buyer,
                    date: *date,
                    credit: *credit,
                    amount: *minor,
                    advance,
                };
                self.receivables.record_sale(invoice, kind);
                Ok(sequence)
            }
            Operation::ReceivePayment {
                date,
                buyer,
                minor,
                invoice,
            } => {
                let allocation = self.receivables.allocate(buyer, *date, *minor, *invoice)?;
                self.open(*date)?;
                let sequence = self.post(
                    *date,
                    vec![
                        (CASH, *minor),
                        (RECEIVABLES, -allocation.applied_total()),
                        (ADVANCES, -allocation.left_over),
                    ],
                );
                self.receivables.record_payment(buyer, *date, allocation);
                Ok(sequence)
            }
            Operation::Labour {
                member,
                year,
                month,
                days,
            } => {
                self.member(*member)?;
                self.year_end.record_labour(*member, *year, *month, *days)?;
                Ok(1)
            }
            Operation::CloseYear { year } => self.close_year(*year),
            Operation::Assembly { date } => {
                let voters = self.voters_on(*date);
                self.year_end.motions.push(Motion {
                    held_on: *date,
                    adopted: voters > 0,
                    used: false,
                });
                Ok(u64::from(voters))
            }
            Operation::Distribute { year, motion } => self.distribute_year(*year, *motion),
        }
    }

    /// Closes `year`: refused before it ended, when closed already, or when the books hold
    /// entries before it and the year before is not closed. Its income and expenses go
    /// into the year's surplus by an entry on its last day (none when they are nothing),
    /// and its twelve months are locked.
    fn close_year(&mut self, year: i32) -> Result<u64, String> {
        let (first, last) = year_bounds(year);
        if last >= chrono::Utc::now().date_naive() {
            return Err(format!("{year} has not ended"));
        }
        if self.year_end.closed(year) {
            return Err(format!("{year} is closed already"));
        }
        if self.entries.iter().any(|e| e.date < first) && !self.year_end.closed(year - 1) {
            return Err(format!("close {} first", year - 1));
        }
        let mut results: BTreeMap<&'static str, i64> = BTreeMap::new();
        for entry in self
            .entries
            .iter()
            .filter(|e| (first..=last).contains(&e.date))
        {
            for (account, minor) in &entry.postings {
                if is_result_account(account) {
                    *results.entry(account).or_insert(0) += minor;
                }
            }
        }
        results.retain(|_, minor| *minor != 0);
        let sum: i64 = results.values().sum();
        let sequence = if results.is_empty() {
            0
        } else {
            let mut postings: Vec<_> = results.iter().map(|(a, m)| (*a, -m)).collect();
            postings.push((CURRENT_YEAR_SURPLUS, sum));
            self.post_year_end(last, postings)
        };
        self.year_end.closings.insert(year, -sum);
        for month in 1..=12 {
            self.closed.insert(format!("{year}-{month:02}"));
        }
        Ok(sequence)
    }

    /// Distributes `year` as motion `motion` decided, on the day of its assembly.
    fn distribute_year(&mut self, year: i32, motion: u64) -> Result<u64, String> {
        let (surplus, date) = self.year_end.may_distribute(year, motion)?;
        let carried_loss = self
            .entries
            .iter()
            .filter(|e| e.date <= date)
            .flat_map(|e| &e.postings)
            .filter(|(account, _)| *account == UNDISTRIBUTED_SURPLUS)
            .map(|(_, minor)| minor)
            .sum::<i64>()
            .max(0);
        let members: Vec<Basis> = (1..=self.members.len() as u64)
            .map(|number| Basis {
                member: number,
                labour: self.year_end.labour_of(number, year),
                capital_days: self.members[number as usize - 1].capital_days(year),
            })
            .filter(|b| b.labour > 0 || b.capital_days > 0)
            .collect();
        let division = divide(surplus, carried_loss, year, &members)?;
        if division.postings.is_empty() {
            return Err(format!("{year} left nothing to distribute"));
        }
        self.open(date)?;
        let sequence = self.post_year_end(date, division.postings);
        self.year_end.distributed(Distributed {
            year,
            motion,
            sequence,
            date,
            dividends: division.dividends,
        });
        Ok(sequence)
    }

    /// How many members may vote at the end of `date`.
    pub fn voters_on(&self, date: NaiveDate) -> u32 {
        self.members.iter().filter(|m| m.votes_on(date)).count() as u32
    }

    /// The day of the assembly that put motion `number`.
    pub fn motion_day(&self, number: u64) -> Option<NaiveDate> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.year_end.motions.get(index).map(|m| m.held_on)
    }

    fn member(&self, number: u64) -> Result<&Member, String> {
        usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| self.members.get(index))
            .ok_or_else(|| format!("no member {number}"))
    }

    fn member_mut(&mut self, number: u64) -> &mut Member {
        &mut self.members[number as usize - 1]
    }

    fn shares(minor: i64) -> Vec<(&'static str, i64)> {
        vec![(CASH, minor), (SHARE_CAPITAL, -minor)]
    }

    fn open(&self, date: NaiveDate) -> Result<(), String> {
        let month = month_of(date);
        if self.closed.contains(&month) {
            return Err(format!("{month} is closed"));
        }
        Ok(())
    }

    fn post(&mut self, date: NaiveDate, postings: Vec<(&'static str, i64)>) -> u64 {
        self.entries.push(Entry {
            date,
            postings,
            reversed: false,
            year_end: false,
        });
        self.entries.len() as u64
    }

    fn post_year_end(&mut self, date: NaiveDate, postings: Vec<(&'static str, i64)>) -> u64 {
        let sequence = self.post(date, postings);
        self.entries[sequence as usize - 1].year_end = true;
        sequence
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
            .map(|(i, m)| {
                (
                    i as u64 + 1,
                    m.standing().word().to_owned(),
                    m.shares_paid() as u64,
                )
            })
            .collect()
    }

    /// Every credit invoice still owed on: sequence, buyer, what is owed.
    pub fn receivables(&self) -> Vec<(u64, String, i64)> {
        self.receivables.open()
    }

    /// The distributions made, by year.
    pub fn distributions(&self) -> Vec<Distributed> {
        self.year_end.distributions.values().cloned().collect()
    }

    /// The labour records of each year not distributed (a distributed year's stay as they
    /// were, and its dividends show them): year, then member, month, days in tenths.
    pub fn open_labour(&self) -> BTreeMap<i32, Vec<(u64, u32, u64)>> {
        let years: BTreeSet<i32> = self.year_end.labour.keys().map(|(_, y, _)| *y).collect();
        years
            .into_iter()
            .filter(|y| !self.year_end.distributions.contains_key(y))
            .map(|y| (y, self.year_end.labour_in(y)))
            .collect()
    }
}
