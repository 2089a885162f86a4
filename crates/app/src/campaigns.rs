//! Rectification campaigns: a campaign recorded by a government office or a federation
//! over a region within its own, its focus cooperatives chosen by code or "n per
//! district", each one's stages moved on, findings and corrective actions recorded, the
//! phase moved forward — every decision the pure core's (`artel_coop::campaign`), written
//! in one transaction each. Reading a campaign, the list and the report are in
//! `campaign_view`.
//!
//! Who may: writing needs a role allowing `ManageCampaigns` over the organisation that
//! runs the campaign or over its region; reading, `ReadCampaigns` likewise; a focus
//! cooperative's director or supervisor reads that cooperative's part alone
//! (`ReadOwnRectification`). Anyone else is told the campaign does not exist.

use std::collections::BTreeMap;

use artel_coop::campaign::{self, CampaignRefusal, FOCUS_MAX};
use artel_coop::{
    ActionStatus, CampaignTerms, Candidate, Code, FindingCategory, OrgKind, OrgStatus, Phase,
    Stage, StageRecord, StageStatus,
};
use artel_store::{NewCampaign, Organisation, Region, StoredCampaign, StoredStage};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::region_counts::histories;
use crate::{Access, Action, AppError, Artel, Caller, Problem};

/// Most focus cooperatives "n per district" may choose from each district.
pub const PER_DISTRICT_MAX: u32 = 100;

/// A campaign as asked. Dates are days; the periods are report periods as typed (`1954`,
/// `1954-Q1`, `1954-01`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRequest {
    /// The campaign's short code, like an organisation's (`hubei-1954-rectification`).
    pub code: String,
    /// The organisation that runs it: a government office or a federation.
    pub owner: String,
    /// The region it covers: the owner's region or one within it.
    pub region: String,
    pub title: String,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub goals: String,
    /// The number of the owner's meeting (its conference) that decided it.
    pub meeting: Option<u64>,
    pub baseline: String,
    pub follow_up: String,
}

/// How focus cooperatives are chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FocusSelection {
    /// These cooperatives, by code.
    Codes(Vec<String>),
    /// The first `n` by code of each district's cooperatives working on the start.
    PerDistrict(u32),
}

/// A focus cooperative's stage as it now stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageUpdate {
    /// The focus cooperative's code.
    pub organisation: String,
    /// `mobilisation`, `explaining-policy`, … (`artel_coop::Stage`).
    pub stage: String,
    /// `pending`, `in-progress` or `done`.
    pub status: String,
    pub started: Option<NaiveDate>,
    pub finished: Option<NaiveDate>,
    pub notes: String,
}

/// How far a caller may see into a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reach {
    /// All of it.
    Whole,
    /// Only these focus cooperatives' part.
    Focus(Vec<Uuid>),
}

/// A campaign as loaded for a use case: what is stored, its owner and region, its terms,
/// and how far the caller reaches.
pub(crate) struct Loaded {
    pub stored: StoredCampaign,
    pub owner: Organisation,
    pub region: Region,
    pub terms: CampaignTerms,
    pub reach: Reach,
    /// Every organisation, by id, to name focus cooperatives.
    pub organisations: BTreeMap<Uuid, Organisation>,
}

pub(crate) fn refused(refusals: Vec<CampaignRefusal>) -> AppError {
    AppError::Rejected(
        refusals
            .into_iter()
            .map(|r| Problem {
                place: r.field.to_owned(),
                message: r.message,
            })
            .collect(),
    )
}

pub(crate) fn corrupt(code: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::Failed(format!("campaign '{code}': {detail}"))
}

/// Whether `organisation` lies in the region subtree at `path`.
fn within(organisation: &Organisation, path: &str) -> bool {
    organisation
        .region_path
        .as_deref()
        .is_some_and(|p| p.starts_with(path))
}

