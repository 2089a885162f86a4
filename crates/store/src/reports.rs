//! Reads for the reports. Balances over a date range add the stored monthly balances of
//! the whole months inside it and the postings of the partial months at its edges, so a
//! report never scans the whole history.

use std::collections::HashMap;

use artel_ledger::report::BalanceRow;
use artel_ledger::{AccountName, AccountType, Money, Period};
use chrono::NaiveDate;
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::accounts::StoredAccount;
use crate::db::{Db, for_each_engine, on_connection};
use crate::error::StoreError;
use crate::numbers::to_u64;

/// How a date range splits into whole months (read from balances) and partial edges
/// (read from postings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RangePlan {
    /// Whole months, inclusive; `None` at either end means unbounded.
    pub(crate) months: Option<(Option<Period>, Option<Period>)>,
    /// Date ranges, inclusive, read from postings.
    pub(crate) edges: Vec<(NaiveDate, NaiveDate)>,
}

/// Per account, the sum of the postings of the entries dated `$2..=$3`. The entries come
/// first, through their index by date: SQLite's `CROSS JOIN` keeps that order, where it
/// would otherwise walk every posting of the book by account to save sorting the few
/// groups (3 s instead of a tenth of a millisecond on a book of a million entries).
/// PostgreSQL plans the two alike.
const POSTED_SUMS: &str = "SELECT p.account_id, CAST(SUM(p.amount_minor) AS BIGINT) AS amount \
     FROM entries e CROSS JOIN postings p \
     WHERE e.org_id = $1 AND e.date >= $2 AND e.date <= $3 \
     AND p.org_id = e.org_id AND p.sequence = e.sequence GROUP BY p.account_id";

pub(crate) fn plan(from: Option<NaiveDate>, to: Option<NaiveDate>) -> RangePlan {
    let first_month = from.map(|date| {
        let period = Period::of(date);
        if date == period.first_day() {
            period
        } else {
            period.next()
        }
    });
    let last_month = to.map(|date| {
        let period = Period::of(date);
        if date == period.last_day() {
            period
        } else {
            period.previous()
        }
    });
    if let (Some(first), Some(last)) = (first_month, last_month)
        && first > last
    {
        // No whole month inside: the range is read from postings alone.
        let (Some(from), Some(to)) = (from, to) else {
            return RangePlan {
                months: None,
                edges: vec![],
            };
        };
        let edges = if from <= to { vec![(from, to)] } else { vec![] };
        return RangePlan {
            months: None,
            edges,
        };
    }
    let mut edges = Vec::new();
    if let (Some(from), Some(first)) = (from, first_month)
        && from < first.first_day()
        && let Some(end) = first.first_day().pred_opt()
    {
        edges.push((from, end));
    }
    if let (Some(to), Some(last)) = (to, last_month)
        && to > last.last_day()
        && let Some(start) = last.last_day().succ_opt()
    {
        edges.push((start, to));
    }
    RangePlan {
        months: Some((first_month, last_month)),
        edges,
    }
}

/// A line of an account's general ledger as read: date, sequence, memo, amount.
pub type LedgerPosting = (NaiveDate, u64, String, Money);

/// The stored balances of one month summed over the accounts of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotal {
    pub period: Period,
    pub account_type: AccountType,
    pub amount: Money,
}

/// Sums per account, added up exactly.
#[derive(Debug, Default)]
struct Sums(HashMap<Uuid, i64>);

impl Sums {
    fn add_all(&mut self, sums: impl IntoIterator<Item = (Uuid, i64)>) -> Result<(), StoreError> {
        for (account_id, amount) in sums {
            let slot = self.0.entry(account_id).or_insert(0);
            *slot = slot
                .checked_add(amount)
                .ok_or_else(|| StoreError::Corrupt("a balance overflows".into()))?;
        }
        Ok(())
    }

    /// The non-zero sums as rows of the chart `accounts`, in its order.
    fn rows(&self, accounts: &[StoredAccount]) -> Vec<BalanceRow> {
        accounts
            .iter()
            .filter_map(|stored| {
                let balance = self.0.get(&stored.account_id).copied().unwrap_or(0);
                (balance != 0).then(|| BalanceRow {
                    account: stored.account.name.clone(),
                    account_type: stored.account.account_type,
                    balance: Money::from_minor(balance),
                })
            })
            .collect()
    }
}

