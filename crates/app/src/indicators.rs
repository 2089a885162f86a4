//! `artel report indicators`: one organisation's indicators over a period, and their change
//! against another. The figures come from the records: the member register's histories and
//! the production reports and plans, the invoices and contracts, the labour records' wages
//! and the dividends of distributions.

use artel_coop::{INDICATORS, ReportPeriod, Totals, change_pct, indicators};
use artel_store::Organisation;

use crate::{AppError, Artel};

/// One row of the indicators report; empty values are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    pub indicator: &'static str,
    pub value: Option<String>,
    pub compare: Option<String>,
    pub change_pct: Option<String>,
}

impl Artel {
    async fn totals(
        &self,
        organisation: &Organisation,
        period: ReportPeriod,
    ) -> Result<Totals, AppError> {
        let (members, _) = self.voters_on(organisation, period.last).await?;
        let withdrawal_requests = self
            .db
            .count_member_events(
                organisation.org_id,
                "request-withdrawal",
                period.first,
                period.last,
            )
            .await?;
        let paid_to_members = self
            .paid_to_members(organisation, period.first, period.last)
            .await?;
        let mut totals = Totals {
            members,
            withdrawal_requests,
            paid_to_members,
            ..Totals::default()
        };
        self.add_production_totals(organisation, period, &mut totals)
            .await?;
        self.add_sales_totals(organisation, period, &mut totals)
            .await?;
        Ok(totals)
    }

    /// The indicators of `code` over `period` (`YYYY`, `YYYY-Qn`, `YYYY-MM`), compared with
    /// `compare` when given: every indicator's row, in the documented order.
    pub async fn indicators(
        &self,
        code: &str,
        period: &str,
        compare: Option<&str>,
    ) -> Result<Vec<IndicatorRow>, AppError> {
        let period = ReportPeriod::parse(period).map_err(|e| AppError::rejected("--period", e))?;
        let compare = compare
            .map(|text| ReportPeriod::parse(text).map_err(|e| AppError::rejected("--compare", e)))
            .transpose()?;
        let organisation = self.book(code).await?;
        let scale = organisation.currency.scale();
        let values = indicators(&self.totals(&organisation, period).await?, scale);
        let compared = match compare {
            Some(compare) => Some(indicators(
                &self.totals(&organisation, compare).await?,
                scale,
            )),
            None => None,
        };
        let rows = INDICATORS
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let value = values[i].1;
                let other = compared.as_ref().and_then(|c| c[i].1);
                IndicatorRow {
                    indicator: name,
                    value: value.map(|v| v.to_string()),
                    compare: other.map(|v| v.to_string()),
                    change_pct: change_pct(value, other).map(|v| v.to_string()),
                }
            })
            .collect();
        Ok(rows)
    }
}
