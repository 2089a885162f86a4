//! Production and its plans, pure: the production reports and monthly plans as their CSV
//! files import them (`date,product,quantity,defective[,first_grade,made_by,materials]` and
//! `month,product,quantity,value`), every bad line and column named, and what they add up
//! to over a report period — the production part of the indicators' [`Totals`].
//!
//! Defective pieces are counted in the quantity produced; good pieces are the rest, and
//! first-grade pieces are among the good ones.

use std::collections::HashMap;

use artel_ledger::{Currency, Money, MoneyError, Period};
use chrono::NaiveDate;

use crate::csv_input::{LineError, read_rows};
use crate::indicators::{ReportPeriod, Totals};
use crate::materials::{MaterialUse, read_materials};

/// One production report: what was made of one product on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductionLine {
    pub line: u64,
    pub date: NaiveDate,
    pub product: String,
    /// All pieces made, defective ones included.
    pub quantity: u32,
    pub defective: u32,
    /// First-grade pieces among the good ones, when graded.
    pub first_grade: Option<u32>,
    /// The member (`12`) or team who made them; empty when not said.
    pub made_by: String,
    /// The materials used, issued from stock.
    pub materials: Vec<MaterialUse>,
}

impl ProductionLine {
    pub fn good(&self) -> u32 {
        self.quantity - self.defective
    }
}

/// One month's plan for one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub line: u64,
    pub month: Period,
    pub product: String,
    pub quantity: u32,
    /// The planned value, in the book's currency.
    pub value: Money,
}

/// What is wrong with a report of `quantity` made, `defective` of them defective and
/// `first_grade` first-grade, by field: nothing made, more defective than made, more
/// first-grade than good.
pub fn check_report(
    quantity: u32,
    defective: u32,
    first_grade: Option<u32>,
) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if quantity == 0 {
        problems.push(("quantity", "nothing was made".to_owned()));
    }
    if defective > quantity {
        problems.push((
            "defective",
            format!("{defective} defective of {quantity} made"),
        ));
    } else if let Some(first) = first_grade
        && first > quantity - defective
    {
        problems.push((
            "first_grade",
            format!("{first} first-grade of {} good", quantity - defective),
        ));
    }
    problems
}

/// Reads production reports: a day, a product, more than nothing made, no more defective
/// than made, no more first-grade than good. Every problem named; nothing returned unless
/// there are none.
pub fn read_production(text: &str) -> Result<Vec<ProductionLine>, Vec<LineError>> {
    read_rows(
        text,
        &["date", "product", "quantity", "defective"],
        &["first_grade", "made_by", "materials"],
        |row| {
            let mut errors = Vec::new();
            let date = row.date("date").map_err(|e| errors.push(e)).ok();
            let product = row.required("product").map_err(|e| errors.push(e)).ok();
            let quantity = row.count("quantity").map_err(|e| errors.push(e)).ok();
            let defective = row.count("defective").map_err(|e| errors.push(e)).ok();
            let first_grade = if row.text("first_grade").is_empty() {
                None
            } else {
                row.count("first_grade").map_err(|e| errors.push(e)).ok()
            };
            let materials = read_materials(row.text("materials"))
                .map_err(|e| errors.push(row.refuse("materials", e)))
                .unwrap_or_default();
            if let (Some(quantity), Some(defective)) = (quantity, defective) {
                for (column, message) in check_report(quantity, defective, first_grade) {
                    errors.push(row.refuse(column, message));
                }
            }
            match (date, product, quantity, defective) {
                (Some(date), Some(product), Some(quantity), Some(defective))
                    if errors.is_empty() =>
                {
                    Ok(ProductionLine {
                        line: row.line,
                        date,
                        product: product.to_owned(),
                        quantity,
                        defective,
                        first_grade,
                        made_by: row.text("made_by").to_owned(),
                        materials,
                    })
                }
                _ => Err(errors),
            }
        },
    )
}

/// Reads monthly plans: a month `YYYY-MM`, a product, a quantity and a value in `currency`.
pub fn read_plans(text: &str, currency: &Currency) -> Result<Vec<PlanLine>, Vec<LineError>> {
    read_rows(
        text,
        &["month", "product", "quantity", "value"],
        &[],
        |row| {
            let mut errors = Vec::new();
            let month = match Period::parse(row.text("month")) {
                Ok(month) => Some(month),
                Err(error) => {
                    errors.push(row.refuse("month", error.to_string()));
                    None
                }
            };
            let product = row.required("product").map_err(|e| errors.push(e)).ok();
            let quantity = row.count("quantity").map_err(|e| errors.push(e)).ok();
            let value = match currency.parse(row.text("value")) {
                Ok(value) if value >= Money::ZERO => Some(value),
                Ok(_) => {
                    errors.push(row.refuse("value", "a plan's value cannot be negative"));
                    None
                }
                Err(error) => {
                    errors.push(row.refuse("value", error.to_string()));
                    None
                }
            };
            match (month, product, quantity, value) {
                (Some(month), Some(product), Some(quantity), Some(value)) if errors.is_empty() => {
                    Ok(PlanLine {
                        line: row.line,
                        month,
                        product: product.to_owned(),
                        quantity,
                        value,
                    })
                }
                _ => Err(errors),
            }
        },
    )
}

