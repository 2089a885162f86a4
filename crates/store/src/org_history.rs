//! An organisation's history as stored: its events (founding, changes of status, a team's
//! upgrade), append-only and numbered from 1, with the organisation's row kept in step;
//! and its memberships of other organisations over time. Each event takes the next
//! number, so of two changes decided on the same history only the first is stored.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// An event to record: from `date` on, the organisation is `kind` with `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrgEvent {
    pub date: NaiveDate,
    /// `founded`, `status` or `upgraded`.
    pub event: String,
    pub kind: String,
    pub status: String,
    pub note: String,
}

/// An event as stored, with its number and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrgEvent {
    pub org_id: OrgId,
    pub sequence: u64,
    pub date: NaiveDate,
    pub event: String,
    pub kind: String,
    pub status: String,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
}

/// A membership of one organisation (the member) in another (the parent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMembership {
    pub org_id: OrgId,
    pub org_code: String,
    pub org_name: String,
    pub parent_org_id: OrgId,
    pub parent_code: String,
    pub parent_name: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

for_each_engine! {
    /// Inserts event number `sequence`. A number already taken means the history changed
    /// since it was read.
    pub(crate) async fn insert_event(conn: &mut Conn, org_id: OrgId, sequence: u64, event: &NewOrgEvent) -> Result<(), StoreError> {
        let number = to_i64(sequence)?;
        sqlx::query(
            "INSERT INTO org_events (org_id, sequence, date, event, kind, status, note, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(org_id)
        .bind(number)
        .bind(event.date)
        .bind(&event.event)
        .bind(&event.kind)
        .bind(&event.status)
        .bind(&event.note)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed("history", "the organisation's history changed meanwhile; read it again")
            } else {
                error
            }
        })?;
        Ok(())
    }

    /// Appends an event, brings the organisation's status and kind in step, and audits it.
    pub(crate) async fn append_event(conn: &mut Conn, org_id: OrgId, sequence: u64, event: &NewOrgEvent, actor: &Actor) -> Result<(), StoreError> {
        insert_event(conn, org_id, sequence, event).await?;
        sqlx::query("UPDATE organisations SET status = $2, kind = $3 WHERE org_id = $1")
            .bind(org_id)
            .bind(&event.status)
            .bind(&event.kind)
            .execute(&mut *conn)
            .await?;
        let detail = format!("{} on {}: {} {}{}", event.event, event.date, event.kind, event.status,
            if event.note.is_empty() { String::new() } else { format!(" ({})", event.note) });
        peers::audit::record(conn, org_id, actor, &format!("organisation.{}", event.event), &detail).await
    }

    pub(crate) async fn select_events(conn: &mut Conn, org_id: Option<OrgId>, path: Option<&str>) -> Result<Vec<StoredOrgEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.org_id, e.sequence, e.date, e.event, e.kind, e.status, e.note, e.recorded_at \
             FROM org_events e JOIN organisations o ON o.org_id = e.org_id LEFT JOIN regions r ON r.region_id = o.region_id \
             WHERE ($1 IS NULL OR e.org_id = $1) AND ($2 IS NULL OR r.path LIKE $2) \
             ORDER BY e.org_id, e.sequence",
        )
        .bind(org_id)
        .bind(path.map(|p| format!("{p}%")))
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                let sequence: i64 = row.try_get("sequence")?;
                Ok(StoredOrgEvent {
                    org_id: row.try_get("org_id")?,
                    sequence: to_u64(sequence, "event number")?,
                    date: row.try_get("date")?,
                    event: row.try_get("event")?,
                    kind: row.try_get("kind")?,
                    status: row.try_get("status")?,
                    note: row.try_get("note")?,
                    recorded_at: row.try_get("recorded_at")?,
                })
            })
            .collect()
    }

    pub(crate) async fn insert_membership(conn: &mut Conn, org_id: OrgId, parent_org_id: OrgId, since: NaiveDate) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO org_memberships (org_id, parent_org_id, since, until, recorded_at) VALUES ($1, $2, $3, NULL, $4)")
            .bind(org_id)
            .bind(parent_org_id)
            .bind(since)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await
            .map_err(|error| {
                let error = StoreError::from(error);
                if error.is_unique_violation() {
                    StoreError::changed("history", format!("a membership from {since} is already recorded"))
                } else {
                    error
                }
            })?;
        Ok(())
    }

    /// Ends the open membership of `org_id` in `parent_org_id` on `until`.
    pub(crate) async fn end_membership(conn: &mut Conn, org_id: OrgId, parent_org_id: OrgId, until: NaiveDate) -> Result<(), StoreError> {
        let ended = sqlx::query(
            "UPDATE org_memberships SET until = $3 WHERE org_id = $1 AND parent_org_id = $2 AND until IS NULL AND since <= $3",
        )
        .bind(org_id)
        .bind(parent_org_id)
        .bind(until)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if ended == 1 {
            Ok(())
        } else {
            Err(StoreError::changed("history", "the membership changed meanwhile; read it again"))
        }
    }

    /// Keeps `organisations.parent_org_id` in step: the parent of the organisation's
    /// latest open membership, or none.
    pub(crate) async fn sync_parent(conn: &mut Conn, org_id: OrgId) -> Result<(), StoreError> {
        let parent: Option<OrgId> = sqlx::query(
            "SELECT parent_org_id FROM org_memberships WHERE org_id = $1 AND until IS NULL \
             ORDER BY since DESC, recorded_at DESC LIMIT 1",
        )
        .bind(org_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| row.try_get("parent_org_id"))
        .transpose()?;
        sqlx::query("UPDATE organisations SET parent_org_id = $2 WHERE org_id = $1")
            .bind(org_id)
            .bind(parent)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub(crate) async fn join(conn: &mut Conn, org_id: OrgId, parent_org_id: OrgId, parent_code: &str, since: NaiveDate, actor: &Actor) -> Result<(), StoreError> {
        insert_membership(conn, org_id, parent_org_id, since).await?;
        sync_parent(conn, org_id).await?;
        peers::audit::record(conn, org_id, actor, "organisation.join", &format!("joined {parent_code} on {since}")).await
    }

    pub(crate) async fn leave(conn: &mut Conn, org_id: OrgId, parent_org_id: OrgId, parent_code: &str, until: NaiveDate, actor: &Actor) -> Result<(), StoreError> {
        end_membership(conn, org_id, parent_org_id, until).await?;
        sync_parent(conn, org_id).await?;
        peers::audit::record(conn, org_id, actor, "organisation.leave", &format!("left {parent_code} on {until}")).await
    }

    /// The memberships the organisation holds or held, and those held in it.
    pub(crate) async fn memberships(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredMembership>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.org_id, c.code AS org_code, c.name AS org_name, m.parent_org_id, p.code AS parent_code, \
             p.name AS parent_name, m.since, m.until \
             FROM org_memberships m JOIN organisations c ON c.org_id = m.org_id JOIN organisations p ON p.org_id = m.parent_org_id \
             WHERE m.org_id = $1 OR m.parent_org_id = $1 ORDER BY m.since, c.code, p.code",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredMembership {
                    org_id: row.try_get("org_id")?,
                    org_code: row.try_get("org_code")?,
                    org_name: row.try_get("org_name")?,
                    parent_org_id: row.try_get("parent_org_id")?,
                    parent_code: row.try_get("parent_code")?,
                    parent_name: row.try_get("parent_name")?,
                    since: row.try_get("since")?,
                    until: row.try_get("until")?,
                })
            })
            .collect()
    }
}

