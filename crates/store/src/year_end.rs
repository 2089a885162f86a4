//! The year's end in the database: labour records per member and month; a year closed with
//! the entry that closes its income and expenses into the year's surplus and its twelve
//! months locked, in one transaction that refuses when anything was posted to the year
//! meanwhile; a year reopened by a recorded decision, the closing reversed and the months
//! unlocked; and the distribution of a closed year's surplus, written with its entry and
//! every member's dividends, once per year and once per motion.

use std::collections::{BTreeSet, HashMap};

use artel_ledger::report::BalanceRow;
use artel_ledger::{Account, AccountType, JournalEntry, Money, Period};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// How many labour records one statement writes (7 values each, far below either engine's
/// limit on parameters).
const LABOUR_ROWS_PER_STATEMENT: usize = 64;

/// One member's labour in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabourRow {
    pub member: u64,
    /// `YYYY-MM`.
    pub month: Period,
    pub days_tenths: u64,
    pub pieces: u64,
    pub wages: Money,
}

/// A year's closing as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClosing {
    pub year: i32,
    /// The closings of one year are numbered from 1: a year reopened and closed again has two.
    pub number: u64,
    /// The entry that closed the year; none when it had no income or expenses.
    pub sequence: Option<u64>,
    pub surplus: Money,
    /// When reopened: the motion that decided so and the entry that reversed the closing.
    pub reopened: Option<Reopening>,
}

/// A closing's reopening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reopening {
    pub motion: u64,
    pub sequence: Option<u64>,
}

/// A distribution as written and as stored: the figures of the pure core's division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionFigures {
    pub surplus: Money,
    pub loss_covered: Money,
    pub distributable: Money,
    pub accumulation: Money,
    pub welfare: Money,
    pub levies: Money,
    pub labour: Money,
    pub share: Money,
    pub share_cap: Money,
    pub cap_excess: Money,
    /// `accumulation-fund` or `welfare-fund`, and the amount drawn.
    pub draw: Option<(String, Money)>,
    pub loss_charged: Money,
    pub loss_carried: Money,
}

/// A distribution to write: the year, the motion that adopted it, its figures, each member's
/// dividends (member number, labour, share) and the entry that posts it.
#[derive(Debug, Clone)]
pub struct NewDistribution {
    pub year: i32,
    pub motion: u64,
    pub date: NaiveDate,
    pub figures: DistributionFigures,
    pub dividends: Vec<(u64, Money, Money)>,
    /// The labour records of the year it was divided on, as [`Db::labour`] read them; the
    /// distribution is refused if they changed since.
    pub labour: Vec<LabourRow>,
    pub entry: JournalEntry,
}

/// A distribution as stored, with its members' dividends by member number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDistribution {
    pub year: i32,
    pub motion: u64,
    pub sequence: u64,
    pub date: NaiveDate,
    pub figures: DistributionFigures,
    pub dividends: Vec<(u64, Money, Money)>,
}

fn months_of(year: i32) -> Result<Vec<Period>, StoreError> {
    (1..=12)
        .map(|month| {
            Period::new(year, month)
                .ok_or_else(|| StoreError::Corrupt(format!("no months in {year}")))
        })
        .collect()
}

fn changed_year(year: i32) -> StoreError {
    StoreError::changed(
        "year",
        format!("entries were posted to {year} meanwhile; look at the year again and retry"),
    )
}

