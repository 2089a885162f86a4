//! `artel report statistics`: roll-ups over a region subtree for a period — organisations
//! by kind and status and the new ones, from their histories; members, output, sales,
//! contracts, defect rate and plan fulfilment, from the records of the cooperatives and
//! teams working at the period's end — summed per organisation by the database in a
//! handful of grouped statements (`Db::region_sums`) and added up by the same rules as each
//! one's indicators (`add_produced`, `add_invoiced`, `add_contracted`,
//! `members_from_changes`) — for the whole subtree and for each region just below it (the
//! page's bars by district), and quarter by quarter (its trend). Read by federation and
//! government officers and administrators with a role over the region; none of it shows an
//! organisation's entries.

use std::collections::{BTreeMap, HashSet};

use artel_coop::{
    ContractKind, CounterpartyType, Figure, History, MEMBERSHIP_CHANGES, Produced, RegionFigures,
    ReportPeriod, Terms, Totals, add_contracted, add_invoiced, add_produced, change_pct,
    counted_kind, members_from_changes,
};
use artel_ledger::MoneyError;
use artel_store::{OrgId, Organisation, Region, RegionSums};

use crate::{Action, AppError, Artel, region_counts::histories};

/// One row of the statistics: its value, and against the compared period when asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatisticRow {
    pub statistic: String,
    pub value: Option<Figure>,
    pub compare: Option<Figure>,
    pub change_pct: Option<Figure>,
}

/// The statistics of a region subtree over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionStatistics {
    pub region: Region,
    pub period: ReportPeriod,
    pub compare: Option<ReportPeriod>,
    /// The currency the amounts are in (the organisations' books' one currency), and its
    /// decimal places.
    pub currency: String,
    pub scale: u8,
    pub rows: Vec<StatisticRow>,
    /// Each region just below this one over `period`, by code: the bars by district.
    pub parts: Vec<PartStatistics>,
}

/// One region just below the subtree's root, with its statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartStatistics {
    pub region: Region,
    pub rows: Vec<(String, Option<Figure>)>,
}

/// What a statistics report reads once: the subtree's organisations and their histories.
struct Subtree {
    region: Region,
    organisations: Vec<Organisation>,
    histories: BTreeMap<OrgId, History>,
    currency: String,
    scale: u8,
}

fn period_named(text: &str, place: &str) -> Result<ReportPeriod, AppError> {
    ReportPeriod::parse(text).map_err(|e| AppError::rejected(place, e))
}

impl Artel {
    /// The subtree of region `code`, after checking that the caller may read it.
    async fn subtree(&self, code: &str) -> Result<Subtree, AppError> {
        let region = self.readable_region(code, "--region", "statistics").await?;
        let histories = histories(self.db.org_events_in_region(&region.path).await?)?;
        let organisations: Vec<Organisation> = self
            .db
            .organisations()
            .await?
            .into_iter()
            .filter(|o| histories.contains_key(&o.org_id))
            .collect();
        let mut currencies: Vec<(String, u8)> = organisations
            .iter()
            .filter(|o| matches!(o.kind.as_str(), "cooperative" | "team"))
            .map(|o| (o.currency.symbol().to_owned(), o.currency.scale()))
            .collect();
        currencies.sort();
        currencies.dedup();
        if currencies.len() > 1 {
            let named: Vec<String> = currencies
                .iter()
                .map(|(code, scale)| format!("{code} ({scale} decimals)"))
                .collect();
            return Err(AppError::rejected(
                "--region",
                format!(
                    "the organisations of '{code}' keep books in different currencies: {}",
                    named.join(", ")
                ),
            ));
        }
        let (currency, scale) = currencies.pop().unwrap_or_else(|| ("CNY".to_owned(), 2));
        Ok(Subtree {
            region,
            organisations,
            histories,
            currency,
            scale,
        })
    }

