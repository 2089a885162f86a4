//! Members: the path a person takes through a cooperative — application, admission,
//! suspension and reinstatement, a withdrawal request and its settlement, expulsion,
//! death — and the member register as a CSV file imports it
//! (`name,joined,shares_subscribed,shares_paid[,trade]`, checked against the charter).

use chrono::NaiveDate;
use thiserror::Error;

use crate::charter::Charter;
use crate::csv_input::{LineError, read_rows};

word_enum! {
    /// Where a member stands.
    MemberStatus {
        Applicant = "applicant",
        Member = "member",
        Suspended = "suspended",
        /// Asked to withdraw; still a member until the settlement.
        Withdrawing = "withdrawing",
        Withdrawn = "withdrawn",
        Expelled = "expelled",
        Deceased = "deceased",
        /// An application that was not accepted.
        Refused = "refused",
    }
}

word_enum! {
    /// What happens to a member.
    MemberEvent {
        Admit = "admit",
        Refuse = "refuse",
        Suspend = "suspend",
        Reinstate = "reinstate",
        RequestWithdrawal = "request-withdrawal",
        /// The member takes back a request to withdraw before it is settled.
        RetractWithdrawal = "retract-withdrawal",
        SettleWithdrawal = "settle-withdrawal",
        Expel = "expel",
        Die = "die",
    }
}

/// An event that cannot happen to a member in that standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a member who is {status} cannot {event}")]
pub struct TransitionError {
    pub status: MemberStatus,
    pub event: MemberEvent,
}

impl MemberStatus {
    /// Whether the person counts as a member (for quorums and the `members` indicator).
    pub fn is_member(self) -> bool {
        matches!(
            self,
            MemberStatus::Member | MemberStatus::Suspended | MemberStatus::Withdrawing
        )
    }

    /// Whether the member may vote: suspended members may not.
    pub fn may_vote(self) -> bool {
        matches!(self, MemberStatus::Member | MemberStatus::Withdrawing)
    }

    /// The standing after `event`.
    pub fn after(self, event: MemberEvent) -> Result<MemberStatus, TransitionError> {
        use MemberEvent as E;
        use MemberStatus as S;
        let next = match (self, event) {
            (S::Applicant, E::Admit) => S::Member,
            (S::Applicant, E::Refuse) => S::Refused,
            (S::Member, E::Suspend) => S::Suspended,
            (S::Suspended, E::Reinstate) => S::Member,
            (S::Member | S::Suspended, E::RequestWithdrawal) => S::Withdrawing,
            (S::Withdrawing, E::RetractWithdrawal) => S::Member,
            (S::Withdrawing, E::SettleWithdrawal) => S::Withdrawn,
            (S::Member | S::Suspended | S::Withdrawing, E::Expel) => S::Expelled,
            (S::Member | S::Suspended | S::Withdrawing, E::Die) => S::Deceased,
            (status, event) => return Err(TransitionError { status, event }),
        };
        Ok(next)
    }
}

/// The event of a payment for more of a member's subscribed shares; it leaves their
/// standing as it is.
pub const PAY_SHARES: &str = "pay-shares";

/// Where a member's history leaves them: `apply` makes an applicant, `admit` as the first
/// event a member recorded directly; every later event moves them as [`MemberStatus::after`]
/// allows, [`PAY_SHARES`] not at all. `None` before anything happened; an event that cannot
/// follow is an error.
pub fn standing_after<'a>(
    events: impl IntoIterator<Item = &'a str>,
) -> Result<Option<MemberStatus>, String> {
    let mut standing: Option<MemberStatus> = None;
    for word in events {
        standing = Some(match (standing, word) {
            (None, "apply") => MemberStatus::Applicant,
            (None, "admit") => MemberStatus::Member,
            (None, other) => return Err(format!("a history cannot begin with '{other}'")),
            (Some(status), PAY_SHARES) => status,
            (Some(status), word) => {
                let event = MemberEvent::parse(word)?;
                status.after(event).map_err(|e| e.to_string())?
            }
        });
    }
    Ok(standing)
}

