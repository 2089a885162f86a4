//! Reading campaigns: one campaign with everything a dashboard shows (its terms, phase,
//! deciding meeting, each focus cooperative's six stages, findings, actions with the
//! overdue ones marked, and the progress on a day), the list of campaigns the caller may
//! see, and the before/after report of each focus cooperative's indicators — the
//! follow-up period against the baseline, by `Artel::indicators`.

use artel_coop::campaign::{self, CampaignProgress};
use artel_coop::{ActionStatus, CampaignTerms, FindingCategory, Phase, Stage, StageRecord};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::campaigns::{Loaded, Reach, corrupt, current_phase, stage_record};
use crate::{Action, AppError, Artel, Caller};

/// The meeting that decided a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignMeeting {
    pub number: u64,
    pub body: String,
    pub held_on: NaiveDate,
    pub title: String,
}

/// A focus cooperative with its six stages, in order (those never recorded pending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusCooperative {
    pub code: String,
    pub name: String,
    pub stages: Vec<StageRecord>,
    /// Stages done by the day asked, of the six.
    pub stages_done: u64,
}

/// A finding on a focus cooperative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub number: u64,
    pub organisation: String,
    pub category: FindingCategory,
    pub text: String,
}

/// A corrective action, with whether it is overdue on the day asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectiveAction {
    pub number: u64,
    pub finding: u64,
    /// The focus cooperative of its finding.
    pub organisation: String,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub done_on: Option<NaiveDate>,
    pub overdue: bool,
}

/// A campaign with everything recorded under it, as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub code: String,
    /// The organisation that runs it, by code and name.
    pub owner: String,
    pub owner_name: String,
    pub region: String,
    pub region_name: String,
    pub terms: CampaignTerms,
    pub meeting: Option<CampaignMeeting>,
    pub phase: Phase,
    pub phase_since: NaiveDate,
    /// Every phase reached, with the day it began.
    pub phases: Vec<(Phase, NaiveDate)>,
    pub focus: Vec<FocusCooperative>,
    pub findings: Vec<Finding>,
    pub actions: Vec<CorrectiveAction>,
    pub as_of: NaiveDate,
    pub progress: CampaignProgress,
    /// Whether the caller sees only their own cooperatives' part.
    pub partial: bool,
}

/// A campaign in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSummary {
    pub code: String,
    pub title: String,
    pub owner: String,
    pub region: String,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub phase: Phase,
    pub focus: usize,
}

/// One indicator of one focus cooperative before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignReportRow {
    pub organisation: String,
    pub indicator: &'static str,
    pub baseline: Option<String>,
    pub follow_up: Option<String>,
    /// The follow-up's change against the baseline, in percent with one decimal.
    pub change_pct: Option<String>,
}

/// The before/after report of a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignReport {
    pub code: String,
    pub baseline: String,
    pub follow_up: String,
    pub rows: Vec<CampaignReportRow>,
}

impl Loaded {
    fn sees(&self, org_id: &Uuid) -> bool {
        match &self.reach {
            Reach::Whole => true,
            Reach::Focus(own) => own.contains(org_id),
        }
    }

    fn code_of(&self, org_id: &Uuid) -> String {
        self.organisations
            .get(org_id)
            .map_or_else(|| org_id.to_string(), |o| o.code.clone())
    }
}

