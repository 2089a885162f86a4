//! The audit trail: who changed what in an organisation's books, when (UTC), from which
//! address, and what it was before and after. Events are written in the same transaction
//! as the change they describe and never altered. Security events (sign-ins, failed
//! sign-ins, refused accesses) are kept apart, as they belong to no one organisation.
//! Each organisation's events form a hash chain (`audit_chain`): an event is recorded with
//! its organisation's next sequence number and hash, and the chain's head moves with it.

use artel_ledger::audit_chain::AuditView;
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit_chain::event_time;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

/// Who made a change, and from where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    /// The client's network address, when the change came over the network.
    pub address: Option<String>,
}

impl From<&str> for Actor {
    fn from(name: &str) -> Actor {
        Actor {
            name: name.to_owned(),
            address: None,
        }
    }
}

impl From<&String> for Actor {
    fn from(name: &String) -> Actor {
        Actor::from(name.as_str())
    }
}

impl From<&Actor> for Actor {
    fn from(actor: &Actor) -> Actor {
        actor.clone()
    }
}

/// One event of an organisation's audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub event_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
    pub detail: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl AuditEvent {
    /// The fields the audit chain covers.
    pub fn view(&self) -> AuditView<'_> {
        AuditView {
            event_id: self.event_id.into_bytes(),
            at: self.at,
            actor: &self.actor,
            action: &self.action,
            detail: &self.detail,
            address: self.address.as_deref(),
            before: self.before.as_deref(),
            after: self.after.as_deref(),
        }
    }
}

/// An audit event from a row with the columns `event_id, at, actor, address, action,
/// detail, before_state, after_state`.
pub(crate) fn event_of_row<R: Row>(row: &R) -> Result<AuditEvent, StoreError>
where
    for<'c> &'c str: sqlx::ColumnIndex<R>,
    for<'r> Uuid: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> DateTime<Utc>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(AuditEvent {
        event_id: row.try_get("event_id")?,
        at: row.try_get("at")?,
        actor: row.try_get("actor")?,
        address: row.try_get("address")?,
        action: row.try_get("action")?,
        detail: row.try_get("detail")?,
        before: row.try_get("before_state")?,
        after: row.try_get("after_state")?,
    })
}

/// A security event from an event read by [`event_of_row`] (without before and after) and
/// the region it concerns.
fn security_event(event: AuditEvent, region_path: Option<String>) -> SecurityEvent {
    SecurityEvent {
        event_id: event.event_id,
        at: event.at,
        actor: event.actor,
        address: event.address,
        action: event.action,
        detail: event.detail,
        region_path,
    }
}

/// One security event: a sign-in, a failed sign-in, a refused access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityEvent {
    pub event_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
    pub detail: String,
    /// The region the event concerns (a path such as `/hubei/wuhan/`); `None` when it
    /// concerns no region, and then only the operator reads it.
    pub region_path: Option<String>,
}

/// Most events one page may hold.
pub const EVENTS_PER_PAGE_MAX: u32 = 1_000;

