//! A vote decided by the charter's rule: first the quorum (enough eligible members
//! present), then the majority (enough yes votes, counted against the votes cast, those
//! present, or every eligible member). One member, one vote; the count is checked before
//! anything is decided from it.

use thiserror::Error;

use crate::charter::{MajorityBase, VoteRule};

word_enum! {
    /// The bodies that meet and decide.
    Body {
        /// A cooperative's general assembly of members (社员大会).
        GeneralAssembly = "general-assembly",
        ManagementCommittee = "management-committee",
        SupervisoryCommittee = "supervisory-committee",
        /// A federation's or a government office's conference.
        Conference = "conference",
    }
}

word_enum! {
    /// How the votes are cast.
    Ballot {
        Open = "open",
        Secret = "secret",
    }
}

/// The count of one vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Members entitled to vote.
    pub eligible: u32,
    /// Of them, present (in person or as the charter allows).
    pub present: u32,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

/// A count that cannot be true; each names what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TallyError {
    #[error("present: {present} present but only {eligible} members may vote")]
    MorePresentThanEligible { present: u32, eligible: u32 },
    #[error("votes: {votes} votes from {present} members present (one member, one vote)")]
    MoreVotesThanPresent { votes: u64, present: u32 },
}

/// What the vote decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Too few present: nothing was decided; `needed` present would have been enough.
    NoQuorum {
        needed: u32,
    },
    Adopted,
    Rejected,
}

/// The smallest number of members out of `eligible` that reaches the quorum.
fn quorum_needed(rule: &VoteRule, eligible: u32) -> u32 {
    (0..=eligible)
        .find(|present| rule.quorum.reached_by(*present, eligible))
        .unwrap_or(eligible)
}

/// Decides a vote by `rule`.
pub fn decide(rule: &VoteRule, tally: &Tally) -> Result<Outcome, TallyError> {
    if tally.present > tally.eligible {
        return Err(TallyError::MorePresentThanEligible {
            present: tally.present,
            eligible: tally.eligible,
        });
    }
    let votes = u64::from(tally.yes) + u64::from(tally.no) + u64::from(tally.abstain);
    if votes > u64::from(tally.present) {
        return Err(TallyError::MoreVotesThanPresent {
            votes,
            present: tally.present,
        });
    }
    if tally.eligible == 0 || !rule.quorum.reached_by(tally.present, tally.eligible) {
        return Ok(Outcome::NoQuorum {
            needed: quorum_needed(rule, tally.eligible).max(1),
        });
    }
    let base = match rule.majority.base {
        MajorityBase::VotesCast => tally.yes + tally.no,
        MajorityBase::Present => tally.present,
        MajorityBase::Eligible => tally.eligible,
    };
    let share = rule.majority.share;
    let carried = base > 0
        && if rule.majority.strictly_more {
            share.exceeded_by(tally.yes, base)
        } else {
            share.reached_by(tally.yes, base)
        };
    Ok(if carried {
        Outcome::Adopted
    } else {
        Outcome::Rejected
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charter::{Majority, Ratio};

    fn tally(eligible: u32, present: u32, yes: u32, no: u32, abstain: u32) -> Tally {
        Tally {
            eligible,
            present,
            yes,
            no,
            abstain,
        }
    }

    #[test]
    fn exactly_at_quorum_decides_and_one_short_does_not() {
        let rule = VoteRule::TWO_THIRDS;
        // 30 members: two thirds is 20 present.
        assert_eq!(
            decide(&rule, &tally(30, 20, 14, 6, 0)),
            Ok(Outcome::Adopted)
        );
        assert_eq!(
            decide(&rule, &tally(30, 19, 19, 0, 0)),
            Ok(Outcome::NoQuorum { needed: 20 })
        );
        // More than half of 30 is 16, not 15.
        let simple = VoteRule::SIMPLE;
        assert_eq!(
            decide(&simple, &tally(30, 15, 15, 0, 0)),
            Ok(Outcome::Adopted),
            "the simple rule's quorum is at least one half"
        );
        assert_eq!(
            decide(&simple, &tally(30, 14, 14, 0, 0)),
            Ok(Outcome::NoQuorum { needed: 15 })
        );
    }

    #[test]
    fn a_tie_fails_a_strict_majority_and_abstentions_count_as_the_base_says() {
        let simple = VoteRule::SIMPLE;
        assert_eq!(
            decide(&simple, &tally(20, 20, 10, 10, 0)),
            Ok(Outcome::Rejected)
        );
        assert_eq!(
            decide(&simple, &tally(20, 20, 11, 9, 0)),
            Ok(Outcome::Adopted)
        );
        // Votes cast: abstentions do not count, 6 of 11 carries.
        assert_eq!(
            decide(&simple, &tally(20, 20, 6, 5, 9)),
            Ok(Outcome::Adopted)
        );
        // Present: the same vote fails, 6 of 20.
        let present = VoteRule {
            majority: Majority {
                base: MajorityBase::Present,
                ..simple.majority
            },
            ..simple
        };
        assert_eq!(
            decide(&present, &tally(20, 20, 6, 5, 9)),
            Ok(Outcome::Rejected)
        );
        // Two thirds of those present, at least: 20 of 30 carries, 19 does not.
        let two_thirds = VoteRule::TWO_THIRDS;
        assert_eq!(
            decide(&two_thirds, &tally(30, 30, 20, 10, 0)),
            Ok(Outcome::Adopted)
        );
        assert_eq!(
            decide(&two_thirds, &tally(30, 30, 19, 11, 0)),
            Ok(Outcome::Rejected)
        );
        // Of every eligible member: 11 of 21, though all who voted said yes.
        let eligible = VoteRule {
            quorum: Ratio::new(1, 3),
            majority: Majority {
                base: MajorityBase::Eligible,
                ..simple.majority
            },
        };
        assert_eq!(
            decide(&eligible, &tally(21, 10, 10, 0, 0)),
            Ok(Outcome::Rejected)
        );
        assert_eq!(
            decide(&eligible, &tally(21, 11, 11, 0, 0)),
            Ok(Outcome::Adopted)
        );
    }

    #[test]
    fn nobody_voting_adopts_nothing_and_impossible_counts_are_refused() {
        let simple = VoteRule::SIMPLE;
        assert_eq!(
            decide(&simple, &tally(4, 4, 0, 0, 4)),
            Ok(Outcome::Rejected)
        );
        assert_eq!(
            decide(&simple, &tally(0, 0, 0, 0, 0)),
            Ok(Outcome::NoQuorum { needed: 1 })
        );
        assert_eq!(
            decide(&simple, &tally(10, 11, 0, 0, 0)),
            Err(TallyError::MorePresentThanEligible {
                present: 11,
                eligible: 10
            })
        );
        assert_eq!(
            decide(&simple, &tally(10, 5, 4, 2, 0)),
            Err(TallyError::MoreVotesThanPresent {
                votes: 6,
                present: 5
            })
        );
    }
}
