//! Democratic decisions: meetings of an organisation's bodies, the motions put to them with
//! the votes counted and the outcome, and what an adopted motion (a resolution) changes — a
//! member's standing or the charter — written in the motion's own transaction, linked to it.
//! Charters are kept by the date they take effect.

use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::member_history::MemberChange;
use crate::numbers::{to_i64, to_u64};

/// A meeting to record; `body` is `general-assembly`, `management-committee`,
/// `supervisory-committee` or `conference`.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub body: String,
    pub held_on: NaiveDate,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    /// Those entitled to attend and vote, and of them, those present.
    pub eligible: u32,
    pub present: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMeeting {
    pub number: u64,
    pub body: String,
    pub held_on: NaiveDate,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    pub eligible: u64,
    pub present: u64,
}

/// What an adopted motion changes, written with it.
#[derive(Debug, Clone)]
pub enum MotionEffect {
    Nothing,
    Member(MemberChange),
    /// The charter (as the app serialises it) that takes effect on a date.
    Charter {
        effective: NaiveDate,
        charter: String,
    },
    /// Members elected to a committee from the meeting's day until `ends_on`; the seats of
    /// the committee's earlier election end that day.
    Election {
        body: String,
        members: Vec<u64>,
        seated_on: NaiveDate,
        ends_on: NaiveDate,
    },
}

/// A seat on a committee, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSeat {
    pub body: String,
    pub member: u64,
    pub name: String,
    pub seated_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The election's motion.
    pub motion: u64,
}

/// A motion put to a meeting, with its count and outcome as decided by the charter's rule.
#[derive(Debug, Clone)]
pub struct NewMotion {
    pub meeting: u64,
    pub kind: String,
    pub text: String,
    /// `open` or `secret`.
    pub ballot: String,
    /// The member it concerns (an admission, an expulsion, a settlement), by number.
    pub member: Option<u64>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// `adopted`, `rejected` or `no-quorum`.
    pub outcome: &'static str,
    pub effect: MotionEffect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMotion {
    pub number: u64,
    pub meeting: u64,
    pub kind: String,
    pub text: String,
    pub ballot: String,
    pub member: Option<u64>,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub outcome: String,
}

/// A charter as adopted, with the resolution that adopted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCharter {
    pub effective: NaiveDate,
    pub charter: String,
    pub motion: Option<u64>,
}

/// The query of the motions of an organisation (`$1`) that `condition` picks by `$2`.
macro_rules! motions_where {
    ($condition:literal) => {
        concat!(
            "SELECT mo.number, me.number AS meeting, mo.kind, mo.text, mo.ballot, mb.number AS member, mo.yes, mo.no, mo.abstain, mo.outcome \
             FROM motions mo JOIN meetings me ON me.org_id = mo.org_id AND me.meeting_id = mo.meeting_id \
             LEFT JOIN members mb ON mb.org_id = mo.org_id AND mb.member_id = mo.member_id \
             WHERE mo.org_id = $1 AND ",
            $condition,
            " ORDER BY mo.number"
        )
    };
}

