//! The rows of posted entries and what goes with them — postings, monthly balances, audit
//! events, idempotency keys — written many to a statement: each statement is a round trip to the
//! database, so a bulk import or a group of posts costs a few statements per hundred rows.

use std::collections::HashMap;
use std::sync::LazyLock;

use artel_ledger::JournalEntry;
use artel_ledger::audit_chain::AuditView;
use chrono::Utc;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::audit_chain::{Link, event_time};
use crate::db::{Engine, for_each_engine};
use crate::error::StoreError;
use crate::numbers::to_i64;
use crate::posting::{PostedEntry, RequestKey};

/// Rows per multi-row INSERT: fewer statements, each still far below SQLite's limit of
/// bound parameters.
const ROWS_PER_INSERT: usize = 256;

/// `INSERT INTO table (columns) VALUES (…), (…)` for `rows` rows. PostgreSQL numbers its
/// placeholders (`$1`); SQLite gets anonymous `?`, because binding numbered ones costs a
/// search through every parameter's name per parameter (quadratic in the statement's size;
/// a third of a bulk import's time when measured). On SQLite the statement is `INSERT OR
/// FAIL`: a refused row ends it without undoing the rows before it, so SQLite keeps no
/// journal per statement; every caller undoes the whole request or import on an error.
/// `tail` follows the values (an `ON CONFLICT` clause, or nothing).
fn insert_sql(table: &str, columns: &[&str], tail: &str, rows: usize, engine: Engine) -> String {
    let verb = match engine {
        Engine::Sqlite => "INSERT OR FAIL",
        Engine::Postgres => "INSERT",
    };
    let mut sql = format!("{verb} INTO {table} ({}) VALUES ", columns.join(", "));
    let mut parameter = 0;
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns.len() {
            parameter += 1;
            if column > 0 {
                sql.push_str(", ");
            }
            match engine {
                Engine::Sqlite => sql.push('?'),
                Engine::Postgres => sql.push_str(&format!("${parameter}")),
            }
        }
        sql.push(')');
    }
    sql.push_str(tail);
    sql
}

const ENTRY_COLUMNS: &[&str] = &[
    "org_id", "sequence", "entry_id", "date", "memo", "source", "reverses", "hash",
];
const POSTING_COLUMNS: &[&str] = &["org_id", "sequence", "line", "account_id", "amount_minor"];
const BALANCE_COLUMNS: &[&str] = &["org_id", "account_id", "period", "amount_minor"];
/// A balance row replaces the stored one of its account and month.
const BALANCE_REPLACES: &str = " ON CONFLICT (org_id, account_id, period) \
     DO UPDATE SET amount_minor = excluded.amount_minor";
const AUDIT_COLUMNS: &[&str] = &[
    "org_id", "event_id", "at", "actor", "action", "detail", "address", "sequence", "hash",
];
const KEY_COLUMNS: &[&str] = &[
    "org_id",
    "key",
    "request_hash",
    "sequence",
    "entry_id",
    "created_at",
];

/// The multi-row INSERT statements of one table, of every size up to [`ROWS_PER_INSERT`],
/// per engine.
struct MultiInsert {
    sqlite: Vec<String>,
    postgres: Vec<String>,
}

impl MultiInsert {
    fn new(table: &str, columns: &[&str], tail: &str) -> MultiInsert {
        let sizes = || 0..=ROWS_PER_INSERT;
        MultiInsert {
            sqlite: sizes()
                .map(|rows| insert_sql(table, columns, tail, rows, Engine::Sqlite))
                .collect(),
            postgres: sizes()
                .map(|rows| insert_sql(table, columns, tail, rows, Engine::Postgres))
                .collect(),
        }
    }

    fn sql(&'static self, engine: Engine, rows: usize) -> &'static str {
        match engine {
            Engine::Sqlite => &self.sqlite[rows],
            Engine::Postgres => &self.postgres[rows],
        }
    }
}

static ENTRY_INSERTS: LazyLock<MultiInsert> =
    LazyLock::new(|| MultiInsert::new("entries", ENTRY_COLUMNS, ""));
static POSTING_INSERTS: LazyLock<MultiInsert> =
    LazyLock::new(|| MultiInsert::new("postings", POSTING_COLUMNS, ""));
static BALANCE_UPSERTS: LazyLock<MultiInsert> =
    LazyLock::new(|| MultiInsert::new("balances", BALANCE_COLUMNS, BALANCE_REPLACES));
static AUDIT_INSERTS: LazyLock<MultiInsert> =
    LazyLock::new(|| MultiInsert::new("audit_events", AUDIT_COLUMNS, ""));
static KEY_INSERTS: LazyLock<MultiInsert> =
    LazyLock::new(|| MultiInsert::new("idempotency_keys", KEY_COLUMNS, ""));

/// An entry once numbered, with its accounts' ids: the rows to insert for it.
pub(crate) struct EntryRows<'a> {
    pub(crate) org_id: OrgId,
    pub(crate) entry: &'a JournalEntry,
    pub(crate) posted: &'a PostedEntry,
    pub(crate) account_ids: &'a [Uuid],
}

/// An audit event to record.
pub(crate) struct AuditRow<'a> {
    pub(crate) org_id: OrgId,
    pub(crate) actor: &'a Actor,
    pub(crate) action: &'static str,
    pub(crate) detail: String,
}

/// An idempotency key to record with the entry it posted.
pub(crate) struct KeyRow<'a> {
    pub(crate) org_id: OrgId,
    pub(crate) key: &'a RequestKey,
    pub(crate) posted: &'a PostedEntry,
}

