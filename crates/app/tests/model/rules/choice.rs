//! How the next operation is chosen: a kind by its weight — or, now and then, a kind the
//! run has not yet both accepted and refused — then an operation of that kind, mostly one
//! that can succeed (a member who may pay, a withdrawal whose notice has run, the open
//! invoice of the buyer who pays) and some that must be refused. Now and then the next
//! step toward distributing the earliest closed year's result is taken instead.

use chrono::{Datelike, Days, NaiveDate};

use super::{ACCOUNTS, FIRST_YEAR, Kind, Model, Operation, UNKNOWN_ACCOUNT, month_of};
use crate::receivables::{BUYERS, SELLING_TO};
use crate::register::Standing;
use crate::tally::Tally;

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

    /// True once in `n` times.
    fn one_in(&mut self, n: u64) -> bool {
        self.within(1, n) == 1
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.within(0, items.len() as u64 - 1) as usize]
    }

    /// A day of January to June of `year`.
    fn date_in(&mut self, year: i32) -> NaiveDate {
        let (month, day) = (self.within(1, 6) as u32, self.within(1, 28) as u32);
        NaiveDate::from_ymd_opt(year, month, day).expect("a day")
    }

    /// A day `low` to `high` days after `date`.
    fn after(&mut self, date: NaiveDate, low: u64, high: u64) -> NaiveDate {
        date + Days::new(self.within(low, high))
    }
}

impl Model {
    /// The first year not closed: where most operations are dated.
    pub fn working_year(&self) -> i32 {
        (FIRST_YEAR..)
            .find(|year| !self.year_end.closed(*year))
            .expect("a year")
    }

    /// A day of the working year; now and then of the year before or after.
    fn date(&self, random: &mut Random) -> NaiveDate {
        let year = self.working_year();
        let year = match random.within(0, 19) {
            0 | 1 => (year - 1).max(FIRST_YEAR),
            2 => year + 1,
            _ => year,
        };
        random.date_in(year)
    }

    fn month(&self, random: &mut Random) -> String {
        month_of(self.date(random))
    }

    /// A member's number; now and then one past the register's end.
    fn number(&self, random: &mut Random) -> u64 {
        random.within(1, self.members.len() as u64 + 1)
    }

    /// A member in `standing`, by number, if there is one.
    fn one_who_is(&self, standing: Standing, random: &mut Random) -> Option<u64> {
        let numbers: Vec<u64> = (1..=self.members.len() as u64)
            .filter(|n| self.members[*n as usize - 1].standing() == standing)
            .collect();
        (!numbers.is_empty()).then(|| random.pick(&numbers))
    }

    /// The next operation, for a run that has tallied so far as `tally` says.
    pub fn choose(&self, random: &mut Random, tally: &Tally) -> Operation {
        let lacking = tally.lacking().filter(|_| random.one_in(3));
        let undistributed = lacking == Some(Kind::Distribute) && !tally.accepted(Kind::Distribute);
        if undistributed || random.one_in(11) {
            return self.toward_distribution(random);
        }
        let kind = lacking.unwrap_or_else(|| {
            let total: u64 = Kind::ALL.iter().map(|k| k.weight()).sum();
            let mut at = random.within(1, total);
            *Kind::ALL
                .iter()
                .find(|k| {
                    let found = at <= k.weight();
                    at = at.saturating_sub(k.weight());
                    found
                })
                .expect("a kind")
        });
        match kind {
            Kind::Post => self.entry_to_post(random),
            Kind::Reverse => Operation::Reverse {
                // Now and then one that does not exist.
                sequence: random.within(1, self.entries.len() as u64 + 2),
                date: self.date(random),
            },
            Kind::Close => Operation::Close {
                month: self.month(random),
            },
            Kind::Reopen => Operation::Reopen {
                month: self.month(random),
            },
            Kind::Admit => self.admit(random),
            Kind::PayShares => self.pay_shares(random, tally),
            Kind::Withdraw => self.withdraw(random),
            Kind::Settle => self.settle(random),
            Kind::Sell => self.sell(random),
            Kind::ReceivePayment => self.receive_payment(random),
            Kind::Labour => self.labour(random, None),
            Kind::CloseYear => {
                // Mostly the working year; now and then the one before (closed) or one
                // after (the working year is not).
                let year = self.working_year();
                let around = [(year - 1).max(FIRST_YEAR), year + 1, year + 2];
                Operation::CloseYear {
                    year: if random.one_in(3) {
                        random.pick(&around)
                    } else {
                        year
                    },
                }
            }
            Kind::Assembly => Operation::Assembly {
                date: self.date(random),
            },
            Kind::Distribute => self.distribute(random),
        }
    }

