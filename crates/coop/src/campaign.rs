//! Rectification campaigns, pure: a campaign's terms checked (title, start, deadline, the
//! baseline and follow-up periods of its before/after report), its phases, the standard
//! stages every focus cooperative goes through with the rules a stage's dates keep,
//! findings by category and their corrective actions. How far a campaign has come is in
//! [`progress`], which cooperatives it focuses on in [`selection`].

pub mod progress;
pub mod selection;

use chrono::{Days, NaiveDate};

use crate::indicators::ReportPeriod;

pub use progress::{CampaignProgress, is_overdue, progress, stages_done};
pub use selection::{Candidate, per_district};

/// Longest title, place or owner of an action, in characters.
pub const TITLE_CHARS_MAX: usize = 200;
/// Longest goals, notes or finding, in characters.
pub const TEXT_CHARS_MAX: usize = 4000;
/// How long after its deadline a campaign's dates may still fall: a stage finished or an
/// action done late is recorded, a date years away is a typing error.
pub const DAYS_AFTER_DEADLINE_MAX: u64 = 3 * 366;
/// Most focus cooperatives a campaign may have.
pub const FOCUS_MAX: usize = 1000;

word_enum! {
    /// Where a campaign stands: trying it on the focus cooperatives, drawing the lessons,
    /// then extending it to every cooperative of the region.
    Phase {
        Pilot = "pilot",
        SummingUp = "summing-up",
        Extension = "extension",
    }
}

word_enum! {
    /// The standard stages of a focus cooperative's rectification, in their order.
    Stage {
        Mobilisation = "mobilisation",
        ExplainingPolicy = "explaining-policy",
        DemocraticReview = "democratic-review",
        InspectionOfWork = "inspection-of-work",
        EstablishingSystems = "establishing-systems",
        SolvingProblems = "solving-problems",
    }
}

word_enum! {
    /// How far a stage has come.
    StageStatus {
        Pending = "pending",
        InProgress = "in-progress",
        Done = "done",
    }
}

word_enum! {
    /// What a finding is about.
    FindingCategory {
        Management = "management",
        FinanceAccounting = "finance-accounting",
        Quality = "quality",
        SalesCredit = "sales-credit",
        Membership = "membership",
        Other = "other",
    }
}

word_enum! {
    /// Whether a corrective action is still to do.
    ActionStatus {
        Open = "open",
        Done = "done",
    }
}

impl Stage {
    /// The stage's place in the order, from 0.
    pub fn position(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Something refused: the field at fault and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct CampaignRefusal {
    pub field: &'static str,
    pub message: String,
}

fn refuse(field: &'static str, message: impl Into<String>) -> CampaignRefusal {
    CampaignRefusal {
        field,
        message: message.into(),
    }
}

/// Refuses text that is empty (when `required`) or longer than `chars_max` characters.
fn check_text(
    refusals: &mut Vec<CampaignRefusal>,
    field: &'static str,
    text: &str,
    required: bool,
    chars_max: usize,
) {
    if required && text.trim().is_empty() {
        refusals.push(refuse(field, "is empty"));
    } else if text.chars().count() > chars_max {
        refusals.push(refuse(
            field,
            format!("is longer than {chars_max} characters"),
        ));
    }
}

/// A campaign's terms, checked: a title, a start and a deadline not before it, a baseline
/// period that ends before the follow-up period begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignTerms {
    pub title: String,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub goals: String,
    pub baseline: ReportPeriod,
    pub follow_up: ReportPeriod,
}

impl CampaignTerms {
    /// Checks the terms; every field at fault is named (`title`, `deadline`, `goals`,
    /// `baseline`, `follow_up`).
    pub fn new(
        title: &str,
        start: NaiveDate,
        deadline: NaiveDate,
        goals: &str,
        baseline: &str,
        follow_up: &str,
    ) -> Result<CampaignTerms, Vec<CampaignRefusal>> {
        let mut refusals = Vec::new();
        check_text(&mut refusals, "title", title, true, TITLE_CHARS_MAX);
        check_text(&mut refusals, "goals", goals, false, TEXT_CHARS_MAX);
        if deadline < start {
            refusals.push(refuse(
                "deadline",
                format!("{deadline} is before the start {start}"),
            ));
        }
        let baseline = ReportPeriod::parse(baseline.trim())
            .map_err(|e| refusals.push(refuse("baseline", e)))
            .ok();
        let follow_up = ReportPeriod::parse(follow_up.trim())
            .map_err(|e| refusals.push(refuse("follow_up", e)))
            .ok();
        if let (Some(baseline), Some(follow_up)) = (baseline, follow_up)
            && follow_up.first <= baseline.last
        {
            refusals.push(refuse(
                "follow_up",
                format!("{follow_up} does not come after the baseline {baseline}"),
            ));
        }
        match (baseline, follow_up) {
            (Some(baseline), Some(follow_up)) if refusals.is_empty() => Ok(CampaignTerms {
                title: title.trim().to_owned(),
                start,
                deadline,
                goals: goals.trim().to_owned(),
                baseline,
                follow_up,
            }),
            _ => Err(refusals),
        }
    }