for_each_engine! {
    /// Posts `entry` into the months of `year` even where they are closed.
    async fn post_into_year(conn: &mut Conn, org_id: OrgId, year: i32, entry: &JournalEntry) -> Result<u64, StoreError> {
        let mut state = peers::posting::load_state(conn, org_id).await?;
        for month in months_of(year)? {
            state.closed.remove(&month);
        }
        let posted = peers::posting::append(conn, &mut state, std::slice::from_ref(entry)).await?;
        peers::posting::finish(conn, &mut state).await?;
        posted
            .first()
            .map(|p| p.sequence)
            .ok_or_else(|| StoreError::Corrupt("an entry was not posted".into()))
    }

    /// Whether the income and expense accounts of `year` add up to nothing.
    async fn results_closed(conn: &mut Conn, org_id: OrgId, year: i32) -> Result<bool, StoreError> {
        let (first, last) = (months_of(year)?[0].first_day(), months_of(year)?[11].last_day());
        let rows = peers::reports::balances(conn, org_id, Some(first), Some(last)).await?;
        Ok(rows.iter().all(|row| {
            !matches!(row.account_type, AccountType::Income | AccountType::Expense) || row.balance.is_zero()
        }))
    }

    pub(crate) async fn closings(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredClosing>, StoreError> {
        let rows = sqlx::query(
            "SELECT year, number, sequence, surplus_minor, reopen_sequence, reopen_motion FROM year_closings \
             WHERE org_id = $1 ORDER BY year, number",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| {
                let year: i64 = row.try_get("year")?;
                let sequence = |column: &str| -> Result<Option<u64>, StoreError> {
                    let value: Option<i64> = row.try_get(column)?;
                    value.map(|v| to_u64(v, "sequence")).transpose()
                };
                let reopen_motion: Option<i64> = row.try_get("reopen_motion")?;
                let reopened = match reopen_motion {
                    Some(motion) => Some(Reopening {
                        motion: to_u64(motion, "motion")?,
                        sequence: sequence("reopen_sequence")?,
                    }),
                    None => None,
                };
                Ok(StoredClosing {
                    year: i32::try_from(year).map_err(|_| StoreError::Corrupt("year".into()))?,
                    number: to_u64(row.try_get("number")?, "closing")?,
                    sequence: sequence("sequence")?,
                    surplus: Money::from_minor(row.try_get("surplus_minor")?),
                    reopened,
                })
            })
            .collect()
    }

    async fn distributed(conn: &mut Conn, org_id: OrgId, year: i32) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM distributions WHERE org_id = $1 AND year = $2")
            .bind(org_id)
            .bind(i64::from(year))
            .fetch_one(&mut *conn)
            .await?;
        let n: i64 = row.try_get("n")?;
        Ok(n > 0)
    }

    pub(crate) async fn close_year(conn: &mut Conn, org_id: OrgId, year: i32, entry: Option<&JournalEntry>, surplus: Money, accounts: &[Account], actor: &Actor) -> Result<Option<u64>, StoreError> {
        let earlier: Vec<StoredClosing> = closings(conn, org_id).await?.into_iter().filter(|c| c.year == year).collect();
        if earlier.iter().any(|c| c.reopened.is_none()) {
            return Err(StoreError::changed("year", format!("{year} is closed already")));
        }
        let number = earlier.len() as u64 + 1;
        peers::accounts::open_missing(conn, org_id, accounts).await?;
        let sequence = match entry {
            Some(entry) => Some(post_into_year(conn, org_id, year, entry).await?),
            None => None,
        };
        if !results_closed(conn, org_id, year).await? {
            return Err(changed_year(year));
        }
        let closed: BTreeSet<Period> = peers::periods::closed(conn, org_id).await?;
        for month in months_of(year)? {
            if !closed.contains(&month) {
                peers::periods::set_closed(conn, org_id, month, true).await?;
            }
        }
        sqlx::query(
            "INSERT INTO year_closings (org_id, year, number, sequence, surplus_minor, closed_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org_id)
        .bind(i64::from(year))
        .bind(to_i64(number)?)
        .bind(sequence.map(to_i64).transpose()?)
        .bind(surplus.minor())
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed("year", format!("{year} was closed meanwhile"))
            } else {
                error
            }
        })?;
        let entry = sequence.map_or_else(|| "nothing to close".to_owned(), |s| format!("entry {s}"));
        let detail = format!("year {year} closed: surplus {} minor units, {entry}", surplus.minor());
        peers::audit::record(conn, org_id, actor, "year.close", &detail).await?;
        Ok(sequence)
    }

    pub(crate) async fn reopen_year(conn: &mut Conn, org_id: OrgId, year: i32, motion: u64, reversal: Option<&JournalEntry>, actor: &Actor) -> Result<Option<u64>, StoreError> {
        let closing = closings(conn, org_id)
            .await?
            .into_iter()
            .find(|c| c.year == year && c.reopened.is_none())
            .ok_or_else(|| StoreError::changed("year", format!("{year} is not closed")))?;
        if distributed(conn, org_id, year).await? {
            return Err(StoreError::changed("year", format!(
                "the surplus of {year} has been distributed; a distributed year stays closed"
            )));
        }
        let sequence = match reversal {
            Some(entry) => Some(post_into_year(conn, org_id, year, entry).await?),
            None => None,
        };
        for month in months_of(year)? {
            peers::periods::set_closed(conn, org_id, month, false).await?;
        }
        let updated = sqlx::query(
            "UPDATE year_closings SET reopen_sequence = $1, reopen_motion = $2, reopened_at = $3 \
             WHERE org_id = $4 AND year = $5 AND number = $6 AND reopen_motion IS NULL",
        )
        .bind(sequence.map(to_i64).transpose()?)
        .bind(to_i64(motion)?)
        .bind(Utc::now())
        .bind(org_id)
        .bind(i64::from(year))
        .bind(to_i64(closing.number)?)
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed("year", format!("{year} was reopened meanwhile"))
            } else {
                error
            }
        })?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::changed("year", format!("{year} was reopened meanwhile")));
        }
        let reversed = closing.sequence.map_or_else(|| "nothing to reverse".to_owned(), |s| format!("closing entry {s} reversed"));
        let detail = format!("year {year} reopened by motion {motion}: {reversed}");
        peers::audit::record_change(conn, org_id, actor, "year.reopen", &detail, Some("closed"), Some("open")).await?;
        Ok(sequence)
    }

    /// The postings of closing entries and their reversals, with their dates.
    pub(crate) async fn closing_postings(conn: &mut Conn, org_id: OrgId) -> Result<Vec<(NaiveDate, BalanceRow)>, StoreError> {
        let mut sequences = Vec::new();
        for closing in closings(conn, org_id).await? {
            sequences.extend(closing.sequence);
            sequences.extend(closing.reopened.and_then(|r| r.sequence));
        }
        if sequences.is_empty() {
            return Ok(Vec::new());
        }
        let accounts: HashMap<Uuid, (artel_ledger::AccountName, AccountType)> = peers::accounts::list(conn, org_id)
            .await?
            .into_iter()
            .map(|stored| (stored.account_id, (stored.account.name, stored.account.account_type)))
            .collect();
        let mut out = Vec::new();
        for sequence in sequences {
            let rows = sqlx::query(
                "SELECT e.date, p.account_id, p.amount_minor FROM entries e \
                 JOIN postings p ON p.org_id = e.org_id AND p.sequence = e.sequence \
                 WHERE e.org_id = $1 AND e.sequence = $2",
            )
            .bind(org_id)
            .bind(to_i64(sequence)?)
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                let account_id: Uuid = row.try_get("account_id")?;
                let (account, account_type) = accounts
                    .get(&account_id)
                    .cloned()
                    .ok_or_else(|| StoreError::Corrupt("a posting's account is missing".into()))?;
                out.push((
                    row.try_get("date")?,
                    BalanceRow { account, account_type, balance: Money::from_minor(row.try_get("amount_minor")?) },
                ));
            }
        }
        Ok(out)
    }

    pub(crate) async fn put_labour(conn: &mut Conn, org_id: OrgId, rows: &[LabourRow], source: &str, actor: &Actor) -> Result<(), StoreError> {
        let years: BTreeSet<i32> = rows.iter().map(|r| r.month.year()).collect();
        for year in years {
            if distributed(conn, org_id, year).await? {
                return Err(StoreError::changed("month", format!(
                    "the surplus of {year} has been distributed on its labour records, which stay as they were"
                )));
            }
        }
        let now = Utc::now();
        let ids: HashMap<u64, Uuid> = sqlx::query("SELECT number, member_id FROM members WHERE org_id = $1")
            .bind(org_id)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|row| Ok((to_u64(row.try_get("number")?, "member")?, row.try_get("member_id")?)))
            .collect::<Result<_, StoreError>>()?;
        // One statement may not touch a row twice: the last line for a member-month wins,
        // as it would one line at a time.
        let mut latest: HashMap<(u64, Period), &LabourRow> = HashMap::new();
        for row in rows {
            latest.insert((row.member, row.month), row);
        }
        let latest: Vec<&LabourRow> = latest.into_values().collect();
        for chunk in latest.chunks(LABOUR_ROWS_PER_STATEMENT) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let at = i * 7;
                    format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", at + 1, at + 2, at + 3, at + 4, at + 5, at + 6, at + 7)
                })
                .collect();
            let sql = format!(
                "INSERT INTO labour_records (org_id, member_id, month, days_tenths, pieces, wages_minor, recorded_at) \
                 VALUES {} \
                 ON CONFLICT (org_id, member_id, month) DO UPDATE SET days_tenths = excluded.days_tenths, \
                 pieces = excluded.pieces, wages_minor = excluded.wages_minor, recorded_at = excluded.recorded_at",
                values.join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in chunk {
                let member_id = *ids
                    .get(&row.member)
                    .ok_or_else(|| StoreError::NotFound { what: "member", key: row.member.to_string() })?;
                query = query
                    .bind(org_id)
                    .bind(member_id)
                    .bind(row.month.to_string())
                    .bind(to_i64(row.days_tenths)?)
                    .bind(to_i64(row.pieces)?)
                    .bind(row.wages.minor())
                    .bind(now);
            }
            query.execute(&mut *conn).await?;
        }
        let detail = format!("{} labour records from {source}", rows.len());
        peers::audit::record(conn, org_id, actor, "labour.record", &detail).await?;
        Ok(())
    }

    pub(crate) async fn labour(conn: &mut Conn, org_id: OrgId, first: Period, last: Period) -> Result<Vec<LabourRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.number, l.month, l.days_tenths, l.pieces, l.wages_minor FROM labour_records l \
             JOIN members m ON m.org_id = l.org_id AND m.member_id = l.member_id \
             WHERE l.org_id = $1 AND l.month >= $2 AND l.month <= $3 ORDER BY m.number, l.month",
        )
        .bind(org_id)
        .bind(first.to_string())
        .bind(last.to_string())
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| {
                let month: String = row.try_get("month")?;
                Ok(LabourRow {
                    member: to_u64(row.try_get("number")?, "member")?,
                    month: Period::parse(&month).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    days_tenths: to_u64(row.try_get("days_tenths")?, "days")?,
                    pieces: to_u64(row.try_get("pieces")?, "pieces")?,
                    wages: Money::from_minor(row.try_get("wages_minor")?),
                })
            })
            .collect()
    }

    pub(crate) async fn distribute(conn: &mut Conn, org_id: OrgId, distribution: &NewDistribution, accounts: &[Account], actor: &Actor) -> Result<u64, StoreError> {
        let year = distribution.year;
        let closing = closings(conn, org_id)
            .await?
            .into_iter()
            .find(|c| c.year == year && c.reopened.is_none())
            .ok_or_else(|| StoreError::changed("year", format!("{year} is not closed; close it before distributing")))?;
        if closing.surplus != distribution.figures.surplus {
            return Err(changed_year(year));
        }
        let months = months_of(year)?;
        if labour(conn, org_id, months[0], months[11]).await? != distribution.labour {
            return Err(StoreError::changed("labour", format!(
                "the labour records of {year} changed meanwhile; look at the distribution again"
            )));
        }
        peers::accounts::open_missing(conn, org_id, accounts).await?;
        let sequence = peers::loans::post_one(conn, org_id, &distribution.entry).await?;
        let f = &distribution.figures;
        let (draw_reserve, draw) = match &f.draw {
            Some((reserve, amount)) => (Some(reserve.as_str()), amount.minor()),
            None => (None, 0),
        };
        sqlx::query(
            "INSERT INTO distributions (org_id, year, motion, sequence, distributed_on, surplus_minor, loss_covered_minor, \
             distributable_minor, accumulation_minor, welfare_minor, levies_minor, labour_minor, share_minor, share_cap_minor, \
             cap_excess_minor, draw_reserve, draw_minor, loss_charged_minor, loss_carried_minor, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
        )
        .bind(org_id)
        .bind(i64::from(year))
        .bind(to_i64(distribution.motion)?)
        .bind(to_i64(sequence)?)
        .bind(distribution.date)
        .bind(f.surplus.minor())
        .bind(f.loss_covered.minor())
        .bind(f.distributable.minor())
        .bind(f.accumulation.minor())
        .bind(f.welfare.minor())
        .bind(f.levies.minor())
        .bind(f.labour.minor())
        .bind(f.share.minor())
        .bind(f.share_cap.minor())
        .bind(f.cap_excess.minor())
        .bind(draw_reserve)
        .bind(draw)
        .bind(f.loss_charged.minor())
        .bind(f.loss_carried.minor())
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(|error| {
            let error = StoreError::from(error);
            if error.is_unique_violation() {
                StoreError::changed("motion", format!(
                    "{year} was distributed already, or motion {} adopted another distribution", distribution.motion
                ))
            } else {
                error
            }
        })?;
        for (member, labour, share) in &distribution.dividends {
            let member_id = peers::member_history::member_id(conn, org_id, *member)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: "member", key: member.to_string() })?;
            sqlx::query(
                "INSERT INTO dividends (org_id, year, member_id, labour_minor, share_minor) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(org_id)
            .bind(i64::from(year))
            .bind(member_id)
            .bind(labour.minor())
            .bind(share.minor())
            .execute(&mut *conn)
            .await?;
        }
        let detail = format!(
            "surplus of {year} distributed by motion {}: {} minor units, {} members, entry {sequence}",
            distribution.motion, f.surplus.minor(), distribution.dividends.len()
        );
        peers::audit::record(conn, org_id, actor, "year.distribute", &detail).await?;
        Ok(sequence)
    }

    pub(crate) async fn share_capital_movements(conn: &mut Conn, org_id: OrgId) -> Result<Vec<(u64, NaiveDate, Money)>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.number, s.date, s.amount_minor FROM share_movements s \
             JOIN members m ON m.org_id = s.org_id AND m.member_id = s.member_id \
             WHERE s.org_id = $1 ORDER BY m.number, s.date",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok((
                    to_u64(row.try_get("number")?, "member")?,
                    row.try_get("date")?,
                    Money::from_minor(row.try_get("amount_minor")?),
                ))
            })
            .collect()
    }

    pub(crate) async fn distributions(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredDistribution>, StoreError> {
        let rows = sqlx::query("SELECT * FROM distributions WHERE org_id = $1 ORDER BY year")
            .bind(org_id)
            .fetch_all(&mut *conn)
            .await?;
        let mut out = Vec::new();
        for row in rows {
            let year: i64 = row.try_get("year")?;
            let draw_reserve: Option<String> = row.try_get("draw_reserve")?;
            let figures = DistributionFigures {
                surplus: Money::from_minor(row.try_get("surplus_minor")?),
                loss_covered: Money::from_minor(row.try_get("loss_covered_minor")?),
                distributable: Money::from_minor(row.try_get("distributable_minor")?),
                accumulation: Money::from_minor(row.try_get("accumulation_minor")?),
                welfare: Money::from_minor(row.try_get("welfare_minor")?),
                levies: Money::from_minor(row.try_get("levies_minor")?),
                labour: Money::from_minor(row.try_get("labour_minor")?),
                share: Money::from_minor(row.try_get("share_minor")?),
                share_cap: Money::from_minor(row.try_get("share_cap_minor")?),
                cap_excess: Money::from_minor(row.try_get("cap_excess_minor")?),
                draw: draw_reserve.map(|r| Ok::<_, StoreError>((r, Money::from_minor(row.try_get("draw_minor")?)))).transpose()?,
                loss_charged: Money::from_minor(row.try_get("loss_charged_minor")?),
                loss_carried: Money::from_minor(row.try_get("loss_carried_minor")?),
            };
            out.push(StoredDistribution {
                year: i32::try_from(year).map_err(|_| StoreError::Corrupt("year".into()))?,
                motion: to_u64(row.try_get("motion")?, "motion")?,
                sequence: to_u64(row.try_get("sequence")?, "sequence")?,
                date: row.try_get("distributed_on")?,
                figures,
                dividends: Vec::new(),
            });
        }
        for distribution in &mut out {
            let rows = sqlx::query(
                "SELECT m.number, d.labour_minor, d.share_minor FROM dividends d \
                 JOIN members m ON m.org_id = d.org_id AND m.member_id = d.member_id \
                 WHERE d.org_id = $1 AND d.year = $2 ORDER BY m.number",
            )
            .bind(org_id)
            .bind(i64::from(distribution.year))
            .fetch_all(&mut *conn)
            .await?;
            distribution.dividends = rows
                .into_iter()
                .map(|row| {
                    Ok((
                        to_u64(row.try_get("number")?, "member")?,
                        Money::from_minor(row.try_get("labour_minor")?),
                        Money::from_minor(row.try_get("share_minor")?),
                    ))
                })
                .collect::<Result<_, StoreError>>()?;
        }
        Ok(out)
    }
}

