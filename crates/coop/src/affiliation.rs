//! Ties between organisations and the bodies around them, pure: an organisation's
//! membership of another over time (a team in a cooperative, a cooperative in a
//! federation), the bodies affiliated to a cooperative (trade-union, youth-league and party
//! branches, women's committees) and members' affiliations to them, counted as of a date —
//! which is how "developing Party and League organisations" is measured.

use std::collections::BTreeSet;

use chrono::NaiveDate;

word_enum! {
    /// What kind of body is affiliated to an organisation.
    BodyKind {
        TradeUnion = "trade-union",
        YouthLeague = "youth-league",
        PartyBranch = "party-branch",
        WomenCommittee = "women-committee",
    }
}

/// A membership of one organisation in another, from `since` until (not including)
/// `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Membership {
    /// Whether the membership held at the end of `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.since <= date && self.until.is_none_or(|until| date < until)
    }

    /// Whether it has not been ended.
    pub fn is_open(&self) -> bool {
        self.until.is_none()
    }
}

/// A body as counted: its kind, its founding date, and its members' affiliations, each a
/// member (identified by `M` across organisations) with the date they joined the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRecord<M> {
    pub kind: BodyKind,
    pub founded: NaiveDate,
    pub affiliations: Vec<(M, NaiveDate)>,
}

/// Bodies and affiliated members by body kind on one date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyCounts {
    bodies: [u64; 4],
    members: [u64; 4],
}

fn index(kind: BodyKind) -> usize {
    BodyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

impl BodyCounts {
    /// Bodies of `kind` founded by the date.
    pub fn bodies(&self, kind: BodyKind) -> u64 {
        self.bodies[index(kind)]
    }

    /// Distinct members affiliated to a body of `kind` by the date.
    pub fn members(&self, kind: BodyKind) -> u64 {
        self.members[index(kind)]
    }

    pub fn bodies_total(&self) -> u64 {
        self.bodies.iter().sum()
    }
}

/// Counts bodies founded on or before `date` by kind, and the distinct members affiliated
/// to them on or before it (a member of two bodies of one kind counts once for that kind).
pub fn count_bodies<M: Ord + Clone>(bodies: &[BodyRecord<M>], date: NaiveDate) -> BodyCounts {
    let mut counts = BodyCounts::default();
    let mut members: [BTreeSet<M>; 4] = Default::default();
    for body in bodies.iter().filter(|body| body.founded <= date) {
        counts.bodies[index(body.kind)] += 1;
        for (member, since) in &body.affiliations {
            if *since <= date {
                members[index(body.kind)].insert(member.clone());
            }
        }
    }
    for (count, set) in counts.members.iter_mut().zip(&members) {
        *count = set.len() as u64;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_membership_holds_from_its_first_day_until_the_day_it_ends() {
        let membership = Membership {
            since: day("1954-01-01"),
            until: Some(day("1954-06-01")),
        };
        assert!(!membership.holds_on(day("1953-12-31")));
        assert!(membership.holds_on(day("1954-01-01")));
        assert!(membership.holds_on(day("1954-05-31")));
        assert!(!membership.holds_on(day("1954-06-01")));
        assert!(!membership.is_open());
    }

    #[test]
    fn bodies_and_affiliated_members_as_of_a_date() {
        let bodies = vec![
            BodyRecord {
                kind: BodyKind::PartyBranch,
                founded: day("1954-03-01"),
                affiliations: vec![(1, day("1954-03-01")), (2, day("1954-04-15"))],
            },
            BodyRecord {
                kind: BodyKind::YouthLeague,
                founded: day("1953-06-01"),
                affiliations: vec![(1, day("1953-06-01")), (3, day("1953-07-01"))],
            },
            // A second party group the first member also belongs to: counted once.
            BodyRecord {
                kind: BodyKind::PartyBranch,
                founded: day("1954-04-01"),
                affiliations: vec![(1, day("1954-04-01"))],
            },
        ];
        let before = count_bodies(&bodies, day("1954-02-28"));
        assert_eq!(before.bodies(BodyKind::PartyBranch), 0);
        assert_eq!(before.members(BodyKind::PartyBranch), 0);
        assert_eq!(before.members(BodyKind::YouthLeague), 2);
        let on = count_bodies(&bodies, day("1954-03-01"));
        assert_eq!(
            (
                on.bodies(BodyKind::PartyBranch),
                on.members(BodyKind::PartyBranch)
            ),
            (1, 1)
        );
        let eve = count_bodies(&bodies, day("1954-04-14"));
        assert_eq!(
            (
                eve.bodies(BodyKind::PartyBranch),
                eve.members(BodyKind::PartyBranch)
            ),
            (2, 1)
        );
        let after = count_bodies(&bodies, day("1954-04-15"));
        assert_eq!(after.members(BodyKind::PartyBranch), 2);
        assert_eq!(after.bodies_total(), 3);
        assert_eq!(after.bodies(BodyKind::TradeUnion), 0);
    }
}
