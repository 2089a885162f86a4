//! The year-end distribution, by the charter: the year's surplus first covers losses carried
//! from earlier years; what is left — the distributable surplus — is divided in the charter's
//! order into the public accumulation fund (公积金), the public welfare fund (公益金), the other
//! levies, the dividend on labour and the dividend on shares; the share dividend is capped at
//! a yearly rate of the paid-in capital, counted day by day so that a member who joined in
//! the year gets the share of the year they held it, and what the cap holds back goes where
//! the charter says. A loss is charged to the accumulation fund or carried forward. A draw on
//! a reserve for the members is allowed only from a reserve the charter does not mark
//! indivisible.
//!
//! Every division is by the largest remainder ([`apportion`]): each part its share rounded
//! down, then the minor units left over one each to the parts with the largest remainders,
//! and between equal remainders to the earlier part — the charter's order for the funds, the
//! lower member number for the members. Nothing is lost or invented, and no one gets a
//! negative amount.
//!
//! What a distribution posts:
//!
//! | debit | credit |
//! |---|---|
//! | `Equity:Current Year Surplus` (the surplus) | `Equity:Undistributed Surplus` (the loss it covers), the two funds, `Liabilities:Levies Payable`, `Liabilities:Dividends Payable` (all dividends) |
//! | the reserve drawn on | `Liabilities:Dividends Payable` |
//! | `Equity:Public Accumulation Fund` (a loss charged), `Equity:Undistributed Surplus` (a loss carried) | `Equity:Current Year Surplus` (the loss) |

use artel_ledger::{Money, MoneyError};
use chrono::NaiveDate;
use thiserror::Error;

use crate::charter::{CapExcess, Charter, LabourBasis, LossRule, Reserve};

pub const CURRENT_YEAR_SURPLUS: &str = "Equity:Current Year Surplus";
pub const UNDISTRIBUTED_SURPLUS: &str = "Equity:Undistributed Surplus";
pub const ACCUMULATION_FUND: &str = "Equity:Public Accumulation Fund";
pub const WELFARE_FUND: &str = "Equity:Public Welfare Fund";
pub const LEVIES_PAYABLE: &str = "Liabilities:Levies Payable";
pub const DIVIDENDS_PAYABLE: &str = "Liabilities:Dividends Payable";

/// The account a reserve is kept in.
pub fn reserve_account(reserve: Reserve) -> &'static str {
    match reserve {
        Reserve::AccumulationFund => ACCUMULATION_FUND,
        Reserve::WelfareFund => WELFARE_FUND,
    }
}

/// A member's labour over the year, the bases a labour dividend may go by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Labour {
    /// Labour days in tenths of a day.
    pub days_tenths: u64,
    pub pieces: u64,
    pub wages: Money,
}

impl Labour {
    /// Adds another period's labour.
    pub fn checked_add(self, other: Labour) -> Result<Labour, MoneyError> {
        Ok(Labour {
            days_tenths: self
                .days_tenths
                .checked_add(other.days_tenths)
                .ok_or(MoneyError::Overflow)?,
            pieces: self
                .pieces
                .checked_add(other.pieces)
                .ok_or(MoneyError::Overflow)?,
            wages: self.wages.checked_add(other.wages)?,
        })
    }

    /// The weight of this labour on `basis`.
    fn weight(self, basis: LabourBasis) -> u128 {
        match basis {
            LabourBasis::Days => u128::from(self.days_tenths),
            LabourBasis::Pieces => u128::from(self.pieces),
            LabourBasis::Wages => u128::try_from(self.wages.minor()).unwrap_or(0),
        }
    }
}

/// What one member brings to the division: labour and share capital held over the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberBasis {
    pub member: u64,
    pub labour: Labour,
    /// Paid-in share capital in minor units, times the days of the year it was held.
    pub capital_days: u128,
}

/// The capital-days of a member's share capital over the year from `first` to `last`:
/// each day's paid-in balance (never below zero) added up. `movements` are the dated
/// changes of the member's share capital, in any order; those before `first` make the
/// opening balance.
pub fn capital_days(
    movements: &[(NaiveDate, Money)],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<u128, MoneyError> {
    let mut sorted = movements.to_vec();
    sorted.sort_by_key(|(date, _)| *date);
    let mut balance = Money::ZERO;
    let mut day = first;
    let mut total: u128 = 0;
    let mut add_days = |balance: Money, from: NaiveDate, to: NaiveDate| -> Result<(), MoneyError> {
        // `to` exclusive.
        let days = u128::try_from((to - from).num_days()).unwrap_or(0);
        let held = u128::try_from(balance.minor().max(0)).unwrap_or(0);
        total = held
            .checked_mul(days)
            .and_then(|d| total.checked_add(d))
            .ok_or(MoneyError::Overflow)?;
        Ok(())
    };
    for (date, amount) in sorted {
        if date > last {
            break;
        }
        if date > day {
            add_days(balance, day, date)?;
            day = date;
        }
        balance = balance.checked_add(amount)?;
    }
    let end = last.succ_opt().ok_or(MoneyError::Overflow)?;
    add_days(balance, day, end)?;
    Ok(total)
}

/// What the books say at the year's end, beside the members' bases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearResult {
    /// The year's surplus as its closing found it; negative for a loss.
    pub surplus: Money,
    /// Losses of earlier years still carried (zero or more).
    pub carried_loss: Money,
    /// The balances of the two reserves before the distribution.
    pub accumulation_fund: Money,
    pub welfare_fund: Money,
    /// The year, for the days the share capital is counted over.
    pub year: i32,
}