for_each_engine! {
    /// A count or a number that is never below zero.
    fn count(row: &<<Conn as sqlx::Connection>::Database as sqlx::Database>::Row, column: &str) -> Result<u64, StoreError> {
        let value: i64 = row.try_get(column)?;
        u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("{column} below zero")))
    }

    pub(crate) async fn add_meeting(conn: &mut Conn, org_id: OrgId, meeting: &NewMeeting, actor: &Actor) -> Result<u64, StoreError> {
        let last: Option<i64> = sqlx::query("SELECT MAX(number) AS last FROM meetings WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let number = last.unwrap_or(0) + 1;
        sqlx::query(
            "INSERT INTO meetings (org_id, meeting_id, number, body, held_on, title, agenda, minutes, eligible, present, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(org_id)
        .bind(Uuid::now_v7())
        .bind(number)
        .bind(&meeting.body)
        .bind(meeting.held_on)
        .bind(&meeting.title)
        .bind(&meeting.agenda)
        .bind(&meeting.minutes)
        .bind(i64::from(meeting.eligible))
        .bind(i64::from(meeting.present))
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        let detail = format!("meeting {number}: {} on {}", meeting.body, meeting.held_on);
        peers::audit::record(conn, org_id, actor, "meeting.record", &detail).await?;
        to_u64(number, "meeting number")
    }

    pub(crate) async fn meetings(conn: &mut Conn, org_id: OrgId, number: Option<u64>) -> Result<Vec<StoredMeeting>, StoreError> {
        let rows = sqlx::query(
            "SELECT number, body, held_on, title, agenda, minutes, eligible, present FROM meetings \
             WHERE org_id = $1 AND ($2 IS NULL OR number = $2) ORDER BY held_on DESC, number DESC",
        )
        .bind(org_id)
        .bind(number.map(to_i64).transpose()?)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredMeeting {
                    number: count(row, "number")?,
                    body: row.try_get("body")?,
                    held_on: row.try_get("held_on")?,
                    title: row.try_get("title")?,
                    agenda: row.try_get("agenda")?,
                    minutes: row.try_get("minutes")?,
                    eligible: count(row, "eligible")?,
                    present: count(row, "present")?,
                })
            })
            .collect()
    }

    /// The motions of the organisation that `query` (a [`motions_where!`]) picks by `value`.
    async fn motions_where(conn: &mut Conn, org_id: OrgId, query: &'static str, value: u64) -> Result<Vec<StoredMotion>, StoreError> {
        // A number beyond what is stored names no meeting or motion.
        let Ok(value) = to_i64(value) else { return Ok(Vec::new()) };
        let rows = sqlx::query(query)
            .bind(org_id)
            .bind(value)
            .fetch_all(&mut *conn)
            .await?;
        rows.iter()
            .map(|row| {
                let member: Option<i64> = row.try_get("member")?;
                Ok(StoredMotion {
                    number: count(row, "number")?,
                    meeting: count(row, "meeting")?,
                    kind: row.try_get("kind")?,
                    text: row.try_get("text")?,
                    ballot: row.try_get("ballot")?,
                    member: member.and_then(|n| u64::try_from(n).ok()),
                    yes: count(row, "yes")?,
                    no: count(row, "no")?,
                    abstain: count(row, "abstain")?,
                    outcome: row.try_get("outcome")?,
                })
            })
            .collect()
    }

    pub(crate) async fn motions(conn: &mut Conn, org_id: OrgId, meeting: u64) -> Result<Vec<StoredMotion>, StoreError> {
        motions_where(conn, org_id, motions_where!("me.number = $2"), meeting).await
    }

    pub(crate) async fn motion(conn: &mut Conn, org_id: OrgId, number: u64) -> Result<Option<StoredMotion>, StoreError> {
        Ok(motions_where(conn, org_id, motions_where!("mo.number = $2"), number).await?.pop())
    }

    /// Records a motion and, when it carries one, its effect; returns the motion's number
    /// and the sequence number of any entry its effect posted.
    pub(crate) async fn record_motion(conn: &mut Conn, org_id: OrgId, motion: &NewMotion, actor: &Actor) -> Result<(u64, Option<u64>), StoreError> {
        let meeting_id: Uuid = sqlx::query("SELECT meeting_id FROM meetings WHERE org_id = $1 AND number = $2")
            .bind(org_id)
            .bind(to_i64(motion.meeting)?)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "meeting", key: motion.meeting.to_string() })?
            .try_get("meeting_id")?;
        let member_id = match motion.member {
            Some(number) => Some(
                peers::member_history::member_id(conn, org_id, number)
                    .await?
                    .ok_or_else(|| StoreError::NotFound { what: "member", key: number.to_string() })?,
            ),
            None => None,
        };
        let last: Option<i64> = sqlx::query("SELECT MAX(number) AS last FROM motions WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let number = last.unwrap_or(0) + 1;
        let motion_id = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO motions (org_id, motion_id, number, meeting_id, kind, text, ballot, member_id, yes, no, abstain, outcome, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(org_id)
        .bind(motion_id)
        .bind(number)
        .bind(meeting_id)
        .bind(&motion.kind)
        .bind(&motion.text)
        .bind(&motion.ballot)
        .bind(member_id)
        .bind(i64::from(motion.yes))
        .bind(i64::from(motion.no))
        .bind(i64::from(motion.abstain))
        .bind(motion.outcome)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        let detail = format!("motion {number} ({}) at meeting {}: {}", motion.kind, motion.meeting, motion.outcome);
        peers::audit::record(conn, org_id, actor, "motion.record", &detail).await?;
        let sequence = match &motion.effect {
            MotionEffect::Nothing => None,
            MotionEffect::Member(change) => {
                peers::member_history::change_in(conn, org_id, change, Some(motion_id), actor).await?
            }
            MotionEffect::Charter { effective, charter } => {
                sqlx::query(
                    "INSERT INTO charters (org_id, effective, charter, motion_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(org_id)
                .bind(*effective)
                .bind(charter)
                .bind(motion_id)
                .bind(Utc::now())
                .execute(&mut *conn)
                .await?;
                let detail = format!("charter in effect from {effective} by motion {number}");
                peers::audit::record(conn, org_id, actor, "charter.adopt", &detail).await?;
                None
            }
            MotionEffect::Election { body, members, seated_on, ends_on } => {
                sqlx::query("UPDATE committee_seats SET ends_on = $1 WHERE org_id = $2 AND body = $3 AND seated_on < $1 AND ends_on > $1")
                    .bind(*seated_on)
                    .bind(org_id)
                    .bind(body)
                    .execute(&mut *conn)
                    .await?;
                for member in members {
                    let member_id = peers::member_history::member_id(conn, org_id, *member)
                        .await?
                        .ok_or_else(|| StoreError::NotFound { what: "member", key: member.to_string() })?;
                    sqlx::query(
                        "INSERT INTO committee_seats (org_id, motion_id, member_id, body, seated_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(org_id)
                    .bind(motion_id)
                    .bind(member_id)
                    .bind(body)
                    .bind(*seated_on)
                    .bind(*ends_on)
                    .execute(&mut *conn)
                    .await?;
                }
                None
            }
        };
        let number = to_u64(number, "motion number")?;
        Ok((number, sequence))
    }

    pub(crate) async fn seats(conn: &mut Conn, org_id: OrgId, on: NaiveDate) -> Result<Vec<StoredSeat>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.body, m.number, m.name, s.seated_on, s.ends_on, mo.number AS motion FROM committee_seats s \
             JOIN members m ON m.org_id = s.org_id AND m.member_id = s.member_id \
             JOIN motions mo ON mo.org_id = s.org_id AND mo.motion_id = s.motion_id \
             WHERE s.org_id = $1 AND s.seated_on <= $2 AND s.ends_on > $2 ORDER BY s.body, m.number",
        )
        .bind(org_id)
        .bind(on)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredSeat {
                    body: row.try_get("body")?,
                    member: count(row, "number")?,
                    name: row.try_get("name")?,
                    seated_on: row.try_get("seated_on")?,
                    ends_on: row.try_get("ends_on")?,
                    motion: count(row, "motion")?,
                })
            })
            .collect()
    }

    pub(crate) async fn charters(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredCharter>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.effective, c.charter, m.number AS motion FROM charters c \
             LEFT JOIN motions m ON m.org_id = c.org_id AND m.motion_id = c.motion_id \
             WHERE c.org_id = $1 ORDER BY c.effective",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                let motion: Option<i64> = row.try_get("motion")?;
                Ok(StoredCharter {
                    effective: row.try_get("effective")?,
                    charter: row.try_get("charter")?,
                    motion: motion.and_then(|n| u64::try_from(n).ok()),
                })
            })
            .collect()
    }
}

