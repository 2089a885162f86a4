//! What the records of every organisation in a region subtree add up to over a period,
//! summed by the database per organisation — the statistics' inputs read in a handful of
//! grouped statements instead of every organisation's records one by one. Quantities and
//! amounts are summed by `SUM`, which is exact on both engines and an error on overflow (a
//! product of two columns is never formed here: SQLite would make it a float); the
//! caller adds them up per organisation with the pure core's rules.

use artel_ledger::{Money, Period};
use chrono::NaiveDate;
use sqlx::Row;

use crate::OrgId;
use crate::db::{Db, for_each_engine, on_connection};
use crate::error::StoreError;
use crate::numbers::to_u64;

/// One product's production reports of one organisation over the period, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducedSum {
    pub org_id: OrgId,
    /// The product's standard price.
    pub price: Money,
    pub quantity: u64,
    pub defective: u64,
    pub first_grade: u64,
}

/// One organisation's invoices to one kind of buyer on the same terms, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoicedSum {
    pub org_id: OrgId,
    pub counterparty_type: String,
    /// As stored: `cash` or `credit:DAYS`.
    pub terms: String,
    pub amount: Money,
}

/// One organisation's contracts of one kind with one kind of counterparty, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractedSum {
    pub org_id: OrgId,
    pub counterparty_type: String,
    pub kind: String,
    pub value: Money,
}

/// The sums of a region subtree's records over a period, per organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionSums {
    pub produced: Vec<ProducedSum>,
    /// The planned value of the period's months.
    pub planned: Vec<(OrgId, Money)>,
    pub invoiced: Vec<InvoicedSum>,
    /// Contracts signed in the period.
    pub contracted: Vec<ContractedSum>,
    /// Posted in the period to the accounts marked as production costs, the year closings
    /// (and the reversals that reopened them) left out.
    pub production_cost: Vec<(OrgId, Money)>,
    /// How many of each member event asked for happened up to the period's last day.
    pub member_events: Vec<(OrgId, String, u64)>,
}

/// `$before`, the organisations of the subtree (`$1` is the region's path followed by
/// `%`), then `$after`: a query over the subtree's records.
macro_rules! in_subtree {
    ($before:literal, $after:literal) => {
        concat!(
            $before,
            " (SELECT o.org_id FROM organisations o JOIN regions r ON r.region_id = o.region_id \
             WHERE r.path LIKE $1) ",
            $after
        )
    };
}

