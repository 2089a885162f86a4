//! Each member's history: the events of their path through the cooperative (applied,
//! admitted, suspended, withdrew, …), each linked to the resolution that decided it and the
//! entry that posted it, and the movements of their paid-in share capital. A change of
//! standing, its posting and its event are written in one transaction, and only if the
//! member still stands where the change expects them to.

use artel_ledger::{JournalEntry, Money};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// One event to append to a member's history.
#[derive(Debug, Clone)]
pub(crate) struct EventRecord {
    pub date: NaiveDate,
    pub event: &'static str,
    pub note: String,
    pub motion_id: Option<Uuid>,
    pub sequence: Option<u64>,
}

/// Shares paid in (positive) or refunded (negative), and their value in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareMovement {
    pub shares: i64,
    pub amount: i64,
}

/// What an entry debits in total: the value of a share payment.
pub(crate) fn debited(entry: &JournalEntry) -> i64 {
    entry
        .postings()
        .iter()
        .map(|p| p.amount.minor())
        .filter(|minor| *minor > 0)
        .sum()
}

/// A change of a member's standing, as a use case decided it.
#[derive(Debug, Clone)]
pub struct MemberChange {
    pub number: u64,
    /// The standing the decision was taken on; the change is refused if it moved meanwhile.
    pub from_status: String,
    pub to_status: &'static str,
    /// `admit`, `suspend`, `settle-withdrawal`, …
    pub event: &'static str,
    pub date: NaiveDate,
    pub note: String,
    /// The share capital moved and the entry that posts it.
    pub movement: Option<(ShareMovement, JournalEntry)>,
}

/// One event of a member's history, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMemberEvent {
    pub date: NaiveDate,
    pub event: String,
    pub note: String,
    /// The number of the motion whose resolution decided it.
    pub motion: Option<u64>,
    /// The entry that posted it.
    pub sequence: Option<u64>,
}

/// One movement of a member's share capital, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredShareMovement {
    pub date: NaiveDate,
    pub shares: i64,
    pub amount: Money,
    pub sequence: u64,
}

/// A member's history and share-capital ledger, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberHistory {
    pub events: Vec<StoredMemberEvent>,
    pub movements: Vec<StoredShareMovement>,
}

