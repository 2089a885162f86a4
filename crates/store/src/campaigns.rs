//! Rectification campaigns: a campaign written under the organisation that runs it, its
//! code kept unique everywhere in `campaign_codes`; its phases, focus cooperatives, each
//! one's stages (a stage's row replaced as it moves on), findings and corrective actions
//! numbered per campaign. Every change writes an audit event in the owner's trail. What
//! a stage or an action may be is the pure core's to decide; the store keeps what it is
//! given, refusing only what changed meanwhile (`StoreError::Changed`).

use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// A campaign to record, with the phase it begins in.
#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub code: String,
    pub region_id: Uuid,
    pub title: String,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub goals: String,
    /// The number of the owner's meeting that decided it.
    pub meeting: Option<u64>,
    /// Report periods as written: `1954-01`.
    pub baseline: String,
    pub follow_up: String,
    pub phase: String,
}

/// A campaign as stored, with its phases in the order they began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCampaign {
    /// The organisation that runs it.
    pub org_id: OrgId,
    pub campaign_id: Uuid,
    pub code: String,
    pub region_id: Uuid,
    pub title: String,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub goals: String,
    pub meeting: Option<u64>,
    pub baseline: String,
    pub follow_up: String,
    /// `(phase, since)`, earliest first.
    pub phases: Vec<(String, NaiveDate)>,
}

/// A focus cooperative's stage as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStage {
    pub focus_org_id: OrgId,
    pub stage: String,
    pub status: String,
    pub started: Option<NaiveDate>,
    pub finished: Option<NaiveDate>,
    pub notes: String,
}

/// A finding as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFinding {
    pub number: u64,
    pub focus_org_id: OrgId,
    pub category: String,
    pub text: String,
}

/// A corrective action as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAction {
    pub number: u64,
    pub finding: u64,
    pub owner: String,
    pub due: NaiveDate,
    pub status: String,
    pub done_on: Option<NaiveDate>,
}

/// Everything recorded under a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CampaignRecords {
    /// The focus cooperatives, in the order they were added.
    pub focus: Vec<OrgId>,
    pub stages: Vec<StoredStage>,
    pub findings: Vec<StoredFinding>,
    pub actions: Vec<StoredAction>,
}

