//! The member register of an organisation and its members' share capital. Admitting
//! members with paid-in shares posts each payment to the books in the same transaction
//! that records the members, so that the register and the books never disagree.

use artel_ledger::{JournalEntry, Money};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::member_history::{EventRecord, ShareMovement, debited};
use crate::numbers::{to_i64, to_u64};

/// A member to record, with the entry that posts their paid-in shares, if any.
#[derive(Debug, Clone)]
pub struct NewMember {
    pub name: String,
    pub trade: String,
    pub joined: NaiveDate,
    /// `member`, or `applicant` for someone whose admission is still to be decided.
    pub status: &'static str,
    pub shares_subscribed: u32,
    /// Shares paid, and the entry that posts their value.
    pub payment: Option<(u32, JournalEntry)>,
    /// An applicant's shares to be paid when the admission is decided.
    pub shares_on_admission: u32,
}

/// A member as the register holds them, with the share capital paid in so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMember {
    pub member_id: Uuid,
    pub number: u64,
    pub name: String,
    pub trade: String,
    pub joined: NaiveDate,
    pub status: String,
    pub shares_subscribed: u64,
    pub shares_paid: u64,
    pub paid_in: Money,
    /// An applicant's shares to be paid when the admission is decided.
    pub shares_on_admission: u64,
}

for_each_engine! {
    pub(crate) async fn admit(conn: &mut Conn, org_id: OrgId, members: &[NewMember], actor: &Actor) -> Result<(), StoreError> {
        let payments: Vec<JournalEntry> = members
            .iter()
            .filter_map(|member| member.payment.as_ref().map(|(_, entry)| entry.clone()))
            .collect();
        let mut state = peers::posting::load_state(conn, org_id).await?;
        let posted = peers::posting::append(conn, &mut state, &payments).await?;
        peers::posting::finish(conn, &mut state).await?;
        let last: Option<i64> = sqlx::query("SELECT MAX(number) AS last FROM members WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let mut number = last.unwrap_or(0);
        let mut posted = posted.into_iter();
        let now = Utc::now();
        for member in members {
            number += 1;
            let member_id = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO members (org_id, member_id, number, name, trade, joined, status, shares_subscribed, shares_on_admission, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(org_id)
            .bind(member_id)
            .bind(number)
            .bind(&member.name)
            .bind(&member.trade)
            .bind(member.joined)
            .bind(member.status)
            .bind(i64::from(member.shares_subscribed))
            .bind(i64::from(member.shares_on_admission))
            .bind(now)
            .execute(&mut *conn)
            .await?;
            let mut sequence = None;
            if let Some((shares, entry)) = &member.payment {
                let entry_posted = posted
                    .next()
                    .ok_or_else(|| StoreError::Corrupt("a share payment was not posted".into()))?;
                let movement = ShareMovement { shares: i64::from(*shares), amount: debited(entry) };
                peers::member_history::record_movement(conn, org_id, member_id, entry_posted.sequence, entry.date(), movement).await?;
                sequence = Some(entry_posted.sequence);
            }
            let event = if member.status == "applicant" { "apply" } else { "admit" };
            let record = EventRecord { date: member.joined, event, note: String::new(), motion_id: None, sequence };
            peers::member_history::record_event(conn, org_id, member_id, &record).await?;
        }
        let detail = format!("{} members, {} share payments posted", members.len(), payments.len());
        peers::audit::record(conn, org_id, actor, "member.admit", &detail).await?;
        Ok(())
    }

    /// The register, or the one member `number` of it.
    pub(crate) async fn list(conn: &mut Conn, org_id: OrgId, number: Option<u64>) -> Result<Vec<StoredMember>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.member_id, m.number, m.name, m.trade, m.joined, m.status, m.shares_subscribed, \
             m.shares_on_admission, \
             CAST(COALESCE(SUM(s.shares), 0) AS BIGINT) AS shares_paid, CAST(COALESCE(SUM(s.amount_minor), 0) AS BIGINT) AS paid_in \
             FROM members m LEFT JOIN share_movements s ON s.org_id = m.org_id AND s.member_id = m.member_id \
             WHERE m.org_id = $1 AND ($2 IS NULL OR m.number = $2) \
             GROUP BY m.member_id, m.number, m.name, m.trade, m.joined, m.status, m.shares_subscribed, m.shares_on_admission \
             ORDER BY m.number",
        )
        .bind(org_id)
        .bind(number.map(to_i64).transpose()?)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| {
                let number: i64 = row.try_get("number")?;
                let subscribed: i64 = row.try_get("shares_subscribed")?;
                let paid_in: i64 = row.try_get("paid_in")?;
                let shares_paid: i64 = row.try_get("shares_paid")?;
                let on_admission: i64 = row.try_get("shares_on_admission")?;
                Ok(StoredMember {
                    member_id: row.try_get("member_id")?,
                    number: to_u64(number, "member number")?,
                    name: row.try_get("name")?,
                    trade: row.try_get("trade")?,
                    joined: row.try_get("joined")?,
                    status: row.try_get("status")?,
                    shares_subscribed: to_u64(subscribed, "shares subscribed")?,
                    shares_paid: to_u64(shares_paid, "shares paid")?,
                    paid_in: Money::from_minor(paid_in),
                    shares_on_admission: to_u64(on_admission, "shares on admission")?,
                })
            })
            .collect()
    }
}

impl Db {
    /// Records members, posting their paid-in shares, all in one transaction: every member
    /// and every payment, or none.
    pub async fn admit_members(
        &self,
        org_id: OrgId,
        members: &[NewMember],
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::admit(conn, org_id, members, actor).await)
    }

    /// The member register, by number, with each member's paid-in share capital.
    pub async fn members(&self, org_id: OrgId) -> Result<Vec<StoredMember>, StoreError> {
        on_connection!(self, conn, engine => engine::list(conn, org_id, None).await)
    }

    /// The member `number` of the register, with their paid-in share capital.
    pub async fn member(
        &self,
        org_id: OrgId,
        number: u64,
    ) -> Result<Option<StoredMember>, StoreError> {
        on_connection!(self, conn, engine => Ok(engine::list(conn, org_id, Some(number)).await?.pop()))
    }
}
