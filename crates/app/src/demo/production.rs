//! The demo's production in 1954: cloth and towels at their standard prices, a monthly
//! plan for each, and a report for each product at the end of every month. As at the real
//! Shashi weaving cooperative, a third of what the looms made in January was defective;
//! after the rectification the defect rate fell to 6 % by April and stayed low.
//!
//! Products, prices and plans are recorded once, when the cooperative has no products yet;
//! a report is recorded unless one with its source (`demo-1954:N`) is already there.

use std::collections::HashSet;

use super::books::day;
use super::{AppError, Artel, DEMO_BOOK, DemoRecords, source};
use crate::NewProduction;

/// The products with their standard prices, and the plan of every month: quantity and
/// value (old yuan; the value is the quantity at the standard price).
const PRODUCTS: [(&str, &str, u32, &str); 2] = [
    ("cloth", "35000.00", 130, "4550000.00"),
    ("towels", "4000.00", 170, "680000.00"),
];

/// A month's reports: cloth made, defective and first grade; towels the same.
type MonthReports = ([u32; 3], [u32; 3]);

/// The year's reports, month by month. January: 85 of 250 defective, 34.0 %; April: 18 of
/// 300, 6.0 %, and 5,282,000 yuan of good cloth and towels against a plan of 5,230,000.
const REPORTS: [MonthReports; 12] = [
    ([100, 34, 40], [150, 51, 60]),
    ([95, 24, 45], [140, 35, 62]),
    ([110, 13, 62], [170, 20, 90]),
    ([142, 8, 95], [158, 10, 110]),
    ([145, 8, 100], [175, 10, 120]),
    ([150, 9, 105], [190, 11, 130]),
    ([140, 8, 98], [170, 10, 118]),
    ([135, 8, 95], [165, 9, 115]),
    ([150, 9, 108], [190, 11, 135]),
    ([160, 9, 118], [200, 11, 145]),
    ([155, 9, 114], [195, 11, 140]),
    ([175, 10, 130], [215, 12, 160]),
];

/// The good bolts of cloth each month made: what goes into stock.
pub(super) fn good_cloth() -> impl Iterator<Item = (u32, i64)> {
    (1..)
        .zip(REPORTS)
        .map(|(month, ([made, defective, _], _))| (month, i64::from(made - defective)))
}

/// The monthly plans as a plans file (`artel import plans`).
fn plans_csv() -> String {
    let mut csv = String::from("month,product,quantity,value\n");
    for month in 1..=12 {
        for (product, _, quantity, value) in PRODUCTS {
            csv.push_str(&format!("1954-{month:02},{product},{quantity},{value}\n"));
        }
    }
    csv
}

/// Every report of the year, numbered by its source.
fn reports() -> Result<Vec<NewProduction>, AppError> {
    let mut reports = Vec::new();
    for (month, (cloth, towels)) in (1..).zip(REPORTS) {
        for (product, [quantity, defective, first_grade]) in [("cloth", cloth), ("towels", towels)]
        {
            reports.push(NewProduction {
                date: day(month, 28)?,
                product: product.into(),
                quantity,
                defective,
                first_grade: Some(first_grade),
                made_by: String::new(),
                materials: String::new(),
                source: source(reports.len()),
            });
        }
    }
    Ok(reports)
}

impl Artel {
    /// Records the demo's products, plans and the production reports not recorded yet.
    pub(super) async fn load_demo_production(&self, records: &DemoRecords) -> Result<(), AppError> {
        if self.products(DEMO_BOOK).await?.is_empty() {
            let products = PRODUCTS.map(|(product, price, _, _)| match product {
                "cloth" => (product, price, "bolt", "布"),
                _ => (product, price, "piece", "毛巾"),
            });
            records.products(self, DEMO_BOOK, &products).await?;
            self.import_plans(DEMO_BOOK, &records.file("plans", &plans_csv())?)
                .await?;
        }
        let recorded: HashSet<String> = self
            .production_reports(DEMO_BOOK, day(1, 1)?, day(12, 31)?)
            .await?
            .into_iter()
            .map(|report| report.source)
            .collect();
        for report in reports()? {
            if !recorded.contains(&report.source) {
                self.record_production(DEMO_BOOK, &report).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defective pieces per hundred made, in a month's reports.
    fn defect_rate(([made_c, defective_c, _], [made_t, defective_t, _]): MonthReports) -> f64 {
        f64::from(defective_c + defective_t) * 100.0 / f64::from(made_c + made_t)
    }

    #[test]
    fn the_defect_rate_falls_from_a_third_to_six_in_a_hundred_and_stays_low() {
        assert!((defect_rate(REPORTS[0]) - 34.0).abs() < 1e-9);
        assert!((defect_rate(REPORTS[3]) - 6.0).abs() < 1e-9);
        assert!(REPORTS[3..].iter().all(|month| defect_rate(*month) <= 6.0));
        for (cloth, towels) in REPORTS {
            for [made, defective, first_grade] in [cloth, towels] {
                assert!(defective + first_grade <= made);
            }
        }
        assert_eq!(reports().unwrap().len(), 24);
        assert_eq!(plans_csv().lines().count(), 25);
    }
}
