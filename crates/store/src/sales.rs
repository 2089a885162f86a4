//! Counterparties, contracts and invoiced sales. An import writes all its lines or none,
//! creating the counterparties it names that are not known yet; each invoice is written
//! with the entry that posts it, in the same transaction.

use std::collections::HashMap;

use artel_ledger::{JournalEntry, Money};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{count, to_i64, to_u64};
use crate::stock::StockWrites;

/// A counterparty as stored: its name and type (`supply-marketing`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCounterparty {
    pub name: String,
    pub counterparty_type: String,
}

/// A contract to record, or as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub number: String,
    pub counterparty: String,
    pub counterparty_type: String,
    /// `sales`, `purchase` or `combined`.
    pub kind: String,
    pub signed: NaiveDate,
    pub value: Money,
    pub credit_days: Option<u32>,
    /// Its lines and delivery schedule, in order.
    pub items: Vec<NewContractItem>,
    pub source: String,
}

/// One line of a contract: so many of a product at a price each, delivered by a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContractItem {
    pub product: String,
    pub quantity: u32,
    pub price: Money,
    pub deliver_by: Option<NaiveDate>,
}

/// An invoiced sale to record, with the entry that posts it.
#[derive(Debug, Clone)]
pub struct NewInvoice {
    pub date: NaiveDate,
    pub counterparty: String,
    pub counterparty_type: String,
    pub product: String,
    pub quantity: u32,
    pub amount: Money,
    /// The part of the amount settled from the buyer's advances.
    pub advance: Money,
    /// `cash` or `credit:DAYS`.
    pub terms: String,
    pub due: NaiveDate,
    /// The number of the contract delivered against.
    pub contract: Option<String>,
    pub source: String,
    pub entry: JournalEntry,
}

/// An invoice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvoice {
    pub date: NaiveDate,
    pub counterparty: String,
    pub counterparty_type: String,
    pub product: String,
    pub quantity: u32,
    pub amount: Money,
    /// The part of the amount settled from the buyer's advances.
    pub advance: Money,
    pub terms: String,
    pub due: NaiveDate,
    pub contract: Option<String>,
    /// The entry that posted it.
    pub sequence: u64,
    pub source: String,
}

