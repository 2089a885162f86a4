//! Payments from buyers and what their invoices still owe. A payment is written with the
//! entry that posts it and the invoices it pays, in one transaction, and only if each of
//! those invoices still owes at least what is applied to it.

use artel_ledger::{Account, JournalEntry, Money};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// An invoice on credit with something still owed on it, on a day: its amount less what
/// the buyer's advances settled, what payments applied to it and what was written off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOpenInvoice {
    /// The sequence of the entry that posted it, which numbers it.
    pub sequence: u64,
    pub counterparty: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    /// What is still owed.
    pub open: Money,
}

/// A payment to record: the invoices it pays (by sequence) and how much of each, what is
/// left over as an advance, and the entry that posts it.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub date: NaiveDate,
    pub counterparty: String,
    pub amount: Money,
    pub applied: Vec<(u64, Money)>,
    pub advance: Money,
    pub source: String,
    pub entry: JournalEntry,
}

/// Each invoice on credit issued by `$2`, with what payments and write-offs dated by `$3`
/// paid of it (`paid`).
macro_rules! credit_invoices {
    () => {
        "SELECT i.invoice_id, i.sequence, p.name, i.date, i.due, i.amount_minor, \
     i.advance_minor + COALESCE((SELECT CAST(SUM(a.amount_minor) AS BIGINT) FROM payment_allocations a \
       JOIN payments y ON y.org_id = a.org_id AND y.payment_id = a.payment_id \
       WHERE a.org_id = i.org_id AND a.invoice_id = i.invoice_id AND y.date <= $3), 0) \
     + COALESCE((SELECT w.amount_minor FROM write_offs w \
       WHERE w.org_id = i.org_id AND w.invoice_id = i.invoice_id AND w.date <= $3), 0) AS paid \
     FROM invoices i JOIN counterparties p ON p.org_id = i.org_id AND p.counterparty_id = i.counterparty_id \
     WHERE i.org_id = $1 AND i.terms <> 'cash' AND i.date <= $2"
    };
}

const OPEN_INVOICES: &str = concat!(credit_invoices!(), " ORDER BY i.date, i.sequence");

/// Per buyer, what its invoices of `credit_invoices!` still owe, buyers who owe
/// nothing left out: the credit warnings need no more, and one row a buyer is what comes
/// back instead of one an invoice.
const OWED_BY_BUYER: &str = concat!(
    "SELECT o.name, CAST(SUM(o.amount_minor - o.paid) AS BIGINT) AS owed FROM (",
    credit_invoices!(),
    ") o WHERE o.amount_minor > o.paid GROUP BY o.name"
);

/// A day after every stored date (the dates are compared as ISO text on SQLite, where
/// `NaiveDate::MAX`'s `+262142-…` would sort first).
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// A receivable to write off by a recorded decision, with the entry that posts it.
#[derive(Debug, Clone)]
pub struct NewWriteOff {
    /// The invoice, by the sequence of the entry that posted it.
    pub invoice: u64,
    pub date: NaiveDate,
    /// What the invoice still owes, all of which is written off.
    pub amount: Money,
    /// The adopted motion that decided it, by number.
    pub motion: u64,
    pub entry: JournalEntry,
}

/// The advances a buyer has paid (each payment's left-over, by day) and how much of them
/// invoices have taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAdvances {
    pub counterparty: String,
    pub paid: Vec<(NaiveDate, Money)>,
    pub applied: Money,
}