impl Db {
    /// The motion numbered `number`, whichever meeting it was put to.
    pub async fn motion(
        &self,
        org_id: OrgId,
        number: u64,
    ) -> Result<Option<StoredMotion>, StoreError> {
        on_connection!(self, conn, engine => engine::motion(conn, org_id, number).await)
    }

    /// Records a meeting; returns its number in the organisation's register of meetings.
    pub async fn add_meeting(
        &self,
        org_id: OrgId,
        meeting: &NewMeeting,
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add_meeting(conn, org_id, meeting, actor).await)
    }

    /// The organisation's meetings, the latest first.
    pub async fn meetings(&self, org_id: OrgId) -> Result<Vec<StoredMeeting>, StoreError> {
        on_connection!(self, conn, engine => engine::meetings(conn, org_id, None).await)
    }

    /// One meeting and the motions put to it.
    pub async fn meeting(
        &self,
        org_id: OrgId,
        number: u64,
    ) -> Result<Option<(StoredMeeting, Vec<StoredMotion>)>, StoreError> {
        on_connection!(self, conn, engine => {
            let Some(meeting) = engine::meetings(conn, org_id, Some(number)).await?.pop() else {
                return Ok(None);
            };
            let motions = engine::motions(conn, org_id, number).await?;
            Ok(Some((meeting, motions)))
        })
    }

    /// Records a motion with its outcome and effect, in one transaction.
    pub async fn record_motion(
        &self,
        org_id: OrgId,
        motion: &NewMotion,
        actor: impl Into<Actor>,
    ) -> Result<(u64, Option<u64>), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::record_motion(conn, org_id, motion, actor).await)
    }

    /// The committees' seats held on `on`, committee by committee.
    pub async fn committee_seats(
        &self,
        org_id: OrgId,
        on: NaiveDate,
    ) -> Result<Vec<StoredSeat>, StoreError> {
        on_connection!(self, conn, engine => engine::seats(conn, org_id, on).await)
    }

    /// The charters the organisation adopted, by the date each took effect.
    pub async fn charters(&self, org_id: OrgId) -> Result<Vec<StoredCharter>, StoreError> {
        on_connection!(self, conn, engine => engine::charters(conn, org_id).await)
    }
}