for_each_engine! {
    /// Inserts numbered entries and their postings, many rows to a statement, each
    /// statement's values bound while the database runs the one before.
    pub(crate) async fn insert_entries(conn: &mut Conn, rows: &[EntryRows<'_>]) -> Result<(), StoreError> {
        let mut postings: Vec<(OrgId, i64, i32, Uuid, i64)> = Vec::with_capacity(rows.len() * 2);
        for row in rows {
            let sequence = to_i64(row.posted.sequence)?;
            for (line, (posting, account_id)) in row.entry.postings().iter().zip(row.account_ids).enumerate() {
                let line = i32::try_from(line).map_err(|_| StoreError::Corrupt("too many postings".into()))?;
                postings.push((row.org_id, sequence, line, *account_id, posting.amount.minor()));
            }
        }
        let entry_insert = |chunk: &[EntryRows<'_>]| {
            let mut query = sqlx::query(ENTRY_INSERTS.sql(ENGINE, chunk.len()));
            for row in chunk {
                query = query
                    .bind(row.org_id)
                    .bind(to_i64(row.posted.sequence)?)
                    .bind(row.posted.entry_id)
                    .bind(row.entry.date())
                    .bind(row.entry.memo())
                    .bind(row.entry.source())
                    .bind(row.entry.reverses().map(to_i64).transpose()?)
                    .bind(row.posted.hash.to_vec());
            }
            Ok::<_, StoreError>(query)
        };
        let posting_insert = |chunk: &[(OrgId, i64, i32, Uuid, i64)]| {
            let mut query = sqlx::query(POSTING_INSERTS.sql(ENGINE, chunk.len()));
            for (org_id, sequence, line, account_id, amount_minor) in chunk {
                query = query.bind(*org_id).bind(*sequence).bind(*line).bind(*account_id).bind(*amount_minor);
            }
            Ok::<_, StoreError>(query)
        };
        let mut statements = rows
            .chunks(ROWS_PER_INSERT)
            .map(entry_insert)
            .chain(postings.chunks(ROWS_PER_INSERT).map(posting_insert));
        let mut next = statements.next().transpose()?;
        while let Some(query) = next {
            // The statement is handed to the database on the first poll; the next one is
            // built meanwhile.
            let (done, built) = futures::join!(query.execute(&mut *conn), async { statements.next().transpose() });
            done?;
            next = built?;
        }
        Ok(())
    }

    /// Sets monthly balances (book, account, month `YYYY-MM`, amount), many to a
    /// statement: each replaces the stored balance of its account and month, or is added.
    pub(crate) async fn set_balances(conn: &mut Conn, rows: &[(OrgId, Uuid, String, i64)]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut query = sqlx::query(BALANCE_UPSERTS.sql(ENGINE, chunk.len()));
            for (org_id, account_id, period, amount_minor) in chunk {
                query = query.bind(*org_id).bind(*account_id).bind(period.as_str()).bind(*amount_minor);
            }
            query.execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// Records audit events, many to a statement, each the next link of its
    /// organisation's audit chain: every organisation's head is taken once, the events'
    /// hashes are computed in memory in order, and the heads are moved at the end.
    pub(crate) async fn insert_audit(conn: &mut Conn, rows: &[AuditRow<'_>]) -> Result<(), StoreError> {
        let at = event_time();
        let mut heads: HashMap<OrgId, Link> = HashMap::new();
        let mut linked: Vec<(Uuid, Link)> = Vec::with_capacity(rows.len());
        for row in rows {
            let head = match heads.get(&row.org_id) {
                Some(head) => *head,
                None => peers::audit_chain::take_head(conn, row.org_id).await?,
            };
            let event_id = Uuid::now_v7();
            let link = head.next(AuditView {
                event_id: event_id.into_bytes(),
                at,
                actor: &row.actor.name,
                action: row.action,
                detail: &row.detail,
                address: row.actor.address.as_deref(),
                before: None,
                after: None,
            });
            heads.insert(row.org_id, link);
            linked.push((event_id, link));
        }
        for (chunk, links) in rows.chunks(ROWS_PER_INSERT).zip(linked.chunks(ROWS_PER_INSERT)) {
            let mut query = sqlx::query(AUDIT_INSERTS.sql(ENGINE, chunk.len()));
            for (row, (event_id, link)) in chunk.iter().zip(links) {
                query = query
                    .bind(row.org_id)
                    .bind(*event_id)
                    .bind(at)
                    .bind(&row.actor.name)
                    .bind(row.action)
                    .bind(&row.detail)
                    .bind(row.actor.address.as_deref())
                    .bind(to_i64(link.sequence)?)
                    .bind(link.hash.to_vec());
            }
            query.execute(&mut *conn).await?;
        }
        for (org_id, head) in heads {
            peers::audit_chain::set_head(conn, org_id, head).await?;
        }
        Ok(())
    }

    /// Records idempotency keys with the entries they posted, many to a statement.
    pub(crate) async fn insert_keys(conn: &mut Conn, rows: &[KeyRow<'_>]) -> Result<(), StoreError> {
        let now = Utc::now();
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut query = sqlx::query(KEY_INSERTS.sql(ENGINE, chunk.len()));
            for row in chunk {
                query = query
                    .bind(row.org_id)
                    .bind(&row.key.key)
                    .bind(row.key.request_hash.to_vec())
                    .bind(to_i64(row.posted.sequence)?)
                    .bind(row.posted.entry_id)
                    .bind(now);
            }
            query.execute(&mut *conn).await?;
        }
        Ok(())
    }
}
