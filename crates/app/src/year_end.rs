//! The year's end: closing a year (its income and expenses into `Equity:Current Year
//! Surplus`, its months locked; the balance-sheet accounts carry into the new year as they
//! stand), reopening it only by an adopted motion, and distributing its surplus — or handling
//! its loss — by the charter in effect at the year's end, as adopted by a motion of kind
//! `distribution` (by the general assembly when the charter says so). A preview divides
//! exactly as the adoption will. Labour records are the labour dividend's basis.

use std::collections::BTreeMap;

use artel_coop::distribution::{
    ACCUMULATION_FUND, CURRENT_YEAR_SURPLUS, DIVIDENDS_PAYABLE, LEVIES_PAYABLE,
    UNDISTRIBUTED_SURPLUS, WELFARE_FUND,
};
use artel_coop::{
    Body, DecisionKind, Distribution, Labour, LabourLine, MemberBasis, Reserve, YearResult,
    capital_days, distribute, labour_by_member, year_bounds,
};
use artel_ledger::{AccountType, JournalEntry, Money, Period, Posting};
use artel_store::{
    DistributionFigures, LabourRow, NewDistribution, Organisation, StoredClosing,
    StoredDistribution,
};
use chrono::NaiveDate;

use crate::books::template_accounts;
use crate::members::account;
use crate::{Action, AppError, Artel, Problem};

/// The accounts the year's end posts to, opened in charts that lack them.
const YEAR_END_ACCOUNTS: [&str; 6] = [
    CURRENT_YEAR_SURPLUS,
    UNDISTRIBUTED_SURPLUS,
    ACCUMULATION_FUND,
    WELFARE_FUND,
    LEVIES_PAYABLE,
    DIVIDENDS_PAYABLE,
];

/// A year as closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearClosed {
    /// The closing entry; none when the year had no income or expenses.
    pub sequence: Option<u64>,
    pub surplus: Money,
}

/// A distribution worked out: what the books say and how the charter divides it, with the
/// members' names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionPlan {
    pub year: i32,
    pub result: YearResult,
    pub distribution: Distribution,
    pub names: BTreeMap<u64, String>,
    /// The labour records the division was made on.
    pub labour: Vec<LabourRow>,
}

/// Where a year stands: its closing in force, and its distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearStanding {
    pub year: i32,
    /// Every closing of the year, reopened ones too, oldest first.
    pub closings: Vec<StoredClosing>,
    pub distribution: Option<StoredDistribution>,
}

impl YearStanding {
    /// The closing in force: the last one, unless it was reopened.
    pub fn closing(&self) -> Option<&StoredClosing> {
        self.closings.last().filter(|c| c.reopened.is_none())
    }
}

/// One member organisation's distribution of a year, in a federation's roll-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDistribution {
    pub code: String,
    pub name: String,
    /// None while the organisation has not distributed the year.
    pub distribution: Option<StoredDistribution>,
}

/// One member's year: share capital, labour and dividends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberStatement {
    pub number: u64,
    pub name: String,
    /// Paid-in share capital at the year's end.
    pub share_capital: Money,
    pub labour: Labour,
    pub labour_dividend: Money,
    pub share_dividend: Money,
}

impl MemberStatement {
    pub fn dividends(&self) -> Result<Money, AppError> {
        self.labour_dividend
            .checked_add(self.share_dividend)
            .map_err(|e| AppError::Failed(e.to_string()))
    }
}

fn failed(error: impl std::fmt::Display) -> AppError {
    AppError::Failed(error.to_string())
}

fn bounds(year: i32) -> Result<(NaiveDate, NaiveDate), AppError> {
    year_bounds(year).ok_or_else(|| AppError::rejected("year", format!("{year} is not a year")))
}

fn refused(place: &str, error: impl std::fmt::Display) -> AppError {
    let text = error.to_string();
    match text.split_once(": ") {
        Some((field, message)) if !field.contains(' ') => AppError::rejected(field, message),
        _ => AppError::rejected(place, text),
    }
}