impl Db {
    /// Closes `year`: posts its closing entry (none when nothing is to be closed), locks its
    /// twelve months and records the closing — refused when the year is closed already or
    /// anything was posted to it meanwhile. The closing entry's sequence.
    pub async fn close_year(
        &self,
        org_id: OrgId,
        year: i32,
        entry: Option<&JournalEntry>,
        surplus: Money,
        accounts: &[Account],
        actor: &Actor,
    ) -> Result<Option<u64>, StoreError> {
        in_transaction!(self, conn, engine => engine::close_year(conn, org_id, year, entry, surplus, accounts, actor).await)
    }

    /// Reopens the closed `year` as decided by `motion`: posts the closing's reversal,
    /// unlocks the months, audits it. Refused once the year's surplus is distributed.
    pub async fn reopen_year(
        &self,
        org_id: OrgId,
        year: i32,
        motion: u64,
        reversal: Option<&JournalEntry>,
        actor: &Actor,
    ) -> Result<Option<u64>, StoreError> {
        in_transaction!(self, conn, engine => engine::reopen_year(conn, org_id, year, motion, reversal, actor).await)
    }

    /// Every closing of the book's years, reopened ones too.
    pub async fn year_closings(&self, org_id: OrgId) -> Result<Vec<StoredClosing>, StoreError> {
        on_connection!(self, conn, engine => engine::closings(conn, org_id).await)
    }