    fn entry_to_post(&self, random: &mut Random) -> Operation {
        let debit = random.pick(&ACCOUNTS);
        let mut credit = random.pick(&ACCOUNTS);
        if credit == debit {
            credit = if random.one_in(4) {
                UNKNOWN_ACCOUNT
            } else {
                ACCOUNTS[(ACCOUNTS.iter().position(|a| *a == debit).unwrap_or(0) + 1) % 5]
            };
        }
        Operation::Post {
            date: self.date(random),
            debit,
            credit,
            minor: random.within(1, 100_000) as i64,
        }
    }

    fn admit(&self, random: &mut Random) -> Operation {
        // Now and then fewer shares than the charter's minimum of one, or more paid than
        // subscribed.
        let subscribed = if random.one_in(15) {
            0
        } else {
            random.within(1, 5) as u32
        };
        // Mostly some left to pay later.
        let paid = if subscribed > 0 && !random.one_in(4) {
            random.within(0, u64::from(subscribed) - 1) as u32
        } else {
            random.within(0, u64::from(subscribed)) as u32
        };
        let paid = if random.one_in(15) { paid + 1 } else { paid };
        Operation::Admit {
            joined: self.date(random),
            subscribed,
            paid,
        }
    }

    /// Shares paid, mostly by a member with some unpaid; when a run has yet to see a
    /// payment and no one has shares unpaid, a member is admitted who will have.
    fn pay_shares(&self, random: &mut Random, tally: &Tally) -> Operation {
        let paying: Vec<u64> = (1..=self.members.len() as u64)
            .filter(|n| self.members[*n as usize - 1].may_pay_more())
            .collect();
        if paying.is_empty() && !tally.accepted(Kind::PayShares) {
            return Operation::Admit {
                joined: random.date_in(self.working_year()),
                subscribed: 2,
                paid: 0,
            };
        }
        let number = if !paying.is_empty() && !random.one_in(4) {
            random.pick(&paying)
        } else {
            self.number(random)
        };
        let (date, shares) = match self.member(number) {
            Ok(member) if member.may_pay_more() && !random.one_in(4) => {
                let unpaid = i64::from(member.subscribed) - member.shares_paid();
                (
                    random
                        .after(member.last_event(), 0, 60)
                        .max(self.date(random)),
                    random.within(1, unpaid as u64) as u32,
                )
            }
            _ => (self.date(random), random.within(0, 3) as u32),
        };
        Operation::PayShares {
            number,
            shares,
            date,
        }
    }

    fn withdraw(&self, random: &mut Random) -> Operation {
        match self.one_who_is(Standing::Member, random) {
            Some(number) if !random.one_in(3) => Operation::Withdraw {
                number,
                date: random.after(self.members[number as usize - 1].last_event(), 0, 40),
            },
            _ => Operation::Withdraw {
                number: self.number(random),
                date: self.date(random),
            },
        }
    }

    fn settle(&self, random: &mut Random) -> Operation {
        let debts = if random.one_in(2) {
            0
        } else {
            random.within(1, 6_000) as i64
        };
        match self.one_who_is(Standing::Withdrawing, random) {
            Some(number) if !random.one_in(4) => {
                let requested = self.members[number as usize - 1]
                    .requested()
                    .expect("a withdrawing member asked");
                // Mostly once the notice has run, and in the working year.
                let date = if random.one_in(5) {
                    random.after(requested, 0, 29)
                } else {
                    random.after(requested, 30, 60).max(self.date(random))
                };
                Operation::Settle {
                    number,
                    date,
                    debts,
                }
            }
            _ => Operation::Settle {
                number: self.number(random),
                date: self.date(random),
                debts,
            },
        }
    }

