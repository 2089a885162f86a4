//! How far a campaign has come on a day: each focus cooperative's stages done of the six,
//! the whole campaign's stages done of all its cooperatives' stages, its corrective actions
//! open, done and overdue, and the days left to its deadline.
//!
//! Everything is "as of" the day asked: a stage counts as done once it finished on or
//! before the day, an action once it was done on or before the day. An action is
//! **overdue** on day D when it is not done by D and was due before D — due on D itself is
//! not yet overdue.

use chrono::NaiveDate;

use super::{ActionStatus, Stage, StageRecord, StageStatus};

/// The campaign's figures on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CampaignProgress {
    /// Stages done, over every focus cooperative.
    pub stages_done: u64,
    /// Stages to do in all: six per focus cooperative.
    pub stages_total: u64,
    /// Actions not done by the day, overdue ones included.
    pub actions_open: u64,
    pub actions_done: u64,
    /// The open actions due before the day.
    pub actions_overdue: u64,
    /// Days from the day to the deadline; negative once it is past.
    pub days_to_deadline: i64,
}

/// Whether a stage counts as done on `day`.
fn done_by(record: &StageRecord, day: NaiveDate) -> bool {
    record.status == StageStatus::Done && record.finished.is_some_and(|f| f <= day)
}

/// A cooperative's stages done on `day`, of the six.
pub fn stages_done(stages: &[StageRecord], day: NaiveDate) -> u64 {
    Stage::ALL
        .iter()
        .filter(|stage| stages.iter().any(|r| r.stage == **stage && done_by(r, day)))
        .count() as u64
}

/// Whether an action (`status`, `due`, done on `done_on`) is done by `day`.
pub fn action_done_by(status: ActionStatus, done_on: Option<NaiveDate>, day: NaiveDate) -> bool {
    status == ActionStatus::Done && done_on.is_some_and(|d| d <= day)
}

/// Whether an action is overdue on `day`: not done by then and due before it.
pub fn is_overdue(
    status: ActionStatus,
    due: NaiveDate,
    done_on: Option<NaiveDate>,
    day: NaiveDate,
) -> bool {
    !action_done_by(status, done_on, day) && due < day
}

/// The campaign's progress on `day`: `cooperatives` holds each focus cooperative's stage
/// records, `actions` each action's `(status, due, done_on)`.
pub fn progress<'a>(
    cooperatives: impl IntoIterator<Item = &'a [StageRecord]>,
    actions: impl IntoIterator<Item = (ActionStatus, NaiveDate, Option<NaiveDate>)>,
    deadline: NaiveDate,
    day: NaiveDate,
) -> CampaignProgress {
    let mut progress = CampaignProgress {
        days_to_deadline: (deadline - day).num_days(),
        ..CampaignProgress::default()
    };
    for stages in cooperatives {
        progress.stages_done += stages_done(stages, day);
        progress.stages_total += Stage::ALL.len() as u64;
    }
    for (status, due, done_on) in actions {
        if action_done_by(status, done_on, day) {
            progress.actions_done += 1;
        } else {
            progress.actions_open += 1;
            if due < day {
                progress.actions_overdue += 1;
            }
        }
    }
    progress
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn done(stage: Stage, finished: &str) -> StageRecord {
        StageRecord {
            stage,
            status: StageStatus::Done,
            started: Some(day("1954-03-01")),
            finished: Some(day(finished)),
            notes: String::new(),
        }
    }

    #[test]
    fn overdue_means_open_and_due_before_the_day() {
        let due = day("1954-05-01");
        assert!(is_overdue(ActionStatus::Open, due, None, day("1954-05-02")));
        assert!(
            !is_overdue(ActionStatus::Open, due, None, day("1954-05-01")),
            "due on the day"
        );
        assert!(!is_overdue(
            ActionStatus::Open,
            due,
            None,
            day("1954-04-30")
        ));
        assert!(!is_overdue(
            ActionStatus::Done,
            due,
            Some(day("1954-05-03")),
            day("1954-05-10")
        ));
        // Done after the day asked: on that day it was still open, and overdue.
        assert!(is_overdue(
            ActionStatus::Done,
            due,
            Some(day("1954-05-03")),
            day("1954-05-02")
        ));
    }

    #[test]
    fn progress_counts_stages_actions_and_days_as_of_the_day() {
        let first = vec![
            done(Stage::Mobilisation, "1954-03-05"),
            done(Stage::ExplainingPolicy, "1954-03-20"),
            StageRecord {
                stage: Stage::DemocraticReview,
                status: StageStatus::InProgress,
                started: Some(day("1954-03-21")),
                finished: None,
                notes: String::new(),
            },
        ];
        let second = vec![done(Stage::Mobilisation, "1954-04-10")];
        let third: Vec<StageRecord> = Vec::new();
        let actions = [
            (ActionStatus::Open, day("1954-04-01"), None),
            (ActionStatus::Open, day("1954-04-15"), None),
            (
                ActionStatus::Done,
                day("1954-04-01"),
                Some(day("1954-03-30")),
            ),
            (
                ActionStatus::Done,
                day("1954-04-01"),
                Some(day("1954-04-20")),
            ),
        ];
        let cooperatives = [first.as_slice(), second.as_slice(), third.as_slice()];
        let on = |text: &str| progress(cooperatives, actions, day("1954-06-30"), day(text));
        assert_eq!(
            on("1954-04-15"),
            CampaignProgress {
                stages_done: 3,
                stages_total: 18,
                actions_open: 3,
                actions_done: 1,
                actions_overdue: 2,
                days_to_deadline: 76,
            }
        );
        assert_eq!(stages_done(&first, day("1954-03-10")), 1);
        let late = on("1954-07-02");
        assert_eq!(late.days_to_deadline, -2);
        assert_eq!(
            (late.actions_open, late.actions_done, late.actions_overdue),
            (2, 2, 2)
        );
        assert_eq!(on("1954-06-30").days_to_deadline, 0);
    }
}
