//! Loans and their repayments. A loan is written with the entry that posts its drawdown,
//! numbered per organisation; a repayment with the entry that posts it, in one
//! transaction, and only if its instalment is the loan's next unpaid one — an instalment
//! paid meanwhile (a second clerk, a retried request) is refused with
//! `StoreError::Changed` and nothing is written. The schedule itself is the pure core's.

use artel_ledger::{Account, JournalEntry, Money};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{count, to_i64, to_u64};

/// A loan to record, with the entry that posts its drawdown.
#[derive(Debug, Clone)]
pub struct NewLoan {
    pub lender: String,
    /// `bank`, `federation` or `other`.
    pub lender_kind: &'static str,
    pub principal: Money,
    /// The annual rate in basis points.
    pub rate_bp: u32,
    pub drawn: NaiveDate,
    pub instalments: u32,
    /// Months between instalments.
    pub months: u32,
    pub source: String,
    pub entry: JournalEntry,
}

/// A repayment to record: loan `loan`'s instalment `instalment`, with the entry that
/// posts it.
#[derive(Debug, Clone)]
pub struct NewRepayment {
    pub loan: u64,
    pub instalment: u32,
    pub date: NaiveDate,
    pub principal: Money,
    pub interest: Money,
    pub source: String,
    pub entry: JournalEntry,
}

/// A repayment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRepayment {
    pub instalment: u32,
    pub date: NaiveDate,
    pub principal: Money,
    pub interest: Money,
    /// The entry that posted it.
    pub sequence: u64,
}

/// A loan as stored, with its repayments in the order of their instalments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLoan {
    pub number: u64,
    pub lender: String,
    pub lender_kind: String,
    pub principal: Money,
    pub rate_bp: u32,
    pub drawn: NaiveDate,
    pub instalments: u32,
    pub months: u32,
    /// The entry that posted the drawdown.
    pub sequence: u64,
    pub source: String,
    pub repayments: Vec<StoredRepayment>,
}

fn to_count(value: u32) -> i64 {
    i64::from(value)
}