for_each_engine! {
    pub(crate) async fn record_event(conn: &mut Conn, org_id: OrgId, member_id: Uuid, record: &EventRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO member_events (org_id, member_id, position, date, event, note, motion_id, sequence, created_at) \
             SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $4, $5, $6, $7, $8 FROM member_events WHERE org_id = $1 AND member_id = $2",
        )
        .bind(org_id)
        .bind(member_id)
        .bind(record.date)
        .bind(record.event)
        .bind(&record.note)
        .bind(record.motion_id)
        .bind(record.sequence.map(to_i64).transpose()?)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub(crate) async fn record_movement(conn: &mut Conn, org_id: OrgId, member_id: Uuid, sequence: u64, date: NaiveDate, movement: ShareMovement) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO share_movements (org_id, member_id, sequence, date, shares, amount_minor) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org_id)
        .bind(member_id)
        .bind(to_i64(sequence)?)
        .bind(date)
        .bind(movement.shares)
        .bind(movement.amount)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub(crate) async fn member_id(conn: &mut Conn, org_id: OrgId, number: u64) -> Result<Option<Uuid>, StoreError> {
        let row = sqlx::query("SELECT member_id FROM members WHERE org_id = $1 AND number = $2")
            .bind(org_id)
            .bind(to_i64(number)?)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(row.map(|row| row.try_get("member_id")).transpose()?)
    }

    /// Applies `change` inside the caller's transaction; `Changed` when the member no
    /// longer stands where the change expects.
    pub(crate) async fn change_in(conn: &mut Conn, org_id: OrgId, change: &MemberChange, motion_id: Option<Uuid>, actor: &Actor) -> Result<Option<u64>, StoreError> {
        let member_id = member_id(conn, org_id, change.number)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "member", key: change.number.to_string() })?;
        let joined_now = change.event == "admit";
        let updated = sqlx::query(
            "UPDATE members SET status = $1, joined = CASE WHEN $2 THEN $3 ELSE joined END \
             WHERE org_id = $4 AND member_id = $5 AND status = $6",
        )
        .bind(change.to_status)
        .bind(joined_now)
        .bind(change.date)
        .bind(org_id)
        .bind(member_id)
        .bind(&change.from_status)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if updated != 1 {
            return Err(StoreError::changed("status", format!(
                "member {} is no longer {}",
                change.number, change.from_status
            )));
        }
        let mut sequence = None;
        if let Some((movement, entry)) = &change.movement {
            let mut state = peers::posting::load_state(conn, org_id).await?;
            let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(entry)).await?;
            peers::posting::finish(conn, &mut state).await?;
            let posted = posted
                .first()
                .ok_or_else(|| StoreError::Corrupt("a share movement was not posted".into()))?;
            record_movement(conn, org_id, member_id, posted.sequence, entry.date(), *movement).await?;
            sequence = Some(posted.sequence);
        }
        let record = EventRecord { date: change.date, event: change.event, note: change.note.clone(), motion_id, sequence };
        record_event(conn, org_id, member_id, &record).await?;
        let detail = format!("member {}: {} on {}", change.number, change.event, change.date);
        peers::audit::record(conn, org_id, actor, "member.change", &detail).await?;
        Ok(sequence)
    }

    pub(crate) async fn history(conn: &mut Conn, org_id: OrgId, number: u64) -> Result<MemberHistory, StoreError> {
        let Some(member_id) = member_id(conn, org_id, number).await? else {
            return Err(StoreError::NotFound { what: "member", key: number.to_string() });
        };
        let events = sqlx::query(
            "SELECT e.date, e.event, e.note, m.number AS motion, e.sequence FROM member_events e \
             LEFT JOIN motions m ON m.org_id = e.org_id AND m.motion_id = e.motion_id \
             WHERE e.org_id = $1 AND e.member_id = $2 ORDER BY e.position",
        )
        .bind(org_id)
        .bind(member_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| -> Result<StoredMemberEvent, StoreError> {
            let motion: Option<i64> = row.try_get("motion")?;
            let sequence: Option<i64> = row.try_get("sequence")?;
            Ok(StoredMemberEvent {
                date: row.try_get("date")?,
                event: row.try_get("event")?,
                note: row.try_get("note")?,
                motion: motion.map(|n| to_u64(n, "motion number")).transpose()?,
                sequence: sequence.map(|n| to_u64(n, "sequence")).transpose()?,
            })
        })
        .collect::<Result<_, _>>()?;
        let movements = sqlx::query(
            "SELECT date, shares, amount_minor, sequence FROM share_movements \
             WHERE org_id = $1 AND member_id = $2 ORDER BY sequence",
        )
        .bind(org_id)
        .bind(member_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| -> Result<StoredShareMovement, StoreError> {
            Ok(StoredShareMovement {
                date: row.try_get("date")?,
                shares: row.try_get("shares")?,
                amount: Money::from_minor(row.try_get("amount_minor")?),
                sequence: to_u64(row.try_get("sequence")?, "sequence")?,
            })
        })
        .collect::<Result<_, _>>()?;
        Ok(MemberHistory { events, movements })
    }

    pub(crate) async fn link_user(conn: &mut Conn, org_id: OrgId, number: u64, user_id: Uuid, actor: &Actor) -> Result<(), StoreError> {
        sqlx::query("UPDATE members SET user_id = NULL WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        let linked = sqlx::query("UPDATE members SET user_id = $1 WHERE org_id = $2 AND number = $3")
            .bind(user_id)
            .bind(org_id)
            .bind(to_i64(number)?)
            .execute(&mut *conn)
            .await?
            .rows_affected();
        if linked != 1 {
            return Err(StoreError::NotFound { what: "member", key: number.to_string() });
        }
        let detail = format!("member {number} signs in as a user");
        peers::audit::record(conn, org_id, actor, "member.link", &detail).await?;
        Ok(())
    }

    pub(crate) async fn number_of_user(conn: &mut Conn, org_id: OrgId, user_id: Uuid) -> Result<Option<u64>, StoreError> {
        let row = sqlx::query("SELECT number FROM members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|row| to_u64(row.try_get("number")?, "member number")).transpose()
    }

    pub(crate) async fn numbers_of_user(conn: &mut Conn, user_id: Uuid) -> Result<Vec<(OrgId, u64)>, StoreError> {
        let rows = sqlx::query("SELECT org_id, number FROM members WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("org_id")?, to_u64(row.try_get("number")?, "member number")?)))
            .collect()
    }

    /// Every member's events up to and including `until`, member by member in order.
    pub(crate) async fn events_until(conn: &mut Conn, org_id: OrgId, until: NaiveDate) -> Result<Vec<(Uuid, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT member_id, event FROM member_events WHERE org_id = $1 AND date <= $2 ORDER BY member_id, position",
        )
        .bind(org_id)
        .bind(until)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| Ok((row.try_get("member_id")?, row.try_get("event")?)))
            .collect()
    }

    pub(crate) async fn count_events(conn: &mut Conn, org_id: OrgId, event: &str, from: NaiveDate, to: NaiveDate) -> Result<u64, StoreError> {
        let count: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM member_events WHERE org_id = $1 AND event = $2 AND date >= $3 AND date <= $4",
        )
        .bind(org_id)
        .bind(event)
        .bind(from)
        .bind(to)
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
        to_u64(count, "count")
    }
}

