//! Recomputes an organisation's audit chain from its stored events, page by page, and names
//! the first event that was altered or removed, as `verify` does for the entries.

use artel_ledger::audit_chain::{ChainHash, GENESIS};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit_chain::{Link, as_hash};
use crate::db::for_each_engine;
use crate::error::StoreError;
use crate::numbers::to_i64;
use crate::verify::ChainProblem;

/// Events read per page while verifying, so a long trail never sits in memory at once.
const EVENTS_PER_PAGE: u64 = 2_000;

/// What recomputing an audit chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AuditChecked {
    pub(crate) events_checked: u64,
    pub(crate) head: ChainHash,
    pub(crate) problem: Option<ChainProblem>,
}

fn checked(events_checked: u64, head: Link, problem: Option<ChainProblem>) -> AuditChecked {
    AuditChecked {
        events_checked,
        head: head.hash,
        problem,
    }
}

for_each_engine! {
    /// Recomputes the organisation's audit chain against its stored head.
    pub(crate) async fn verify(conn: &mut Conn, org_id: OrgId) -> Result<AuditChecked, StoreError> {
        let head = peers::audit_chain::head(conn, org_id).await?;
        let unchained = sqlx::query("SELECT event_id FROM audit_events WHERE org_id = $1 AND sequence IS NULL LIMIT 1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = unchained {
            let event_id: Uuid = row.try_get("event_id")?;
            return Ok(checked(0, head, Some(ChainProblem::AuditUnchained { event_id })));
        }
        let last_stored: Option<i64> = sqlx::query("SELECT MAX(sequence) AS last FROM audit_events WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let end = last_stored.and_then(|s| u64::try_from(s).ok()).unwrap_or(0).max(head.sequence);
        let mut link = Link { sequence: 0, hash: GENESIS };
        let mut first = 1u64;
        while first <= end {
            let last = first.saturating_add(EVENTS_PER_PAGE - 1).min(end);
            let rows = sqlx::query(
                "SELECT sequence, hash, event_id, at, actor, address, action, detail, before_state, after_state \
                 FROM audit_events WHERE org_id = $1 AND sequence >= $2 AND sequence <= $3 ORDER BY sequence",
            )
            .bind(org_id)
            .bind(to_i64(first)?)
            .bind(to_i64(last)?)
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                let expected = link.sequence + 1;
                let sequence: i64 = row.try_get("sequence")?;
                if u64::try_from(sequence).ok() != Some(expected) {
                    let problem = ChainProblem::AuditMissing { sequence: expected };
                    return Ok(checked(link.sequence, head, Some(problem)));
                }
                let event = crate::audit::event_of_row(&row)?;
                let stored: Option<Vec<u8>> = row.try_get("hash")?;
                let stored = stored.map(|hash| as_hash(hash, "an audit event's hash")).transpose()?;
                let next = link.next(event.view());
                if Some(next.hash) != stored {
                    let problem = ChainProblem::AuditAltered { sequence: expected, event_id: event.event_id };
                    return Ok(checked(link.sequence, head, Some(problem)));
                }
                link = next;
            }
            first = last + 1;
        }
        if link.sequence < head.sequence {
            let problem = ChainProblem::AuditMissing { sequence: link.sequence + 1 };
            return Ok(checked(link.sequence, head, Some(problem)));
        }
        if link != head {
            let problem = ChainProblem::AuditHeadMismatch { sequence: head.sequence };
            return Ok(checked(link.sequence, head, Some(problem)));
        }
        Ok(checked(link.sequence, head, None))
    }
}