impl Artel {
    /// Campaign `code` with everything recorded under it, its progress and overdue actions
    /// as of `as_of`. A focus cooperative's director sees that cooperative's part alone
    /// (`partial`).
    pub async fn campaign(&self, code: &str, as_of: NaiveDate) -> Result<Campaign, AppError> {
        let loaded = self.campaign_for(code, Action::ReadCampaigns).await?;
        let records = self
            .db
            .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
            .await?;
        let mut focus = Vec::new();
        for org_id in records.focus.iter().filter(|id| loaded.sees(id)) {
            let mut stages: Vec<StageRecord> = Stage::ALL
                .iter()
                .map(|s| StageRecord::pending(*s))
                .collect();
            for stored in records.stages.iter().filter(|s| s.focus_org_id == *org_id) {
                let record = stage_record(code, stored)?;
                let position = record.stage.position();
                stages[position] = record;
            }
            let organisation = loaded.organisations.get(org_id);
            focus.push(FocusCooperative {
                code: loaded.code_of(org_id),
                name: organisation.map(|o| o.name.clone()).unwrap_or_default(),
                stages_done: campaign::stages_done(&stages, as_of),
                stages,
            });
        }
        let mut findings = Vec::new();
        for stored in records
            .findings
            .iter()
            .filter(|f| loaded.sees(&f.focus_org_id))
        {
            findings.push(Finding {
                number: stored.number,
                organisation: loaded.code_of(&stored.focus_org_id),
                category: FindingCategory::parse(&stored.category).map_err(|e| corrupt(code, e))?,
                text: stored.text.clone(),
            });
        }
        let mut actions = Vec::new();
        for stored in &records.actions {
            let Some(finding) = findings.iter().find(|f| f.number == stored.finding) else {
                continue;
            };
            let status = ActionStatus::parse(&stored.status).map_err(|e| corrupt(code, e))?;
            actions.push(CorrectiveAction {
                number: stored.number,
                finding: stored.finding,
                organisation: finding.organisation.clone(),
                owner: stored.owner.clone(),
                due: stored.due,
                status,
                done_on: stored.done_on,
                overdue: campaign::is_overdue(status, stored.due, stored.done_on, as_of),
            });
        }
        let progress = campaign::progress(
            focus.iter().map(|f| f.stages.as_slice()),
            actions.iter().map(|a| (a.status, a.due, a.done_on)),
            loaded.terms.deadline,
            as_of,
        );
        let meeting = match loaded.stored.meeting {
            Some(number) => self
                .db
                .meeting(loaded.owner.org_id, number)
                .await?
                .map(|(m, _)| CampaignMeeting {
                    number: m.number,
                    body: m.body,
                    held_on: m.held_on,
                    title: m.title,
                }),
            None => None,
        };
        let (phase, phase_since) = current_phase(&loaded.stored)?;
        let phases = loaded
            .stored
            .phases
            .iter()
            .map(|(p, since)| Ok((Phase::parse(p).map_err(|e| corrupt(code, e))?, *since)))
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Campaign {
            code: loaded.stored.code.clone(),
            owner: loaded.owner.code.clone(),
            owner_name: loaded.owner.name.clone(),
            region: loaded.region.code.clone(),
            region_name: loaded.region.name.clone(),
            terms: loaded.terms.clone(),
            meeting,
            phase,
            phase_since,
            phases,
            focus,
            findings,
            actions,
            as_of,
            progress,
            partial: matches!(loaded.reach, Reach::Focus(_)),
        })
    }

    /// Whether the caller may change campaign `code`, to offer its forms only to those who
    /// may use them. Records nothing: each use case still checks.
    pub async fn may_manage_campaign(&self, code: &str) -> Result<bool, AppError> {
        match self
            .load_campaign(code, Action::ManageCampaigns, true)
            .await
        {
            Ok(_) => Ok(true),
            Err(AppError::NotFound { .. } | AppError::Forbidden(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// The campaigns the caller may read (wholly, or a focus cooperative's part), by start.
    pub async fn campaigns(&self) -> Result<Vec<CampaignSummary>, AppError> {
        let mut summaries = Vec::new();
        for stored in self.db.campaigns().await? {
            // Leaving out what the caller may not see is no refused access: quietly.
            let loaded = match self
                .load_campaign(&stored.code, Action::ReadCampaigns, true)
                .await
            {
                Ok(loaded) => loaded,
                Err(AppError::NotFound { .. } | AppError::Forbidden(_)) => continue,
                Err(other) => return Err(other),
            };
            let records = self
                .db
                .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
                .await?;
            let (phase, _) = current_phase(&loaded.stored)?;
            summaries.push(CampaignSummary {
                code: loaded.stored.code.clone(),
                title: loaded.terms.title.clone(),
                owner: loaded.owner.code.clone(),
                region: loaded.region.code.clone(),
                start: loaded.terms.start,
                deadline: loaded.terms.deadline,
                phase,
                focus: records.focus.iter().filter(|id| loaded.sees(id)).count(),
            });
        }
        Ok(summaries)
    }

    /// The before/after report of campaign `code`: for each focus cooperative the caller
    /// may see, every indicator for the baseline period and the follow-up period, with the
    /// follow-up's change against the baseline.
    pub async fn campaign_report(&self, code: &str) -> Result<CampaignReport, AppError> {
        let loaded = self.campaign_for(code, Action::ReadCampaigns).await?;
        let records = self
            .db
            .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
            .await?;
        let baseline = loaded.terms.baseline.to_string();
        let follow_up = loaded.terms.follow_up.to_string();
        // The campaign's readers read its focus cooperatives' indicators through it: the
        // cooperatives lie in its region, which lies in its owner's.
        let reader = self.acting_as(Caller::Operator {
            name: self.caller.name().to_owned(),
        });
        let mut rows = Vec::new();
        for org_id in records.focus.iter().filter(|id| loaded.sees(id)) {
            let organisation = loaded.code_of(org_id);
            for row in reader
                .indicators(&organisation, &follow_up, Some(&baseline))
                .await?
            {
                rows.push(CampaignReportRow {
                    organisation: organisation.clone(),
                    indicator: row.indicator,
                    baseline: row.compare,
                    follow_up: row.value,
                    change_pct: row.change_pct,
                });
            }
        }
        Ok(CampaignReport {
            code: loaded.stored.code.clone(),
            baseline,
            follow_up,
            rows,
        })
    }
}