impl Db {
    /// Changes a member's standing, posting the share capital it moves, in one transaction.
    /// Returns the sequence number of the entry posted, if any.
    pub async fn change_member(
        &self,
        org_id: OrgId,
        change: &MemberChange,
        actor: impl Into<Actor>,
    ) -> Result<Option<u64>, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::change_in(conn, org_id, change, None, actor).await)
    }

    /// Links the member `number` to the user they sign in as (a user is one member at most
    /// in each organisation).
    pub async fn link_member_user(
        &self,
        org_id: OrgId,
        number: u64,
        user_id: Uuid,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::link_user(conn, org_id, number, user_id, actor).await)
    }

    /// The number of the member who signs in as `user_id`, if any.
    pub async fn member_number_of_user(
        &self,
        org_id: OrgId,
        user_id: Uuid,
    ) -> Result<Option<u64>, StoreError> {
        on_connection!(self, conn, engine => engine::number_of_user(conn, org_id, user_id).await)
    }

    /// The organisations whose registers hold the member who signs in as `user_id`, with
    /// that member's number in each.
    pub async fn member_numbers_of_user(
        &self,
        user_id: Uuid,
    ) -> Result<Vec<(OrgId, u64)>, StoreError> {
        on_connection!(self, conn, engine => engine::numbers_of_user(conn, user_id).await)
    }

    /// A member's events and share-capital ledger.
    pub async fn member_history(
        &self,
        org_id: OrgId,
        number: u64,
    ) -> Result<MemberHistory, StoreError> {
        on_connection!(self, conn, engine => engine::history(conn, org_id, number).await)
    }

    /// Every member's events up to `until`, grouped by member, each member's in order: what
    /// the register looked like at the end of that day.
    pub async fn member_events_until(
        &self,
        org_id: OrgId,
        until: NaiveDate,
    ) -> Result<Vec<(Uuid, String)>, StoreError> {
        on_connection!(self, conn, engine => engine::events_until(conn, org_id, until).await)
    }

    /// How many events of one kind (`request-withdrawal`, …) fell between two dates, both
    /// included.
    pub async fn count_member_events(
        &self,
        org_id: OrgId,
        event: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u64, StoreError> {
        on_connection!(self, conn, engine => engine::count_events(conn, org_id, event, from, to).await)
    }
}