/// A draw on a reserve as typed: the reserve's word (field `draw_from`) and the amount in
/// `currency` (field `draw`); none when neither is given.
pub fn parse_draw(
    reserve: Option<&str>,
    amount: Option<&str>,
    currency: &artel_ledger::Currency,
) -> Result<Option<(Reserve, Money)>, AppError> {
    let reserve = reserve.map(str::trim).filter(|r| !r.is_empty());
    let amount = amount.map(str::trim).filter(|a| !a.is_empty());
    match (reserve, amount) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(AppError::rejected("draw", "a draw names its amount")),
        (None, Some(_)) => Err(AppError::rejected("draw_from", "a draw names the reserve")),
        (Some(reserve), Some(amount)) => {
            let reserve =
                Reserve::parse(reserve).map_err(|e| AppError::rejected("draw_from", e))?;
            let amount = currency
                .parse(amount)
                .map_err(|e| AppError::rejected("draw", e.to_string()))?;
            Ok(Some((reserve, amount)))
        }
    }
}

impl DistributionPlan {
    /// The division's figures, as they are stored once adopted.
    pub fn figures(&self) -> DistributionFigures {
        figures(&self.distribution)
    }

    /// Each member's dividends: number, on labour, on shares.
    pub fn dividends(&self) -> Vec<(u64, Money, Money)> {
        self.distribution
            .members
            .iter()
            .map(|m| (m.member, m.labour, m.share))
            .collect()
    }
}

/// Each member's labour records added up.
fn labour_totals(rows: &[LabourRow]) -> Result<BTreeMap<u64, Labour>, AppError> {
    labour_by_member(rows.iter().map(|row| {
        let labour = Labour {
            days_tenths: row.days_tenths,
            pieces: row.pieces,
            wages: row.wages,
        };
        (row.member, labour)
    }))
    .map_err(failed)
}

/// Turns the pure core's division into the figures stored.
fn figures(d: &Distribution) -> DistributionFigures {
    DistributionFigures {
        surplus: d.surplus,
        loss_covered: d.loss_covered,
        distributable: d.distributable,
        accumulation: d.accumulation_fund,
        welfare: d.welfare_fund,
        levies: d.other_levies,
        labour: d.labour_dividend,
        share: d.share_dividend,
        share_cap: d.share_cap,
        cap_excess: d.cap_excess,
        draw: d
            .draw
            .map(|(reserve, amount)| (reserve.to_string(), amount)),
        loss_charged: d.loss_charged,
        loss_carried: d.loss_carried,
    }
}

impl Artel {
    async fn year_standing_of(
        &self,
        organisation: &Organisation,
        year: i32,
    ) -> Result<YearStanding, AppError> {
        let closings = self
            .db
            .year_closings(organisation.org_id)
            .await?
            .into_iter()
            .filter(|c| c.year == year)
            .collect();
        let distribution = self
            .db
            .distributions(organisation.org_id)
            .await?
            .into_iter()
            .find(|d| d.year == year);
        Ok(YearStanding {
            year,
            closings,
            distribution,
        })
    }

