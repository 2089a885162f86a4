//! Statistics over a region subtree for a period, pure: which organisations count (the
//! cooperatives and teams working — active or under rectification — at the period's end),
//! which are new in it (founded in it; a team upgraded in it counts as a new cooperative),
//! how they stand by kind and status, and what their records add up to — the indicators'
//! `Totals` summed, so that a rate over the region is computed from summed quantities and
//! values, never averaged. Every statistic of INTERFACE.md has its row, always, in the
//! documented order, with the detail rows (`NAME.PART`) after them.

use artel_ledger::{Money, MoneyError};

use crate::history::{EventKind, History, count_as_of};
use crate::indicators::{Figure, ReportPeriod, Totals, indicators};
use crate::sales::CounterpartyType;
use crate::{OrgCounts, OrgKind, OrgStatus};

/// The statistics INTERFACE.md names, in its order; detail rows follow them.
pub const STATISTICS: [&str; 9] = [
    "cooperatives",
    "teams",
    "new_cooperatives",
    "new_teams",
    "members",
    "output_value",
    "contract_value",
    "defect_rate",
    "plan_fulfilment",
];

/// The indicators of the summed records that the statistics repeat as detail rows.
const DETAIL_INDICATORS: [&str; 5] = [
    "output_quantity",
    "first_grade_share",
    "credit_sales_share",
    "private_buyer_share",
    "unit_cost",
];

/// The kind an organisation is counted as at the end of `period`: a cooperative or a team
/// working then; `None` for every other organisation, and for one not founded yet.
pub fn counted_kind(history: &History, period: ReportPeriod) -> Option<OrgKind> {
    let standing = history.as_of(period.last)?;
    let kind_counts = matches!(standing.kind, OrgKind::Cooperative | OrgKind::Team);
    let working = matches!(
        standing.status,
        OrgStatus::Active | OrgStatus::UnderRectification
    );
    (kind_counts && working).then_some(standing.kind)
}

/// What is new in a period: founded in it, by the kind founded; teams upgraded in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NewInPeriod {
    pub cooperatives: u64,
    pub teams: u64,
    /// Teams upgraded to cooperatives in the period, counted in `cooperatives` too.
    pub upgraded: u64,
}

impl NewInPeriod {
    fn add(&mut self, history: &History, period: ReportPeriod) {
        let within = |date| period.first <= date && date <= period.last;
        for event in history.events().iter().filter(|e| within(e.date)) {
            match (event.event, event.standing.kind) {
                (EventKind::Founded, OrgKind::Cooperative) => self.cooperatives += 1,
                (EventKind::Founded, OrgKind::Team) => self.teams += 1,
                (EventKind::Upgraded, _) => {
                    self.cooperatives += 1;
                    self.upgraded += 1;
                }
                _ => {}
            }
        }
    }
}

/// The statistics of one region subtree over one period, before they are printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionFigures {
    pub period: ReportPeriod,
    /// Every organisation by kind and status at the end of the period.
    pub standing: OrgCounts,
    pub new: NewInPeriod,
    /// The counted organisations' records, summed.
    pub totals: Totals,
}

impl RegionFigures {
    /// The counts of `histories` (every organisation of the subtree) over `period`, with
    /// nothing summed yet.
    pub fn count<'a>(
        histories: impl IntoIterator<Item = &'a History> + Clone,
        period: ReportPeriod,
    ) -> RegionFigures {
        let mut new = NewInPeriod::default();
        for history in histories.clone() {
            new.add(history, period);
        }
        RegionFigures {
            period,
            standing: count_as_of(histories, period.last),
            new,
            totals: Totals::default(),
        }
    }

    /// Adds one counted organisation's totals.
    pub fn add(&mut self, totals: &Totals) -> Result<(), MoneyError> {
        self.totals = self.totals.checked_add(totals)?;
        Ok(())
    }

    /// Every statistic as `(name, value)`: those of [`STATISTICS`] first, then
    /// `new_cooperatives.upgraded`, `sales`, the detail indicators, `contract_value.TYPE`
    /// per counterparty type, `organisations.KIND` and `cooperatives.STATUS`,
    /// `teams.STATUS`. Amounts are at `scale`.
    pub fn rows(&self, scale: u8) -> Vec<(String, Option<Figure>)> {
        let of = indicators(&self.totals, scale);
        let indicator = |name: &str| of.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v);
        let count = |n: u64| Some(Figure::count(n));
        let mut rows: Vec<(String, Option<Figure>)> = vec![
            (
                "cooperatives".into(),
                count(self.standing.working(OrgKind::Cooperative)),
            ),
            ("teams".into(), count(self.standing.working(OrgKind::Team))),
            ("new_cooperatives".into(), count(self.new.cooperatives)),
            ("new_teams".into(), count(self.new.teams)),
            ("members".into(), count(self.totals.members)),
            ("output_value".into(), indicator("output_value")),
            ("contract_value".into(), indicator("contract_value")),
            ("defect_rate".into(), indicator("defect_rate")),
            ("plan_fulfilment".into(), indicator("plan_fulfilment")),
            ("new_cooperatives.upgraded".into(), count(self.new.upgraded)),
            (
                "sales".into(),
                Some(Figure::amount(self.totals.invoiced, scale)),
            ),
        ];
        rows.extend(
            DETAIL_INDICATORS
                .iter()
                .map(|name| ((*name).to_owned(), indicator(name))),
        );
        for (kind, value) in CounterpartyType::ALL
            .iter()
            .zip(self.totals.contract_value_by_type)
        {
            rows.push((
                format!("contract_value.{kind}"),
                Some(Figure::amount(value, scale)),
            ));
        }
        for kind in OrgKind::ALL {
            rows.push((
                format!("organisations.{kind}"),
                count(self.standing.of_kind(*kind)),
            ));
        }
        for kind in [OrgKind::Cooperative, OrgKind::Team] {
            let plural = if kind == OrgKind::Cooperative {
                "cooperatives"
            } else {
                "teams"
            };
            for status in OrgStatus::ALL {
                rows.push((
                    format!("{plural}.{status}"),
                    count(self.standing.get(kind, *status)),
                ));
            }
        }
        rows
    }
}

impl Totals {
    /// The two totals added field by field; an amount that overflows is an error.
    pub fn checked_add(&self, other: &Totals) -> Result<Totals, MoneyError> {
        let add = |a: Money, b: Money| a.checked_add(b);
        let mut by_type = self.contract_value_by_type;
        for (sum, value) in by_type.iter_mut().zip(other.contract_value_by_type) {
            *sum = sum.checked_add(value)?;
        }
        Ok(Totals {
            produced: self.produced + other.produced,
            defective: self.defective + other.defective,
            first_grade: self.first_grade + other.first_grade,
            good_value: add(self.good_value, other.good_value)?,
            good_quantity: self.good_quantity + other.good_quantity,
            planned_value: add(self.planned_value, other.planned_value)?,
            production_cost: add(self.production_cost, other.production_cost)?,
            invoiced: add(self.invoiced, other.invoiced)?,
            invoiced_on_credit: add(self.invoiced_on_credit, other.invoiced_on_credit)?,
            invoiced_to_private_buyers: add(
                self.invoiced_to_private_buyers,
                other.invoiced_to_private_buyers,
            )?,
            contract_value: add(self.contract_value, other.contract_value)?,
            contract_value_by_type: by_type,
            members: self.members + other.members,
            withdrawal_requests: self.withdrawal_requests + other.withdrawal_requests,
            paid_to_members: add(self.paid_to_members, other.paid_to_members)?,
        })
    }
}

#[cfg(test)]
mod tests;
