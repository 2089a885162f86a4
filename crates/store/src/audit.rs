//! The audit trail: who changed what in an organisation's books, and when. Events are
//! written in the same transaction as the change they describe and never altered.

use chrono::Utc;
use uuid::Uuid;

use crate::OrgId;
use crate::db::for_each_engine;
use crate::error::StoreError;

for_each_engine! {
    pub(crate) async fn record(conn: &mut Conn, org_id: OrgId, actor: &str, action: &str, detail: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO audit_events (org_id, event_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(org_id)
            .bind(Uuid::now_v7())
            .bind(Utc::now())
            .bind(actor)
            .bind(action)
            .bind(detail)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