/// The district of `path` under the region at `campaign`: the child region's code, or the
/// campaign region's own code for an organisation directly in it.
fn district_of(path: &str, campaign: &Region) -> String {
    path.strip_prefix(campaign.path.as_str())
        .and_then(|rest| rest.split('/').find(|s| !s.is_empty()))
        .unwrap_or(&campaign.code)
        .to_owned()
}

impl Artel {
    /// Whether the caller may take `action` (`ManageCampaigns` or `ReadCampaigns`) over
    /// what `owner` runs in the region at `path`.
    pub(crate) fn may_run(&self, owner: &Organisation, path: Option<&str>, action: Action) -> bool {
        self.caller.access(owner, action) == Access::Allowed
            || path.is_some_and(|path| self.caller.may_over_region(path, action))
    }

    /// Refuses a caller who may not run campaigns and events for `owner` over the region at
    /// `path`.
    pub(crate) fn require_to_run(
        &self,
        owner: &Organisation,
        path: Option<&str>,
    ) -> Result<(), AppError> {
        if self.may_run(owner, path, Action::ManageCampaigns) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "your roles do not allow running campaigns and events for '{}'",
                owner.code
            )))
        }
    }

    /// The organisation `code` that runs a campaign or holds an event, named at the field
    /// `owner`; one the caller has no role over is refused as unknown.
    pub(crate) async fn owner_named(&self, code: &str) -> Result<Organisation, AppError> {
        self.book_for(code, Action::SeeOrganisation)
            .await
            .map_err(|error| match error {
                AppError::NotFound { message, .. } => AppError::rejected("owner", message),
                other => other,
            })
    }

    async fn refuse_unseen(
        &self,
        code: &str,
        region_path: Option<&str>,
        action: Action,
        quiet: bool,
    ) -> Result<AppError, AppError> {
        if let (Caller::User { .. }, false) = (&self.caller, quiet) {
            let detail = format!("{action:?} on campaign '{code}'");
            self.db
                .record_security_event(&self.actor, "access.refused", &detail, region_path)
                .await?;
        }
        Ok(AppError::NotFound {
            place: "campaign".into(),
            message: format!("campaign '{code}' does not exist"),
        })
    }

    /// The campaign `code`, when the caller may take `action` on it: writes need the
    /// whole campaign; reads give a focus cooperative's director its own part. A caller
    /// with no role over the owner, the region or a focus cooperative is told the campaign
    /// does not exist; one with a role too weak is forbidden.
    pub(crate) async fn campaign_for(
        &self,
        code: &str,
        action: Action,
    ) -> Result<Loaded, AppError> {
        self.load_campaign(code, action, false).await
    }

    /// [`Artel::campaign_for`], recording a refusal as a security event unless `quiet`.
    pub(crate) async fn load_campaign(
        &self,
        code: &str,
        action: Action,
        quiet: bool,
    ) -> Result<Loaded, AppError> {
        let Some(stored) = self.db.campaign(code).await? else {
            return Err(self.refuse_unseen(code, None, action, quiet).await?);
        };
        let organisations: BTreeMap<Uuid, Organisation> = self
            .db
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.org_id, o))
            .collect();
        let owner = organisations
            .get(&stored.org_id)
            .cloned()
            .ok_or_else(|| corrupt(code, "its organisation is missing"))?;
        let region = self
            .db
            .regions()
            .await?
            .into_iter()
            .find(|r| r.region_id == stored.region_id)
            .ok_or_else(|| corrupt(code, "its region is missing"))?;
        let reach = if self.may_run(&owner, Some(region.path.as_str()), action) {
            Some(Reach::Whole)
        } else if action == Action::ReadCampaigns {
            let records = self
                .db
                .campaign_records(owner.org_id, stored.campaign_id)
                .await?;
            let own: Vec<Uuid> = records
                .focus
                .iter()
                .filter(|id| {
                    organisations.get(id).is_some_and(|o| {
                        self.caller.access(o, Action::ReadOwnRectification) == Access::Allowed
                    })
                })
                .copied()
                .collect();
            (!own.is_empty()).then_some(Reach::Focus(own))
        } else {
            None
        };
        let Some(reach) = reach else {
            let records = self
                .db
                .campaign_records(owner.org_id, stored.campaign_id)
                .await?;
            let has_a_role = self.caller.access(&owner, Action::SeeOrganisation) == Access::Allowed
                || self
                    .caller
                    .may_over_region(&region.path, Action::SeeOrganisation)
                || records.focus.iter().any(|id| {
                    organisations.get(id).is_some_and(|o| {
                        self.caller.access(o, Action::SeeOrganisation) == Access::Allowed
                    })
                });
            if !has_a_role {
                return Err(self
                    .refuse_unseen(code, Some(&region.path), action, quiet)
                    .await?);
            }
            if !quiet {
                let detail = format!("{action:?} on campaign '{code}'");
                self.db
                    .record_security_event(
                        &self.actor,
                        "access.refused",
                        &detail,
                        Some(&region.path),
                    )
                    .await?;
            }
            return Err(AppError::Forbidden(format!(
                "your roles do not allow this on campaign '{code}'"
            )));
        };
        let terms = CampaignTerms::new(
            &stored.title,
            stored.start,
            stored.deadline,
            &stored.goals,
            &stored.baseline,
            &stored.follow_up,
        )
        .map_err(|r| corrupt(code, refused(r)))?;
        Ok(Loaded {
            stored,
            owner,
            region,
            terms,
            reach,
            organisations,
        })
    }

    /// Records a campaign in its pilot phase from its start; every field at fault is named
    /// (`code`, `owner`, `region`, `title`, `deadline`, `goals`, `meeting`, `baseline`,
    /// `follow_up`).
    pub async fn record_campaign(&self, request: &CampaignRequest) -> Result<(), AppError> {
        let mut problems = Vec::new();
        let mut problem = |place: &str, message: String| {
            problems.push(Problem {
                place: place.to_owned(),
                message,
            })
        };
        if let Err(error) = Code::parse(&request.code) {
            problem("code", error.to_string());
        }
        let owner = self.owner_named(&request.owner).await?;
        let region = self.db.region_by_code(&request.region).await?;
        self.require_to_run(&owner, region.as_ref().map(|r| r.path.as_str()))?;
        if !matches!(
            OrgKind::parse(&owner.kind),
            Ok(OrgKind::Government | OrgKind::Federation)
        ) {
            problem(
                "owner",
                format!(
                    "'{}' is a {}; campaigns are run by a government office or a federation",
                    owner.code, owner.kind
                ),
            );
        }
        match &region {
            None => problem(
                "region",
                format!("region '{}' does not exist", request.region),
            ),
            Some(region) => {
                if let Some(path) = &owner.region_path
                    && !region.path.starts_with(path.as_str())
                {
                    problem(
                        "region",
                        format!(
                            "region '{}' is not within the region of '{}'",
                            region.code, owner.code
                        ),
                    );
                }
            }
        }
        if let Some(number) = request.meeting
            && self.db.meeting(owner.org_id, number).await?.is_none()
        {
            problem(
                "meeting",
                format!("'{}' has no meeting {number}", owner.code),
            );
        }
        let terms = CampaignTerms::new(
            &request.title,
            request.start,
            request.deadline,
            &request.goals,
            &request.baseline,
            &request.follow_up,
        );
        if let Err(refusals) = &terms {
            for r in refusals {
                problem(r.field, r.message.clone());
            }
        }
        let (Ok(terms), Some(region), true) = (terms, region, problems.is_empty()) else {
            return Err(AppError::Rejected(problems));
        };
        let campaign = NewCampaign {
            code: request.code.clone(),
            region_id: region.region_id,
            title: terms.title,
            start: terms.start,
            deadline: terms.deadline,
            goals: terms.goals,
            meeting: request.meeting,
            baseline: terms.baseline.to_string(),
            follow_up: terms.follow_up.to_string(),
            phase: Phase::Pilot.to_string(),
        };
        self.db
            .add_campaign(owner.org_id, &campaign, &self.actor)
            .await
            .map_err(|error| match AppError::from(error) {
                AppError::Rejected(problems) if problems.iter().any(|p| p.place == "campaign") => {
                    AppError::rejected(
                        "code",
                        format!("campaign '{}' already exists", request.code),
                    )
                }
                other => other,
            })
    }

    /// Adds focus cooperatives to campaign `code`: the cooperatives named (each in the
    /// campaign's region), or the first `n` by code of each district's cooperatives working
    /// on the campaign's start. Returns the codes chosen, in order; those chosen before stay.
    pub async fn select_focus(
        &self,
        code: &str,
        selection: &FocusSelection,
    ) -> Result<Vec<String>, AppError> {
        let loaded = self.campaign_for(code, Action::ManageCampaigns).await?;
        let in_region = |o: &&Organisation| {
            within(o, &loaded.region.path) && o.kind == OrgKind::Cooperative.as_str()
        };
        let chosen: Vec<String> = match selection {
            FocusSelection::Codes(codes) => {
                let mut problems = Vec::new();
                for wanted in codes {
                    let found = loaded.organisations.values().find(|o| o.code == *wanted);
                    match found {
                        Some(o) if in_region(&o) => {}
                        Some(o) if o.kind != OrgKind::Cooperative.as_str() => {
                            problems.push(Problem {
                                place: "organisation".into(),
                                message: format!("'{wanted}' is a {}, not a cooperative", o.kind),
                            })
                        }
                        _ => problems.push(Problem {
                            place: "organisation".into(),
                            message: format!(
                                "no cooperative '{wanted}' in region '{}'",
                                loaded.region.code
                            ),
                        }),
                    }
                }
                if codes.is_empty() {
                    problems.push(Problem {
                        place: "organisation".into(),
                        message: "name at least one cooperative".into(),
                    });
                }
                if !problems.is_empty() {
                    return Err(AppError::Rejected(problems));
                }
                codes.clone()
            }
            FocusSelection::PerDistrict(n) => {
                if !(1..=PER_DISTRICT_MAX).contains(n) {
                    return Err(AppError::rejected(
                        "per_district",
                        format!("choose 1 to {PER_DISTRICT_MAX} per district"),
                    ));
                }
                let histories =
                    histories(self.db.org_events_in_region(&loaded.region.path).await?)?;
                let candidates: Vec<Candidate> = loaded
                    .organisations
                    .values()
                    .filter(in_region)
                    .map(|o| Candidate {
                        code: o.code.clone(),
                        district: district_of(
                            o.region_path.as_deref().unwrap_or_default(),
                            &loaded.region,
                        ),
                        working: histories
                            .get(&o.org_id)
                            .and_then(|h| h.as_of(loaded.terms.start))
                            .is_some_and(|s| {
                                s.kind == OrgKind::Cooperative
                                    && matches!(
                                        s.status,
                                        OrgStatus::Active | OrgStatus::UnderRectification
                                    )
                            }),
                    })
                    .collect();
                campaign::per_district(&candidates, *n as usize)
            }
        };
        let records = self
            .db
            .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
            .await?;
        let ids: Vec<Uuid> = chosen
            .iter()
            .filter_map(|c| loaded.organisations.values().find(|o| o.code == *c))
            .map(|o| o.org_id)
            .collect();
        let new = ids.iter().filter(|id| !records.focus.contains(id)).count();
        if records.focus.len() + new > FOCUS_MAX {
            return Err(AppError::rejected(
                "organisation",
                format!("a campaign has at most {FOCUS_MAX} focus cooperatives"),
            ));
        }
        self.db
            .add_campaign_focus(
                loaded.owner.org_id,
                loaded.stored.campaign_id,
                &ids,
                &self.actor,
            )
            .await?;
        Ok(chosen)
    }

    /// The focus cooperative `organisation` of a loaded campaign, or a refusal naming the
    /// field `organisation`.
    async fn focus_of(&self, loaded: &Loaded, organisation: &str) -> Result<Uuid, AppError> {
        let records = self
            .db
            .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
            .await?;
        records
            .focus
            .iter()
            .copied()
            .find(|id| {
                loaded
                    .organisations
                    .get(id)
                    .is_some_and(|o| o.code == organisation)
            })
            .ok_or_else(|| {
                AppError::rejected(
                    "organisation",
                    format!(
                        "'{organisation}' is not a focus cooperative of '{}'",
                        loaded.stored.code
                    ),
                )
            })
    }

    /// Records a focus cooperative's stage as it now stands, checked by
    /// `artel_coop::campaign::check_stage` against its other stages; fields named
    /// `organisation`, `stage`, `status`, `started`, `finished`, `notes`.
    pub async fn update_stage(&self, code: &str, update: &StageUpdate) -> Result<(), AppError> {
        let loaded = self.campaign_for(code, Action::ManageCampaigns).await?;
        let focus = self.focus_of(&loaded, &update.organisation).await?;
        let mut problems = Vec::new();
        let stage = Stage::parse(update.stage.trim())
            .map_err(|e| {
                problems.push(Problem {
                    place: "stage".into(),
                    message: e,
                })
            })
            .ok();
        let status = StageStatus::parse(update.status.trim())
            .map_err(|e| {
                problems.push(Problem {
                    place: "status".into(),
                    message: e,
                })
            })
            .ok();
        let (Some(stage), Some(status)) = (stage, status) else {
            return Err(AppError::Rejected(problems));
        };
        let records = self
            .db
            .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
            .await?;
        let stages: Vec<StageRecord> = records
            .stages
            .iter()
            .filter(|s| s.focus_org_id == focus)
            .map(|s| stage_record(code, s))
            .collect::<Result<_, _>>()?;
        let record = StageRecord {
            stage,
            status,
            started: update.started,
            finished: update.finished,
            notes: update.notes.trim().to_owned(),
        };
        campaign::check_stage(&loaded.terms, &record, &stages).map_err(refused)?;
        let stored = StoredStage {
            focus_org_id: focus,
            stage: stage.to_string(),
            status: status.to_string(),
            started: record.started,
            finished: record.finished,
            notes: record.notes,
        };
        self.db
            .set_campaign_stage(
                loaded.owner.org_id,
                loaded.stored.campaign_id,
                &stored,
                &self.actor,
            )
            .await?;
        Ok(())
    }

    /// Records a finding on a focus cooperative; its number in the campaign. Fields named
    /// `organisation`, `category`, `text`.
    pub async fn add_finding(
        &self,
        code: &str,
        organisation: &str,
        category: &str,
        text: &str,
    ) -> Result<u64, AppError> {
        let loaded = self.campaign_for(code, Action::ManageCampaigns).await?;
        let focus = self.focus_of(&loaded, organisation).await?;
        let category = FindingCategory::parse(category.trim())
            .map_err(|e| AppError::rejected("category", e))?;
        campaign::check_finding(text).map_err(|r| refused(vec![r]))?;
        Ok(self
            .db
            .add_campaign_finding(
                loaded.owner.org_id,
                loaded.stored.campaign_id,
                focus,
                category.as_str(),
                text.trim(),
                &self.actor,
            )
            .await?)
    }

    /// Records an open corrective action on finding `finding`, owned by `owner` (a person
    /// or a body, as text) and due on `due`; its number in the campaign. Fields named
    /// `finding`, `owner`, `due`.
    pub async fn add_action(
        &self,
        code: &str,
        finding: u64,
        owner: &str,
        due: NaiveDate,
    ) -> Result<u64, AppError> {
        let loaded = self.campaign_for(code, Action::ManageCampaigns).await?;
        campaign::check_action(&loaded.terms, owner, due).map_err(refused)?;
        Ok(self
            .db
            .add_campaign_action(
                loaded.owner.org_id,
                loaded.stored.campaign_id,
                finding,
                owner.trim(),
                due,
                &self.actor,
            )
            .await?)
    }

    /// Marks corrective action `action` done on `date`. Fields named `action`, `date`.
    pub async fn action_done(
        &self,
        code: &str,
        action: u64,
        date: NaiveDate,
    ) -> Result<(), AppError> {
        let loaded = self.campaign_for(code, Action::ManageCampaigns).await?;
        let records = self
            .db
            .campaign_records(loaded.owner.org_id, loaded.stored.campaign_id)
            .await?;
        let stored = records
            .actions
            .iter()
            .find(|a| a.number == action)
            .ok_or_else(|| {
                AppError::rejected("action", format!("'{code}' has no action {action}"))
            })?;
        let status = ActionStatus::parse(&stored.status).map_err(|e| corrupt(code, e))?;
        campaign::check_action_done(&loaded.terms, status, date).map_err(|r| refused(vec![r]))?;
        self.db
            .campaign_action_done(
                loaded.owner.org_id,
                loaded.stored.campaign_id,
                action,
                date,
                &self.actor,
            )
            .await?;
        Ok(())
    }

    /// Moves the campaign forward into `phase` (`summing-up`, `extension`) from `date`.
    /// Fields named `phase`, `date`.
    pub async fn move_phase(
        &self,
        code: &str,
        phase: &str,
        date: NaiveDate,
    ) -> Result<(), AppError> {
        let loaded = self.campaign_for(code, Action::ManageCampaigns).await?;
        let phase = Phase::parse(phase.trim()).map_err(|e| AppError::rejected("phase", e))?;
        let (current, since) = current_phase(&loaded.stored)?;
        campaign::check_phase(&loaded.terms, current, since, phase, date)
            .map_err(|r| refused(vec![r]))?;
        self.db
            .set_campaign_phase(
                loaded.owner.org_id,
                loaded.stored.campaign_id,
                phase.as_str(),
                date,
                &self.actor,
            )
            .await?;
        Ok(())
    }
}