/// One member's dividends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberDividend {
    pub member: u64,
    pub labour: Money,
    pub share: Money,
}

impl MemberDividend {
    pub fn total(self) -> Result<Money, MoneyError> {
        self.labour.checked_add(self.share)
    }
}

/// A year's distribution, or the handling of its loss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    pub surplus: Money,
    /// Earlier losses this surplus covers first.
    pub loss_covered: Money,
    /// `surplus − loss_covered` when that is positive, else zero.
    pub distributable: Money,
    /// Including what the share dividend's cap held back, when it goes there.
    pub accumulation_fund: Money,
    pub welfare_fund: Money,
    pub other_levies: Money,
    /// The labour dividend in all, with the draw on a reserve and any capped excess.
    pub labour_dividend: Money,
    pub share_dividend: Money,
    /// The most the share dividend may be: the cap rate on the year's capital-days.
    pub share_cap: Money,
    /// What the cap held back from the share dividend.
    pub cap_excess: Money,
    /// A reserve drawn on for the labour dividend.
    pub draw: Option<(Reserve, Money)>,
    /// A loss of the year charged to the accumulation fund, and carried forward.
    pub loss_charged: Money,
    pub loss_carried: Money,
    /// Each member's dividends, by member number; members with nothing are left out.
    pub members: Vec<MemberDividend>,
}

/// Why a distribution cannot be made; each names the field to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DistributionError {
    #[error("labour: no labour {0} are recorded for the year, so the labour dividend has no basis")]
    NoLabour(LabourBasis),
    #[error("draw: the {0} is indivisible and is never paid out to members")]
    Indivisible(Reserve),
    #[error("draw: the {0} holds less than the draw")]
    DrawTooLarge(Reserve),
    #[error("draw: a draw is more than nothing")]
    DrawNotPositive,
    #[error("surplus: an amount is out of range")]
    Money(#[from] MoneyError),
}

