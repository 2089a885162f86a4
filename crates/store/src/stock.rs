//! Stock of materials and products: what is on hand per item and owner, and the movements
//! with the entries that post them. Movements are planned outside (the moving-average cost
//! needs what is on hand); they are written with their postings in one transaction, and
//! only if the stock still stands where the plan found it.

use artel_ledger::{Account, JournalEntry, Money};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// A quantity and its value at cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quantity {
    pub quantity: i64,
    pub value: Money,
}

/// A planned movement to write: the stock it was planned on, the stock after it, and the
/// entry that posts it.
#[derive(Debug, Clone)]
pub struct StockWrite {
    pub date: NaiveDate,
    /// `purchase`, `issue`, …
    pub kind: &'static str,
    pub item: String,
    /// `material` or `product`.
    pub item_kind: &'static str,
    /// The buyer whose materials these are; empty for own stock.
    pub owner: String,
    pub change: Quantity,
    pub before: Quantity,
    pub after: Quantity,
    pub note: String,
    pub source: String,
    pub entry: Option<JournalEntry>,
}

/// What is on hand of an item for an owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStock {
    pub item: String,
    pub item_kind: String,
    pub owner: String,
    pub on_hand: Quantity,
}

/// A movement as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMovement {
    pub date: NaiveDate,
    pub kind: String,
    pub item: String,
    pub owner: String,
    pub change: Quantity,
    /// The entry that posted it.
    pub sequence: Option<u64>,
    pub note: String,
    pub source: String,
}

/// Movements of stock planned against the stock on hand, to be written with what moves
/// them (production reports that issue materials, invoices that deliver products), and the
/// accounts they post to.
#[derive(Debug, Clone, Copy, Default)]
pub struct StockWrites<'a> {
    pub writes: &'a [StockWrite],
    pub accounts: &'a [Account],
}

