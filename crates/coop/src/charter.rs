//! A cooperative's charter (章程) as data: the value of a share and how many a member must
//! hold, the entrance fee, how a withdrawing member is refunded, the quorum and majority
//! each kind of decision needs, how the year's surplus is divided, and the limits on
//! selling on credit. Cooperative law differs from place to place and era to era, so these
//! are values a general assembly changes, never code paths.

use artel_ledger::{Money, MoneyError};
use thiserror::Error;

/// An exact fraction, `numerator / denominator`: a quorum of two thirds is `2/3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub numerator: u32,
    pub denominator: u32,
}

impl Ratio {
    pub const HALF: Ratio = Ratio::new(1, 2);
    pub const TWO_THIRDS: Ratio = Ratio::new(2, 3);

    pub const fn new(numerator: u32, denominator: u32) -> Ratio {
        Ratio {
            numerator,
            denominator,
        }
    }

    /// Whether `part` is at least this share of `whole`: `part / whole ≥ n / d`.
    pub fn reached_by(self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.denominator)
            >= u64::from(whole) * u64::from(self.numerator)
    }

    /// Whether `part` is more than this share of `whole`: `part / whole > n / d`.
    pub fn exceeded_by(self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.denominator) > u64::from(whole) * u64::from(self.numerator)
    }

    fn is_proper(self) -> bool {
        self.denominator > 0 && self.numerator <= self.denominator
    }
}

word_enum! {
    /// The kinds of decision a charter sets a quorum and a majority for.
    DecisionKind {
        Admission = "admission",
        Expulsion = "expulsion",
        WithdrawalSettlement = "withdrawal-settlement",
        CharterChange = "charter-change",
        Distribution = "distribution",
        Election = "election",
        Ordinary = "ordinary",
    }
}

word_enum! {
    /// What a majority is counted against.
    MajorityBase {
        /// Yes and no votes; abstentions do not count.
        VotesCast = "votes-cast",
        /// Everyone present, so that an abstention counts against.
        Present = "present",
        /// Every member entitled to vote, present or not.
        Eligible = "eligible",
    }
}

/// How many must vote yes: more than, or at least, a share of the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Majority {
    pub share: Ratio,
    /// `true`: more than the share (a tie at one half fails); `false`: at least the share.
    pub strictly_more: bool,
    pub base: MajorityBase,
}

/// The quorum and the majority of one kind of decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRule {
    /// The share of eligible members that must be present, at least.
    pub quorum: Ratio,
    pub majority: Majority,
}

impl VoteRule {
    /// More than half of those voting, with at least half of the members present.
    pub const SIMPLE: VoteRule = VoteRule {
        quorum: Ratio::HALF,
        majority: Majority {
            share: Ratio::HALF,
            strictly_more: true,
            base: MajorityBase::VotesCast,
        },
    };

    /// At least two thirds of those present, with two thirds of the members present.
    pub const TWO_THIRDS: VoteRule = VoteRule {
        quorum: Ratio::TWO_THIRDS,
        majority: Majority {
            share: Ratio::TWO_THIRDS,
            strictly_more: false,
            base: MajorityBase::Present,
        },
    };
}

/// How a withdrawing member's shares are refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithdrawalRules {
    /// Days between the request and the date the member leaves.
    pub notice_days: u32,
    /// Days after leaving before the first refund is paid.
    pub waiting_days: u32,
    /// The refund is paid in this many instalments (at least one)…
    pub instalments: u32,
    /// …this many days apart.
    pub instalment_interval_days: u32,
    /// Whether what the member owes the cooperative is deducted from the refund.
    pub deduct_debts: bool,
}

/// How the year's distributable surplus is divided, in thousandths, in the charter's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DistributionShares {
    /// Public accumulation fund (公积金), indivisible.
    pub accumulation_fund: u32,
    /// Public welfare fund (公益金).
    pub welfare_fund: u32,
    /// Education, federation dues and other levies.
    pub other_levies: u32,
    /// Dividends on labour.
    pub labour_dividend: u32,
    /// Dividends on shares…
    pub share_dividend: u32,
    /// …at most this many thousandths of the paid-in share capital a year.
    pub share_dividend_cap: u32,
}

impl DistributionShares {
    fn total(self) -> u64 {
        [
            self.accumulation_fund,
            self.welfare_fund,
            self.other_levies,
            self.labour_dividend,
            self.share_dividend,
        ]
        .into_iter()
        .map(u64::from)
        .sum()
    }
}

word_enum! {
    /// What the labour dividend is divided by.
    LabourBasis {
        /// Labour days worked (劳动日).
        Days = "days",
        /// Pieces produced at piece rates.
        Pieces = "pieces",
        /// Wages earned.
        Wages = "wages",
    }
}

word_enum! {
    /// How a year's loss is handled.
    LossRule {
        /// Kept as undistributed loss, covered by later years' surplus before anything else.
        CarryForward = "carry-forward",
        /// Charged to the public accumulation fund as far as it goes; the rest carried forward.
        AccumulationFund = "accumulation-fund",
    }
}