/// What the reports and plans of `period` add up to: quantities, the good pieces at the
/// products' standard prices (`prices`; a product without one counts at nothing), and the
/// planned value of the period's months. The other fields of [`Totals`] stay as they are.
pub fn add_production(
    totals: &mut Totals,
    period: ReportPeriod,
    reports: &[ProductionLine],
    plans: &[PlanLine],
    prices: &HashMap<String, Money>,
) -> Result<(), MoneyError> {
    let within = |date: NaiveDate| period.first <= date && date <= period.last;
    for report in reports.iter().filter(|r| within(r.date)) {
        let price = prices.get(&report.product).copied().unwrap_or(Money::ZERO);
        add_produced(
            totals,
            &Produced {
                quantity: u64::from(report.quantity),
                defective: u64::from(report.defective),
                first_grade: u64::from(report.first_grade.unwrap_or(0)),
            },
            price,
        )?;
    }
    for plan in plans.iter().filter(|p| within(p.month.first_day())) {
        totals.planned_value = totals.planned_value.checked_add(plan.value)?;
    }
    Ok(())
}

/// Quantities of one product produced, summed over any number of reports: what the
/// indicators need of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Produced {
    /// All grades, defective included.
    pub quantity: u64,
    pub defective: u64,
    pub first_grade: u64,
}

/// Adds what one product produced, valued at its standard `price` (good pieces only). A
/// report adds itself; a region's statistics add each product's sums over the period, with
/// the same result.
pub fn add_produced(
    totals: &mut Totals,
    produced: &Produced,
    price: Money,
) -> Result<(), MoneyError> {
    let good = produced.quantity.saturating_sub(produced.defective);
    totals.produced += produced.quantity;
    totals.defective += produced.defective;
    totals.first_grade += produced.first_grade;
    totals.good_quantity += good;
    let value = i64::try_from(good)
        .ok()
        .and_then(|good| price.minor().checked_mul(good))
        .map(Money::from_minor)
        .ok_or(MoneyError::Overflow)?;
    totals.good_value = totals.good_value.checked_add(value)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::indicators;

    const REPORTS: &str = "date,product,quantity,defective,first_grade
1954-01-10,cloth,100,34,40
1954-04-05,cloth,200,12,150
1954-04-20,towel,50,0,
1954-05-02,cloth,100,6,80
";

    const PLANS: &str = "month,product,quantity,value
1954-04,cloth,200,2000.00
1954-04,towel,60,300.00
1954-05,cloth,100,1000.00
";

    fn cny() -> Currency {
        Currency::new("CNY", 2).unwrap()
    }

    fn value_of(rows: &[(&'static str, Option<crate::Figure>)], name: &str) -> String {
        rows.iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_month_and_a_quarter_add_up_by_hand() {
        let reports = read_production(REPORTS).unwrap();
        let plans = read_plans(PLANS, &cny()).unwrap();
        let prices = HashMap::from([
            ("cloth".to_owned(), Money::from_minor(1_000)),
            ("towel".to_owned(), Money::from_minor(500)),
        ]);
        let mut april = Totals::default();
        let period = ReportPeriod::parse("1954-04").unwrap();
        add_production(&mut april, period, &reports, &plans, &prices).unwrap();
        // 250 made, 12 defective, 150 first-grade (the towels are not graded); good: 188
        // cloth at 10.00 and 50 towels at 5.00 = 2130.00 against 2300.00 planned.
        assert_eq!(
            (april.produced, april.defective, april.first_grade),
            (250, 12, 150)
        );
        let rows = indicators(&april, 2);
        assert_eq!(value_of(&rows, "defect_rate"), "4.8");
        assert_eq!(value_of(&rows, "output_value"), "2130.00");
        assert_eq!(value_of(&rows, "plan_fulfilment"), "92.6");
        assert_eq!(value_of(&rows, "first_grade_share"), "60.0");
        // The quarter sums April and May, plans too: 3070.00 of 3300.00.
        let mut quarter = Totals::default();
        let period = ReportPeriod::parse("1954-Q2").unwrap();
        add_production(&mut quarter, period, &reports, &plans, &prices).unwrap();
        let rows = indicators(&quarter, 2);
        assert_eq!(value_of(&rows, "output_quantity"), "350");
        assert_eq!(value_of(&rows, "output_value"), "3070.00");
        assert_eq!(value_of(&rows, "plan_fulfilment"), "93.0");
        // January: 34 % defective, as in Shashi; no plan, so no fulfilment.
        let mut january = Totals::default();
        let period = ReportPeriod::parse("1954-01").unwrap();
        add_production(&mut january, period, &reports, &plans, &prices).unwrap();
        let rows = indicators(&january, 2);
        assert_eq!(value_of(&rows, "defect_rate"), "34.0");
        assert_eq!(value_of(&rows, "plan_fulfilment"), "");
        // A month with nothing: counts 0, rates empty.
        let mut june = Totals::default();
        let period = ReportPeriod::parse("1954-06").unwrap();
        add_production(&mut june, period, &reports, &plans, &prices).unwrap();
        let rows = indicators(&june, 2);
        assert_eq!(value_of(&rows, "output_quantity"), "0");
        assert_eq!(value_of(&rows, "defect_rate"), "");
    }

    #[test]
    fn every_bad_line_is_named() {
        let bad = "date,product,quantity,defective,first_grade
1954-01-10,cloth,10,11,
1954-13-01,,0,0,
1954-01-12,cloth,10,2,9
";
        let errors = read_production(bad).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("2: defective: 11 defective of 10")),
            "{shown:?}"
        );
        assert!(shown.iter().any(|e| e.starts_with("3: date:")), "{shown:?}");
        assert!(
            shown.iter().any(|e| e.starts_with("3: product:")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("3: quantity: nothing was made")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("4: first_grade: 9 first-grade of 8 good")),
            "{shown:?}"
        );
        let plans = "month,product,quantity,value\n1954-4,cloth,1,-1.00\n";
        let errors = read_plans(plans, &cny()).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|e| e.starts_with("2: month:")),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|e| e.starts_with("2: value:")),
            "{shown:?}"
        );
    }
}
