//! The production page's year in figures: the defect rate, the output value and the planned
//! value against the output value month by month, and each product's figures with its
//! defect rate as a chart — all drawn from one [`ProductionYear`], exact to the minor unit.

use artel_app::{Figure, ProductFigures, ProductionYear};
use artel_ledger::Money;
use artel_reports_out::chart::{Series, category_bars, monthly_bars};

use super::year::{EMPTY, month_names};
use super::{Chrome, PageError};

/// The year's charts, as SVG documents.
pub struct YearCharts {
    pub defect: String,
    pub output: String,
    pub plan: String,
    /// None when no product was made in the year.
    pub product_defect: Option<String>,
}

/// One product's row of the year's table, as shown.
#[derive(Debug, Clone)]
pub struct ProductRow {
    pub product: String,
    pub quantity: String,
    pub defective: String,
    pub good: String,
    pub output_value: String,
    pub planned_value: String,
    pub defect_rate: String,
    pub plan_fulfilment: String,
}

fn shown(figure: Option<Figure>) -> String {
    figure.map_or_else(|| EMPTY.to_owned(), |figure| figure.to_string())
}

/// A figure's units as a chart's value; an empty one (or one beyond `i64`) is 0.
fn units(figure: Option<Figure>) -> i64 {
    figure
        .and_then(|figure| i64::try_from(figure.units).ok())
        .unwrap_or(0)
}

/// Every product of the year, by name.
pub fn product_rows(production: &ProductionYear) -> Vec<ProductRow> {
    let amount = |money: Money| Figure::amount(money, production.scale).to_string();
    production
        .products
        .iter()
        .map(|product| ProductRow {
            product: product.product.clone(),
            quantity: product.quantity.to_string(),
            defective: product.defective.to_string(),
            good: product.good.to_string(),
            output_value: amount(product.output_value),
            planned_value: amount(product.planned_value),
            defect_rate: shown(product.defect_rate),
            plan_fulfilment: shown(product.plan_fulfilment),
        })
        .collect()
}

/// The charts of `year`, their words in the reader's language.
pub fn year_charts(
    c: &Chrome,
    year: i32,
    production: &ProductionYear,
) -> Result<YearCharts, PageError> {
    let months = month_names(c, year)?;
    let indicator = |name: &str| {
        production
            .months
            .iter()
            .map(|month| {
                units(
                    month
                        .indicators
                        .iter()
                        .find(|(indicator, _)| *indicator == name)
                        .and_then(|(_, figure)| *figure),
                )
            })
            .collect()
    };
    let year_text = year.to_string();
    let scale = production.scale;
    let defect = monthly_bars(
        &c.t1("production-defect-chart", "year", &year_text),
        &[Series {
            name: c.t("indicator-defect-rate"),
            values: indicator("defect_rate"),
        }],
        &months,
        1,
    );
    let output = monthly_bars(
        &c.t1("production-output-chart", "year", &year_text),
        &[Series {
            name: c.t("indicator-output-value"),
            values: indicator("output_value"),
        }],
        &months,
        scale,
    );
    let plan = monthly_bars(
        &c.t1("production-plan-chart", "year", &year_text),
        &[
            Series {
                name: c.t("production-planned-value"),
                values: production
                    .months
                    .iter()
                    .map(|m| m.planned_value.minor())
                    .collect(),
            },
            Series {
                name: c.t("indicator-output-value"),
                values: production
                    .months
                    .iter()
                    .map(|m| m.output_value.minor())
                    .collect(),
            },
        ],
        &months,
        scale,
    );
    let made: Vec<&ProductFigures> = production
        .products
        .iter()
        .filter(|product| product.defect_rate.is_some())
        .collect();
    let product_defect = (!made.is_empty()).then(|| {
        let names: Vec<String> = made.iter().map(|p| p.product.clone()).collect();
        category_bars(
            &c.t1("production-product-defect-chart", "year", &year_text),
            &[Series {
                name: c.t("indicator-defect-rate"),
                values: made.iter().map(|p| units(p.defect_rate)).collect(),
            }],
            &names,
            1,
        )
    });
    Ok(YearCharts {
        defect,
        output,
        plan,
        product_defect,
    })
}