    /// The totals of each organisation counted over `period`: members, production and
    /// sales, as their indicators add them up.
    async fn counted_totals(
        &self,
        subtree: &Subtree,
        period: ReportPeriod,
    ) -> Result<BTreeMap<OrgId, Totals>, AppError> {
        let counted: HashSet<OrgId> = subtree
            .organisations
            .iter()
            .filter(|o| counted_kind(&subtree.histories[&o.org_id], period).is_some())
            .map(|o| o.org_id)
            .collect();
        let events: Vec<&str> = MEMBERSHIP_CHANGES.iter().map(|(event, _)| *event).collect();
        let sums = self
            .db
            .region_sums(&subtree.region.path, period.first, period.last, &events)
            .await?;
        totals_of(&sums, &counted)
    }

    /// The figures of the organisations of `subtree` that `within` keeps.
    fn figures(
        subtree: &Subtree,
        totals: &BTreeMap<OrgId, Totals>,
        period: ReportPeriod,
        within: impl Fn(&Organisation) -> bool,
    ) -> Result<RegionFigures, AppError> {
        let kept: Vec<&Organisation> = subtree.organisations.iter().filter(|o| within(o)).collect();
        let mut figures =
            RegionFigures::count(kept.iter().map(|o| &subtree.histories[&o.org_id]), period);
        for organisation in kept {
            if let Some(own) = totals.get(&organisation.org_id) {
                figures
                    .add(own)
                    .map_err(|e| AppError::Failed(format!("the statistics overflow: {e}")))?;
            }
        }
        Ok(figures)
    }

    async fn rows_over(
        &self,
        subtree: &Subtree,
        period: ReportPeriod,
    ) -> Result<Vec<(String, Option<Figure>)>, AppError> {
        let totals = self.counted_totals(subtree, period).await?;
        Ok(Self::figures(subtree, &totals, period, |_| true)?.rows(subtree.scale))
    }