/// Divides `total` (zero or more) in proportion to `weights` to the minor unit, by the
/// largest remainder; between equal remainders the earlier part gets the unit first. `None`
/// when every weight is zero and there is something to divide.
pub fn apportion(total: Money, weights: &[u128]) -> Result<Option<Vec<Money>>, MoneyError> {
    let whole = weights
        .iter()
        .try_fold(0u128, |sum, w| sum.checked_add(*w))
        .ok_or(MoneyError::Overflow)?;
    let amount = u128::try_from(total.minor()).map_err(|_| MoneyError::Overflow)?;
    if whole == 0 {
        return Ok((amount == 0).then(|| vec![Money::ZERO; weights.len()]));
    }
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let product = amount.checked_mul(*weight).ok_or(MoneyError::Overflow)?;
        parts.push(product / whole);
        remainders.push((product % whole, index));
    }
    let given: u128 = parts.iter().sum();
    let left = usize::try_from(amount - given).map_err(|_| MoneyError::Overflow)?;
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, index) in remainders.into_iter().take(left) {
        parts[index] += 1;
    }
    parts
        .into_iter()
        .map(|part| {
            i64::try_from(part)
                .map(Money::from_minor)
                .map_err(|_| MoneyError::Overflow)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn days_in_year(year: i32) -> u128 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// The first and last day of `year`, a year the books can hold: 1 to 9999, the years of
/// a four-digit date (dates are stored and compared as ISO text).
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// Divides the year's result by `charter`, among `members`, with an optional draw on a
/// reserve added to the labour dividend.
pub fn distribute(
    charter: &Charter,
    result: &YearResult,
    members: &[MemberBasis],
    draw: Option<(Reserve, Money)>,
) -> Result<Distribution, DistributionError> {
    let rules = &charter.year_end;
    let shares = charter.distribution;
    if let Some((reserve, amount)) = draw {
        if rules.is_indivisible(reserve) {
            return Err(DistributionError::Indivisible(reserve));
        }
        if amount <= Money::ZERO {
            return Err(DistributionError::DrawNotPositive);
        }
        let balance = match reserve {
            Reserve::AccumulationFund => result.accumulation_fund,
            Reserve::WelfareFund => result.welfare_fund,
        };
        if amount > balance {
            return Err(DistributionError::DrawTooLarge(reserve));
        }
    }
    let mut members = members.to_vec();
    members.sort_by_key(|m| m.member);
    let carried = result.carried_loss.max(Money::ZERO);
    let mut out = Distribution {
        surplus: result.surplus,
        loss_covered: Money::ZERO,
        distributable: Money::ZERO,
        accumulation_fund: Money::ZERO,
        welfare_fund: Money::ZERO,
        other_levies: Money::ZERO,
        labour_dividend: Money::ZERO,
        share_dividend: Money::ZERO,
        share_cap: Money::ZERO,
        cap_excess: Money::ZERO,
        draw,
        loss_charged: Money::ZERO,
        loss_carried: Money::ZERO,
        members: Vec::new(),
    };
    if result.surplus < Money::ZERO {
        let loss = result.surplus.checked_neg()?;
        out.loss_charged = match rules.loss {
            LossRule::AccumulationFund => loss.min(result.accumulation_fund.max(Money::ZERO)),
            LossRule::CarryForward => Money::ZERO,
        };
        out.loss_carried = loss.checked_sub(out.loss_charged)?;
    } else {
        out.loss_covered = result.surplus.min(carried);
        out.distributable = result.surplus.checked_sub(out.loss_covered)?;
        let weights = [
            shares.accumulation_fund,
            shares.welfare_fund,
            shares.other_levies,
            shares.labour_dividend,
            shares.share_dividend,
        ]
        .map(u128::from);
        let parts = apportion(out.distributable, &weights)?.ok_or(MoneyError::Overflow)?;
        out.accumulation_fund = parts[0];
        out.welfare_fund = parts[1];
        out.other_levies = parts[2];
        out.labour_dividend = parts[3];
        let share_pool = parts[4];
        let capital_days = members
            .iter()
            .try_fold(0u128, |sum, m| sum.checked_add(m.capital_days))
            .ok_or(MoneyError::Overflow)?;
        let cap = capital_days
            .checked_mul(u128::from(shares.share_dividend_cap))
            .ok_or(MoneyError::Overflow)?
            / (1000 * days_in_year(result.year));
        out.share_cap = Money::from_minor(i64::try_from(cap).map_err(|_| MoneyError::Overflow)?);
        out.share_dividend = share_pool.min(out.share_cap);
        out.cap_excess = share_pool.checked_sub(out.share_dividend)?;
        match rules.cap_excess {
            CapExcess::AccumulationFund => {
                out.accumulation_fund = out.accumulation_fund.checked_add(out.cap_excess)?;
            }
            CapExcess::LabourDividend => {
                out.labour_dividend = out.labour_dividend.checked_add(out.cap_excess)?;
            }
        }
    }
    if let Some((_, amount)) = draw {
        out.labour_dividend = out.labour_dividend.checked_add(amount)?;
    }
    let labour_weights: Vec<u128> = members
        .iter()
        .map(|m| m.labour.weight(rules.labour_basis))
        .collect();
    let labour = apportion(out.labour_dividend, &labour_weights)?
        .ok_or(DistributionError::NoLabour(rules.labour_basis))?;
    let capital_weights: Vec<u128> = members.iter().map(|m| m.capital_days).collect();
    // The share dividend is zero when no capital was held (the cap is zero then).
    let share = apportion(out.share_dividend, &capital_weights)?
        .unwrap_or_else(|| vec![Money::ZERO; members.len()]);
    out.members = members
        .iter()
        .zip(labour.into_iter().zip(share))
        .filter(|(_, (labour, share))| !labour.is_zero() || !share.is_zero())
        .map(|(m, (labour, share))| MemberDividend {
            member: m.member,
            labour,
            share,
        })
        .collect();
    Ok(out)
}

impl Distribution {
    /// All the members' dividends.
    pub fn dividends(&self) -> Result<Money, MoneyError> {
        self.labour_dividend.checked_add(self.share_dividend)
    }

    /// The postings of the distribution, debits positive; they sum to zero.
    pub fn postings(&self) -> Result<Vec<(&'static str, Money)>, MoneyError> {
        let mut lines: Vec<(&'static str, Money)> = Vec::new();
        let mut push = |account: &'static str, amount: Money| {
            if !amount.is_zero() {
                lines.push((account, amount));
            }
        };
        if self.surplus >= Money::ZERO {
            push(CURRENT_YEAR_SURPLUS, self.surplus);
            push(UNDISTRIBUTED_SURPLUS, self.loss_covered.checked_neg()?);
            push(ACCUMULATION_FUND, self.accumulation_fund.checked_neg()?);
            push(WELFARE_FUND, self.welfare_fund.checked_neg()?);
            push(LEVIES_PAYABLE, self.other_levies.checked_neg()?);
        } else {
            push(ACCUMULATION_FUND, self.loss_charged);
            push(UNDISTRIBUTED_SURPLUS, self.loss_carried);
            push(CURRENT_YEAR_SURPLUS, self.surplus);
        }
        if let Some((reserve, amount)) = self.draw {
            push(reserve_account(reserve), amount);
        }
        push(DIVIDENDS_PAYABLE, self.dividends()?.checked_neg()?);
        Ok(lines)
    }
}

#[cfg(test)]
mod tests;