for_each_engine! {
    /// The counterparty called `name`, created with `kind` when not known yet; refused when
    /// it is known as another type.
    async fn counterparty_id(conn: &mut Conn, org_id: OrgId, name: &str, kind: &str) -> Result<Uuid, StoreError> {
        let found = sqlx::query("SELECT counterparty_id, counterparty_type FROM counterparties WHERE org_id = $1 AND name = $2")
            .bind(org_id)
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = found {
            let stored: String = row.try_get("counterparty_type")?;
            if stored != kind {
                return Err(StoreError::changed("counterparty_type", format!("'{name}' is a {stored}")));
            }
            return Ok(row.try_get("counterparty_id")?);
        }
        let counterparty_id = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO counterparties (org_id, counterparty_id, name, counterparty_type, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(org_id)
        .bind(counterparty_id)
        .bind(name)
        .bind(kind)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        Ok(counterparty_id)
    }

    pub(crate) async fn import_contracts(conn: &mut Conn, org_id: OrgId, contracts: &[NewContract], actor: &Actor) -> Result<usize, StoreError> {
        let now = Utc::now();
        for contract in contracts {
            let counterparty_id = counterparty_id(conn, org_id, &contract.counterparty, &contract.counterparty_type).await?;
            let exists = sqlx::query("SELECT 1 AS found FROM contracts WHERE org_id = $1 AND number = $2")
                .bind(org_id)
                .bind(&contract.number)
                .fetch_optional(&mut *conn)
                .await?;
            if exists.is_some() {
                return Err(StoreError::AlreadyExists { what: "contract", key: contract.number.clone() });
            }
            let contract_id = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO contracts (org_id, contract_id, number, counterparty_id, kind, signed, value_minor, credit_days, source, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(org_id)
            .bind(contract_id)
            .bind(&contract.number)
            .bind(counterparty_id)
            .bind(&contract.kind)
            .bind(contract.signed)
            .bind(contract.value.minor())
            .bind(contract.credit_days.map(i64::from))
            .bind(&contract.source)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            for (position, item) in (1_i64..).zip(&contract.items) {
                sqlx::query(
                    "INSERT INTO contract_items (org_id, contract_id, position, product, quantity, price_minor, deliver_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(org_id)
                .bind(contract_id)
                .bind(position)
                .bind(&item.product)
                .bind(i64::from(item.quantity))
                .bind(item.price.minor())
                .bind(item.deliver_by)
                .execute(&mut *conn)
                .await?;
            }
        }
        let detail = format!("{} contracts", contracts.len());
        peers::audit::record(conn, org_id, actor, "contracts.import", &detail).await?;
        Ok(contracts.len())
    }

    /// What the buyer's advances paid by `date` leave unapplied, after every invoice so far.
    async fn advance_left(conn: &mut Conn, org_id: OrgId, counterparty_id: Uuid, date: NaiveDate) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT COALESCE((SELECT CAST(SUM(advance_minor) AS BIGINT) FROM payments WHERE org_id = $1 AND counterparty_id = $2 AND date <= $3), 0) \
             - COALESCE((SELECT CAST(SUM(advance_minor) AS BIGINT) FROM invoices WHERE org_id = $1 AND counterparty_id = $2), 0) AS left_over",
        )
        .bind(org_id)
        .bind(counterparty_id)
        .bind(date)
        .fetch_one(&mut *conn)
        .await?;
        Ok(row.try_get("left_over")?)
    }

    pub(crate) async fn import_sales(conn: &mut Conn, org_id: OrgId, invoices: &[NewInvoice], stock: &StockWrites<'_>, actor: &Actor) -> Result<Vec<u64>, StoreError> {
        let mut state = peers::posting::load_state(conn, org_id).await?;
        let now = Utc::now();
        let mut sequences = Vec::with_capacity(invoices.len());
        for invoice in invoices {
            let counterparty_id = counterparty_id(conn, org_id, &invoice.counterparty, &invoice.counterparty_type).await?;
            let contract_id: Option<Uuid> = match &invoice.contract {
                None => None,
                Some(number) => {
                    let row = sqlx::query("SELECT contract_id, counterparty_id FROM contracts WHERE org_id = $1 AND number = $2")
                        .bind(org_id)
                        .bind(number)
                        .fetch_optional(&mut *conn)
                        .await?
                        .ok_or_else(|| StoreError::NotFound { what: "contract", key: number.clone() })?;
                    let holder: Uuid = row.try_get("counterparty_id")?;
                    if holder != counterparty_id {
                        return Err(StoreError::changed("contract", format!(
                            "contract '{number}' is not with '{}'", invoice.counterparty
                        )));
                    }
                    Some(row.try_get("contract_id")?)
                }
            };
            let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(&invoice.entry)).await?;
            let sequence = posted
                .first()
                .map(|p| p.sequence)
                .ok_or_else(|| StoreError::Corrupt("an invoice was not posted".into()))?;
            sqlx::query(
                "INSERT INTO invoices (org_id, invoice_id, date, counterparty_id, product, quantity, amount_minor, advance_minor, terms, due, contract_id, sequence, source, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(org_id)
            .bind(Uuid::now_v7())
            .bind(invoice.date)
            .bind(counterparty_id)
            .bind(&invoice.product)
            .bind(i64::from(invoice.quantity))
            .bind(invoice.amount.minor())
            .bind(invoice.advance.minor())
            .bind(&invoice.terms)
            .bind(invoice.due)
            .bind(contract_id)
            .bind(to_i64(sequence)?)
            .bind(&invoice.source)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            if invoice.advance > Money::ZERO && advance_left(conn, org_id, counterparty_id, invoice.date).await? < 0 {
                return Err(StoreError::changed("amount", format!(
                    "the advances of '{}' no longer cover what the invoice takes from them; look again and retry",
                    invoice.counterparty
                )));
            }
            sequences.push(sequence);
        }
        peers::posting::finish(conn, &mut state).await?;
        if !stock.writes.is_empty() {
            peers::stock::record(conn, org_id, stock.writes, stock.accounts, actor).await?;
        }
        let detail = format!("{} invoices", invoices.len());
        peers::audit::record(conn, org_id, actor, "sales.import", &detail).await?;
        Ok(sequences)
    }

    pub(crate) async fn counterparties(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredCounterparty>, StoreError> {
        let rows = sqlx::query("SELECT name, counterparty_type FROM counterparties WHERE org_id = $1")
            .bind(org_id)
            .fetch_all(&mut *conn)
            .await?;
        let mut counterparties = rows
            .iter()
            .map(|row| Ok(StoredCounterparty { name: row.try_get("name")?, counterparty_type: row.try_get("counterparty_type")? }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        // Sorted here, by bytes, so that both engines list alike whatever their collation.
        counterparties.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(counterparties)
    }

    /// The items of every contract of the organisation, by contract, in order.
    async fn contract_items(conn: &mut Conn, org_id: OrgId) -> Result<HashMap<Uuid, Vec<NewContractItem>>, StoreError> {
        let rows = sqlx::query(
            "SELECT contract_id, product, quantity, price_minor, deliver_by FROM contract_items \
             WHERE org_id = $1 ORDER BY contract_id, position",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut items: HashMap<Uuid, Vec<NewContractItem>> = HashMap::new();
        for row in &rows {
            items.entry(row.try_get("contract_id")?).or_default().push(NewContractItem {
                product: row.try_get("product")?,
                quantity: count(row.try_get("quantity")?, "quantity")?,
                price: Money::from_minor(row.try_get("price_minor")?),
                deliver_by: row.try_get("deliver_by")?,
            });
        }
        Ok(items)
    }

    pub(crate) async fn contracts(conn: &mut Conn, org_id: OrgId, first: NaiveDate, last: NaiveDate) -> Result<Vec<NewContract>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.contract_id, c.number, p.name, p.counterparty_type, c.kind, c.signed, c.value_minor, c.credit_days, c.source FROM contracts c \
             JOIN counterparties p ON p.org_id = c.org_id AND p.counterparty_id = c.counterparty_id \
             WHERE c.org_id = $1 AND c.signed >= $2 AND c.signed <= $3 ORDER BY c.signed, c.contract_id",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        let mut items = if rows.is_empty() { HashMap::new() } else { contract_items(conn, org_id).await? };
        rows.iter()
            .map(|row| {
                let credit_days: Option<i64> = row.try_get("credit_days")?;
                let contract_id: Uuid = row.try_get("contract_id")?;
                Ok(NewContract {
                    number: row.try_get("number")?,
                    counterparty: row.try_get("name")?,
                    counterparty_type: row.try_get("counterparty_type")?,
                    kind: row.try_get("kind")?,
                    signed: row.try_get("signed")?,
                    value: Money::from_minor(row.try_get("value_minor")?),
                    credit_days: credit_days.map(|d| count(d, "credit days")).transpose()?,
                    items: items.remove(&contract_id).unwrap_or_default(),
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }

    pub(crate) async fn invoices(conn: &mut Conn, org_id: OrgId, first: NaiveDate, last: NaiveDate) -> Result<Vec<StoredInvoice>, StoreError> {
        let rows = sqlx::query(
            "SELECT i.date, p.name, p.counterparty_type, i.product, i.quantity, i.amount_minor, i.advance_minor, i.terms, i.due, c.number, i.sequence, i.source \
             FROM invoices i JOIN counterparties p ON p.org_id = i.org_id AND p.counterparty_id = i.counterparty_id \
             LEFT JOIN contracts c ON c.org_id = i.org_id AND c.contract_id = i.contract_id \
             WHERE i.org_id = $1 AND i.date >= $2 AND i.date <= $3 ORDER BY i.date, i.sequence",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                let sequence: i64 = row.try_get("sequence")?;
                Ok(StoredInvoice {
                    date: row.try_get("date")?,
                    counterparty: row.try_get("name")?,
                    counterparty_type: row.try_get("counterparty_type")?,
                    product: row.try_get("product")?,
                    quantity: count(row.try_get("quantity")?, "quantity")?,
                    amount: Money::from_minor(row.try_get("amount_minor")?),
                    advance: Money::from_minor(row.try_get("advance_minor")?),
                    terms: row.try_get("terms")?,
                    due: row.try_get("due")?,
                    contract: row.try_get("number")?,
                    sequence: to_u64(sequence, "sequence")?,
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }
}

impl Db {
    /// Records contracts, all or none, creating the counterparties not known yet.
    pub async fn import_contracts(
        &self,
        org_id: OrgId,
        contracts: &[NewContract],
        actor: impl Into<Actor>,
    ) -> Result<usize, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::import_contracts(conn, org_id, contracts, actor).await)
    }

    /// Records invoiced sales with their entries and the stock they deliver, all or none;
    /// the sequence of each invoice's entry.
    pub async fn import_sales(
        &self,
        org_id: OrgId,
        invoices: &[NewInvoice],
        stock: &StockWrites<'_>,
        actor: impl Into<Actor>,
    ) -> Result<Vec<u64>, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::import_sales(conn, org_id, invoices, stock, actor).await)
    }

    /// Every counterparty of the organisation, by name.
    pub async fn counterparties(
        &self,
        org_id: OrgId,
    ) -> Result<Vec<StoredCounterparty>, StoreError> {
        on_connection!(self, conn, engine => engine::counterparties(conn, org_id).await)
    }

    /// The contracts signed between two days, both included.
    pub async fn contracts(
        &self,
        org_id: OrgId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<NewContract>, StoreError> {
        on_connection!(self, conn, engine => engine::contracts(conn, org_id, first, last).await)
    }

    /// The invoices dated between two days, both included.
    pub async fn invoices(
        &self,
        org_id: OrgId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<StoredInvoice>, StoreError> {
        on_connection!(self, conn, engine => engine::invoices(conn, org_id, first, last).await)
    }
}
