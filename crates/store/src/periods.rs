//! Accounting periods of a book: closing one locks it against new entries; reopening it is
//! an audited decision with a reason.

use std::collections::BTreeSet;

use artel_ledger::Period;
use chrono::Utc;
use sqlx::Row;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

for_each_engine! {
    pub(crate) async fn closed(conn: &mut Conn, org_id: OrgId) -> Result<BTreeSet<Period>, StoreError> {
        let rows = sqlx::query("SELECT period FROM periods WHERE org_id = $1 AND closed = $2")
            .bind(org_id)
            .bind(true)
            .fetch_all(&mut *conn)
            .await?;
        rows.into_iter()
            .map(|row| {
                let text: String = row.try_get("period")?;
                Period::parse(&text).map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect()
    }

    pub(crate) async fn set_closed(conn: &mut Conn, org_id: OrgId, period: Period, closed: bool) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO periods (org_id, period, closed, changed_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (org_id, period) DO UPDATE SET closed = excluded.closed, changed_at = excluded.changed_at",
        )
        .bind(org_id)
        .bind(period.to_string())
        .bind(closed)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub(crate) async fn close(conn: &mut Conn, org_id: OrgId, period: Period, actor: &Actor) -> Result<bool, StoreError> {
        if closed(conn, org_id).await?.contains(&period) {
            return Ok(false);
        }
        set_closed(conn, org_id, period, true).await?;
        peers::audit::record_change(conn, org_id, actor, "period.close", &period.to_string(), Some("open"), Some("closed")).await?;
        Ok(true)
    }

    pub(crate) async fn reopen(conn: &mut Conn, org_id: OrgId, period: Period, reason: &str, actor: &Actor) -> Result<bool, StoreError> {
        if !closed(conn, org_id).await?.contains(&period) {
            return Ok(false);
        }
        // A closed year's months open only with the year, by a decision.
        let year = period.year();
        if peers::year_end::closings(conn, org_id).await?.iter().any(|c| c.year == year && c.reopened.is_none()) {
            return Err(StoreError::changed("period", format!(
                "{period} belongs to the closed year {year}; reopen the year by a decision instead"
            )));
        }
        set_closed(conn, org_id, period, false).await?;
        peers::audit::record_change(conn, org_id, actor, "period.reopen", &format!("{period}: {reason}"), Some("closed"), Some("open")).await?;
        Ok(true)
    }
}

impl Db {
    /// The book's closed periods.
    pub async fn closed_periods(&self, org_id: OrgId) -> Result<BTreeSet<Period>, StoreError> {
        on_connection!(self, conn, engine => engine::closed(conn, org_id).await)
    }

    /// Closes a period; `false` when it was closed already.
    pub async fn close_period(
        &self,
        org_id: OrgId,
        period: Period,
        actor: impl Into<Actor>,
    ) -> Result<bool, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::close(conn, org_id, period, actor).await)
    }

    /// Reopens a closed period, recording why; `false` when it was open.
    pub async fn reopen_period(
        &self,
        org_id: OrgId,
        period: Period,
        reason: &str,
        actor: impl Into<Actor>,
    ) -> Result<bool, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::reopen(conn, org_id, period, reason, actor).await)
    }
}