for_each_engine! {
    /// The credit invoices issued by `issued_by` that payments and write-offs dated by
    /// `paid_by` have not settled, each with its id.
    async fn open_with_ids(conn: &mut Conn, org_id: OrgId, issued_by: NaiveDate, paid_by: NaiveDate) -> Result<Vec<(Uuid, StoredOpenInvoice)>, StoreError> {
        let rows = sqlx::query(OPEN_INVOICES)
            .bind(org_id)
            .bind(issued_by)
            .bind(paid_by)
            .fetch_all(&mut *conn)
            .await?;
        let mut open = Vec::new();
        for row in &rows {
            let amount: i64 = row.try_get("amount_minor")?;
            let paid: i64 = row.try_get("paid")?;
            if amount <= paid {
                continue;
            }
            let sequence: i64 = row.try_get("sequence")?;
            open.push((row.try_get("invoice_id")?, StoredOpenInvoice {
                sequence: to_u64(sequence, "sequence")?,
                counterparty: row.try_get("name")?,
                date: row.try_get("date")?,
                due: row.try_get("due")?,
                amount: Money::from_minor(amount),
                open: Money::from_minor(amount - paid),
            }));
        }
        Ok(open)
    }

    /// Per buyer owing anything on `as_of`, what its invoices on credit still owe.
    pub(crate) async fn owed_by_buyer(conn: &mut Conn, org_id: OrgId, as_of: NaiveDate) -> Result<Vec<(String, Money)>, StoreError> {
        let rows = sqlx::query(OWED_BY_BUYER)
            .bind(org_id)
            .bind(as_of)
            .bind(as_of)
            .fetch_all(&mut *conn)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("name")?, Money::from_minor(row.try_get("owed")?))))
            .collect()
    }

    pub(crate) async fn open_invoices(conn: &mut Conn, org_id: OrgId, issued_by: NaiveDate, paid_by: NaiveDate) -> Result<Vec<StoredOpenInvoice>, StoreError> {
        Ok(open_with_ids(conn, org_id, issued_by, paid_by).await?.into_iter().map(|(_, invoice)| invoice).collect())
    }

    pub(crate) async fn record_payment(conn: &mut Conn, org_id: OrgId, payment: &NewPayment, actor: &Actor) -> Result<u64, StoreError> {
        let counterparty_id: Uuid = sqlx::query("SELECT counterparty_id FROM counterparties WHERE org_id = $1 AND name = $2")
            .bind(org_id)
            .bind(&payment.counterparty)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "counterparty", key: payment.counterparty.clone() })?
            .try_get("counterparty_id")?;
        // Every payment so far counts, whatever its date: an invoice is never paid twice.
        let open = open_with_ids(conn, org_id, LAST_DAY, LAST_DAY).await?;
        let mut allocations = Vec::with_capacity(payment.applied.len());
        for (sequence, amount) in &payment.applied {
            let owed = open
                .iter()
                .find(|(_, invoice)| invoice.sequence == *sequence && invoice.counterparty == payment.counterparty);
            match owed {
                Some((invoice_id, invoice)) if invoice.open >= *amount => allocations.push((*invoice_id, *amount)),
                _ => {
                    return Err(StoreError::changed("amount", format!(
                        "invoice {sequence} no longer owes what the payment applies to it; look again and retry"
                    )));
                }
            }
        }
        let mut state = peers::posting::load_state(conn, org_id).await?;
        let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(&payment.entry)).await?;
        peers::posting::finish(conn, &mut state).await?;
        let sequence = posted
            .first()
            .map(|p| p.sequence)
            .ok_or_else(|| StoreError::Corrupt("a payment was not posted".into()))?;
        let payment_id = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO payments (org_id, payment_id, date, counterparty_id, amount_minor, advance_minor, sequence, source, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(org_id)
        .bind(payment_id)
        .bind(payment.date)
        .bind(counterparty_id)
        .bind(payment.amount.minor())
        .bind(payment.advance.minor())
        .bind(to_i64(sequence)?)
        .bind(&payment.source)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        for (invoice_id, amount) in allocations {
            sqlx::query("INSERT INTO payment_allocations (org_id, payment_id, invoice_id, amount_minor) VALUES ($1, $2, $3, $4)")
                .bind(org_id)
                .bind(payment_id)
                .bind(invoice_id)
                .bind(amount.minor())
                .execute(&mut *conn)
                .await?;
        }
        let detail = format!("payment of {} minor units from '{}'", payment.amount.minor(), payment.counterparty);
        peers::audit::record(conn, org_id, actor, "payment.record", &detail).await?;
        Ok(sequence)
    }

    pub(crate) async fn write_off(conn: &mut Conn, org_id: OrgId, write_off: &NewWriteOff, accounts: &[Account], actor: &Actor) -> Result<u64, StoreError> {
        let motion_id: Uuid = sqlx::query("SELECT motion_id FROM motions WHERE org_id = $1 AND number = $2 AND outcome = 'adopted'")
            .bind(org_id)
            .bind(to_i64(write_off.motion)?)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "adopted motion", key: write_off.motion.to_string() })?
            .try_get("motion_id")?;
        let open = open_with_ids(conn, org_id, LAST_DAY, LAST_DAY).await?;
        let invoice_id = match open.iter().find(|(_, invoice)| invoice.sequence == write_off.invoice) {
            Some((invoice_id, invoice)) if invoice.open == write_off.amount => *invoice_id,
            _ => {
                return Err(StoreError::changed("invoice", format!(
                    "invoice {} no longer owes what is written off; look again and retry", write_off.invoice
                )));
            }
        };
        peers::accounts::open_missing(conn, org_id, accounts).await?;
        let mut state = peers::posting::load_state(conn, org_id).await?;
        let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(&write_off.entry)).await?;
        peers::posting::finish(conn, &mut state).await?;
        let sequence = posted
            .first()
            .map(|p| p.sequence)
            .ok_or_else(|| StoreError::Corrupt("a write-off was not posted".into()))?;
        sqlx::query(
            "INSERT INTO write_offs (org_id, invoice_id, date, amount_minor, motion_id, sequence, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(org_id)
        .bind(invoice_id)
        .bind(write_off.date)
        .bind(write_off.amount.minor())
        .bind(motion_id)
        .bind(to_i64(sequence)?)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        let detail = format!(
            "invoice {} written off, {} minor units, by motion {}",
            write_off.invoice, write_off.amount.minor(), write_off.motion
        );
        peers::audit::record(conn, org_id, actor, "receivable.write_off", &detail).await?;
        Ok(sequence)
    }

    pub(crate) async fn advances(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredAdvances>, StoreError> {
        let paid = sqlx::query(
            "SELECT p.name, y.date, y.advance_minor FROM payments y \
             JOIN counterparties p ON p.org_id = y.org_id AND p.counterparty_id = y.counterparty_id \
             WHERE y.org_id = $1 AND y.advance_minor > 0 ORDER BY y.date",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        let applied = sqlx::query(
            "SELECT p.name, CAST(SUM(i.advance_minor) AS BIGINT) AS applied FROM invoices i \
             JOIN counterparties p ON p.org_id = i.org_id AND p.counterparty_id = i.counterparty_id \
             WHERE i.org_id = $1 AND i.advance_minor > 0 GROUP BY p.name",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut advances: Vec<StoredAdvances> = Vec::new();
        for row in &paid {
            let name: String = row.try_get("name")?;
            let payment = (row.try_get("date")?, Money::from_minor(row.try_get("advance_minor")?));
            match advances.iter_mut().find(|a| a.counterparty == name) {
                Some(advance) => advance.paid.push(payment),
                None => advances.push(StoredAdvances { counterparty: name, paid: vec![payment], applied: Money::ZERO }),
            }
        }
        for row in &applied {
            let name: String = row.try_get("name")?;
            let amount = Money::from_minor(row.try_get("applied")?);
            match advances.iter_mut().find(|a| a.counterparty == name) {
                Some(advance) => advance.applied = amount,
                None => return Err(StoreError::Corrupt(format!("invoices of '{name}' took advances never paid"))),
            }
        }
        Ok(advances)
    }
}

impl Db {
    /// Writes off what an invoice still owes, by an adopted motion, with the entry that
    /// posts it, opening the `accounts` it needs that the chart lacks; the entry's sequence.
    pub async fn write_off(
        &self,
        org_id: OrgId,
        write_off: &NewWriteOff,
        accounts: &[Account],
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::write_off(conn, org_id, write_off, accounts, actor).await)
    }

    /// The advances each buyer has paid and how much of them invoices have taken.
    pub async fn advances(&self, org_id: OrgId) -> Result<Vec<StoredAdvances>, StoreError> {
        on_connection!(self, conn, engine => engine::advances(conn, org_id).await)
    }

    /// Every invoice on credit dated by `as_of` with something still owed on it that day.
    pub async fn open_invoices(
        &self,
        org_id: OrgId,
        as_of: NaiveDate,
    ) -> Result<Vec<StoredOpenInvoice>, StoreError> {
        on_connection!(self, conn, engine => engine::open_invoices(conn, org_id, as_of, as_of).await)
    }

    /// Per buyer owing anything on `as_of`, what its invoices on credit still owe that day:
    /// [`Db::open_invoices`] summed by buyer.
    pub async fn owed_by_buyer(
        &self,
        org_id: OrgId,
        as_of: NaiveDate,
    ) -> Result<Vec<(String, Money)>, StoreError> {
        on_connection!(self, conn, engine => engine::owed_by_buyer(conn, org_id, as_of).await)
    }

    /// Every invoice on credit dated by `issued_by` with something still owed on it,
    /// counting every payment and write-off whatever its date: what a payment or a
    /// write-off dated `issued_by` may still settle.
    pub async fn invoices_still_owed(
        &self,
        org_id: OrgId,
        issued_by: NaiveDate,
    ) -> Result<Vec<StoredOpenInvoice>, StoreError> {
        on_connection!(self, conn, engine => engine::open_invoices(conn, org_id, issued_by, LAST_DAY).await)
    }

    /// Records a payment with its entry and the invoices it pays; the entry's sequence.
    pub async fn record_payment(
        &self,
        org_id: OrgId,
        payment: &NewPayment,
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::record_payment(conn, org_id, payment, actor).await)
    }
}
