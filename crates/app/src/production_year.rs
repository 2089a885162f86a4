//! A year of production for the production page: each month's production indicators with
//! its planned and output value, and each product's figures over the year — all from the
//! year's reports, plans and prices read once.

use artel_coop::{Figure, ProductFigures, ReportPeriod, Totals, by_product, indicators};
use artel_ledger::Money;

use crate::{AppError, Artel};

/// One month of production.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthProduction {
    /// The month's production indicators (`defect_rate`, `output_value`, …); unit cost is
    /// left to the yearly report.
    pub indicators: Vec<(&'static str, Option<Figure>)>,
    /// The planned value of the month's plans.
    pub planned_value: Money,
    /// The month's good pieces at the products' standard prices.
    pub output_value: Money,
}

/// A year of production.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductionYear {
    /// January first.
    pub months: Vec<MonthProduction>,
    /// Every product reported or planned in the year, by name.
    pub products: Vec<ProductFigures>,
    /// The book's currency's scale, which the amounts are in.
    pub scale: u8,
}

fn period(text: &str) -> Result<ReportPeriod, AppError> {
    ReportPeriod::parse(text).map_err(|e| AppError::rejected("year", e))
}

impl Artel {
    /// The production of `code` in `year`, month by month and product by product.
    pub async fn production_year(&self, code: &str, year: i32) -> Result<ProductionYear, AppError> {
        let whole = period(&format!("{year:04}"))?;
        let organisation = self.book(code).await?;
        let scale = organisation.currency.scale();
        let records = self.production_records(&organisation, whole).await?;
        let months = (1..=12)
            .map(|month| {
                let mut totals = Totals::default();
                records.add_to(&mut totals, period(&format!("{year:04}-{month:02}"))?)?;
                Ok(MonthProduction {
                    indicators: indicators(&totals, scale),
                    planned_value: totals.planned_value,
                    output_value: totals.good_value,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let products = by_product(
            whole,
            &records.reports,
            &records.plans,
            &records.prices,
            scale,
        )
        .map_err(|e| AppError::Failed(e.to_string()))?;
        Ok(ProductionYear {
            months,
            products,
            scale,
        })
    }
}
