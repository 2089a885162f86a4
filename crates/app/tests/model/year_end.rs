//! The year's end as the model holds it: the closed years with their surplus, the labour
//! days recorded per member and month, the general assembly's motions on a distribution,
//! and the distributions made. A year's surplus is divided by the default charter: 30% to
//! the public accumulation fund, 10% to the public welfare fund, 5% to other levies, 45% as
//! dividend on labour (by labour days) and 10% as dividend on shares (by the capital held
//! day by day), the share dividend capped at 8% a year of that capital and what the cap
//! holds back going to the accumulation fund; a surplus first covers the losses carried
//! from earlier years, and a loss is carried forward. Every division is by the largest
//! remainder, to the minor unit.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

pub const CURRENT_YEAR_SURPLUS: &str = "Equity:Current Year Surplus";
pub const UNDISTRIBUTED_SURPLUS: &str = "Equity:Undistributed Surplus";
const ACCUMULATION_FUND: &str = "Equity:Public Accumulation Fund";
const WELFARE_FUND: &str = "Equity:Public Welfare Fund";
const LEVIES_PAYABLE: &str = "Liabilities:Levies Payable";
const DIVIDENDS_PAYABLE: &str = "Liabilities:Dividends Payable";

/// The default charter's parts of a thousand: accumulation fund, welfare fund, other
/// levies, labour dividend, share dividend.
const PARTS: [i128; 5] = [300, 100, 50, 450, 100];
/// The share dividend's cap, per thousand a year of the capital held.
const SHARE_CAP: i128 = 80;

/// What one member brings to a division: labour days (in tenths) and capital-days.
pub struct Basis {
    pub member: u64,
    pub labour: u64,
    pub capital_days: i64,
}

/// A motion on a distribution, put to a general assembly.
pub struct Motion {
    pub held_on: NaiveDate,
    pub adopted: bool,
    /// Whether a distribution was adopted by it already.
    pub used: bool,
}

/// A distribution made: the motion, its entry and day, and each member's dividends on
/// labour and on shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distributed {
    pub year: i32,
    pub motion: u64,
    pub sequence: u64,
    pub date: NaiveDate,
    pub dividends: Vec<(u64, i64, i64)>,
}

/// A division worked out: its postings (debits positive) and the members' dividends.
pub struct Division {
    pub postings: Vec<(&'static str, i64)>,
    pub dividends: Vec<(u64, i64, i64)>,
}

#[derive(Default)]
pub struct YearEnd {
    /// Each closed year's surplus, negative for a loss.
    pub closings: BTreeMap<i32, i64>,
    /// Labour days in tenths, by member, year and month.
    pub labour: BTreeMap<(u64, i32, u32), u64>,
    pub motions: Vec<Motion>,
    pub distributions: BTreeMap<i32, Distributed>,
}

impl YearEnd {
    pub fn closed(&self, year: i32) -> bool {
        self.closings.contains_key(&year)
    }

    /// The earliest closed year whose result waits to be distributed.
    pub fn pending(&self) -> Option<i32> {
        self.closings
            .iter()
            .find(|(year, surplus)| **surplus != 0 && !self.distributions.contains_key(year))
            .map(|(year, _)| *year)
    }

    /// Refused when a distributed year's labour would change.
    pub fn record_labour(
        &mut self,
        member: u64,
        year: i32,
        month: u32,
        days: u64,
    ) -> Result<(), String> {
        if self.distributions.contains_key(&year) {
            return Err(format!("{year} was distributed on its labour records"));
        }
        self.labour.insert((member, year, month), days);
        Ok(())
    }

    /// A member's labour days in `year`.
    pub fn labour_of(&self, member: u64, year: i32) -> u64 {
        self.labour
            .iter()
            .filter(|((m, y, _), _)| *m == member && *y == year)
            .map(|(_, days)| days)
            .sum()
    }

    /// The labour records of `year`: member, month, days in tenths.
    pub fn labour_in(&self, year: i32) -> Vec<(u64, u32, u64)> {
        self.labour
            .iter()
            .filter(|((_, y, _), _)| *y == year)
            .map(|((member, _, month), days)| (*member, *month, *days))
            .collect()
    }