impl Db {
    /// Appends event number `sequence` of the organisation's history (the number after
    /// the last one read) and brings its status and kind in step, audited.
    pub async fn append_org_event(
        &self,
        org_id: OrgId,
        sequence: u64,
        event: &NewOrgEvent,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::append_event(conn, org_id, sequence, event, actor).await)
    }

    /// The organisation's events, in the order recorded.
    pub async fn org_events(&self, org_id: OrgId) -> Result<Vec<StoredOrgEvent>, StoreError> {
        on_connection!(self, conn, engine => engine::select_events(conn, Some(org_id), None).await)
    }

    /// The events of every organisation, by organisation and then in the order recorded.
    pub async fn all_org_events(&self) -> Result<Vec<StoredOrgEvent>, StoreError> {
        on_connection!(self, conn, engine => engine::select_events(conn, None, None).await)
    }

    /// The events of every organisation in the region subtree whose materialised path
    /// is `path` (`/hubei/shashi/`), by organisation and then in the order recorded.
    pub async fn org_events_in_region(
        &self,
        path: &str,
    ) -> Result<Vec<StoredOrgEvent>, StoreError> {
        on_connection!(self, conn, engine => engine::select_events(conn, None, Some(path)).await)
    }

    /// Records that `org_id` joined `parent_org_id` on `since`, audited.
    pub async fn join_organisation(
        &self,
        org_id: OrgId,
        parent_org_id: OrgId,
        parent_code: &str,
        since: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::join(conn, org_id, parent_org_id, parent_code, since, actor).await)
    }

    /// Ends the open membership of `org_id` in `parent_org_id` on `until`, audited.
    pub async fn leave_organisation(
        &self,
        org_id: OrgId,
        parent_org_id: OrgId,
        parent_code: &str,
        until: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::leave(conn, org_id, parent_org_id, parent_code, until, actor).await)
    }

    /// Memberships held by the organisation and held in it, by date.
    pub async fn memberships(&self, org_id: OrgId) -> Result<Vec<StoredMembership>, StoreError> {
        on_connection!(self, conn, engine => engine::memberships(conn, org_id).await)
    }
}
