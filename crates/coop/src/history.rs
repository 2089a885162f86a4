//! An organisation's history, pure: the events that changed its status or kind (founding,
//! a change of status, a team's upgrade to a cooperative), which changes are allowed, where
//! it stood on any date, and how many organisations of each kind and status a set of
//! histories holds as of a date. An upgrade keeps the same organisation and its book: it
//! counts as a team before the upgrade's date and as a cooperative from that date on.

use chrono::NaiveDate;

use crate::{OrgKind, OrgStatus};

word_enum! {
    /// What an event of an organisation's history records.
    EventKind {
        Founded = "founded",
        Status = "status",
        Upgraded = "upgraded",
    }
}

/// Where an organisation stands: what it is and its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub kind: OrgKind,
    pub status: OrgStatus,
}

/// One event: from `date` on, the organisation is `kind` with `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryEvent {
    pub date: NaiveDate,
    pub event: EventKind,
    pub standing: Standing,
}

/// Why a change to an organisation's history is refused; each names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error("{date} is before the last recorded change, on {last}")]
    BeforeLastChange { date: NaiveDate, last: NaiveDate },
    #[error("the organisation is {0}; nothing may follow")]
    Ended(OrgStatus),
    #[error("the organisation is already {0}")]
    Unchanged(OrgStatus),
    #[error("an organisation that is {from} cannot become {to}")]
    NotAllowed { from: OrgStatus, to: OrgStatus },
    #[error("only a team can be upgraded to a cooperative, and this is a {0}")]
    NotATeam(OrgKind),
    #[error("the first event must be the founding")]
    NoFounding,
    #[error("an event on {0} is out of date order")]
    OutOfOrder(NaiveDate),
}

impl HistoryError {
    /// The field the refusal is about: `date`, `status`, `kind` or `history`.
    pub fn field(&self) -> &'static str {
        match self {
            HistoryError::BeforeLastChange { .. } => "date",
            HistoryError::Ended(_)
            | HistoryError::Unchanged(_)
            | HistoryError::NotAllowed { .. } => "status",
            HistoryError::NotATeam(_) => "kind",
            HistoryError::NoFounding | HistoryError::OutOfOrder(_) => "history",
        }
    }
}

impl OrgStatus {
    /// Whether an organisation may go from this status to `next`. Merged and dissolved
    /// organisations are ended; preparatory is where an organisation starts, never returns.
    pub fn may_become(self, next: OrgStatus) -> bool {
        use OrgStatus::*;
        match self {
            Preparatory => matches!(next, Active | Merged | Dissolved),
            Active => matches!(next, UnderRectification | Merged | Dissolved),
            UnderRectification => matches!(next, Active | Merged | Dissolved),
            Merged | Dissolved => false,
        }
    }

    /// Whether the organisation has ended (merged into another, or dissolved).
    pub fn is_ended(self) -> bool {
        matches!(self, OrgStatus::Merged | OrgStatus::Dissolved)
    }
}

impl OrgKind {
    /// Whether an organisation of this kind may be a member of one of kind `parent`: a
    /// team of a cooperative, a federation or a supply and marketing cooperative; a
    /// cooperative of a federation or a supply and marketing cooperative; a federation of a
    /// higher federation; an association of a federation; a supply and marketing
    /// cooperative of a higher one. Government offices belong to none.
    pub fn may_belong_to(self, parent: OrgKind) -> bool {
        use OrgKind::*;
        match self {
            Team => matches!(parent, Cooperative | Federation | SupplyMarketing),
            Cooperative => matches!(parent, Federation | SupplyMarketing),
            Federation | Association => parent == Federation,
            SupplyMarketing => parent == SupplyMarketing,
            Government => false,
        }
    }
}

/// An organisation's history: its events in the order recorded, dates never going back,
/// the first its founding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    events: Vec<HistoryEvent>,
}

impl History {
    /// The history of these events, in the order they were recorded.
    pub fn new(events: Vec<HistoryEvent>) -> Result<History, HistoryError> {
        match events.first() {
            Some(first) if first.event == EventKind::Founded => {}
            _ => return Err(HistoryError::NoFounding),
        }
        if let Some(pair) = events.windows(2).find(|pair| pair[1].date < pair[0].date) {
            return Err(HistoryError::OutOfOrder(pair[1].date));
        }
        Ok(History { events })
    }

    /// The history of an organisation founded on `date` as `kind` with `status`.
    pub fn founded(date: NaiveDate, kind: OrgKind, status: OrgStatus) -> History {
        History {
            events: vec![HistoryEvent {
                date,
                event: EventKind::Founded,
                standing: Standing { kind, status },
            }],
        }
    }

    pub fn events(&self) -> &[HistoryEvent] {
        &self.events
    }

    /// The founding date: before it, the organisation did not exist.
    pub fn founding_date(&self) -> NaiveDate {
        self.events[0].date
    }

    fn last(&self) -> &HistoryEvent {
        // `new` and `founded` keep at least one event.
        &self.events[self.events.len() - 1]
    }