    /// Whether the motion numbered `number` may distribute `year`: adopted and not used,
    /// held after the year; the year closed, not distributed, and no earlier result waiting.
    /// The year's surplus and the motion's day.
    pub fn may_distribute(&self, year: i32, number: u64) -> Result<(i64, NaiveDate), String> {
        let motion = usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| self.motions.get(index))
            .ok_or("no such motion")?;
        if !motion.adopted {
            return Err("the motion was not adopted".into());
        }
        let surplus = *self
            .closings
            .get(&year)
            .ok_or_else(|| format!("{year} is not closed"))?;
        if self.distributions.contains_key(&year) {
            return Err(format!("{year} was distributed already"));
        }
        if let Some(earlier) = self.pending().filter(|p| *p < year) {
            return Err(format!("{earlier} is not distributed yet"));
        }
        if motion.held_on.year() <= year {
            return Err(format!("a distribution of {year} is dated after it"));
        }
        if motion.used {
            return Err("the motion adopted a distribution already".into());
        }
        Ok((surplus, motion.held_on))
    }

    /// Records the distribution of `year` by motion `number`.
    pub fn distributed(&mut self, distributed: Distributed) {
        if let Some(motion) = self.motions.get_mut(distributed.motion as usize - 1) {
            motion.used = true;
        }
        self.distributions.insert(distributed.year, distributed);
    }
}

/// Divides `total` (zero or more) in proportion to `weights` to the minor unit: each part
/// rounded down, then what is left one unit each to the largest remainders, the earlier
/// part first between equals. `None` when there is something to divide and no weight.
pub fn apportion(total: i64, weights: &[i128]) -> Option<Vec<i64>> {
    let whole: i128 = weights.iter().sum();
    if whole == 0 {
        return (total == 0).then(|| vec![0; weights.len()]);
    }
    let total = i128::from(total);
    let mut parts: Vec<i128> = weights.iter().map(|w| total * w / whole).collect();
    let mut remainders: Vec<(i128, usize)> = weights
        .iter()
        .enumerate()
        .map(|(index, w)| (total * w % whole, index))
        .collect();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = total - parts.iter().sum::<i128>();
    for (_, index) in remainders.into_iter().take(left as usize) {
        parts[index] += 1;
    }
    Some(parts.into_iter().map(|p| p as i64).collect())
}

fn days_in(year: i32) -> i128 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// Divides `surplus` of `year` by the default charter among `members` (by number), with
/// `carried_loss` from earlier years; refused when the labour dividend has no labour to go by.
pub fn divide(
    surplus: i64,
    carried_loss: i64,
    year: i32,
    members: &[Basis],
) -> Result<Division, String> {
    let mut postings = Vec::new();
    let (labour_pool, share_pool) = if surplus >= 0 {
        let covered = surplus.min(carried_loss.max(0));
        let parts = apportion(surplus - covered, &PARTS).expect("the charter's parts");
        let capital: i128 = members.iter().map(|m| i128::from(m.capital_days)).sum();
        let cap = (capital * SHARE_CAP / (1000 * days_in(year))) as i64;
        let share = parts[4].min(cap);
        postings.extend([
            (CURRENT_YEAR_SURPLUS, surplus),
            (UNDISTRIBUTED_SURPLUS, -covered),
            (ACCUMULATION_FUND, -(parts[0] + parts[4] - share)),
            (WELFARE_FUND, -parts[1]),
            (LEVIES_PAYABLE, -parts[2]),
        ]);
        (parts[3], share)
    } else {
        postings.extend([
            (UNDISTRIBUTED_SURPLUS, -surplus),
            (CURRENT_YEAR_SURPLUS, surplus),
        ]);
        (0, 0)
    };
    postings.push((DIVIDENDS_PAYABLE, -(labour_pool + share_pool)));
    postings.retain(|(_, minor)| *minor != 0);
    let labour_weights: Vec<i128> = members.iter().map(|m| i128::from(m.labour)).collect();
    let labour =
        apportion(labour_pool, &labour_weights).ok_or("no labour recorded for the year")?;
    let capital_weights: Vec<i128> = members.iter().map(|m| i128::from(m.capital_days)).collect();
    let shares = apportion(share_pool, &capital_weights).unwrap_or_else(|| vec![0; members.len()]);
    let dividends = members
        .iter()
        .zip(labour.into_iter().zip(shares))
        .filter(|(_, (labour, share))| *labour != 0 || *share != 0)
        .map(|(m, (labour, share))| (m.member, labour, share))
        .collect();
    Ok(Division {
        postings,
        dividends,
    })
}