for_each_engine! {
    /// Posts `entry` alone; its sequence.
    pub(crate) async fn post_one(conn: &mut Conn, org_id: OrgId, entry: &JournalEntry) -> Result<u64, StoreError> {
        let mut state = peers::posting::load_state(conn, org_id).await?;
        let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(entry)).await?;
        peers::posting::finish(conn, &mut state).await?;
        posted
            .first()
            .map(|p| p.sequence)
            .ok_or_else(|| StoreError::Corrupt("an entry was not posted".into()))
    }

    pub(crate) async fn add(conn: &mut Conn, org_id: OrgId, loan: &NewLoan, accounts: &[Account], actor: &Actor) -> Result<(u64, u64), StoreError> {
        peers::accounts::open_missing(conn, org_id, accounts).await?;
        let sequence = post_one(conn, org_id, &loan.entry).await?;
        let last: Option<i64> = sqlx::query("SELECT MAX(number) AS last FROM loans WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let number = last.unwrap_or(0) + 1;
        sqlx::query(
            "INSERT INTO loans (org_id, loan_id, number, lender, lender_kind, principal_minor, rate_bp, drawn, \
             instalments, months, sequence, source, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(org_id)
        .bind(Uuid::now_v7())
        .bind(number)
        .bind(&loan.lender)
        .bind(loan.lender_kind)
        .bind(loan.principal.minor())
        .bind(to_count(loan.rate_bp))
        .bind(loan.drawn)
        .bind(to_count(loan.instalments))
        .bind(to_count(loan.months))
        .bind(to_i64(sequence)?)
        .bind(&loan.source)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed("loan", "another loan was recorded meanwhile; retry")
            } else {
                error
            }
        })?;
        let detail = format!(
            "loan {number} from '{}': {} minor units at {} bp, {} instalments every {} months",
            loan.lender, loan.principal.minor(), loan.rate_bp, loan.instalments, loan.months
        );
        peers::audit::record(conn, org_id, actor, "loan.add", &detail).await?;
        let number = to_u64(number, "loan number")?;
        Ok((number, sequence))
    }

    pub(crate) async fn repay(conn: &mut Conn, org_id: OrgId, repayment: &NewRepayment, accounts: &[Account], actor: &Actor) -> Result<u64, StoreError> {
        let loan = sqlx::query("SELECT loan_id, instalments FROM loans WHERE org_id = $1 AND number = $2")
            .bind(org_id)
            .bind(to_i64(repayment.loan)?)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "loan", key: repayment.loan.to_string() })?;
        let loan_id: Uuid = loan.try_get("loan_id")?;
        let instalments = count(loan.try_get("instalments")?, "instalments")?;
        let paid: Option<i64> = sqlx::query("SELECT MAX(instalment) AS paid FROM loan_repayments WHERE org_id = $1 AND loan_id = $2")
            .bind(org_id)
            .bind(loan_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("paid")?;
        let paid = count(paid.unwrap_or(0), "instalment")?;
        if repayment.instalment > instalments {
            return Err(StoreError::changed("instalment", format!(
                "loan {} has {instalments} instalments", repayment.loan
            )));
        }
        if paid.checked_add(1) != Some(repayment.instalment) {
            return Err(StoreError::changed("instalment", format!(
                "instalment {} of loan {} is not the next unpaid one (paid up to {paid}); look again and retry",
                repayment.instalment, repayment.loan
            )));
        }
        peers::accounts::open_missing(conn, org_id, accounts).await?;
        let sequence = post_one(conn, org_id, &repayment.entry).await?;
        // The primary key holds between concurrent writers too: an instalment paid by a
        // transaction that committed after this one read is refused here.
        sqlx::query(
            "INSERT INTO loan_repayments (org_id, loan_id, instalment, date, principal_minor, interest_minor, sequence, source, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(org_id)
        .bind(loan_id)
        .bind(to_count(repayment.instalment))
        .bind(repayment.date)
        .bind(repayment.principal.minor())
        .bind(repayment.interest.minor())
        .bind(to_i64(sequence)?)
        .bind(&repayment.source)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed("instalment", format!(
                    "instalment {} of loan {} was paid meanwhile", repayment.instalment, repayment.loan
                ))
            } else {
                error
            }
        })?;
        let detail = format!(
            "loan {} instalment {}: {} + {} minor units",
            repayment.loan, repayment.instalment, repayment.principal.minor(), repayment.interest.minor()
        );
        peers::audit::record(conn, org_id, actor, "loan.repay", &detail).await?;
        Ok(sequence)
    }

    /// Every loan, or the one numbered `number`, with its repayments.
    pub(crate) async fn list(conn: &mut Conn, org_id: OrgId, number: Option<u64>) -> Result<Vec<StoredLoan>, StoreError> {
        let rows = sqlx::query(
            "SELECT loan_id, number, lender, lender_kind, principal_minor, rate_bp, drawn, instalments, months, sequence, source \
             FROM loans WHERE org_id = $1 AND ($2 IS NULL OR number = $2) ORDER BY number",
        )
        .bind(org_id)
        .bind(number.map(to_i64).transpose()?)
        .fetch_all(&mut *conn)
        .await?;
        let repayments = sqlx::query(
            "SELECT r.loan_id, r.instalment, r.date, r.principal_minor, r.interest_minor, r.sequence FROM loan_repayments r \
             JOIN loans l ON l.org_id = r.org_id AND l.loan_id = r.loan_id \
             WHERE r.org_id = $1 AND ($2 IS NULL OR l.number = $2) ORDER BY r.loan_id, r.instalment",
        )
        .bind(org_id)
        .bind(number.map(to_i64).transpose()?)
        .fetch_all(&mut *conn)
        .await?;
        let mut paid: Vec<(Uuid, StoredRepayment)> = Vec::with_capacity(repayments.len());
        for row in &repayments {
            let sequence: i64 = row.try_get("sequence")?;
            paid.push((row.try_get("loan_id")?, StoredRepayment {
                instalment: count(row.try_get("instalment")?, "instalment")?,
                date: row.try_get("date")?,
                principal: Money::from_minor(row.try_get("principal_minor")?),
                interest: Money::from_minor(row.try_get("interest_minor")?),
                sequence: to_u64(sequence, "sequence")?,
            }));
        }
        rows.iter()
            .map(|row| {
                let loan_id: Uuid = row.try_get("loan_id")?;
                let number: i64 = row.try_get("number")?;
                let sequence: i64 = row.try_get("sequence")?;
                Ok(StoredLoan {
                    number: to_u64(number, "loan number")?,
                    lender: row.try_get("lender")?,
                    lender_kind: row.try_get("lender_kind")?,
                    principal: Money::from_minor(row.try_get("principal_minor")?),
                    rate_bp: count(row.try_get("rate_bp")?, "rate")?,
                    drawn: row.try_get("drawn")?,
                    instalments: count(row.try_get("instalments")?, "instalments")?,
                    months: count(row.try_get("months")?, "months")?,
                    sequence: to_u64(sequence, "sequence")?,
                    source: row.try_get("source")?,
                    repayments: paid
                        .iter()
                        .filter(|(of, _)| *of == loan_id)
                        .map(|(_, repayment)| repayment.clone())
                        .collect(),
                })
            })
            .collect()
    }
}

impl Db {
    /// Records a loan with the entry that posts its drawdown, opening the `accounts` it
    /// needs that the chart lacks; the loan's number and the entry's sequence.
    pub async fn add_loan(
        &self,
        org_id: OrgId,
        loan: &NewLoan,
        accounts: &[Account],
        actor: impl Into<Actor>,
    ) -> Result<(u64, u64), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add(conn, org_id, loan, accounts, actor).await)
    }

    /// Records a repayment with the entry that posts it, only if its instalment is the
    /// loan's next unpaid one (`StoreError::Changed` otherwise); the entry's sequence.
    pub async fn repay_loan(
        &self,
        org_id: OrgId,
        repayment: &NewRepayment,
        accounts: &[Account],
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::repay(conn, org_id, repayment, accounts, actor).await)
    }

    /// Every loan of the organisation, by number, with its repayments.
    pub async fn loans(&self, org_id: OrgId) -> Result<Vec<StoredLoan>, StoreError> {
        on_connection!(self, conn, engine => engine::list(conn, org_id, None).await)
    }

    /// The loan numbered `number`, with its repayments.
    pub async fn loan(&self, org_id: OrgId, number: u64) -> Result<Option<StoredLoan>, StoreError> {
        on_connection!(self, conn, engine => Ok(engine::list(conn, org_id, Some(number)).await?.pop()))
    }
}