    /// Where `year` of `code` stands.
    pub async fn year_standing(&self, code: &str, year: i32) -> Result<YearStanding, AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        self.year_standing_of(&organisation, year).await
    }

    /// Closes `year`: its income and expense accounts into the year's surplus by one entry
    /// dated its last day, and its twelve months locked. The year must have ended, and the
    /// year before it be closed when the books hold entries before it.
    pub async fn close_year(&self, code: &str, year: i32) -> Result<YearClosed, AppError> {
        let organisation = self.book_for(code, Action::ClosePeriods).await?;
        let (first, last) = bounds(year)?;
        if last >= chrono::Utc::now().date_naive() {
            return Err(AppError::rejected(
                "year",
                format!("{year} has not ended yet"),
            ));
        }
        let closings = self.db.year_closings(organisation.org_id).await?;
        let in_force = |y: i32| {
            closings
                .iter()
                .rev()
                .find(|c| c.year == y)
                .is_some_and(|c| c.reopened.is_none())
        };
        if in_force(year) {
            return Err(AppError::rejected(
                "year",
                format!("{year} is closed already"),
            ));
        }
        let earliest = self.db.first_entry_date(organisation.org_id).await?;
        if earliest.is_some_and(|d| d < first) && !in_force(year - 1) {
            return Err(AppError::rejected(
                "year",
                format!(
                    "close {} first: the books hold entries before {year}",
                    year - 1
                ),
            ));
        }
        let rows = self
            .db
            .balances(organisation.org_id, Some(first), Some(last))
            .await?;
        let mut postings = Vec::new();
        let mut sum = Money::ZERO;
        for row in rows {
            if !matches!(row.account_type, AccountType::Income | AccountType::Expense) {
                continue;
            }
            sum = sum.checked_add(row.balance).map_err(failed)?;
            postings.push(Posting {
                account: row.account,
                amount: row.balance.checked_neg().map_err(failed)?,
            });
        }
        let surplus = sum.checked_neg().map_err(failed)?;
        let entry = if postings.is_empty() {
            None
        } else {
            if !sum.is_zero() {
                postings.push(Posting {
                    account: account(CURRENT_YEAR_SURPLUS)?,
                    amount: sum,
                });
            }
            let memo = format!("Closing of {year}: income and expenses into the year's surplus");
            Some(JournalEntry::new(last, memo, None, postings).map_err(failed)?)
        };
        let accounts = template_accounts(&[CURRENT_YEAR_SURPLUS])?;
        let sequence = self
            .db
            .close_year(
                organisation.org_id,
                year,
                entry.as_ref(),
                surplus,
                &accounts,
                &self.actor,
            )
            .await?;
        Ok(YearClosed { sequence, surplus })
    }

    /// The adopted motion numbered `motion`, refused by the `motion` field otherwise.
    async fn adopted_motion(
        &self,
        organisation: &Organisation,
        motion: u64,
    ) -> Result<artel_store::StoredMotion, AppError> {
        match self.db.motion(organisation.org_id, motion).await? {
            None => Err(AppError::rejected(
                "motion",
                format!("there is no motion {motion}"),
            )),
            Some(m) if m.outcome != "adopted" => Err(AppError::rejected(
                "motion",
                format!("motion {motion} was {}, not adopted", m.outcome),
            )),
            Some(m) => Ok(m),
        }
    }

    /// Reopens the closed `year` as the adopted motion `motion` decided: the closing entry
    /// reversed on the year's last day, the months unlocked, the reopening audited. A year
    /// whose surplus was distributed stays closed, and so does one with a later year closed.
    /// The reversal's sequence.
    pub async fn reopen_year(
        &self,
        code: &str,
        year: i32,
        motion: u64,
    ) -> Result<Option<u64>, AppError> {
        let organisation = self.book_for(code, Action::ReopenPeriods).await?;
        let (_, last) = bounds(year)?;
        self.adopted_motion(&organisation, motion).await?;
        let standing = self.year_standing_of(&organisation, year).await?;
        let closing = standing
            .closing()
            .ok_or_else(|| AppError::rejected("year", format!("{year} is not closed")))?;
        let later = self
            .db
            .year_closings(organisation.org_id)
            .await?
            .into_iter()
            .filter(|c| c.year > year && c.reopened.is_none())
            .map(|c| c.year)
            .max();
        if let Some(later) = later {
            return Err(AppError::rejected(
                "year",
                format!("{later} is closed after it; reopen {later} first"),
            ));
        }
        if let Some(d) = &standing.distribution {
            return Err(AppError::rejected(
                "year",
                format!(
                    "the surplus of {year} was distributed by motion {}; a distributed year stays closed",
                    d.motion
                ),
            ));
        }
        let reversal = match closing.sequence {
            None => None,
            Some(sequence) => {
                let stored = self
                    .db
                    .entries(organisation.org_id, sequence, sequence)
                    .await?
                    .into_iter()
                    .next()
                    .ok_or_else(|| failed(format!("the closing entry {sequence} is missing")))?;
                let original = stored.journal_entry().map_err(failed)?;
                let memo =
                    format!("Reopening of {year} by motion {motion}: reverses entry {sequence}");
                Some(original.reversal(sequence, last, memo).map_err(failed)?)
            }
        };
        Ok(self
            .db
            .reopen_year(
                organisation.org_id,
                year,
                motion,
                reversal.as_ref(),
                &self.actor,
            )
            .await?)
    }

    /// Why entry `sequence` may not be reversed by hand: it closed a year, reopened one or
    /// posted a distribution.
    pub(crate) async fn year_end_entry(
        &self,
        organisation: &Organisation,
        sequence: u64,
    ) -> Result<Option<String>, AppError> {
        for closing in self.db.year_closings(organisation.org_id).await? {
            if closing.sequence == Some(sequence) {
                return Ok(Some(format!(
                    "entry {sequence} closed the year {}; reopen the year by a decision instead",
                    closing.year
                )));
            }
            if closing.reopened.and_then(|r| r.sequence) == Some(sequence) {
                return Ok(Some(format!(
                    "entry {sequence} reopened the year {}; close the year again instead",
                    closing.year
                )));
            }
        }
        for d in self.db.distributions(organisation.org_id).await? {
            if d.sequence == sequence {
                return Ok(Some(format!(
                    "entry {sequence} posted the distribution of {} by motion {}, which stands",
                    d.year, d.motion
                )));
            }
        }
        Ok(None)
    }

    /// Records labour, replacing what a member-month held; every member must be on the
    /// register, and a distributed year's records stay as they were. Lines numbered 0 come
    /// from a form.
    pub async fn record_labour(
        &self,
        code: &str,
        lines: &[LabourLine],
        source: &str,
    ) -> Result<usize, AppError> {
        let organisation = self.book_for(code, Action::RecordLabour).await?;
        let members: Vec<u64> = self
            .db
            .members(organisation.org_id)
            .await?
            .into_iter()
            .map(|m| m.number)
            .collect();
        let problems: Vec<Problem> = lines
            .iter()
            .filter(|line| !members.contains(&line.member))
            .map(|line| match line.line {
                // A record typed into a form has no line.
                0 => Problem {
                    place: "member".into(),
                    message: format!("there is no member {}", line.member),
                },
                n => Problem {
                    place: format!("{source}:{n}"),
                    message: format!("member: there is no member {}", line.member),
                },
            })
            .collect();
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        let rows: Vec<LabourRow> = lines
            .iter()
            .map(|line| LabourRow {
                member: line.member,
                month: line.month,
                days_tenths: line.labour.days_tenths,
                pieces: line.labour.pieces,
                wages: line.labour.wages,
            })
            .collect();
        self.db
            .put_labour(organisation.org_id, &rows, source, &self.actor)
            .await?;
        Ok(rows.len())
    }

    /// `artel import labour FILE --org CODE`: every line checked, then all written.
    pub async fn import_labour(
        &self,
        code: &str,
        path: &std::path::Path,
    ) -> Result<usize, AppError> {
        let organisation = self.book_for(code, Action::RecordLabour).await?;
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| AppError::Failed(format!("{name}: {e}")))?;
        let lines = artel_coop::read_labour(&text, &organisation.currency).map_err(|errors| {
            AppError::Rejected(
                errors
                    .into_iter()
                    .map(|e| Problem {
                        place: format!("{name}:{}", e.line),
                        message: match e.column {
                            Some(column) => format!("{column}: {}", e.message),
                            None => e.message,
                        },
                    })
                    .collect(),
            )
        })?;
        self.record_labour(code, &lines, &name).await
    }

    /// The labour records of `year`, by member and month.
    pub async fn labour(&self, code: &str, year: i32) -> Result<Vec<LabourRow>, AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        self.labour_of(&organisation, year).await
    }

    async fn labour_of(
        &self,
        organisation: &Organisation,
        year: i32,
    ) -> Result<Vec<LabourRow>, AppError> {
        let (first, last) = bounds(year)?;
        Ok(self
            .db
            .labour(organisation.org_id, Period::of(first), Period::of(last))
            .await?)
    }

    /// How the charter in force at the end of `year` divides its result as the books stand
    /// on `on`, with a draw on a reserve when one is asked.
    async fn plan_distribution(
        &self,
        organisation: &Organisation,
        year: i32,
        on: NaiveDate,
        draw: Option<(Reserve, Money)>,
    ) -> Result<DistributionPlan, AppError> {
        let (first, last) = bounds(year)?;
        let standing = self.year_standing_of(organisation, year).await?;
        let closing = standing.closing().ok_or_else(|| {
            AppError::rejected("year", format!("{year} is not closed; close it first"))
        })?;
        if let Some(d) = &standing.distribution {
            return Err(AppError::rejected(
                "year",
                format!("{year} was distributed by motion {} already", d.motion),
            ));
        }
        let distributed: Vec<i32> = self
            .db
            .distributions(organisation.org_id)
            .await?
            .iter()
            .map(|d| d.year)
            .collect();
        let pending = self
            .db
            .year_closings(organisation.org_id)
            .await?
            .into_iter()
            // A year that closed on nothing has nothing to distribute or carry.
            .filter(|c| {
                c.year < year
                    && c.reopened.is_none()
                    && !c.surplus.is_zero()
                    && !distributed.contains(&c.year)
            })
            .map(|c| c.year)
            .min();
        if let Some(earlier) = pending {
            return Err(AppError::rejected(
                "year",
                format!("the result of {earlier} is not distributed yet; distribute it first"),
            ));
        }
        if on <= last {
            return Err(AppError::rejected(
                "date",
                format!("a distribution of {year} is dated after the year, not {on}"),
            ));
        }
        let balances = self
            .db
            .balances(organisation.org_id, None, Some(on))
            .await?;
        let balance = |name: &str| {
            balances
                .iter()
                .find(|row| row.account.as_str() == name)
                .map_or(Money::ZERO, |row| row.balance)
        };
        let credit = |name: &str| balance(name).checked_neg().map_err(failed);
        let result = YearResult {
            surplus: closing.surplus,
            carried_loss: balance(UNDISTRIBUTED_SURPLUS).max(Money::ZERO),
            accumulation_fund: credit(ACCUMULATION_FUND)?,
            welfare_fund: credit(WELFARE_FUND)?,
            year,
        };
        let charter = self.charter_on(organisation, last).await?.charter;
        let records = self.labour_of(organisation, year).await?;
        let labour = labour_totals(&records)?;
        let mut movements: BTreeMap<u64, Vec<(NaiveDate, Money)>> = BTreeMap::new();
        for (member, date, amount) in self.db.share_capital_movements(organisation.org_id).await? {
            movements.entry(member).or_default().push((date, amount));
        }
        let register = self.db.members(organisation.org_id).await?;
        let mut members = Vec::new();
        for member in &register {
            let held = capital_days(
                movements.get(&member.number).map_or(&[][..], Vec::as_slice),
                first,
                last,
            )
            .map_err(failed)?;
            let labour = labour.get(&member.number).copied().unwrap_or_default();
            if held > 0 || labour != Labour::default() {
                members.push(MemberBasis {
                    member: member.number,
                    labour,
                    capital_days: held,
                });
            }
        }
        let distribution =
            distribute(&charter, &result, &members, draw).map_err(|e| refused("surplus", e))?;
        Ok(DistributionPlan {
            year,
            result,
            distribution,
            names: register.into_iter().map(|m| (m.number, m.name)).collect(),
            labour: records,
        })
    }

    /// The distribution of `year` as it would be adopted on `on`, writing nothing.
    pub async fn preview_distribution(
        &self,
        code: &str,
        year: i32,
        on: NaiveDate,
        draw: Option<(Reserve, Money)>,
    ) -> Result<DistributionPlan, AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        self.plan_distribution(&organisation, year, on, draw).await
    }

    /// Distributes the closed `year`'s result as the adopted motion `motion` of kind
    /// `distribution` decided — by the general assembly when the charter says so — posted on
    /// `date` (the motion's meeting day when not given). The entry's sequence and the plan.
    pub async fn distribute(
        &self,
        code: &str,
        year: i32,
        motion: u64,
        date: Option<NaiveDate>,
        draw: Option<(Reserve, Money)>,
    ) -> Result<(u64, DistributionPlan), AppError> {
        let organisation = self.book_for(code, Action::Distribute).await?;
        let (_, last) = bounds(year)?;
        let adopted = self.adopted_motion(&organisation, motion).await?;
        if adopted.kind != DecisionKind::Distribution.as_str() {
            return Err(AppError::rejected(
                "motion",
                format!(
                    "motion {motion} decided on {}, not on a distribution",
                    adopted.kind
                ),
            ));
        }
        let meeting = self
            .db
            .meeting(organisation.org_id, adopted.meeting)
            .await?
            .map(|(meeting, _)| meeting)
            .ok_or_else(|| failed(format!("the meeting of motion {motion} is missing")))?;
        let charter = self.charter_on(&organisation, last).await?.charter;
        if charter.needs_resolution(DecisionKind::Distribution)
            && meeting.body != Body::GeneralAssembly.as_str()
        {
            return Err(AppError::rejected(
                "motion",
                format!(
                    "motion {motion} was decided by the {}; the charter has the general assembly decide distributions",
                    meeting.body
                ),
            ));
        }
        let date = date.unwrap_or(meeting.held_on);
        let plan = self
            .plan_distribution(&organisation, year, date, draw)
            .await?;
        let d = &plan.distribution;
        let postings = d
            .postings()
            .map_err(failed)?
            .into_iter()
            .map(|(name, amount)| {
                Ok(Posting {
                    account: account(name)?,
                    amount,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        if postings.is_empty() {
            return Err(AppError::rejected(
                "year",
                format!("{year} left nothing to distribute and no loss to handle"),
            ));
        }
        let memo = if d.surplus < Money::ZERO {
            format!("Loss of {year} handled by motion {motion}")
        } else {
            format!("Distribution of the surplus of {year} by motion {motion}")
        };
        let entry = JournalEntry::new(date, memo, None, postings).map_err(failed)?;
        let accounts = template_accounts(&YEAR_END_ACCOUNTS)?;
        let new = NewDistribution {
            year,
            motion,
            date,
            figures: plan.figures(),
            dividends: plan.dividends(),
            labour: plan.labour.clone(),
            entry,
        };
        let sequence = self
            .db
            .distribute(organisation.org_id, &new, &accounts, &self.actor)
            .await?;
        Ok((sequence, plan))
    }

    /// The distributions of `year` of the organisations that were members of `code` (a
    /// federation) at the year's end, by code: the roll-up a federation's officers read,
    /// never those organisations' entries.
    pub async fn distribution_rollup(
        &self,
        code: &str,
        year: i32,
    ) -> Result<Vec<MemberDistribution>, AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        let (_, last) = bounds(year)?;
        let mut members: Vec<MemberDistribution> = Vec::new();
        for membership in self.db.memberships(organisation.org_id).await? {
            let holds = crate::history::membership_holds_on(&membership, last);
            if membership.parent_org_id != organisation.org_id || !holds {
                continue;
            }
            let distribution = self
                .db
                .distributions(membership.org_id)
                .await?
                .into_iter()
                .find(|d| d.year == year);
            members.push(MemberDistribution {
                code: membership.org_code,
                name: membership.org_name,
                distribution,
            });
        }
        members.sort_by(|a, b| a.code.cmp(&b.code));
        members.dedup_by(|a, b| a.code == b.code);
        Ok(members)
    }

    /// Every distribution of `code`, by year.
    pub async fn distributions(&self, code: &str) -> Result<Vec<StoredDistribution>, AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        Ok(self.db.distributions(organisation.org_id).await?)
    }

    /// Every member's statement for `year`: share capital at its end, labour, dividends.
    /// Members with none of these are left out.
    pub async fn member_statements(
        &self,
        code: &str,
        year: i32,
    ) -> Result<Vec<MemberStatement>, AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        self.statements_of(&organisation, year).await
    }

    /// The statement of member `number` for `year`, with the organisation and the year's
    /// distribution when there is one.
    pub async fn member_statement(
        &self,
        code: &str,
        year: i32,
        number: u64,
    ) -> Result<(Organisation, MemberStatement, Option<StoredDistribution>), AppError> {
        let organisation = self.book_for(code, Action::ReadBooks).await?;
        self.statement_of(organisation, year, number).await
    }

    /// The signed-in member's own statement for `year` in `code`: theirs alone, whatever
    /// else their role shows them.
    pub async fn my_statement(
        &self,
        code: &str,
        year: i32,
    ) -> Result<(Organisation, MemberStatement, Option<StoredDistribution>), AppError> {
        let organisation = self.book_for(code, Action::SeeOrganisation).await?;
        let number = self.my_number(&organisation, code).await?;
        self.statement_of(organisation, year, number).await
    }

    /// The years `code` distributed, for the signed-in member's statements.
    pub async fn my_statement_years(&self, code: &str) -> Result<Vec<i32>, AppError> {
        let organisation = self.book_for(code, Action::SeeOrganisation).await?;
        self.my_number(&organisation, code).await?;
        Ok(self
            .db
            .distributions(organisation.org_id)
            .await?
            .iter()
            .map(|d| d.year)
            .collect())
    }

    async fn my_number(&self, organisation: &Organisation, code: &str) -> Result<u64, AppError> {
        self.my_member_number(organisation)
            .await?
            .ok_or_else(|| AppError::NotFound {
                place: "membership".into(),
                message: format!("you are not in the member register of '{code}'"),
            })
    }

    async fn statement_of(
        &self,
        organisation: Organisation,
        year: i32,
        number: u64,
    ) -> Result<(Organisation, MemberStatement, Option<StoredDistribution>), AppError> {
        let statement = self
            .statements_of(&organisation, year)
            .await?
            .into_iter()
            .find(|s| s.number == number)
            .ok_or_else(|| AppError::NotFound {
                place: "member".into(),
                message: format!("member {number} has no statement for {year}"),
            })?;
        let distribution = self
            .year_standing_of(&organisation, year)
            .await?
            .distribution;
        Ok((organisation, statement, distribution))
    }

    pub(crate) async fn statements_of(
        &self,
        organisation: &Organisation,
        year: i32,
    ) -> Result<Vec<MemberStatement>, AppError> {
        let (_, last) = bounds(year)?;
        let labour = labour_totals(&self.labour_of(organisation, year).await?)?;
        let dividends: BTreeMap<u64, (Money, Money)> = self
            .db
            .distributions(organisation.org_id)
            .await?
            .into_iter()
            .find(|d| d.year == year)
            .map(|d| {
                d.dividends
                    .into_iter()
                    .map(|(member, labour, share)| (member, (labour, share)))
                    .collect()
            })
            .unwrap_or_default();
        let mut capital: BTreeMap<u64, Money> = BTreeMap::new();
        for (member, date, amount) in self.db.share_capital_movements(organisation.org_id).await? {
            if date <= last {
                let held = capital.entry(member).or_insert(Money::ZERO);
                *held = held.checked_add(amount).map_err(failed)?;
            }
        }
        let mut statements = Vec::new();
        for member in self.db.members(organisation.org_id).await? {
            let share_capital = capital.get(&member.number).copied().unwrap_or(Money::ZERO);
            let labour = labour.get(&member.number).copied().unwrap_or_default();
            let (labour_dividend, share_dividend) = dividends
                .get(&member.number)
                .copied()
                .unwrap_or((Money::ZERO, Money::ZERO));
            if share_capital.is_zero()
                && labour == Labour::default()
                && labour_dividend.is_zero()
                && share_dividend.is_zero()
            {
                continue;
            }
            statements.push(MemberStatement {
                number: member.number,
                name: member.name,
                share_capital,
                labour,
                labour_dividend,
                share_dividend,
            });
        }
        Ok(statements)
    }

    /// What `organisation` paid its members over `first..=last`: the wages of its labour
    /// records in those months and the dividends of distributions dated in them.
    pub(crate) async fn paid_to_members(
        &self,
        organisation: &Organisation,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Money, AppError> {
        let wages = self
            .db
            .labour(organisation.org_id, Period::of(first), Period::of(last))
            .await?
            .into_iter()
            .try_fold(Money::ZERO, |sum, row| sum.checked_add(row.wages))
            .map_err(failed)?;
        self.db
            .distributions(organisation.org_id)
            .await?
            .into_iter()
            .filter(|d| d.date >= first && d.date <= last)
            .try_fold(wages, |sum, d| {
                sum.checked_add(d.figures.labour)?
                    .checked_add(d.figures.share)
            })
            .map_err(failed)
    }
}