    /// Where the organisation stands now, after every event.
    pub fn current(&self) -> Standing {
        self.last().standing
    }

    /// Where the organisation stood at the end of `date`: after the last event dated on
    /// or before it; `None` before its founding.
    pub fn as_of(&self, date: NaiveDate) -> Option<Standing> {
        self.events
            .iter()
            .rev()
            .find(|event| event.date <= date)
            .map(|event| event.standing)
    }

    fn check_date(&self, date: NaiveDate) -> Result<Standing, HistoryError> {
        let last = self.last();
        if date < last.date {
            return Err(HistoryError::BeforeLastChange {
                date,
                last: last.date,
            });
        }
        if last.standing.status.is_ended() {
            return Err(HistoryError::Ended(last.standing.status));
        }
        Ok(last.standing)
    }

    /// The event that changes the status to `status` on `date`, when allowed.
    pub fn change_status(
        &self,
        date: NaiveDate,
        status: OrgStatus,
    ) -> Result<HistoryEvent, HistoryError> {
        let standing = self.check_date(date)?;
        if standing.status == status {
            return Err(HistoryError::Unchanged(status));
        }
        if !standing.status.may_become(status) {
            return Err(HistoryError::NotAllowed {
                from: standing.status,
                to: status,
            });
        }
        Ok(HistoryEvent {
            date,
            event: EventKind::Status,
            standing: Standing {
                kind: standing.kind,
                status,
            },
        })
    }

    /// The event that upgrades a team to a cooperative on `date`, keeping its status.
    pub fn upgrade(&self, date: NaiveDate) -> Result<HistoryEvent, HistoryError> {
        let standing = self.check_date(date)?;
        if standing.kind != OrgKind::Team {
            return Err(HistoryError::NotATeam(standing.kind));
        }
        Ok(HistoryEvent {
            date,
            event: EventKind::Upgraded,
            standing: Standing {
                kind: OrgKind::Cooperative,
                status: standing.status,
            },
        })
    }

    /// The history with `event` appended (an event from `change_status` or `upgrade`).
    pub fn with(mut self, event: HistoryEvent) -> Result<History, HistoryError> {
        self.check_date(event.date)?;
        self.events.push(event);
        Ok(self)
    }
}

/// How many organisations there were of each kind and status on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgCounts {
    /// Indexed by the kind's and the status's positions in `ALL`.
    counts: Vec<u64>,
}

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

impl OrgCounts {
    fn index(kind: OrgKind, status: OrgStatus) -> usize {
        position(OrgKind::ALL, &kind) * OrgStatus::ALL.len() + position(OrgStatus::ALL, &status)
    }

    /// Organisations of `kind` with `status`.
    pub fn get(&self, kind: OrgKind, status: OrgStatus) -> u64 {
        self.counts[OrgCounts::index(kind, status)]
    }

    /// Organisations of `kind`, whatever their status.
    pub fn of_kind(&self, kind: OrgKind) -> u64 {
        OrgStatus::ALL.iter().map(|s| self.get(kind, *s)).sum()
    }