for_each_engine! {
    pub(crate) async fn add(conn: &mut Conn, org_id: OrgId, campaign: &NewCampaign, actor: &Actor) -> Result<(), StoreError> {
        let campaign_id = Uuid::now_v7();
        let exists = sqlx::query("SELECT code FROM campaign_codes WHERE code = $1")
            .bind(&campaign.code)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_some() {
            return Err(StoreError::AlreadyExists { what: "campaign", key: campaign.code.clone() });
        }
        sqlx::query("INSERT INTO campaign_codes (code, org_id, campaign_id) VALUES ($1, $2, $3)")
            .bind(&campaign.code)
            .bind(org_id)
            .bind(campaign_id)
            .execute(&mut *conn)
            .await
            .map_err(StoreError::changed_when_unique("code", format!("campaign '{}' was recorded meanwhile", campaign.code)))?;
        sqlx::query(
            "INSERT INTO campaigns (org_id, campaign_id, code, region_id, title, start_on, deadline, goals, meeting_number, \
             baseline, follow_up, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(org_id)
        .bind(campaign_id)
        .bind(&campaign.code)
        .bind(campaign.region_id)
        .bind(&campaign.title)
        .bind(campaign.start)
        .bind(campaign.deadline)
        .bind(&campaign.goals)
        .bind(campaign.meeting.map(to_i64).transpose()?)
        .bind(&campaign.baseline)
        .bind(&campaign.follow_up)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        insert_phase(conn, org_id, campaign_id, &campaign.phase, campaign.start).await?;
        let detail = format!(
            "campaign '{}': {} from {} to {}", campaign.code, campaign.title, campaign.start, campaign.deadline
        );
        peers::audit::record(conn, org_id, actor, "campaign.add", &detail).await
    }

    async fn insert_phase(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, phase: &str, since: NaiveDate) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO campaign_phases (org_id, campaign_id, phase, since, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(org_id)
            .bind(campaign_id)
            .bind(phase)
            .bind(since)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await
            .map_err(StoreError::changed_when_unique("phase", format!("the campaign reached its {phase} phase meanwhile")))?;
        Ok(())
    }

    /// Every campaign, or the one coded `code`, with its phases.
    pub(crate) async fn list(conn: &mut Conn, code: Option<&str>) -> Result<Vec<StoredCampaign>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.org_id, c.campaign_id, c.code, c.region_id, c.title, c.start_on, c.deadline, c.goals, c.meeting_number, \
             c.baseline, c.follow_up FROM campaign_codes k \
             JOIN campaigns c ON c.org_id = k.org_id AND c.campaign_id = k.campaign_id \
             WHERE ($1 IS NULL OR k.code = $1) ORDER BY c.start_on, c.code",
        )
        .bind(code)
        .fetch_all(&mut *conn)
        .await?;
        let phases = sqlx::query(
            "SELECT p.campaign_id, p.phase, p.since FROM campaign_phases p \
             JOIN campaign_codes k ON k.org_id = p.org_id AND k.campaign_id = p.campaign_id \
             WHERE ($1 IS NULL OR k.code = $1) ORDER BY p.since, p.created_at",
        )
        .bind(code)
        .fetch_all(&mut *conn)
        .await?;
        let mut campaigns = Vec::with_capacity(rows.len());
        for row in &rows {
            let campaign_id: Uuid = row.try_get("campaign_id")?;
            let meeting: Option<i64> = row.try_get("meeting_number")?;
            let mut campaign_phases = Vec::new();
            for phase in &phases {
                let of: Uuid = phase.try_get("campaign_id")?;
                if of == campaign_id {
                    campaign_phases.push((phase.try_get("phase")?, phase.try_get("since")?));
                }
            }
            campaigns.push(StoredCampaign {
                org_id: row.try_get("org_id")?,
                campaign_id,
                code: row.try_get("code")?,
                region_id: row.try_get("region_id")?,
                title: row.try_get("title")?,
                start: row.try_get("start_on")?,
                deadline: row.try_get("deadline")?,
                goals: row.try_get("goals")?,
                meeting: meeting.map(|m| to_u64(m, "meeting number")).transpose()?,
                baseline: row.try_get("baseline")?,
                follow_up: row.try_get("follow_up")?,
                phases: campaign_phases,
            });
        }
        Ok(campaigns)
    }

    pub(crate) async fn add_focus(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, focus: &[OrgId], actor: &Actor) -> Result<u64, StoreError> {
        let mut added = 0;
        for focus_org_id in focus {
            added += sqlx::query(
                "INSERT INTO campaign_focus (org_id, campaign_id, focus_org_id, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (org_id, campaign_id, focus_org_id) DO NOTHING",
            )
            .bind(org_id)
            .bind(campaign_id)
            .bind(focus_org_id)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await?
            .rows_affected();
        }
        let detail = format!("campaign {campaign_id}: {added} focus cooperatives added");
        peers::audit::record(conn, org_id, actor, "campaign.focus", &detail).await?;
        Ok(added)
    }

    pub(crate) async fn records(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid) -> Result<CampaignRecords, StoreError> {
        let focus = sqlx::query("SELECT focus_org_id FROM campaign_focus WHERE org_id = $1 AND campaign_id = $2 ORDER BY created_at, focus_org_id")
            .bind(org_id)
            .bind(campaign_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|row| row.try_get("focus_org_id"))
            .collect::<Result<Vec<OrgId>, _>>()?;
        let stages = sqlx::query(
            "SELECT focus_org_id, stage, status, started, finished, notes FROM campaign_stages \
             WHERE org_id = $1 AND campaign_id = $2",
        )
        .bind(org_id)
        .bind(campaign_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| -> Result<StoredStage, StoreError> {
            Ok(StoredStage {
                focus_org_id: row.try_get("focus_org_id")?,
                stage: row.try_get("stage")?,
                status: row.try_get("status")?,
                started: row.try_get("started")?,
                finished: row.try_get("finished")?,
                notes: row.try_get("notes")?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
        let findings = sqlx::query(
            "SELECT number, focus_org_id, category, text FROM campaign_findings WHERE org_id = $1 AND campaign_id = $2 ORDER BY number",
        )
        .bind(org_id)
        .bind(campaign_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| -> Result<StoredFinding, StoreError> {
            Ok(StoredFinding {
                number: to_u64(row.try_get("number")?, "finding number")?,
                focus_org_id: row.try_get("focus_org_id")?,
                category: row.try_get("category")?,
                text: row.try_get("text")?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
        let actions = sqlx::query(
            "SELECT number, finding_number, owner, due, status, done_on FROM campaign_actions \
             WHERE org_id = $1 AND campaign_id = $2 ORDER BY number",
        )
        .bind(org_id)
        .bind(campaign_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| -> Result<StoredAction, StoreError> {
            Ok(StoredAction {
                number: to_u64(row.try_get("number")?, "action number")?,
                finding: to_u64(row.try_get("finding_number")?, "finding number")?,
                owner: row.try_get("owner")?,
                due: row.try_get("due")?,
                status: row.try_get("status")?,
                done_on: row.try_get("done_on")?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
        Ok(CampaignRecords { focus, stages, findings, actions })
    }

    pub(crate) async fn set_stage(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, stage: &StoredStage, actor: &Actor) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO campaign_stages (org_id, campaign_id, focus_org_id, stage, status, started, finished, notes, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (org_id, campaign_id, focus_org_id, stage) DO UPDATE SET status = excluded.status, \
             started = excluded.started, finished = excluded.finished, notes = excluded.notes, updated_at = excluded.updated_at",
        )
        .bind(org_id)
        .bind(campaign_id)
        .bind(stage.focus_org_id)
        .bind(&stage.stage)
        .bind(&stage.status)
        .bind(stage.started)
        .bind(stage.finished)
        .bind(&stage.notes)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        let detail = format!(
            "campaign {campaign_id}: {} of {} {}", stage.stage, stage.focus_org_id, stage.status
        );
        peers::audit::record(conn, org_id, actor, "campaign.stage", &detail).await
    }

    async fn next_number(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, table: &'static str) -> Result<i64, StoreError> {
        let sql = match table {
            "campaign_findings" => "SELECT MAX(number) AS last FROM campaign_findings WHERE org_id = $1 AND campaign_id = $2",
            _ => "SELECT MAX(number) AS last FROM campaign_actions WHERE org_id = $1 AND campaign_id = $2",
        };
        let last: Option<i64> = sqlx::query(sql)
            .bind(org_id)
            .bind(campaign_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        Ok(last.unwrap_or(0) + 1)
    }

    pub(crate) async fn add_finding(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, focus_org_id: OrgId, category: &str, text: &str, actor: &Actor) -> Result<u64, StoreError> {
        let number = next_number(conn, org_id, campaign_id, "campaign_findings").await?;
        sqlx::query(
            "INSERT INTO campaign_findings (org_id, campaign_id, number, focus_org_id, category, text, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(org_id)
        .bind(campaign_id)
        .bind(number)
        .bind(focus_org_id)
        .bind(category)
        .bind(text)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(StoreError::changed_when_unique("finding", "another finding was recorded meanwhile; retry"))?;
        let detail = format!("campaign {campaign_id}: finding {number} ({category}) on {focus_org_id}");
        peers::audit::record(conn, org_id, actor, "campaign.finding", &detail).await?;
        to_u64(number, "finding number")
    }

    pub(crate) async fn add_action(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, finding: u64, owner: &str, due: NaiveDate, actor: &Actor) -> Result<u64, StoreError> {
        let found = sqlx::query("SELECT number FROM campaign_findings WHERE org_id = $1 AND campaign_id = $2 AND number = $3")
            .bind(org_id)
            .bind(campaign_id)
            .bind(to_i64(finding)?)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            return Err(StoreError::NotFound { what: "finding", key: finding.to_string() });
        }
        let number = next_number(conn, org_id, campaign_id, "campaign_actions").await?;
        sqlx::query(
            "INSERT INTO campaign_actions (org_id, campaign_id, number, finding_number, owner, due, status, done_on, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'open', NULL, $7)",
        )
        .bind(org_id)
        .bind(campaign_id)
        .bind(number)
        .bind(to_i64(finding)?)
        .bind(owner)
        .bind(due)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(StoreError::changed_when_unique("action", "another action was recorded meanwhile; retry"))?;
        let detail = format!("campaign {campaign_id}: action {number} on finding {finding}, due {due}");
        peers::audit::record(conn, org_id, actor, "campaign.action", &detail).await?;
        to_u64(number, "action number")
    }

    pub(crate) async fn action_done(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, number: u64, date: NaiveDate, actor: &Actor) -> Result<(), StoreError> {
        let changed = sqlx::query(
            "UPDATE campaign_actions SET status = 'done', done_on = $4 \
             WHERE org_id = $1 AND campaign_id = $2 AND number = $3 AND status = 'open'",
        )
        .bind(org_id)
        .bind(campaign_id)
        .bind(to_i64(number)?)
        .bind(date)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::changed("action", format!("action {number} is not open")));
        }
        let detail = format!("campaign {campaign_id}: action {number} done on {date}");
        peers::audit::record(conn, org_id, actor, "campaign.action-done", &detail).await
    }

    pub(crate) async fn set_phase(conn: &mut Conn, org_id: OrgId, campaign_id: Uuid, phase: &str, since: NaiveDate, actor: &Actor) -> Result<(), StoreError> {
        insert_phase(conn, org_id, campaign_id, phase, since).await?;
        let detail = format!("campaign {campaign_id}: {phase} from {since}");
        peers::audit::record(conn, org_id, actor, "campaign.phase", &detail).await
    }
}

impl Db {
    /// Records a campaign of the organisation `org_id`, beginning in `campaign.phase` on
    /// its start; a code used before is refused (`StoreError::AlreadyExists`).
    pub async fn add_campaign(
        &self,
        org_id: OrgId,
        campaign: &NewCampaign,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add(conn, org_id, campaign, actor).await)
    }

    /// Every campaign, by start and code.
    pub async fn campaigns(&self) -> Result<Vec<StoredCampaign>, StoreError> {
        on_connection!(self, conn, engine => engine::list(conn, None).await)
    }

    /// The campaign coded `code`.
    pub async fn campaign(&self, code: &str) -> Result<Option<StoredCampaign>, StoreError> {
        on_connection!(self, conn, engine => Ok(engine::list(conn, Some(code)).await?.pop()))
    }

    /// Everything recorded under a campaign: focus cooperatives, stages, findings, actions.
    pub async fn campaign_records(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
    ) -> Result<CampaignRecords, StoreError> {
        on_connection!(self, conn, engine => engine::records(conn, org_id, campaign_id).await)
    }

    /// Adds focus cooperatives (those already chosen stay as they are); how many were new.
    pub async fn add_campaign_focus(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
        focus: &[OrgId],
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add_focus(conn, org_id, campaign_id, focus, actor).await)
    }

    /// Writes a focus cooperative's stage as it now stands.
    pub async fn set_campaign_stage(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
        stage: &StoredStage,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::set_stage(conn, org_id, campaign_id, stage, actor).await)
    }

    /// Records a finding on a focus cooperative; its number in the campaign.
    pub async fn add_campaign_finding(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
        focus_org_id: OrgId,
        category: &str,
        text: &str,
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add_finding(conn, org_id, campaign_id, focus_org_id, category, text, actor).await)
    }

    /// Records an open corrective action on finding `finding`; its number in the campaign.
    pub async fn add_campaign_action(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
        finding: u64,
        owner: &str,
        due: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add_action(conn, org_id, campaign_id, finding, owner, due, actor).await)
    }

    /// Marks an open action done on `date`; one done already is refused
    /// (`StoreError::Changed`).
    pub async fn campaign_action_done(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
        number: u64,
        date: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::action_done(conn, org_id, campaign_id, number, date, actor).await)
    }

    /// Moves the campaign into `phase` from `since`; a phase reached before is refused.
    pub async fn set_campaign_phase(
        &self,
        org_id: OrgId,
        campaign_id: Uuid,
        phase: &str,
        since: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::set_phase(conn, org_id, campaign_id, phase, since, actor).await)
    }
}
