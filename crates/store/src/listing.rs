//! Entries as people browse them: filtered by date, paged by sequence number.

use chrono::NaiveDate;
use sqlx::Row;

use crate::OrgId;
use crate::db::{Db, for_each_engine, on_connection};
use crate::error::StoreError;
use crate::numbers::to_u64;
use crate::posting::StoredEntry;

/// Most entries one page may hold.
pub const ENTRIES_PER_PAGE_MAX: u32 = 500;

/// Which entries to list: dated in `from..=to`, at most `limit`; oldest first, numbered
/// after `after`, or with `newest_first` newest first, numbered before `after`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntryFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The page's cursor: the last entry of the page before.
    pub after: Option<u64>,
    pub limit: u32,
    pub newest_first: bool,
}

for_each_engine! {
    pub(crate) async fn list(conn: &mut Conn, org_id: OrgId, filter: EntryFilter) -> Result<Vec<StoredEntry>, StoreError> {
        let first_day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
        let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
        let cursor = match (filter.after, filter.newest_first) {
            // Nothing is stored beyond `i64::MAX`: a cursor past it reads as `i64::MAX`.
            (Some(after), _) => i64::try_from(after).unwrap_or(i64::MAX),
            (None, false) => 0,
            (None, true) => i64::MAX,
        };
        let sql = if filter.newest_first {
            "SELECT sequence FROM entries WHERE org_id = $1 AND date >= $2 AND date <= $3 AND sequence < $4 \
             ORDER BY sequence DESC LIMIT $5"
        } else {
            "SELECT sequence FROM entries WHERE org_id = $1 AND date >= $2 AND date <= $3 AND sequence > $4 \
             ORDER BY sequence LIMIT $5"
        };
        let rows = sqlx::query(sql)
        .bind(org_id)
        .bind(filter.from.unwrap_or(first_day))
        .bind(filter.to.unwrap_or(last_day))
        .bind(cursor)
        .bind(i64::from(filter.limit.clamp(1, ENTRIES_PER_PAGE_MAX)))
        .fetch_all(&mut *conn)
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let sequence: i64 = row.try_get("sequence")?;
            let sequence = to_u64(sequence, "sequence")?;
            entries.extend(peers::posting::entries(conn, org_id, sequence, sequence).await?);
        }
        Ok(entries)
    }
}

impl Db {
    /// A page of the book's entries matching `filter`, in the filter's order.
    pub async fn list_entries(
        &self,
        org_id: OrgId,
        filter: EntryFilter,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        on_connection!(self, conn, engine => engine::list(conn, org_id, filter).await)
    }
}