for_each_engine! {
    pub(crate) async fn record(conn: &mut Conn, org_id: OrgId, actor: &Actor, action: &str, detail: &str) -> Result<(), StoreError> {
        record_change(conn, org_id, actor, action, detail, None, None).await
    }

    /// Records a change with the state before and after it, as the next link of the
    /// organisation's audit chain.
    pub(crate) async fn record_change(conn: &mut Conn, org_id: OrgId, actor: &Actor, action: &str, detail: &str, before: Option<&str>, after: Option<&str>) -> Result<(), StoreError> {
        let event = AuditEvent {
            event_id: Uuid::now_v7(),
            at: event_time(),
            actor: actor.name.clone(),
            address: actor.address.clone(),
            action: action.to_owned(),
            detail: detail.to_owned(),
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
        };
        let link = peers::audit_chain::take_head(conn, org_id).await?.next(event.view());
        sqlx::query(
            "INSERT INTO audit_events (org_id, event_id, at, actor, action, detail, address, before_state, after_state, sequence, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(org_id)
        .bind(event.event_id)
        .bind(event.at)
        .bind(&event.actor)
        .bind(&event.action)
        .bind(&event.detail)
        .bind(event.address.as_deref())
        .bind(before)
        .bind(after)
        .bind(crate::numbers::to_i64(link.sequence)?)
        .bind(link.hash.to_vec())
        .execute(&mut *conn)
        .await?;
        peers::audit_chain::set_head(conn, org_id, link).await
    }

    pub(crate) async fn events(conn: &mut Conn, org_id: OrgId, after: Option<Uuid>, limit: u32) -> Result<Vec<AuditEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT event_id, at, actor, address, action, detail, before_state, after_state FROM audit_events \
             WHERE org_id = $1 AND event_id > $2 ORDER BY event_id LIMIT $3",
        )
        .bind(org_id)
        .bind(after.unwrap_or(Uuid::nil()))
        .bind(i64::from(limit.clamp(1, EVENTS_PER_PAGE_MAX)))
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(event_of_row).collect()
    }

    pub(crate) async fn record_security(conn: &mut Conn, actor: &Actor, action: &str, detail: &str, region_path: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO security_events (event_id, at, actor, address, action, detail, region_path) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(Uuid::now_v7())
            .bind(Utc::now())
            .bind(&actor.name)
            .bind(actor.address.as_deref())
            .bind(action)
            .bind(detail)
            .bind(region_path)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub(crate) async fn security_events(conn: &mut Conn, after: Option<Uuid>, limit: u32) -> Result<Vec<SecurityEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT event_id, at, actor, address, action, detail, NULL AS before_state, NULL AS after_state, region_path \
             FROM security_events WHERE event_id > $1 ORDER BY event_id LIMIT $2",
        )
        .bind(after.unwrap_or(Uuid::nil()))
        .bind(i64::from(limit.clamp(1, EVENTS_PER_PAGE_MAX)))
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(|row| Ok(security_event(event_of_row(row)?, row.try_get("region_path")?))).collect()
    }

    pub(crate) async fn security_events_within(conn: &mut Conn, region: &str, after: Option<Uuid>, limit: u32) -> Result<Vec<SecurityEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT event_id, at, actor, address, action, detail, NULL AS before_state, NULL AS after_state, region_path \
             FROM security_events WHERE event_id > $1 AND substr(region_path, 1, length($2)) = $2 ORDER BY event_id LIMIT $3",
        )
        .bind(after.unwrap_or(Uuid::nil()))
        .bind(region)
        .bind(i64::from(limit.clamp(1, EVENTS_PER_PAGE_MAX)))
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(|row| Ok(security_event(event_of_row(row)?, row.try_get("region_path")?))).collect()
    }
}

impl Db {
    /// A page of an organisation's audit trail, oldest first, after the event `after`.
    pub async fn audit_events(
        &self,
        org_id: OrgId,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        on_connection!(self, conn, engine => engine::events(conn, org_id, after, limit).await)
    }

    /// Records a security event (a sign-in, a failed one, a refused access) concerning the
    /// region at `region_path`, if any.
    pub async fn record_security_event(
        &self,
        actor: impl Into<Actor>,
        action: &str,
        detail: &str,
        region_path: Option<&str>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::record_security(conn, actor, action, detail, region_path).await)
    }

    /// A page of the security events, oldest first, after the event `after`: all of them
    /// when `regions` is `None`, otherwise those concerning one of `regions` (region paths)
    /// or a region below one.
    pub async fn security_events(
        &self,
        regions: Option<&[String]>,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<SecurityEvent>, StoreError> {
        let Some(regions) = regions else {
            return on_connection!(self, conn, engine => engine::security_events(conn, after, limit).await);
        };
        // Regions inside another of the list add nothing; the rest hold disjoint events,
        // whose pages merge into one.
        let outermost = regions
            .iter()
            .filter(|region| {
                !regions
                    .iter()
                    .any(|other| other != *region && region.starts_with(other.as_str()))
            })
            .collect::<std::collections::BTreeSet<_>>();
        let mut events = Vec::new();
        for region in outermost {
            let page: Vec<SecurityEvent> = on_connection!(self, conn, engine => engine::security_events_within(conn, region, after, limit).await)?;
            events.extend(page);
        }
        events.sort_by_key(|e| e.event_id);
        events.truncate(limit.clamp(1, EVENTS_PER_PAGE_MAX) as usize);
        Ok(events)
    }
}