    /// Every posting of the closing entries and their reversals, with its entry's date.
    pub async fn closing_postings(
        &self,
        org_id: OrgId,
    ) -> Result<Vec<(NaiveDate, BalanceRow)>, StoreError> {
        on_connection!(self, conn, engine => engine::closing_postings(conn, org_id).await)
    }

    /// Records labour, replacing what a member-month held; refused for a distributed year.
    pub async fn put_labour(
        &self,
        org_id: OrgId,
        rows: &[LabourRow],
        source: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::put_labour(conn, org_id, rows, source, actor).await)
    }

    /// The labour records of the months `first..=last`, by member number and month.
    pub async fn labour(
        &self,
        org_id: OrgId,
        first: Period,
        last: Period,
    ) -> Result<Vec<LabourRow>, StoreError> {
        on_connection!(self, conn, engine => engine::labour(conn, org_id, first, last).await)
    }

    /// Writes a closed year's distribution with its entry and dividends.
    pub async fn distribute(
        &self,
        org_id: OrgId,
        distribution: &NewDistribution,
        accounts: &[Account],
        actor: &Actor,
    ) -> Result<u64, StoreError> {
        in_transaction!(self, conn, engine => engine::distribute(conn, org_id, distribution, accounts, actor).await)
    }

    /// Every movement of every member's paid-in share capital: member number, date, amount.
    pub async fn share_capital_movements(
        &self,
        org_id: OrgId,
    ) -> Result<Vec<(u64, NaiveDate, Money)>, StoreError> {
        on_connection!(self, conn, engine => engine::share_capital_movements(conn, org_id).await)
    }

    /// The book's distributions, by year, with their dividends.
    pub async fn distributions(
        &self,
        org_id: OrgId,
    ) -> Result<Vec<StoredDistribution>, StoreError> {
        on_connection!(self, conn, engine => engine::distributions(conn, org_id).await)
    }
}