for_each_engine! {
    /// Per account, the sum of postings dated in `from..=to` (inclusive, either open).
    pub(crate) async fn balances(conn: &mut Conn, org_id: OrgId, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<BalanceRow>, StoreError> {
        let mut sums = Sums::default();
        let range = plan(from, to);
        if let Some((first, last)) = range.months {
            let first = first.map_or_else(|| "0000-00".to_owned(), |p| p.to_string());
            let last = last.map_or_else(|| "9999-99".to_owned(), |p| p.to_string());
            sums.add_all(stored_sums(conn, org_id, &first, &last).await?)?;
        }
        for (start, end) in range.edges {
            sums.add_all(posted_sums(conn, org_id, start, end).await?)?;
        }
        let accounts = peers::accounts::list(conn, org_id).await?;
        Ok(sums.rows(&accounts))
    }

    /// Per account, the sum of every posting up to `as_of`, and of those dated in
    /// `as_of`'s month alone: the stored months before it, the month's postings and the
    /// chart, each read once for both.
    pub(crate) async fn balances_with_month(conn: &mut Conn, org_id: OrgId, as_of: NaiveDate) -> Result<(Vec<BalanceRow>, Vec<BalanceRow>), StoreError> {
        let month = Period::of(as_of);
        let mut to_date = Sums::default();
        to_date.add_all(stored_sums(conn, org_id, "0000-00", &month.previous().to_string()).await?)?;
        let posted = posted_sums(conn, org_id, month.first_day(), as_of).await?;
        let mut within = Sums::default();
        within.add_all(posted.iter().copied())?;
        to_date.add_all(posted)?;
        let accounts = peers::accounts::list(conn, org_id).await?;
        Ok((to_date.rows(&accounts), within.rows(&accounts)))
    }

    /// Per account, the stored balances of the months `first..=last` summed.
    async fn stored_sums(conn: &mut Conn, org_id: OrgId, first: &str, last: &str) -> Result<Vec<(Uuid, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, CAST(SUM(amount_minor) AS BIGINT) AS amount FROM balances \
             WHERE org_id = $1 AND period >= $2 AND period <= $3 GROUP BY account_id",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(|row| Ok((row.try_get("account_id")?, row.try_get("amount")?))).collect()
    }

    /// Per account, the sum of the postings dated in `start..=end`.
    async fn posted_sums(conn: &mut Conn, org_id: OrgId, start: NaiveDate, end: NaiveDate) -> Result<Vec<(Uuid, i64)>, StoreError> {
        let rows = sqlx::query(POSTED_SUMS)
        .bind(org_id)
        .bind(start)
        .bind(end)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(|row| Ok((row.try_get("account_id")?, row.try_get("amount")?))).collect()
    }

    /// Per month of `first..=last` and type of account, the sum of the stored balances.
    pub(crate) async fn month_totals(conn: &mut Conn, org_id: OrgId, first: &str, last: &str) -> Result<Vec<MonthTotal>, StoreError> {
        let rows = sqlx::query(
            "SELECT b.period, a.account_type, CAST(SUM(b.amount_minor) AS BIGINT) AS amount \
             FROM balances b JOIN accounts a ON a.org_id = b.org_id AND a.account_id = b.account_id \
             WHERE b.org_id = $1 AND b.period >= $2 AND b.period <= $3 \
             GROUP BY b.period, a.account_type",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| {
                let period: String = row.try_get("period")?;
                let type_text: String = row.try_get("account_type")?;
                Ok(MonthTotal {
                    period: Period::parse(&period).map_err(|_| StoreError::Corrupt(format!("balance period '{period}'")))?,
                    account_type: AccountType::parse(&type_text)
                        .ok_or_else(|| StoreError::Corrupt(format!("account type '{type_text}'")))?,
                    amount: Money::from_minor(row.try_get("amount")?),
                })
            })
            .collect()
    }

    /// An account's postings dated in `from..=to`, by date and then sequence.
    pub(crate) async fn account_postings(conn: &mut Conn, org_id: OrgId, account: &AccountName, from: NaiveDate, to: NaiveDate) -> Result<Vec<LedgerPosting>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.date, e.sequence, e.memo, p.amount_minor \
             FROM accounts a JOIN postings p ON p.org_id = a.org_id AND p.account_id = a.account_id \
             JOIN entries e ON e.org_id = p.org_id AND e.sequence = p.sequence \
             WHERE a.org_id = $1 AND a.name = $2 AND e.date >= $3 AND e.date <= $4 \
             ORDER BY e.date, e.sequence, p.line",
        )
        .bind(org_id)
        .bind(account.as_str())
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| {
                let sequence: i64 = row.try_get("sequence")?;
                Ok((
                    row.try_get("date")?,
                    to_u64(sequence, "sequence")?,
                    row.try_get("memo")?,
                    Money::from_minor(row.try_get("amount_minor")?),
                ))
            })
            .collect()
    }
}

