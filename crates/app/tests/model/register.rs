//! The member register as the model holds it: each member's standing after their dated
//! events, and their share capital as dated movements. A member pays shares up to what
//! they subscribed; asks to withdraw while a member; is settled while withdrawing, once the
//! default charter's 30 days of notice have run: the paid-in shares leave share capital,
//! what they owe is deducted and the rest becomes a refund payable. History is told in
//! order: nothing is dated before the member's last event.

use chrono::{Datelike, Days, NaiveDate};

/// A share's value in minor units under the default charter.
pub const SHARE_MINOR: i64 = 1_000;
/// The default charter's notice before a withdrawal is settled.
const NOTICE_DAYS: u64 = 30;

/// Where a member stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Member,
    /// Asked to withdraw; still a member, and still votes, until the settlement.
    Withdrawing,
    Withdrawn,
}

impl Standing {
    pub fn word(self) -> &'static str {
        match self {
            Standing::Member => "member",
            Standing::Withdrawing => "withdrawing",
            Standing::Withdrawn => "withdrawn",
        }
    }
}

/// A withdrawal's settlement, in minor units: the paid-in capital that leaves share
/// capital is `refund + deducted`.
#[derive(Debug, Clone, Copy)]
pub struct Settlement {
    pub shares: i64,
    pub paid_in: i64,
    pub refund: i64,
    pub deducted: i64,
}

pub struct Member {
    pub subscribed: u32,
    /// Every event, oldest first, with the standing it leaves (a payment leaves it as it is).
    events: Vec<(NaiveDate, Standing)>,
    /// The day the member last asked to withdraw.
    requested: Option<NaiveDate>,
    /// Share capital moved: day, shares, minor units.
    movements: Vec<(NaiveDate, i64, i64)>,
}

impl Member {
    /// A member admitted directly on `joined`, paying `paid` of `subscribed` shares.
    pub fn admitted(joined: NaiveDate, subscribed: u32, paid: u32) -> Member {
        let mut member = Member {
            subscribed,
            events: vec![(joined, Standing::Member)],
            requested: None,
            movements: Vec::new(),
        };
        if paid > 0 {
            member.move_shares(joined, i64::from(paid));
        }
        member
    }

    pub fn standing(&self) -> Standing {
        self.events.last().map_or(Standing::Member, |(_, s)| *s)
    }

    /// Where the member stood at the end of `date`; none before they joined.
    pub fn standing_on(&self, date: NaiveDate) -> Option<Standing> {
        self.events
            .iter()
            .rev()
            .find(|(day, _)| *day <= date)
            .map(|(_, s)| *s)
    }

    /// Whether the member may vote at the end of `date`.
    pub fn votes_on(&self, date: NaiveDate) -> bool {
        matches!(
            self.standing_on(date),
            Some(Standing::Member | Standing::Withdrawing)
        )
    }

    pub fn last_event(&self) -> NaiveDate {
        self.events.last().map_or(NaiveDate::MIN, |(day, _)| *day)
    }

    /// The day the member last asked to withdraw, while withdrawing.
    pub fn requested(&self) -> Option<NaiveDate> {
        self.requested
            .filter(|_| self.standing() == Standing::Withdrawing)
    }

    /// Whether the member may pay more shares: a member with some still unpaid.
    pub fn may_pay_more(&self) -> bool {
        self.standing() == Standing::Member && self.shares_paid() < i64::from(self.subscribed)
    }

    pub fn shares_paid(&self) -> i64 {
        self.movements.iter().map(|(_, shares, _)| shares).sum()
    }

    fn paid_in(&self) -> i64 {
        self.movements.iter().map(|(_, _, minor)| minor).sum()
    }

    fn move_shares(&mut self, date: NaiveDate, shares: i64) {
        self.movements.push((date, shares, shares * SHARE_MINOR));
    }

    fn in_order(&self, date: NaiveDate) -> Result<(), String> {
        if date < self.last_event() {
            return Err(format!(
                "the member's last event was on {}",
                self.last_event()
            ));
        }
        Ok(())
    }

    /// What paying `shares` more on `date` costs, or why it is refused.
    pub fn payment(&self, shares: u32, date: NaiveDate) -> Result<i64, String> {
        if self.standing() != Standing::Member {
            return Err(format!("a {} pays no more shares", self.standing().word()));
        }
        if shares == 0 {
            return Err("no shares".into());
        }
        if self.shares_paid() + i64::from(shares) > i64::from(self.subscribed) {
            return Err("more than subscribed".into());
        }
        self.in_order(date)?;
        Ok(i64::from(shares) * SHARE_MINOR)
    }

    pub fn pay(&mut self, shares: u32, date: NaiveDate) {
        self.move_shares(date, i64::from(shares));
        self.events.push((date, self.standing()));
    }

    /// Asks to withdraw on `date`: only a member may.
    pub fn request_withdrawal(&mut self, date: NaiveDate) -> Result<(), String> {
        if self.standing() != Standing::Member {
            return Err(format!(
                "a {} cannot ask to withdraw",
                self.standing().word()
            ));
        }
        self.in_order(date)?;
        self.events.push((date, Standing::Withdrawing));
        self.requested = Some(date);
        Ok(())
    }

    /// The settlement on `date` of a member who owes `debts`, once the notice has run
    /// (for every member, those with nothing paid in too): none when nothing was paid in.
    pub fn settlement(&self, date: NaiveDate, debts: i64) -> Result<Option<Settlement>, String> {
        let requested = self
            .requested()
            .ok_or_else(|| format!("a {} has no withdrawal to settle", self.standing().word()))?;
        self.in_order(date)?;
        let leaves_on = requested + Days::new(NOTICE_DAYS);
        if date < leaves_on {
            return Err(format!("the notice runs until {leaves_on}"));
        }
        let paid_in = self.paid_in();
        if paid_in == 0 {
            return Ok(None);
        }
        let deducted = debts.clamp(0, paid_in);
        Ok(Some(Settlement {
            shares: self.shares_paid(),
            paid_in,
            refund: paid_in - deducted,
            deducted,
        }))
    }

    pub fn settle(&mut self, date: NaiveDate, settlement: Option<Settlement>) {
        if let Some(settlement) = settlement {
            self.movements
                .push((date, -settlement.shares, -settlement.paid_in));
        }
        self.events.push((date, Standing::Withdrawn));
    }

    /// The paid-in capital held each day of `year`, added up (never below nothing).
    pub fn capital_days(&self, year: i32) -> i64 {
        let mut total = 0;
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year");
        while day.year() == year {
            let held: i64 = self
                .movements
                .iter()
                .filter(|(date, _, _)| *date <= day)
                .map(|(_, _, minor)| minor)
                .sum();
            total += held.max(0);
            day = day.succ_opt().expect("a next day");
        }
        total
    }
}
