//! Which entry reverses a given one: an entry is reversed at most once (a unique index
//! keeps it so even between concurrent requests).

use sqlx::Row;

use crate::OrgId;
use crate::db::{Db, for_each_engine, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

for_each_engine! {
    pub(crate) async fn reversal_of(conn: &mut Conn, org_id: OrgId, sequence: u64) -> Result<Option<u64>, StoreError> {
        // A sequence beyond what is stored names no entry, so nothing reversed it.
        let Ok(sequence) = to_i64(sequence) else { return Ok(None) };
        let row = sqlx::query("SELECT sequence FROM entries WHERE org_id = $1 AND reverses = $2")
            .bind(org_id)
            .bind(sequence)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|row| {
            let found: i64 = row.try_get("sequence")?;
            to_u64(found, "sequence")
        })
        .transpose()
    }
}

impl Db {
    /// The sequence number of the entry that reversed `sequence`, if one did.
    pub async fn reversal_of(
        &self,
        org_id: OrgId,
        sequence: u64,
    ) -> Result<Option<u64>, StoreError> {
        on_connection!(self, conn, engine => engine::reversal_of(conn, org_id, sequence).await)
    }
}