/// The events that change how many members a cooperative has, and by how much: an
/// admission adds one; a settled withdrawal, an expulsion and a death take one away; every
/// other event leaves the count (an applicant is not yet a member, a suspended or
/// withdrawing one still is). A history is told in order and each event leads to one
/// standing, so the members on a day are the sum of these over the events up to that day —
/// what [`standing_after`] gives member by member, counted without replaying anyone.
pub const MEMBERSHIP_CHANGES: [(&str, i64); 4] = [
    ("admit", 1),
    ("settle-withdrawal", -1),
    ("expel", -1),
    ("die", -1),
];

/// The members on a day from how many of each event of [`MEMBERSHIP_CHANGES`] happened up to
/// it (`(event, count)`, others ignored); an error if more left than were admitted.
pub fn members_from_changes<'a>(
    counts: impl IntoIterator<Item = (&'a str, u64)>,
) -> Result<u64, String> {
    let mut members: i64 = 0;
    for (event, count) in counts {
        if let Some((_, change)) = MEMBERSHIP_CHANGES.iter().find(|(e, _)| *e == event) {
            let count = i64::try_from(count).map_err(|_| "too many member events".to_owned())?;
            members = count
                .checked_mul(*change)
                .and_then(|delta| members.checked_add(delta))
                .ok_or_else(|| "too many member events".to_owned())?;
        }
    }
    u64::try_from(members).map_err(|_| format!("more members left than were admitted ({members})"))
}

/// A member as the register file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    pub line: u64,
    pub name: String,
    pub joined: NaiveDate,
    pub shares_subscribed: u32,
    pub shares_paid: u32,
    pub trade: String,
    /// An application still to be decided: the shares are paid on admission.
    pub applicant: bool,
}

/// What is wrong with subscribing `subscribed` shares and paying `paid` under the
/// charter, by column: fewer than the minimum subscribed, more paid than subscribed.
pub fn check_shares(charter: &Charter, subscribed: u32, paid: u32) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if subscribed < charter.minimum_shares {
        problems.push((
            "shares_subscribed",
            format!(
                "{subscribed} is fewer than the charter's minimum of {}",
                charter.minimum_shares
            ),
        ));
    }
    if paid > subscribed {
        problems.push((
            "shares_paid",
            format!("{paid} paid is more than the {subscribed} subscribed"),
        ));
    }
    problems
}