for_each_engine! {
    pub(crate) async fn produced(conn: &mut Conn, subtree: &str, first: NaiveDate, last: NaiveDate) -> Result<Vec<ProducedSum>, StoreError> {
        let rows = sqlx::query(in_subtree!(
            "SELECT s.org_id, p.standard_price_minor, s.quantity, s.defective, s.first_grade FROM \
             (SELECT org_id, product_id, CAST(SUM(quantity) AS BIGINT) AS quantity, \
              CAST(SUM(defective) AS BIGINT) AS defective, \
              CAST(COALESCE(SUM(first_grade), 0) AS BIGINT) AS first_grade \
              FROM production_reports WHERE org_id IN",
            "AND date >= $2 AND date <= $3 \
              GROUP BY org_id, product_id) s \
             JOIN products p ON p.org_id = s.org_id AND p.product_id = s.product_id"
        ))
        .bind(subtree)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ProducedSum {
                    org_id: row.try_get("org_id")?,
                    price: Money::from_minor(row.try_get("standard_price_minor")?),
                    quantity: to_u64(row.try_get("quantity")?, "quantity")?,
                    defective: to_u64(row.try_get("defective")?, "defective")?,
                    first_grade: to_u64(row.try_get("first_grade")?, "first grade")?,
                })
            })
            .collect()
    }

    pub(crate) async fn planned(conn: &mut Conn, subtree: &str, first: &str, last: &str) -> Result<Vec<(OrgId, Money)>, StoreError> {
        let rows = sqlx::query(in_subtree!(
            "SELECT org_id, CAST(SUM(value_minor) AS BIGINT) AS value FROM production_plans \
             WHERE org_id IN",
            "AND month >= $2 AND month <= $3 GROUP BY org_id"
        ))
        .bind(subtree)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(|row| Ok((row.try_get("org_id")?, Money::from_minor(row.try_get("value")?)))).collect()
    }

    /// The `(org_id, counterparty_type, detail, amount)` rows of `sql` over the subtree
    /// (`$1`) and the days `$2..=$3`: sums by kind of counterparty and one more column.
    async fn by_counterparty(conn: &mut Conn, sql: &'static str, subtree: &str, first: NaiveDate, last: NaiveDate) -> Result<Vec<(OrgId, String, String, Money)>, StoreError> {
        let rows = sqlx::query(sql).bind(subtree).bind(first).bind(last).fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|row| {
                Ok((row.try_get("org_id")?, row.try_get("counterparty_type")?, row.try_get("detail")?, Money::from_minor(row.try_get("amount")?)))
            })
            .collect()
    }

    pub(crate) async fn invoiced(conn: &mut Conn, subtree: &str, first: NaiveDate, last: NaiveDate) -> Result<Vec<InvoicedSum>, StoreError> {
        let sql = in_subtree!(
            "SELECT i.org_id, c.counterparty_type, i.terms AS detail, CAST(SUM(i.amount_minor) AS BIGINT) AS amount \
             FROM invoices i JOIN counterparties c ON c.org_id = i.org_id AND c.counterparty_id = i.counterparty_id \
             WHERE i.org_id IN",
            "AND i.date >= $2 AND i.date <= $3 \
             GROUP BY i.org_id, c.counterparty_type, i.terms"
        );
        let rows = by_counterparty(conn, sql, subtree, first, last).await?;
        Ok(rows
            .into_iter()
            .map(|(org_id, counterparty_type, terms, amount)| InvoicedSum { org_id, counterparty_type, terms, amount })
            .collect())
    }

    pub(crate) async fn contracted(conn: &mut Conn, subtree: &str, first: NaiveDate, last: NaiveDate) -> Result<Vec<ContractedSum>, StoreError> {
        let sql = in_subtree!(
            "SELECT k.org_id, c.counterparty_type, k.kind AS detail, CAST(SUM(k.value_minor) AS BIGINT) AS amount \
             FROM contracts k JOIN counterparties c ON c.org_id = k.org_id AND c.counterparty_id = k.counterparty_id \
             WHERE k.org_id IN",
            "AND k.signed >= $2 AND k.signed <= $3 \
             GROUP BY k.org_id, c.counterparty_type, k.kind"
        );
        let rows = by_counterparty(conn, sql, subtree, first, last).await?;
        Ok(rows
            .into_iter()
            .map(|(org_id, counterparty_type, kind, value)| ContractedSum { org_id, counterparty_type, kind, value })
            .collect())
    }

    /// The production-cost accounts' monthly balances over the period, less what the year
    /// closings and their reversals posted to them in it: one row per organisation and
    /// part, added by the caller. The accounts come first (`CROSS JOIN` keeps SQLite to
    /// that order), each one's months then sought by key.
    pub(crate) async fn production_cost(conn: &mut Conn, subtree: &str, first: NaiveDate, last: NaiveDate) -> Result<Vec<(OrgId, Money)>, StoreError> {
        let balances = sqlx::query(in_subtree!(
            "SELECT a.org_id, CAST(SUM(b.amount_minor) AS BIGINT) AS amount FROM accounts a CROSS JOIN balances b \
             WHERE a.org_id IN",
            "AND a.production_cost = $4 AND b.org_id = a.org_id AND b.account_id = a.account_id \
             AND b.period >= $2 AND b.period <= $3 GROUP BY a.org_id"
        ))
        .bind(subtree)
        .bind(Period::of(first).to_string())
        .bind(Period::of(last).to_string())
        .bind(true)
        .fetch_all(&mut *conn)
        .await?;
        let closings = sqlx::query(in_subtree!(
            "SELECT p.org_id, CAST(-SUM(p.amount_minor) AS BIGINT) AS amount FROM year_closings y \
             JOIN entries e ON e.org_id = y.org_id AND (e.sequence = y.sequence OR e.sequence = y.reopen_sequence) \
             JOIN postings p ON p.org_id = e.org_id AND p.sequence = e.sequence \
             JOIN accounts a ON a.org_id = p.org_id AND a.account_id = p.account_id \
             WHERE y.org_id IN",
            "AND a.production_cost = $4 AND e.date >= $2 AND e.date <= $3 \
             GROUP BY p.org_id"
        ))
        .bind(subtree)
        .bind(first)
        .bind(last)
        .bind(true)
        .fetch_all(&mut *conn)
        .await?;
        balances
            .iter()
            .chain(closings.iter())
            .map(|row| Ok((row.try_get("org_id")?, Money::from_minor(row.try_get("amount")?))))
            .collect()
    }

    pub(crate) async fn member_events(conn: &mut Conn, subtree: &str, last: NaiveDate, events: &[&str]) -> Result<Vec<(OrgId, String, u64)>, StoreError> {
        let mut found = Vec::new();
        for event in events {
            let rows = sqlx::query(in_subtree!(
            "SELECT org_id, COUNT(*) AS n FROM member_events \
                 WHERE org_id IN",
            "AND event = $2 AND date <= $3 GROUP BY org_id"
        ))
            .bind(subtree)
            .bind(*event)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                found.push((row.try_get("org_id")?, (*event).to_owned(), to_u64(row.try_get("n")?, "count")?));
            }
        }
        Ok(found)
    }
}

impl Db {
    /// The sums of the records of the organisations in the region subtree at `path` over
    /// `first..=last` (whole months: the plans and balances are read by month), with the
    /// count of each of `member_events` up to `last`.
    pub async fn region_sums(
        &self,
        path: &str,
        first: NaiveDate,
        last: NaiveDate,
        member_events: &[&str],
    ) -> Result<RegionSums, StoreError> {
        let subtree = format!("{path}%");
        let (first_month, last_month) =
            (Period::of(first).to_string(), Period::of(last).to_string());
        // Each sum on a connection of its own, so that the engine runs them side by side
        // (SQLite: a thread per connection); each statement reads its own snapshot, as one
        // connection outside a transaction would.
        let (produced, planned, invoiced, contracted, production_cost, member_events) = tokio::try_join!(
            async {
                on_connection!(self, conn, engine => engine::produced(conn, &subtree, first, last).await)
            },
            async {
                on_connection!(self, conn, engine => engine::planned(conn, &subtree, &first_month, &last_month).await)
            },
            async {
                on_connection!(self, conn, engine => engine::invoiced(conn, &subtree, first, last).await)
            },
            async {
                on_connection!(self, conn, engine => engine::contracted(conn, &subtree, first, last).await)
            },
            async {
                on_connection!(self, conn, engine => engine::production_cost(conn, &subtree, first, last).await)
            },
            async {
                on_connection!(self, conn, engine => engine::member_events(conn, &subtree, last, member_events).await)
            },
        )?;
        Ok(RegionSums {
            produced,
            planned,
            invoiced,
            contracted,
            production_cost,
            member_events,
        })
    }
}
