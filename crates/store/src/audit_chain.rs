//! The audit trail's hash chain in the database: each organisation's chain head in
//! `audit_heads`, read (on PostgreSQL locked with `FOR UPDATE`, so that two transactions
//! recording events of one organisation take turns on it) and moved in the transaction
//! that records the events; and the one-time chaining of the events recorded before the
//! chain existed (`audit_chain_backfill`, migration 0022).

use artel_ledger::audit_chain::{AuditView, ChainHash, GENESIS, audit_hash};
use chrono::{DateTime, SubsecRound, Utc};
use sqlx::Row;

use crate::OrgId;
use crate::db::{Db, Engine, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// The time an event is recorded at, to the microsecond: what PostgreSQL keeps of a
/// timestamp and what the chain covers, so the event hashes the same once read back.
pub(crate) fn event_time() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// An event's place in its organisation's chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) sequence: u64,
    pub(crate) hash: ChainHash,
}

impl Link {
    /// The link after this one for `event`.
    pub(crate) fn next(&self, event: AuditView<'_>) -> Link {
        let sequence = self.sequence + 1;
        Link {
            sequence,
            hash: audit_hash(&self.hash, sequence, event),
        }
    }
}

pub(crate) fn as_hash(value: Vec<u8>, what: &str) -> Result<ChainHash, StoreError> {
    value
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("{what} is not 32 bytes")))
}

/// Reads the head for update: on PostgreSQL the row is locked until the transaction ends.
const HEAD_FOR_UPDATE_SQLITE: &str = "SELECT sequence, hash FROM audit_heads WHERE org_id = $1";
const HEAD_FOR_UPDATE_POSTGRES: &str =
    "SELECT sequence, hash FROM audit_heads WHERE org_id = $1 FOR UPDATE";

for_each_engine! {
    /// The organisation's audit chain head (sequence 0 and [`GENESIS`] before any event),
    /// taken for the caller's transaction to move.
    pub(crate) async fn take_head(conn: &mut Conn, org_id: OrgId) -> Result<Link, StoreError> {
        let sql = match ENGINE {
            Engine::Sqlite => HEAD_FOR_UPDATE_SQLITE,
            Engine::Postgres => HEAD_FOR_UPDATE_POSTGRES,
        };
        read_head(conn, org_id, sql).await
    }

    /// The organisation's audit chain head as stored, without taking it.
    pub(crate) async fn head(conn: &mut Conn, org_id: OrgId) -> Result<Link, StoreError> {
        read_head(conn, org_id, HEAD_FOR_UPDATE_SQLITE).await
    }

    async fn read_head(conn: &mut Conn, org_id: OrgId, sql: &'static str) -> Result<Link, StoreError> {
        let row = sqlx::query(sql).bind(org_id).fetch_optional(&mut *conn).await?;
        let Some(row) = row else {
            return Ok(Link { sequence: 0, hash: GENESIS });
        };
        Ok(Link {
            sequence: to_u64(row.try_get("sequence")?, "audit sequence")?,
            hash: as_hash(row.try_get("hash")?, "the audit trail's head")?,
        })
    }

    /// Moves the organisation's audit chain head (creating it for an organisation that has
    /// none yet).
    pub(crate) async fn set_head(conn: &mut Conn, org_id: OrgId, head: Link) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_heads (org_id, sequence, hash) VALUES ($1, $2, $3) \
             ON CONFLICT (org_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
        )
        .bind(org_id)
        .bind(to_i64(head.sequence)?)
        .bind(head.hash.to_vec())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The stored hash of audit event `sequence` ([`GENESIS`] for 0), if it exists.
    pub(crate) async fn hash_at(conn: &mut Conn, org_id: OrgId, sequence: u64) -> Result<Option<ChainHash>, StoreError> {
        if sequence == 0 {
            return Ok(Some(GENESIS));
        }
        let row = sqlx::query("SELECT hash FROM audit_events WHERE org_id = $1 AND sequence = $2")
            .bind(org_id)
            .bind(to_i64(sequence)?)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let hash: Option<Vec<u8>> = row.try_get("hash")?;
        hash.map(|hash| as_hash(hash, &format!("the hash of audit event {sequence}"))).transpose()
    }

    pub(crate) async fn pending(conn: &mut Conn) -> Result<Vec<OrgId>, StoreError> {
        let rows = sqlx::query("SELECT org_id FROM audit_chain_backfill").fetch_all(&mut *conn).await?;
        rows.into_iter().map(|row| Ok(row.try_get("org_id")?)).collect()
    }

    /// Chains the organisation's events that were recorded before the chain existed, in
    /// order of `at`, then `event_id`, after its head; once (the organisation's row in
    /// `audit_chain_backfill` goes with it).
    pub(crate) async fn backfill(conn: &mut Conn, org_id: OrgId) -> Result<(), StoreError> {
        let still = sqlx::query("SELECT org_id FROM audit_chain_backfill WHERE org_id = $1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
        if still.is_none() {
            return Ok(());
        }
        let mut head = take_head(conn, org_id).await?;
        let rows = sqlx::query(
            "SELECT event_id, at, actor, address, action, detail, before_state, after_state FROM audit_events \
             WHERE org_id = $1 AND sequence IS NULL",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut events = rows
            .into_iter()
            .map(|row| crate::audit::event_of_row(&row))
            .collect::<Result<Vec<_>, StoreError>>()?;
        events.sort_by_key(|event| (event.at, event.event_id));
        for event in &events {
            head = head.next(event.view());
            sqlx::query("UPDATE audit_events SET sequence = $3, hash = $4 WHERE org_id = $1 AND event_id = $2")
                .bind(org_id)
                .bind(event.event_id)
                .bind(to_i64(head.sequence)?)
                .bind(head.hash.to_vec())
                .execute(&mut *conn)
                .await?;
        }
        set_head(conn, org_id, head).await?;
        sqlx::query("DELETE FROM audit_chain_backfill WHERE org_id = $1")
            .bind(org_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

impl Db {
    /// Chains the audit events recorded before the audit trail was a chain: run when the
    /// database is opened, it finds nothing to do once that was done.
    pub(crate) async fn chain_earlier_audit_events(&self) -> Result<(), StoreError> {
        let pending: Vec<OrgId> =
            on_connection!(self, conn, engine => engine::pending(conn).await)?;
        for org_id in pending {
            in_transaction!(self, conn, engine => engine::backfill(conn, org_id).await)?;
        }
        Ok(())
    }

    /// The organisation's audit chain head: its last event's sequence number and hash.
    pub async fn audit_head(&self, org_id: OrgId) -> Result<(u64, ChainHash), StoreError> {
        let head = on_connection!(self, conn, engine => engine::head(conn, org_id).await)?;
        Ok((head.sequence, head.hash))
    }

    /// The stored hash of the organisation's audit event `sequence`, if it exists.
    pub async fn audit_hash_at(
        &self,
        org_id: OrgId,
        sequence: u64,
    ) -> Result<Option<ChainHash>, StoreError> {
        on_connection!(self, conn, engine => engine::hash_at(conn, org_id, sequence).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_time_survives_microsecond_storage() {
        let at = event_time();
        assert_eq!(at.timestamp_subsec_nanos() % 1_000, 0);
    }
}