impl Db {
    /// Every account's balance over `from..=to` (inclusive; `None` is unbounded), zero
    /// balances left out, ordered by account name.
    pub async fn balances(
        &self,
        org_id: OrgId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<BalanceRow>, StoreError> {
        on_connection!(self, conn, engine => engine::balances(conn, org_id, from, to).await)
    }

    /// The stored balances of each month from `first` to `last` (inclusive), summed per type
    /// of account: one grouped read for a run of whole months.
    pub async fn month_totals(
        &self,
        org_id: OrgId,
        first: Period,
        last: Period,
    ) -> Result<Vec<MonthTotal>, StoreError> {
        let (first, last) = (first.to_string(), last.to_string());
        on_connection!(self, conn, engine => engine::month_totals(conn, org_id, &first, &last).await)
    }

    /// Per account, the balance of every posting up to `as_of` and of those dated in
    /// `as_of`'s month alone (a dashboard's two readings), in one go.
    pub async fn balances_with_month(
        &self,
        org_id: OrgId,
        as_of: NaiveDate,
    ) -> Result<(Vec<BalanceRow>, Vec<BalanceRow>), StoreError> {
        on_connection!(self, conn, engine => engine::balances_with_month(conn, org_id, as_of).await)
    }

    /// One account's postings dated in `from..=to`.
    pub async fn account_postings(
        &self,
        org_id: OrgId,
        account: &AccountName,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<LedgerPosting>, StoreError> {
        on_connection!(self, conn, engine => engine::account_postings(conn, org_id, account, from, to).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Pools;

    /// A partial month's sums read that month's entries by date and each one's postings by
    /// key, never the book's postings: SQLite's plan for [`POSTED_SUMS`] on a new database.
    #[tokio::test]
    async fn a_months_sums_read_its_entries_by_date() {
        let directory = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", directory.path().join("books.db").display());
        let db = Db::open(&url).await.unwrap();
        let Pools::Sqlite(pool) = &db.pools else {
            panic!("a SQLite database")
        };
        let explain = format!("EXPLAIN QUERY PLAN {POSTED_SUMS}");
        let steps: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(explain))
            .bind(Uuid::nil())
            .bind(day("1954-04-01"))
            .bind(day("1954-04-15"))
            .fetch_all(pool)
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get("detail").unwrap())
            .collect();
        assert_eq!(
            &steps[..2],
            [
                "SEARCH e USING COVERING INDEX entries_by_date (org_id=? AND date>? AND date<?)",
                "SEARCH p USING PRIMARY KEY (org_id=? AND sequence=?)",
            ],
            "{steps:?}"
        );
        db.close().await.unwrap();
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn month(text: &str) -> Option<Period> {
        Some(Period::parse(text).unwrap())
    }

    #[test]
    fn ranges_split_into_whole_months_and_edges() {
        assert_eq!(
            plan(None, None),
            RangePlan {
                months: Some((None, None)),
                edges: vec![]
            }
        );
        assert_eq!(
            plan(Some(day("1954-01-01")), Some(day("1954-03-31"))),
            RangePlan {
                months: Some((month("1954-01"), month("1954-03"))),
                edges: vec![]
            }
        );
        assert_eq!(
            plan(Some(day("1954-01-06")), Some(day("1954-03-20"))),
            RangePlan {
                months: Some((month("1954-02"), month("1954-02"))),
                edges: vec![
                    (day("1954-01-06"), day("1954-01-31")),
                    (day("1954-03-01"), day("1954-03-20"))
                ]
            }
        );
        assert_eq!(
            plan(Some(day("1954-01-06")), Some(day("1954-01-20"))),
            RangePlan {
                months: None,
                edges: vec![(day("1954-01-06"), day("1954-01-20"))]
            }
        );
        assert_eq!(
            plan(Some(day("1954-01-20")), Some(day("1954-01-06"))),
            RangePlan {
                months: None,
                edges: vec![]
            }
        );
        assert_eq!(
            plan(None, Some(day("1954-02-10"))),
            RangePlan {
                months: Some((None, month("1954-01"))),
                edges: vec![(day("1954-02-01"), day("1954-02-10"))]
            }
        );
        assert_eq!(
            plan(Some(day("1954-01-31")), Some(day("1954-02-01"))),
            RangePlan {
                months: None,
                edges: vec![(day("1954-01-31"), day("1954-02-01"))]
            }
        );
    }
}
