//! Production product by product over a report period: each product's quantities, output
//! and planned value, defect rate and plan fulfilment. Each product's figures are what
//! [`add_production`] and [`indicators`] make of that product's reports and plans alone, so
//! they are computed exactly as the organisation's are.

use std::collections::{BTreeMap, HashMap};

use artel_ledger::{Money, MoneyError};

use crate::indicators::{Figure, ReportPeriod, Totals, indicators};
use crate::production::{PlanLine, ProductionLine, add_production};

/// What one product's reports and plans of a period add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductFigures {
    pub product: String,
    /// All pieces made, defective ones included.
    pub quantity: u64,
    pub defective: u64,
    pub good: u64,
    /// The good pieces at the product's standard price.
    pub output_value: Money,
    pub planned_value: Money,
    /// Empty when nothing was made.
    pub defect_rate: Option<Figure>,
    /// Empty when nothing was planned.
    pub plan_fulfilment: Option<Figure>,
}

/// The lines of one product: its reports and its plans.
#[derive(Default)]
struct ProductLines {
    reports: Vec<ProductionLine>,
    plans: Vec<PlanLine>,
}

/// The figures of every product reported or planned in `period`, by name; a product
/// planned but not made has counts of 0 and no defect rate, one made but not planned has
/// no plan fulfilment. Amounts are in the book's currency at `scale`.
pub fn by_product(
    period: ReportPeriod,
    reports: &[ProductionLine],
    plans: &[PlanLine],
    prices: &HashMap<String, Money>,
    scale: u8,
) -> Result<Vec<ProductFigures>, MoneyError> {
    let within = |date| period.first <= date && date <= period.last;
    let mut products: BTreeMap<&str, ProductLines> = BTreeMap::new();
    for report in reports.iter().filter(|r| within(r.date)) {
        let lines = products.entry(&report.product).or_default();
        lines.reports.push(report.clone());
    }
    for plan in plans.iter().filter(|p| within(p.month.first_day())) {
        let lines = products.entry(&plan.product).or_default();
        lines.plans.push(plan.clone());
    }
    products
        .into_iter()
        .map(|(product, lines)| {
            let mut totals = Totals::default();
            add_production(&mut totals, period, &lines.reports, &lines.plans, prices)?;
            Ok(figures(product, &totals, scale))
        })
        .collect()
}

fn figures(product: &str, totals: &Totals, scale: u8) -> ProductFigures {
    let rows = indicators(totals, scale);
    let indicator = |name: &str| {
        rows.iter()
            .find(|(indicator, _)| *indicator == name)
            .and_then(|(_, figure)| *figure)
    };
    ProductFigures {
        product: product.to_owned(),
        quantity: totals.produced,
        defective: totals.defective,
        good: totals.good_quantity,
        output_value: totals.good_value,
        planned_value: totals.planned_value,
        defect_rate: indicator("defect_rate"),
        plan_fulfilment: indicator("plan_fulfilment"),
    }
}

#[cfg(test)]
mod tests {
    use artel_ledger::Currency;

    use super::*;
    use crate::production::{read_plans, read_production};

    const REPORTS: &str = "date,product,quantity,defective,first_grade
1954-01-10,cloth,100,34,40
1954-04-05,cloth,200,12,150
1954-04-20,towel,50,3,
1954-04-28,towel,50,3,
1954-05-02,cloth,100,6,80
1954-05-10,quilt,20,1,
";

    const PLANS: &str = "month,product,quantity,value
1954-04,cloth,200,2000.00
1954-04,towel,60,300.00
1954-05,cloth,100,1000.00
1954-05,sock,40,80.00
1954-07,towel,60,300.00
";

    fn figures_of(period: &str) -> Vec<ProductFigures> {
        let currency = Currency::new("CNY", 2).unwrap();
        let reports = read_production(REPORTS).unwrap();
        let plans = read_plans(PLANS, &currency).unwrap();
        let prices = HashMap::from([
            ("cloth".to_owned(), Money::from_minor(1_000)),
            ("towel".to_owned(), Money::from_minor(500)),
            ("quilt".to_owned(), Money::from_minor(2_000)),
        ]);
        let period = ReportPeriod::parse(period).unwrap();
        by_product(period, &reports, &plans, &prices, 2).unwrap()
    }

    fn shown(figure: Option<Figure>) -> String {
        figure.map(|f| f.to_string()).unwrap_or_default()
    }

    #[test]
    fn each_product_of_a_quarter_by_hand() {
        let products = figures_of("1954-Q2");
        let names: Vec<&str> = products.iter().map(|p| p.product.as_str()).collect();
        assert_eq!(names, ["cloth", "quilt", "sock", "towel"]);
        let [cloth, quilt, sock, towel] = &products[..] else {
            panic!("{products:?}");
        };
        // Cloth: 300 made, 18 defective (6.0 %), 282 good at 10.00 = 2820.00 of 3000.00
        // planned (94.0 %); January's 100 fall outside the quarter.
        assert_eq!(
            (cloth.quantity, cloth.defective, cloth.good),
            (300, 18, 282)
        );
        assert_eq!(cloth.output_value, Money::from_minor(282_000));
        assert_eq!(cloth.planned_value, Money::from_minor(300_000));
        assert_eq!(shown(cloth.defect_rate), "6.0");
        assert_eq!(shown(cloth.plan_fulfilment), "94.0");
        // Towels: 100 made, 6 defective, 94 good at 5.00 = 470.00 of 300.00 (156.7 %); July's
        // plan is outside.
        assert_eq!((towel.quantity, towel.good), (100, 94));
        assert_eq!(towel.output_value, Money::from_minor(47_000));
        assert_eq!(towel.planned_value, Money::from_minor(30_000));
        assert_eq!(shown(towel.defect_rate), "6.0");
        assert_eq!(shown(towel.plan_fulfilment), "156.7");
        // Quilts were made but not planned: 1 of 20 defective, no fulfilment.
        assert_eq!(quilt.output_value, Money::from_minor(38_000));
        assert_eq!(shown(quilt.defect_rate), "5.0");
        assert_eq!(shown(quilt.plan_fulfilment), "");
        // Socks were planned but not made: nothing made, no defect rate, 0.0 % fulfilled.
        assert_eq!((sock.quantity, sock.defective, sock.good), (0, 0, 0));
        assert_eq!(sock.output_value, Money::ZERO);
        assert_eq!(sock.planned_value, Money::from_minor(8_000));
        assert_eq!(shown(sock.defect_rate), "");
        assert_eq!(shown(sock.plan_fulfilment), "0.0");
    }

    #[test]
    fn the_products_add_up_to_the_whole() {
        let products = figures_of("1954");
        let cloth = &products[0];
        // January's 34 of 100 join: 52 of 400 defective, 13.0 %.
        assert_eq!((cloth.quantity, cloth.defective), (400, 52));
        assert_eq!(shown(cloth.defect_rate), "13.0");
        let quantity: u64 = products.iter().map(|p| p.quantity).sum();
        let defective: u64 = products.iter().map(|p| p.defective).sum();
        assert_eq!((quantity, defective), (520, 59));
        assert!(figures_of("1954-06").is_empty());
    }
}