    /// The last day a date of the campaign may fall on.
    pub fn last_day(&self) -> NaiveDate {
        self.deadline
            .checked_add_days(Days::new(DAYS_AFTER_DEADLINE_MAX))
            .unwrap_or(self.deadline)
    }

    /// Refuses `date` at `field` when it falls before the campaign's start or long after
    /// its deadline.
    pub fn check_date(&self, field: &'static str, date: NaiveDate) -> Result<(), CampaignRefusal> {
        if date < self.start {
            Err(refuse(
                field,
                format!("{date} is before the campaign's start {}", self.start),
            ))
        } else if date > self.last_day() {
            Err(refuse(
                field,
                format!("{date} is more than three years after the deadline"),
            ))
        } else {
            Ok(())
        }
    }
}

/// A stage of one focus cooperative as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRecord {
    pub stage: Stage,
    pub status: StageStatus,
    pub started: Option<NaiveDate>,
    pub finished: Option<NaiveDate>,
    pub notes: String,
}

impl StageRecord {
    /// A stage not yet begun.
    pub fn pending(stage: Stage) -> StageRecord {
        StageRecord {
            stage,
            status: StageStatus::Pending,
            started: None,
            finished: None,
            notes: String::new(),
        }
    }
}

/// Checks a stage's new record against the campaign and the cooperative's other stages
/// (`stages`, by stage; missing ones are pending). A pending stage has no dates; one in
/// progress has begun and not finished; a done one has finished on or after the day it
/// began. No date falls before the campaign's start. A stage begins only once the stage
/// before it has begun, and not before that one began.
pub fn check_stage(
    terms: &CampaignTerms,
    record: &StageRecord,
    stages: &[StageRecord],
) -> Result<(), Vec<CampaignRefusal>> {
    let mut refusals = Vec::new();
    check_text(&mut refusals, "notes", &record.notes, false, TEXT_CHARS_MAX);
    match record.status {
        StageStatus::Pending => {
            if record.started.is_some() {
                refusals.push(refuse("started", "a pending stage has not begun"));
            }
            if record.finished.is_some() {
                refusals.push(refuse("finished", "a pending stage has not finished"));
            }
        }
        StageStatus::InProgress => {
            if record.started.is_none() {
                refusals.push(refuse(
                    "started",
                    "a stage in progress needs the day it began",
                ));
            }
            if record.finished.is_some() {
                refusals.push(refuse("finished", "a stage in progress has not finished"));
            }
        }
        StageStatus::Done => {
            if record.started.is_none() {
                refusals.push(refuse("started", "a done stage needs the day it began"));
            }
            match (record.started, record.finished) {
                (_, None) => {
                    refusals.push(refuse("finished", "a done stage needs the day it finished"))
                }
                (Some(started), Some(finished)) if finished < started => refusals.push(refuse(
                    "finished",
                    format!("{finished} is before the day the stage began, {started}"),
                )),
                _ => {}
            }
        }
    }
    for (field, date) in [("started", record.started), ("finished", record.finished)] {
        if let Some(date) = date
            && let Err(refusal) = terms.check_date(field, date)
        {
            refusals.push(refusal);
        }
    }
    if record.status != StageStatus::Pending
        && let Some(before) = record
            .stage
            .position()
            .checked_sub(1)
            .map(|i| Stage::ALL[i])
    {
        let previous = stages.iter().find(|s| s.stage == before);
        match previous.and_then(|p| p.started) {
            None => refusals.push(refuse(
                "stage",
                format!("{} begins only after {before} has begun", record.stage),
            )),
            Some(began) if record.started.is_some_and(|started| started < began) => {
                refusals.push(refuse(
                    "started",
                    format!(
                        "{} cannot begin before {before}, which began on {began}",
                        record.stage
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refusals)
    }
}

/// Checks a finding's text.
pub fn check_finding(text: &str) -> Result<(), CampaignRefusal> {
    let mut refusals = Vec::new();
    check_text(&mut refusals, "text", text, true, TEXT_CHARS_MAX);
    refusals.pop().map_or(Ok(()), Err)
}

/// Checks a corrective action: who owns it, and a due day within the campaign's dates.
pub fn check_action(
    terms: &CampaignTerms,
    owner: &str,
    due: NaiveDate,
) -> Result<(), Vec<CampaignRefusal>> {
    let mut refusals = Vec::new();
    check_text(&mut refusals, "owner", owner, true, TITLE_CHARS_MAX);
    if let Err(refusal) = terms.check_date("due", due) {
        refusals.push(refusal);
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refusals)
    }
}

/// Checks the day an action is marked done: within the campaign's dates, once.
pub fn check_action_done(
    terms: &CampaignTerms,
    status: ActionStatus,
    date: NaiveDate,
) -> Result<(), CampaignRefusal> {
    if status == ActionStatus::Done {
        return Err(refuse("action", "the action is done already"));
    }
    terms.check_date("date", date)
}

/// Checks a move to `phase` on `date` after `current` (which began on `since`): phases
/// only move forward, one or more steps, on a day within the campaign's dates and not
/// before the current phase began.
pub fn check_phase(
    terms: &CampaignTerms,
    current: Phase,
    since: NaiveDate,
    phase: Phase,
    date: NaiveDate,
) -> Result<(), CampaignRefusal> {
    let position = |p: Phase| Phase::ALL.iter().position(|x| *x == p);
    if position(phase) <= position(current) {
        return Err(refuse(
            "phase",
            format!("the campaign is in its {current} phase; phases only move forward"),
        ));
    }
    if date < since {
        return Err(refuse(
            "date",
            format!("{date} is before the {current} phase began, {since}"),
        ));
    }
    terms.check_date("date", date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn terms() -> CampaignTerms {
        CampaignTerms::new(
            "Rectification of 1954",
            day("1954-03-01"),
            day("1954-06-30"),
            "Better books",
            "1954-01",
            "1954-04",
        )
        .unwrap()
    }

    fn record(
        stage: Stage,
        status: StageStatus,
        started: Option<&str>,
        finished: Option<&str>,
    ) -> StageRecord {
        StageRecord {
            stage,
            status,
            started: started.map(day),
            finished: finished.map(day),
            notes: String::new(),
        }
    }

    fn fields(result: Result<(), Vec<CampaignRefusal>>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .iter()
            .map(|r| r.field)
            .collect()
    }

    #[test]
    fn terms_name_every_field_at_fault() {
        let refused = CampaignTerms::new(
            " ",
            day("1954-03-01"),
            day("1954-02-01"),
            "",
            "1954-13",
            "x",
        )
        .unwrap_err();
        let fields: Vec<_> = refused.iter().map(|r| r.field).collect();
        assert_eq!(fields, ["title", "deadline", "baseline", "follow_up"]);
        let backwards = CampaignTerms::new(
            "T",
            day("1954-03-01"),
            day("1954-06-30"),
            "",
            "1954-04",
            "1954-Q1",
        )
        .unwrap_err();
        assert_eq!(backwards[0].field, "follow_up");
        let terms = terms();
        assert_eq!(terms.baseline.to_string(), "1954-01");
        assert_eq!(terms.follow_up.to_string(), "1954-04");
    }

    #[test]
    fn a_stage_is_done_only_with_a_finish_on_or_after_its_start() {
        let terms = terms();
        let first =
            |status, started, finished| record(Stage::Mobilisation, status, started, finished);
        assert_eq!(
            fields(check_stage(
                &terms,
                &first(StageStatus::Done, Some("1954-03-02"), None),
                &[]
            )),
            ["finished"]
        );
        assert_eq!(
            fields(check_stage(
                &terms,
                &first(StageStatus::Done, Some("1954-03-05"), Some("1954-03-04")),
                &[]
            )),
            ["finished"]
        );
        assert_eq!(
            fields(check_stage(
                &terms,
                &first(StageStatus::Done, None, Some("1954-03-04")),
                &[]
            )),
            ["started"]
        );
        assert!(
            check_stage(
                &terms,
                &first(StageStatus::Done, Some("1954-03-05"), Some("1954-03-05")),
                &[]
            )
            .is_ok()
        );
        assert_eq!(
            fields(check_stage(
                &terms,
                &first(StageStatus::InProgress, None, None),
                &[]
            )),
            ["started"]
        );
        assert_eq!(
            fields(check_stage(
                &terms,
                &first(
                    StageStatus::InProgress,
                    Some("1954-03-02"),
                    Some("1954-03-09")
                ),
                &[]
            )),
            ["finished"]
        );
        assert_eq!(
            fields(check_stage(
                &terms,
                &first(StageStatus::Pending, Some("1954-03-02"), None),
                &[]
            )),
            ["started"]
        );
        assert!(check_stage(&terms, &first(StageStatus::Pending, None, None), &[]).is_ok());
    }

    #[test]
    fn stage_dates_keep_within_the_campaign_and_the_order() {
        let terms = terms();
        let early = record(
            Stage::Mobilisation,
            StageStatus::InProgress,
            Some("1954-02-28"),
            None,
        );
        let refused = check_stage(&terms, &early, &[]).unwrap_err();
        assert_eq!(refused[0].field, "started");
        assert!(
            refused[0].message.contains("before the campaign's start"),
            "{refused:?}"
        );
        let far = record(
            Stage::Mobilisation,
            StageStatus::Done,
            Some("1954-03-01"),
            Some("1960-01-01"),
        );
        assert_eq!(fields(check_stage(&terms, &far, &[])), ["finished"]);
        // The second stage waits for the first to begin, and does not begin before it.
        let second = record(
            Stage::ExplainingPolicy,
            StageStatus::InProgress,
            Some("1954-03-10"),
            None,
        );
        assert_eq!(fields(check_stage(&terms, &second, &[])), ["stage"]);
        let first = record(
            Stage::Mobilisation,
            StageStatus::InProgress,
            Some("1954-03-12"),
            None,
        );
        assert_eq!(
            fields(check_stage(&terms, &second, std::slice::from_ref(&first))),
            ["started"]
        );
        let first = record(
            Stage::Mobilisation,
            StageStatus::Done,
            Some("1954-03-02"),
            Some("1954-03-09"),
        );
        assert!(check_stage(&terms, &second, &[first]).is_ok());
    }

    #[test]
    fn actions_and_phases_are_checked() {
        let terms = terms();
        let refused = check_action(&terms, "", day("1954-02-01")).unwrap_err();
        assert_eq!(
            refused.iter().map(|r| r.field).collect::<Vec<_>>(),
            ["owner", "due"]
        );
        assert!(check_action(&terms, "Director Li", day("1954-05-01")).is_ok());
        assert_eq!(
            check_action_done(&terms, ActionStatus::Done, day("1954-05-01"))
                .unwrap_err()
                .field,
            "action"
        );
        assert!(check_action_done(&terms, ActionStatus::Open, day("1954-05-01")).is_ok());
        assert_eq!(check_finding("  ").unwrap_err().field, "text");
        let since = day("1954-03-01");
        assert!(
            check_phase(
                &terms,
                Phase::Pilot,
                since,
                Phase::SummingUp,
                day("1954-05-01")
            )
            .is_ok()
        );
        assert_eq!(
            check_phase(
                &terms,
                Phase::SummingUp,
                since,
                Phase::Pilot,
                day("1954-05-01")
            )
            .unwrap_err()
            .field,
            "phase"
        );
        assert_eq!(
            check_phase(
                &terms,
                Phase::Pilot,
                day("1954-04-01"),
                Phase::Extension,
                day("1954-03-15")
            )
            .unwrap_err()
            .field,
            "date"
        );
    }
}