/// A stored stage as the pure core's record.
pub(crate) fn stage_record(code: &str, stored: &StoredStage) -> Result<StageRecord, AppError> {
    Ok(StageRecord {
        stage: Stage::parse(&stored.stage).map_err(|e| corrupt(code, e))?,
        status: StageStatus::parse(&stored.status).map_err(|e| corrupt(code, e))?,
        started: stored.started,
        finished: stored.finished,
        notes: stored.notes.clone(),
    })
}

/// The phase a campaign is in now, and since when.
pub(crate) fn current_phase(stored: &StoredCampaign) -> Result<(Phase, NaiveDate), AppError> {
    let (phase, since) = stored
        .phases
        .last()
        .ok_or_else(|| corrupt(&stored.code, "it has no phase"))?;
    Ok((
        Phase::parse(phase).map_err(|e| corrupt(&stored.code, e))?,
        *since,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(code: &str, path: &str) -> Region {
        Region {
            region_id: Uuid::nil(),
            code: code.into(),
            name: code.into(),
            level: "province".into(),
            parent_id: None,
            path: path.into(),
        }
    }

    #[test]
    fn a_district_is_the_child_region_under_the_campaigns() {
        let hubei = region("hubei", "/hubei/");
        assert_eq!(district_of("/hubei/shashi/", &hubei), "shashi");
        assert_eq!(district_of("/hubei/shashi/east/", &hubei), "shashi");
        assert_eq!(district_of("/hubei/", &hubei), "hubei");
    }
}