    /// Organisations of `kind` that were working: active or under rectification.
    pub fn working(&self, kind: OrgKind) -> u64 {
        self.get(kind, OrgStatus::Active) + self.get(kind, OrgStatus::UnderRectification)
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// Counts the organisations of `histories` by kind and status as of the end of `date`;
/// those not yet founded are not counted.
pub fn count_as_of<'a>(
    histories: impl IntoIterator<Item = &'a History>,
    date: NaiveDate,
) -> OrgCounts {
    let mut counts = vec![0; OrgKind::ALL.len() * OrgStatus::ALL.len()];
    for standing in histories.into_iter().filter_map(|h| h.as_of(date)) {
        counts[OrgCounts::index(standing.kind, standing.status)] += 1;
    }
    OrgCounts { counts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn team_upgraded_on_may_1() -> History {
        let history = History::founded(day("1953-03-01"), OrgKind::Team, OrgStatus::Active);
        let upgrade = history.upgrade(day("1954-05-01")).unwrap();
        history.with(upgrade).unwrap()
    }

    #[test]
    fn the_standing_on_the_day_before_on_and_after_a_change() {
        let history = History::founded(day("1953-03-01"), OrgKind::Cooperative, OrgStatus::Active);
        let change = history
            .change_status(day("1954-01-10"), OrgStatus::UnderRectification)
            .unwrap();
        let history = history.with(change).unwrap();
        assert_eq!(history.as_of(day("1953-02-28")), None, "before founding");
        assert_eq!(
            history.as_of(day("1953-03-01")).unwrap().status,
            OrgStatus::Active
        );
        assert_eq!(
            history.as_of(day("1954-01-09")).unwrap().status,
            OrgStatus::Active
        );
        assert_eq!(
            history.as_of(day("1954-01-10")).unwrap().status,
            OrgStatus::UnderRectification
        );
        assert_eq!(
            history.as_of(day("1954-01-11")).unwrap().status,
            OrgStatus::UnderRectification
        );
        assert_eq!(history.current().status, OrgStatus::UnderRectification);
    }

    #[test]
    fn counts_around_a_change_of_status_and_an_upgrade() {
        let coop = History::founded(day("1953-03-01"), OrgKind::Cooperative, OrgStatus::Active);
        let dissolved = coop
            .clone()
            .with(
                coop.change_status(day("1954-04-01"), OrgStatus::Dissolved)
                    .unwrap(),
            )
            .unwrap();
        let team = team_upgraded_on_may_1();
        let histories = [dissolved, team];
        let before = count_as_of(&histories, day("1954-03-31"));
        assert_eq!(before.get(OrgKind::Cooperative, OrgStatus::Active), 1);
        assert_eq!(before.get(OrgKind::Cooperative, OrgStatus::Dissolved), 0);
        assert_eq!(before.working(OrgKind::Team), 1);
        let on = count_as_of(&histories, day("1954-04-01"));
        assert_eq!(on.get(OrgKind::Cooperative, OrgStatus::Active), 0);
        assert_eq!(on.get(OrgKind::Cooperative, OrgStatus::Dissolved), 1);
        assert_eq!(on.working(OrgKind::Cooperative), 0);
        // The upgrade: a team up to the day before, a cooperative on the day and after.
        let eve = count_as_of(&histories, day("1954-04-30"));
        assert_eq!(
            (
                eve.of_kind(OrgKind::Team),
                eve.working(OrgKind::Cooperative)
            ),
            (1, 0)
        );
        let upgraded = count_as_of(&histories, day("1954-05-01"));
        assert_eq!(
            (
                upgraded.of_kind(OrgKind::Team),
                upgraded.working(OrgKind::Cooperative)
            ),
            (0, 1)
        );
        let after = count_as_of(&histories, day("1954-05-02"));
        assert_eq!(after.get(OrgKind::Cooperative, OrgStatus::Active), 1);
        assert_eq!(after.total(), 2);
        assert_eq!(count_as_of(&histories, day("1953-02-28")).total(), 0);
        assert_eq!(count_as_of(&histories, day("1953-03-01")).total(), 2);
    }

    #[test]
    fn transitions_are_checked() {
        let history = History::founded(day("1953-03-01"), OrgKind::Team, OrgStatus::Preparatory);
        assert_eq!(
            history.change_status(day("1953-04-01"), OrgStatus::UnderRectification),
            Err(HistoryError::NotAllowed {
                from: OrgStatus::Preparatory,
                to: OrgStatus::UnderRectification
            })
        );
        assert_eq!(
            history.change_status(day("1953-04-01"), OrgStatus::Preparatory),
            Err(HistoryError::Unchanged(OrgStatus::Preparatory))
        );
        let error = history
            .change_status(day("1953-02-01"), OrgStatus::Active)
            .unwrap_err();
        assert_eq!(error.field(), "date", "{error}");
        let merged = history
            .change_status(day("1953-04-01"), OrgStatus::Merged)
            .unwrap();
        let history = history.with(merged).unwrap();
        assert_eq!(
            history.change_status(day("1953-05-01"), OrgStatus::Active),
            Err(HistoryError::Ended(OrgStatus::Merged))
        );
        assert_eq!(
            history.upgrade(day("1953-05-01")),
            Err(HistoryError::Ended(OrgStatus::Merged))
        );
        // A change on the same day as the last is allowed: the later one wins.
        let coop = History::founded(day("1953-03-01"), OrgKind::Cooperative, OrgStatus::Active);
        let same_day = coop
            .change_status(day("1953-03-01"), OrgStatus::UnderRectification)
            .unwrap();
        let coop = coop.with(same_day).unwrap();
        assert_eq!(
            coop.as_of(day("1953-03-01")).unwrap().status,
            OrgStatus::UnderRectification
        );
        assert_eq!(coop.upgrade(day("1953-04-01")).unwrap_err().field(), "kind");
    }

    #[test]
    fn a_history_starts_with_its_founding_and_keeps_date_order() {
        let team = team_upgraded_on_may_1();
        assert!(History::new(team.events().to_vec()).is_ok());
        let mut reversed = team.events().to_vec();
        reversed.reverse();
        assert_eq!(History::new(reversed), Err(HistoryError::NoFounding));
        let mut late = team.events().to_vec();
        late.push(HistoryEvent {
            date: day("1954-01-01"),
            ..late[1]
        });
        assert_eq!(
            History::new(late),
            Err(HistoryError::OutOfOrder(day("1954-01-01")))
        );
        assert_eq!(History::new(vec![]), Err(HistoryError::NoFounding));
    }

    #[test]
    fn memberships_by_kind() {
        assert!(OrgKind::Team.may_belong_to(OrgKind::Cooperative));
        assert!(OrgKind::Cooperative.may_belong_to(OrgKind::Federation));
        assert!(OrgKind::Cooperative.may_belong_to(OrgKind::SupplyMarketing));
        assert!(!OrgKind::Cooperative.may_belong_to(OrgKind::Team));
        assert!(!OrgKind::Government.may_belong_to(OrgKind::Federation));
    }
}