word_enum! {
    /// Where the share dividend beyond its cap goes.
    CapExcess {
        AccumulationFund = "accumulation-fund",
        LabourDividend = "labour-dividend",
    }
}

word_enum! {
    /// The reserves the surplus builds.
    Reserve {
        AccumulationFund = "accumulation-fund",
        WelfareFund = "welfare-fund",
    }
}

/// The year-end rules beside the shares: the basis of the labour dividend, what happens to a
/// loss and to the share dividend beyond its cap, and the reserves that may never be paid
/// out to members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearEndRules {
    pub labour_basis: LabourBasis,
    pub loss: LossRule,
    pub cap_excess: CapExcess,
    /// Always holds the accumulation fund.
    pub indivisible: Vec<Reserve>,
}

impl YearEndRules {
    pub fn is_indivisible(&self, reserve: Reserve) -> bool {
        self.indivisible.contains(&reserve)
    }
}

/// The limits on selling on credit; crossing one is a warning on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditLimits {
    /// The share of sales, in thousandths, that may be on credit.
    pub credit_sales_share: u32,
    /// The longest credit term, in days.
    pub credit_term_days: u32,
    /// The share of receivables, in thousandths, one buyer may owe.
    pub buyer_exposure_share: u32,
}

/// A cooperative's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charter {
    /// The nominal value of one share.
    pub share_value: Money,
    /// The shares a member must subscribe at least.
    pub minimum_shares: u32,
    pub entrance_fee: Money,
    pub withdrawal: WithdrawalRules,
    /// The rule of every kind of decision, in [`DecisionKind::ALL`]'s order.
    pub decisions: Vec<(DecisionKind, VoteRule)>,
    /// The kinds of decision only a resolution of the general assembly may take; the others
    /// a director may also take alone. A charter change always needs one.
    pub by_resolution: Vec<DecisionKind>,
    pub distribution: DistributionShares,
    pub year_end: YearEndRules,
    pub credit: CreditLimits,
}

/// Why a charter cannot be adopted; each names the rule.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CharterError {
    #[error("share_value: a share must be worth more than nothing")]
    ShareValue,
    #[error("minimum_shares: a member must hold at least one share")]
    MinimumShares,
    #[error("entrance_fee: the fee cannot be negative")]
    EntranceFee,
    #[error("withdrawal.instalments: a refund is paid in at least one instalment")]
    Instalments,
    #[error("decisions.{0}: a quorum and a majority are shares between 0 and 1")]
    Fraction(DecisionKind),
    #[error("decisions.{0}: the charter has no rule for this kind of decision")]
    MissingRule(DecisionKind),
    #[error("distribution: the shares add up to {0}‰, not 1000‰")]
    DistributionTotal(u64),
    #[error("credit: a share of sales or receivables is at most 1000‰")]
    CreditShare,
    #[error("indivisible: the public accumulation fund is always indivisible")]
    DivisibleAccumulation,
}

impl Charter {
    /// The charter a new cooperative starts with, in minor units of its currency at
    /// `scale` decimals: shares of 10 (the unit of account), one share at least, an
    /// entrance fee of 1; a month's notice and one refund; simple majorities with two
    /// thirds for charter changes and expulsions; 30 % to the accumulation fund, 10 % to
    /// welfare, 5 % levies, 45 % on labour and 10 % on shares capped at 8 % a year; at most
    /// 30 % of sales on credit, 60 days, a fifth of receivables from one buyer; expulsions,
    /// charter changes and distributions by resolution only. The labour dividend goes by
    /// labour days, a loss is carried forward, the share dividend beyond its cap goes to the
    /// accumulation fund, and both reserves are indivisible.
    pub fn default_for_scale(scale: u8) -> Charter {
        let unit = 10_i64.pow(u32::from(scale));
        let decisions = DecisionKind::ALL
            .iter()
            .map(|kind| {
                let rule = match kind {
                    DecisionKind::CharterChange | DecisionKind::Expulsion => VoteRule::TWO_THIRDS,
                    _ => VoteRule::SIMPLE,
                };
                (*kind, rule)
            })
            .collect();
        Charter {
            share_value: Money::from_minor(10 * unit),
            minimum_shares: 1,
            entrance_fee: Money::from_minor(unit),
            withdrawal: WithdrawalRules {
                notice_days: 30,
                waiting_days: 0,
                instalments: 1,
                instalment_interval_days: 30,
                deduct_debts: true,
            },
            decisions,
            by_resolution: vec![
                DecisionKind::Expulsion,
                DecisionKind::CharterChange,
                DecisionKind::Distribution,
            ],
            distribution: DistributionShares {
                accumulation_fund: 300,
                welfare_fund: 100,
                other_levies: 50,
                labour_dividend: 450,
                share_dividend: 100,
                share_dividend_cap: 80,
            },
            year_end: YearEndRules {
                labour_basis: LabourBasis::Days,
                loss: LossRule::CarryForward,
                cap_excess: CapExcess::AccumulationFund,
                indivisible: vec![Reserve::AccumulationFund, Reserve::WelfareFund],
            },
            credit: CreditLimits {
                credit_sales_share: 300,
                credit_term_days: 60,
                buyer_exposure_share: 200,
            },
        }
    }