/// Reads a member register, every line checked against the charter: a name, the date
/// joined, at least the charter's minimum of shares subscribed, and no more paid than
/// subscribed. Every problem is named by line and column; nothing is returned unless
/// there are none.
pub fn read_register(text: &str, charter: &Charter) -> Result<Vec<RegisterLine>, Vec<LineError>> {
    read_rows(
        text,
        &["name", "joined", "shares_subscribed", "shares_paid"],
        &["trade"],
        |row| {
            let mut errors = Vec::new();
            let name = row.required("name").map_err(|e| errors.push(e)).ok();
            let joined = row.date("joined").map_err(|e| errors.push(e)).ok();
            let subscribed = row
                .count("shares_subscribed")
                .map_err(|e| errors.push(e))
                .ok();
            let paid = row.count("shares_paid").map_err(|e| errors.push(e)).ok();
            if let (Some(subscribed), Some(paid)) = (subscribed, paid) {
                for (column, message) in check_shares(charter, subscribed, paid) {
                    errors.push(row.refuse(column, message));
                }
            }
            match (name, joined, subscribed, paid) {
                (Some(name), Some(joined), Some(subscribed), Some(paid)) if errors.is_empty() => {
                    Ok(RegisterLine {
                        line: row.line,
                        name: name.to_owned(),
                        joined,
                        shares_subscribed: subscribed,
                        shares_paid: paid,
                        trade: row.text("trade").to_owned(),
                        applicant: false,
                    })
                }
                _ => Err(errors),
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every valid history of up to five events: counting its admissions and departures
    /// says whether it ends in a member exactly as replaying it does.
    #[test]
    fn counting_changes_agrees_with_replaying_every_short_history() {
        let mut words: Vec<&str> = MemberEvent::ALL.iter().map(|e| e.as_str()).collect();
        words.extend(["apply", PAY_SHARES]);
        let mut histories: Vec<Vec<&str>> = vec![Vec::new()];
        let mut checked = 0;
        for _ in 0..5 {
            let mut longer = Vec::new();
            for history in &histories {
                for word in &words {
                    let mut next = history.clone();
                    next.push(*word);
                    if standing_after(next.iter().copied()).is_ok() {
                        longer.push(next);
                    }
                }
            }
            for history in &longer {
                let member = standing_after(history.iter().copied())
                    .unwrap()
                    .is_some_and(MemberStatus::is_member);
                let counted = members_from_changes(history.iter().map(|e| (*e, 1))).unwrap();
                assert_eq!(counted, u64::from(member), "{history:?}");
                checked += 1;
            }
            histories = longer;
        }
        assert!(checked > 300, "only {checked} histories");
    }

    #[test]
    fn a_history_replays_to_a_standing() {
        assert_eq!(standing_after([]), Ok(None));
        assert_eq!(
            standing_after(["apply", "admit", "request-withdrawal"]),
            Ok(Some(MemberStatus::Withdrawing))
        );
        assert_eq!(
            standing_after(["admit", PAY_SHARES, "suspend", "reinstate", "die"]),
            Ok(Some(MemberStatus::Deceased))
        );
        assert!(standing_after(["suspend"]).is_err());
        assert!(standing_after(["apply", "settle-withdrawal"]).is_err());
    }

    #[test]
    fn every_event_moves_a_member_only_where_the_path_allows() {
        use MemberEvent as E;
        use MemberStatus as S;
        let mut status = S::Applicant;
        for (event, expected) in [
            (E::Admit, S::Member),
            (E::Suspend, S::Suspended),
            (E::Reinstate, S::Member),
            (E::RequestWithdrawal, S::Withdrawing),
            (E::RetractWithdrawal, S::Member),
            (E::RequestWithdrawal, S::Withdrawing),
            (E::SettleWithdrawal, S::Withdrawn),
        ] {
            status = status.after(event).unwrap();
            assert_eq!(status, expected);
        }
        assert_eq!(
            S::Withdrawn.after(E::Admit),
            Err(TransitionError {
                status: S::Withdrawn,
                event: E::Admit
            })
        );
        assert_eq!(
            S::Applicant.after(E::Expel).unwrap_err().to_string(),
            "a member who is applicant cannot expel"
        );
        assert_eq!(S::Withdrawing.after(E::Die), Ok(S::Deceased));
        assert!(
            S::Member.after(E::RetractWithdrawal).is_err(),
            "nothing to retract"
        );
        // Every ending is final.
        for ended in [S::Withdrawn, S::Expelled, S::Deceased, S::Refused] {
            assert!(!ended.is_member());
            for event in MemberEvent::ALL {
                assert!(ended.after(*event).is_err(), "{ended} {event}");
            }
        }
        assert!(S::Suspended.is_member() && !S::Suspended.may_vote());
    }

    #[test]
    fn a_register_is_read_whole_or_every_bad_line_is_named() {
        let charter = Charter::default_for_scale(2);
        let good = "trade,name,joined,shares_subscribed,shares_paid\n\
                    weaver,Wang Xiuying,1954-01-05,3,2\n\
                    \n\
                    ,Li Guihua,1954-02-01,1,1\n";
        let lines = read_register(good, &charter).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].name, "Wang Xiuying");
        assert_eq!(lines[0].trade, "weaver");
        assert_eq!((lines[0].shares_subscribed, lines[0].shares_paid), (3, 2));
        assert_eq!(lines[1].line, 4);
        let bad = "name,joined,shares_subscribed,shares_paid\n\
                   Wang Xiuying,1954-02-30,3,2\n\
                   ,1954-01-05,0,1\n\
                   Zhao,1954-01-05,two,1\n\
                   Qian,1954-01-05,1,1\n";
        let errors: Vec<String> = read_register(bad, &charter)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            [
                "2: joined: '1954-02-30' is not a date (YYYY-MM-DD)",
                "3: name: is empty",
                "3: shares_subscribed: 0 is fewer than the charter's minimum of 1",
                "3: shares_paid: 1 paid is more than the 0 subscribed",
                "4: shares_subscribed: 'two' is not a whole number of 0 or more",
            ]
        );
        let misspelt = "name,joined,shares,shares_paid\n";
        assert_eq!(
            read_register(misspelt, &charter).unwrap_err()[0].to_string(),
            "1: unknown column 'shares'; the columns are name, joined, shares_subscribed, shares_paid, trade"
        );
        let short = "name,joined\n";
        assert_eq!(
            read_register(short, &charter).unwrap_err()[0].to_string(),
            "1: missing column(s) shares_subscribed, shares_paid"
        );
    }
}