    fn sell(&self, random: &mut Random) -> Operation {
        let (buyer, kind) = BUYERS[random.within(0, SELLING_TO as u64 - 1) as usize];
        // Now and then a known buyer is given another type than theirs.
        let kind = if self.receivables.knows(buyer) && random.one_in(8) {
            random.pick(&BUYERS).1
        } else {
            kind
        };
        Operation::Sell {
            date: self.date(random),
            buyer,
            kind,
            minor: random.within(1, 200_000) as i64,
            credit: !random.one_in(3),
        }
    }

    fn receive_payment(&self, random: &mut Random) -> Operation {
        // Now and then a buyer who never bought.
        let buyer = if random.one_in(12) {
            BUYERS[SELLING_TO].0
        } else {
            BUYERS[random.within(0, SELLING_TO as u64 - 1) as usize].0
        };
        let invoices: Vec<u64> = self
            .receivables
            .invoices()
            .iter()
            .map(|i| i.sequence)
            .collect();
        let open: Vec<u64> = self
            .receivables
            .open()
            .into_iter()
            .filter(|(_, b, _)| b == buyer)
            .map(|(sequence, _, _)| sequence)
            .collect();
        let invoice = match random.within(0, 19) {
            0..=3 if !open.is_empty() => Some(random.pick(&open)),
            4 | 5 if !invoices.is_empty() => Some(random.pick(&invoices)),
            6 => Some(random.within(1, self.entries.len() as u64 + 1)),
            _ => None,
        };
        Operation::ReceivePayment {
            date: self.date(random),
            buyer,
            minor: if random.one_in(12) {
                0
            } else {
                random.within(1, 150_000) as i64
            },
            invoice,
        }
    }

    /// Labour in `year`, or mostly in the working year.
    fn labour(&self, random: &mut Random, year: Option<i32>) -> Operation {
        let year = year.unwrap_or_else(|| {
            let working = self.working_year();
            if random.one_in(4) {
                (working - 1).max(FIRST_YEAR)
            } else {
                working
            }
        });
        let members = self.members.len() as u64;
        Operation::Labour {
            // Now and then one past the register's end.
            member: if members == 0 || random.one_in(6) {
                members + 1
            } else {
                random.within(1, members)
            },
            year,
            month: random.within(1, 12) as u32,
            days: random.within(0, 260),
        }
    }

    fn distribute(&self, random: &mut Random) -> Operation {
        let year = match self.year_end.pending() {
            Some(year) if !random.one_in(3) => year,
            _ => random.within(0, 2) as i32 + (self.working_year() - 2).max(FIRST_YEAR),
        };
        let motions = self.year_end.motions.len() as u64;
        Operation::Distribute {
            year,
            motion: if random.one_in(4) {
                random.within(1, motions + 1)
            } else {
                motions.max(1)
            },
        }
    }

    /// The next step toward distributing the earliest result that waits: the working
    /// year closed when none waits, labour to go by when there is none, a general assembly
    /// to decide it (a member admitted when no one would vote), the distribution.
    fn toward_distribution(&self, random: &mut Random) -> Operation {
        let Some(year) = self.year_end.pending() else {
            return Operation::CloseYear {
                year: self.working_year(),
            };
        };
        let worked = (1..=self.members.len() as u64).any(|m| self.year_end.labour_of(m, year) > 0);
        if !worked && !self.members.is_empty() {
            return self.labour(random, Some(year));
        }
        let motion = (1..=self.year_end.motions.len() as u64).find(|n| {
            let motion = &self.year_end.motions[*n as usize - 1];
            motion.adopted
                && !motion.used
                && motion.held_on.year() > year
                && self.open(motion.held_on).is_ok()
        });
        let date = random.date_in(self.working_year());
        match motion {
            Some(motion) => Operation::Distribute { year, motion },
            // An assembly where no one may vote adopts nothing: a member joins first.
            None if self.voters_on(date) == 0 => Operation::Admit {
                joined: NaiveDate::from_ymd_opt(date.year(), 1, 1).expect("a day"),
                subscribed: 1,
                paid: 0,
            },
            None => Operation::Assembly { date },
        }
    }
}