    /// Checks every rule; the first one broken is named.
    pub fn check(&self) -> Result<(), CharterError> {
        if self.share_value <= Money::ZERO {
            return Err(CharterError::ShareValue);
        }
        if self.minimum_shares == 0 {
            return Err(CharterError::MinimumShares);
        }
        if self.entrance_fee < Money::ZERO {
            return Err(CharterError::EntranceFee);
        }
        if self.withdrawal.instalments == 0 {
            return Err(CharterError::Instalments);
        }
        for kind in DecisionKind::ALL {
            let rule = self.rule(*kind)?;
            if !rule.quorum.is_proper() || !rule.majority.share.is_proper() {
                return Err(CharterError::Fraction(*kind));
            }
        }
        let total = self.distribution.total();
        if total != 1000 {
            return Err(CharterError::DistributionTotal(total));
        }
        if !self.year_end.is_indivisible(Reserve::AccumulationFund) {
            return Err(CharterError::DivisibleAccumulation);
        }
        let credit = self.credit;
        if credit.credit_sales_share > 1000 || credit.buyer_exposure_share > 1000 {
            return Err(CharterError::CreditShare);
        }
        Ok(())
    }

    /// The rule for decisions of `kind`.
    pub fn rule(&self, kind: DecisionKind) -> Result<VoteRule, CharterError> {
        self.decisions
            .iter()
            .find(|(listed, _)| *listed == kind)
            .map(|(_, rule)| *rule)
            .ok_or(CharterError::MissingRule(kind))
    }

    /// Whether decisions of `kind` need a resolution of the general assembly.
    pub fn needs_resolution(&self, kind: DecisionKind) -> bool {
        kind == DecisionKind::CharterChange || self.by_resolution.contains(&kind)
    }

    /// What `shares` shares are worth at their nominal value.
    pub fn shares_value(&self, shares: u32) -> Result<Money, MoneyError> {
        self.share_value
            .minor()
            .checked_mul(i64::from(shares))
            .map(Money::from_minor)
            .ok_or(MoneyError::Overflow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_charter_is_whole_and_sums_to_a_thousand() {
        let charter = Charter::default_for_scale(2);
        assert_eq!(charter.check(), Ok(()));
        assert_eq!(charter.share_value, Money::from_minor(1_000));
        assert_eq!(
            charter.rule(DecisionKind::CharterChange),
            Ok(VoteRule::TWO_THIRDS)
        );
        assert_eq!(charter.rule(DecisionKind::Admission), Ok(VoteRule::SIMPLE));
        assert_eq!(charter.shares_value(3), Ok(Money::from_minor(3_000)));
    }

    #[test]
    fn each_broken_rule_is_named() {
        let good = Charter::default_for_scale(2);
        let mut c = good.clone();
        c.share_value = Money::ZERO;
        assert_eq!(c.check(), Err(CharterError::ShareValue));
        let mut c = good.clone();
        c.minimum_shares = 0;
        assert_eq!(c.check(), Err(CharterError::MinimumShares));
        let mut c = good.clone();
        c.withdrawal.instalments = 0;
        assert_eq!(c.check(), Err(CharterError::Instalments));
        let mut c = good.clone();
        c.distribution.welfare_fund += 1;
        assert_eq!(c.check(), Err(CharterError::DistributionTotal(1001)));
        let mut c = good.clone();
        c.decisions
            .retain(|(kind, _)| *kind != DecisionKind::Election);
        assert_eq!(
            c.check(),
            Err(CharterError::MissingRule(DecisionKind::Election))
        );
        let mut c = good.clone();
        c.decisions[0].1.quorum = Ratio::new(3, 2);
        assert_eq!(
            c.check(),
            Err(CharterError::Fraction(DecisionKind::Admission))
        );
        let mut c = good.clone();
        c.credit.buyer_exposure_share = 1001;
        assert_eq!(c.check(), Err(CharterError::CreditShare));
        let mut c = good;
        c.year_end.indivisible = vec![Reserve::WelfareFund];
        assert_eq!(c.check(), Err(CharterError::DivisibleAccumulation));
        assert_eq!(
            CharterError::DistributionTotal(1001).to_string(),
            "distribution: the shares add up to 1001‰, not 1000‰"
        );
    }

    #[test]
    fn ratios_compare_exactly() {
        assert!(Ratio::TWO_THIRDS.reached_by(2, 3));
        assert!(!Ratio::TWO_THIRDS.exceeded_by(2, 3));
        assert!(!Ratio::TWO_THIRDS.reached_by(199, 300));
        assert!(Ratio::HALF.exceeded_by(51, 100));
        assert!(!Ratio::HALF.exceeded_by(50, 100));
        assert!(Ratio::HALF.reached_by(u32::MAX / 2 + 1, u32::MAX));
    }
}