    /// The statistics over the region subtree of `code` for `period` (`YYYY`, `YYYY-Qn`,
    /// `YYYY-MM`), against `compare` when given: every statistic's row, in order, and
    /// each region just below it.
    pub async fn statistics(
        &self,
        code: &str,
        period: &str,
        compare: Option<&str>,
    ) -> Result<RegionStatistics, AppError> {
        let period = period_named(period, "--period")?;
        let compare = compare
            .map(|text| period_named(text, "--compare"))
            .transpose()?;
        let subtree = self.subtree(code).await?;
        let totals = self.counted_totals(&subtree, period).await?;
        let values = Self::figures(&subtree, &totals, period, |_| true)?.rows(subtree.scale);
        let compared = match compare {
            Some(compare) => Some(self.rows_over(&subtree, compare).await?),
            None => None,
        };
        let rows = values
            .into_iter()
            .enumerate()
            .map(|(i, (statistic, value))| {
                let other = compared.as_ref().and_then(|rows| rows[i].1);
                StatisticRow {
                    statistic,
                    value,
                    compare: other,
                    change_pct: change_pct(value, other),
                }
            })
            .collect();
        let mut parts: Vec<Region> = self
            .db
            .regions()
            .await?
            .into_iter()
            .filter(|r| r.parent_id == Some(subtree.region.region_id))
            .collect();
        parts.sort_by(|a, b| a.code.cmp(&b.code));
        let parts = parts
            .into_iter()
            .map(|region| {
                let figures = Self::figures(&subtree, &totals, period, |o| {
                    o.region_path
                        .as_deref()
                        .is_some_and(|path| path.starts_with(&region.path))
                })?;
                Ok(PartStatistics {
                    rows: figures.rows(subtree.scale),
                    region,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(RegionStatistics {
            region: subtree.region,
            period,
            compare,
            currency: subtree.currency,
            scale: subtree.scale,
            rows,
            parts,
        })
    }

    /// The statistics of each quarter of `year` over `code`: the page's trend.
    pub async fn statistics_by_quarter(
        &self,
        code: &str,
        year: i32,
    ) -> Result<Vec<(ReportPeriod, Vec<(String, Option<Figure>)>)>, AppError> {
        let subtree = self.subtree(code).await?;
        let mut quarters = Vec::with_capacity(4);
        for quarter in 1..=4 {
            let period = period_named(&format!("{year:04}-Q{quarter}"), "year")?;
            quarters.push((period, self.rows_over(&subtree, period).await?));
        }
        Ok(quarters)
    }
}

impl Artel {
    /// The day of the latest change among the organisations of the region `code` (a
    /// founding, a change of status, an upgrade): where its statistics page starts.
    pub async fn latest_change_in_region(
        &self,
        code: &str,
    ) -> Result<Option<chrono::NaiveDate>, AppError> {
        let subtree = self.subtree(code).await?;
        Ok(subtree
            .histories
            .values()
            .filter_map(|history| history.events().last().map(|event| event.date))
            .max())
    }
}

impl Artel {
    /// The regions whose statistics the caller may read, each at the top of what a grant
    /// covers (the command line's operator: the regions at the top of the tree).
    pub async fn statistics_regions(&self) -> Result<Vec<Region>, AppError> {
        let regions = self.db.regions().await?;
        Ok(regions
            .into_iter()
            .filter(|region| match &self.caller {
                crate::Caller::Operator { .. } => region.parent_id.is_none(),
                crate::Caller::User { grants, .. } => grants.iter().any(|grant| {
                    grant.region_path.as_deref() == Some(region.path.as_str())
                        && artel_coop::Role::parse(&grant.role)
                            .is_ok_and(|role| crate::allows(role, Action::ReadRegionCounts))
                }),
            })
            .collect())
    }
}

/// Each counted organisation's totals from the sums of its records.
fn totals_of(
    sums: &RegionSums,
    counted: &HashSet<OrgId>,
) -> Result<BTreeMap<OrgId, Totals>, AppError> {
    let mut totals: BTreeMap<OrgId, Totals> = counted
        .iter()
        .map(|org_id| (*org_id, Totals::default()))
        .collect();
    let overflow = |e: MoneyError| AppError::Failed(format!("the statistics overflow: {e}"));
    let corrupt = |what: &str, e: String| AppError::Failed(format!("a stored {what}: {e}"));
    for sum in &sums.produced {
        if let Some(own) = totals.get_mut(&sum.org_id) {
            let produced = Produced {
                quantity: sum.quantity,
                defective: sum.defective,
                first_grade: sum.first_grade,
            };
            add_produced(own, &produced, sum.price).map_err(overflow)?;
        }
    }
    for (org_id, value) in &sums.planned {
        if let Some(own) = totals.get_mut(org_id) {
            own.planned_value = own.planned_value.checked_add(*value).map_err(overflow)?;
        }
    }
    for (org_id, cost) in &sums.production_cost {
        if let Some(own) = totals.get_mut(org_id) {
            own.production_cost = own.production_cost.checked_add(*cost).map_err(overflow)?;
        }
    }
    for sum in &sums.invoiced {
        if let Some(own) = totals.get_mut(&sum.org_id) {
            let buyer = CounterpartyType::parse(&sum.counterparty_type)
                .map_err(|e| corrupt("counterparty type", e))?;
            let terms = Terms::parse(&sum.terms).map_err(|e| corrupt("invoice's terms", e))?;
            add_invoiced(own, buyer, terms, sum.amount).map_err(overflow)?;
        }
    }
    for sum in &sums.contracted {
        if let Some(own) = totals.get_mut(&sum.org_id) {
            let party = CounterpartyType::parse(&sum.counterparty_type)
                .map_err(|e| corrupt("counterparty type", e))?;
            let kind = ContractKind::parse(&sum.kind).map_err(|e| corrupt("contract kind", e))?;
            add_contracted(own, party, kind, sum.value).map_err(overflow)?;
        }
    }
    let mut changes: BTreeMap<OrgId, Vec<(&str, u64)>> = BTreeMap::new();
    for (org_id, event, count) in &sums.member_events {
        changes
            .entry(*org_id)
            .or_default()
            .push((event.as_str(), *count));
    }
    for (org_id, counts) in changes {
        if let Some(own) = totals.get_mut(&org_id) {
            own.members = members_from_changes(counts).map_err(|e| corrupt("member history", e))?;
        }
    }
    Ok(totals)
}