for_each_engine! {
    async fn item_id(conn: &mut Conn, org_id: OrgId, name: &str, kind: &str) -> Result<Uuid, StoreError> {
        let found = sqlx::query("SELECT item_id, kind FROM stock_items WHERE org_id = $1 AND name = $2")
            .bind(org_id)
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = found {
            let stored: String = row.try_get("kind")?;
            if stored != kind {
                return Err(StoreError::changed("item", format!("'{name}' is a {stored}")));
            }
            return Ok(row.try_get("item_id")?);
        }
        let item_id = Uuid::now_v7();
        sqlx::query("INSERT INTO stock_items (org_id, item_id, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(org_id)
            .bind(item_id)
            .bind(name)
            .bind(kind)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await?;
        Ok(item_id)
    }

    /// Moves the item's stock from `before` to `after`; `Changed` when it no longer stands
    /// at `before`.
    async fn move_on_hand(conn: &mut Conn, org_id: OrgId, item_id: Uuid, write: &StockWrite) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO stock_on_hand (org_id, item_id, owner, quantity, value_minor) VALUES ($1, $2, $3, 0, 0) \
             ON CONFLICT DO NOTHING",
        )
        .bind(org_id)
        .bind(item_id)
        .bind(&write.owner)
        .execute(&mut *conn)
        .await?;
        let updated = sqlx::query(
            "UPDATE stock_on_hand SET quantity = $1, value_minor = $2 \
             WHERE org_id = $3 AND item_id = $4 AND owner = $5 AND quantity = $6 AND value_minor = $7",
        )
        .bind(write.after.quantity)
        .bind(write.after.value.minor())
        .bind(org_id)
        .bind(item_id)
        .bind(&write.owner)
        .bind(write.before.quantity)
        .bind(write.before.value.minor())
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if updated != 1 {
            return Err(StoreError::changed("quantity", format!(
                "the stock of '{}' changed meanwhile; look again and retry",
                write.item
            )));
        }
        Ok(())
    }

    pub(crate) async fn record(conn: &mut Conn, org_id: OrgId, writes: &[StockWrite], accounts: &[Account], actor: &Actor) -> Result<Vec<Option<u64>>, StoreError> {
        peers::accounts::open_missing(conn, org_id, accounts).await?;
        let mut state = peers::posting::load_state(conn, org_id).await?;
        let mut sequences = Vec::with_capacity(writes.len());
        let now = Utc::now();
        for write in writes {
            let item_id = item_id(conn, org_id, &write.item, write.item_kind).await?;
            move_on_hand(conn, org_id, item_id, write).await?;
            let sequence = match &write.entry {
                Some(entry) => {
                    let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(entry)).await?;
                    posted.first().map(|p| p.sequence)
                }
                None => None,
            };
            sqlx::query(
                "INSERT INTO stock_movements (org_id, movement_id, date, item_id, owner, kind, quantity, value_minor, sequence, note, source, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(org_id)
            .bind(Uuid::now_v7())
            .bind(write.date)
            .bind(item_id)
            .bind(&write.owner)
            .bind(write.kind)
            .bind(write.change.quantity)
            .bind(write.change.value.minor())
            .bind(sequence.map(to_i64).transpose()?)
            .bind(&write.note)
            .bind(&write.source)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            sequences.push(sequence);
        }
        peers::posting::finish(conn, &mut state).await?;
        let detail = format!("{} stock movements", writes.len());
        peers::audit::record(conn, org_id, actor, "stock.record", &detail).await?;
        Ok(sequences)
    }

    pub(crate) async fn on_hand(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredStock>, StoreError> {
        let rows = sqlx::query(
            "SELECT i.name, i.kind, s.owner, s.quantity, s.value_minor FROM stock_on_hand s \
             JOIN stock_items i ON i.org_id = s.org_id AND i.item_id = s.item_id WHERE s.org_id = $1",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut stock = rows
            .iter()
            .map(|row| {
                Ok(StoredStock {
                    item: row.try_get("name")?,
                    item_kind: row.try_get("kind")?,
                    owner: row.try_get("owner")?,
                    on_hand: Quantity {
                        quantity: row.try_get("quantity")?,
                        value: Money::from_minor(row.try_get("value_minor")?),
                    },
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        // Sorted here, by bytes, so that both engines list alike whatever their collation.
        stock.sort_by(|a, b| (&a.owner, &a.item).cmp(&(&b.owner, &b.item)));
        Ok(stock)
    }

    pub(crate) async fn movements(conn: &mut Conn, org_id: OrgId, first: NaiveDate, last: NaiveDate) -> Result<Vec<StoredMovement>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.date, m.kind, i.name, m.owner, m.quantity, m.value_minor, m.sequence, m.note, m.source \
             FROM stock_movements m JOIN stock_items i ON i.org_id = m.org_id AND i.item_id = m.item_id \
             WHERE m.org_id = $1 AND m.date >= $2 AND m.date <= $3 ORDER BY m.date, m.movement_id",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                let sequence: Option<i64> = row.try_get("sequence")?;
                Ok(StoredMovement {
                    date: row.try_get("date")?,
                    kind: row.try_get("kind")?,
                    item: row.try_get("name")?,
                    owner: row.try_get("owner")?,
                    change: Quantity {
                        quantity: row.try_get("quantity")?,
                        value: Money::from_minor(row.try_get("value_minor")?),
                    },
                    sequence: sequence.map(|n| to_u64(n, "sequence")).transpose()?,
                    note: row.try_get("note")?,
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }
}

impl Db {
    /// Writes planned stock movements, all or none, with the entries that post them,
    /// opening the `accounts` they need that the chart lacks; the sequence each posted.
    pub async fn record_stock(
        &self,
        org_id: OrgId,
        writes: &[StockWrite],
        accounts: &[Account],
        actor: impl Into<Actor>,
    ) -> Result<Vec<Option<u64>>, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::record(conn, org_id, writes, accounts, actor).await)
    }

    /// What is on hand of every item, own stock and each buyer's apart.
    pub async fn stock_on_hand(&self, org_id: OrgId) -> Result<Vec<StoredStock>, StoreError> {
        on_connection!(self, conn, engine => engine::on_hand(conn, org_id).await)
    }

    /// The movements dated between two days, both included, in order.
    pub async fn stock_movements(
        &self,
        org_id: OrgId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<StoredMovement>, StoreError> {
        on_connection!(self, conn, engine => engine::movements(conn, org_id, first, last).await)
    }
}
