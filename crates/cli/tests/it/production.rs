//! `artel import production` and `artel import plans`, all or nothing with every bad line
//! named, and the production indicators they feed: defect rate, output, first-grade share,
//! plan fulfilment and unit cost (from what April posted to production-cost accounts),
//! compared with January as the rectification reports did.

use crate::harness::{Artel, engine_tests, report_row as row};

engine_tests!(
    production_and_plans_feed_the_indicators,
    a_bad_production_file_is_refused_whole,
    a_product_has_a_unit_and_a_chinese_name
);

const PRODUCTION: &str = "date,product,quantity,defective,first_grade
1954-01-10,cloth,100,34,40
1954-04-05,cloth,200,12,150
1954-04-20,towel,50,0,
";

const PLANS: &str = "month,product,quantity,value
1954-04,cloth,200,2000.00
1954-04,towel,60,300.00
";

fn production_and_plans_feed_the_indicators(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let production = artel.write("production.csv", PRODUCTION);
    let imported = artel.ok(&["import", "production", production, "--org", "coop"]);
    assert_eq!(
        imported.trim(),
        "imported 3 production reports into coop (2 new products)"
    );
    let plans = artel.write("plans.csv", PLANS);
    let imported = artel.ok(&["import", "plans", plans, "--org", "coop"]);
    assert_eq!(
        imported.trim(),
        "imported 2 monthly plans into coop (0 new products)"
    );
    artel.ok(&[
        "product", "price", "--org", "coop", "cloth", "--price", "10.00",
    ]);
    artel.ok(&[
        "product", "price", "--org", "coop", "towel", "--price", "5.00",
    ]);
    artel.ok(&[
        "entry",
        "post",
        "--book",
        "coop",
        "--date",
        "1954-04-30",
        "--memo",
        "Yarn used",
        "--posting",
        "Expenses:Production:Materials=1000.00",
        "--posting",
        "Assets:Cash=-1000.00",
    ]);
    let report = artel.ok(&[
        "report",
        "indicators",
        "--org",
        "coop",
        "--period",
        "1954-04",
        "--compare",
        "1954-01",
        "--format",
        "csv",
    ]);
    // April: 250 made, 12 defective (4.8 %) against 34 of 100 in January.
    assert_eq!(row(&report, "defect_rate"), "defect_rate,4.8,34.0,-85.9");
    assert_eq!(
        row(&report, "output_quantity"),
        "output_quantity,250,100,150.0"
    );
    // 188 good pieces of cloth at 10.00 and 50 towels at 5.00; January's 66 good at 10.00.
    assert_eq!(
        row(&report, "output_value"),
        "output_value,2130.00,660.00,222.7"
    );
    assert_eq!(
        row(&report, "first_grade_share"),
        "first_grade_share,60.0,40.0,50.0"
    );
    // 2130.00 of the 2300.00 planned; January had no plan.
    assert_eq!(row(&report, "plan_fulfilment"), "plan_fulfilment,92.6,,");
    // 1000.00 of production cost over 238 good pieces; January posted none.
    assert_eq!(row(&report, "unit_cost"), "unit_cost,4.20,0.00,");
    // A plan imported again replaces the month's plan for that product.
    let revised = artel.write(
        "revised.csv",
        "month,product,quantity,value\n1954-04,cloth,200,1830.00\n",
    );
    artel.ok(&["import", "plans", revised, "--org", "coop"]);
    let report = artel.ok(&[
        "report",
        "indicators",
        "--org",
        "coop",
        "--period",
        "1954-04",
        "--format",
        "csv",
    ]);
    assert_eq!(row(&report, "plan_fulfilment"), "plan_fulfilment,100.0,,");
}

fn a_bad_production_file_is_refused_whole(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "production.csv",
        "date,product,quantity,defective\n1954-04-01,cloth,10,1\n1954-04-02,cloth,10,11\n1954-04-31,,5,0\n",
    );
    let stderr = artel.fails(&["import", "production", file, "--org", "coop"], 3);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("production.csv:3: defective: 11 defective of 10 made")),
        "{stderr}"
    );
    assert!(
        lines.iter().any(|l| l.contains("production.csv:4: date:")),
        "{stderr}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("production.csv:4: product: is empty")),
        "{stderr}"
    );
    // Nothing of the good first line was kept.
    let report = artel.ok(&[
        "report",
        "indicators",
        "--org",
        "coop",
        "--period",
        "1954-04",
        "--format",
        "csv",
    ]);
    assert_eq!(row(&report, "output_quantity"), "output_quantity,0,,");
    let plans = artel.write(
        "plans.csv",
        "month,product,quantity,value\n1954-4,cloth,1,10.00\n",
    );
    let stderr = artel.fails(&["import", "plans", plans, "--org", "coop"], 3);
    assert!(stderr.contains("plans.csv:2: month:"), "{stderr}");
}

fn a_product_has_a_unit_and_a_chinese_name(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let set = artel.ok(&[
        "product",
        "set",
        "--org",
        "coop",
        "cloth",
        "--unit",
        "bolt",
        "--name-zh",
        "布",
        "--price",
        "35.00",
    ]);
    assert_eq!(
        set.trim(),
        "cloth in coop: standard price 35.00, unit 'bolt', Chinese name '布'"
    );
    // What is not given stays as it was.
    let repriced = artel.ok(&[
        "product", "set", "--org", "coop", "cloth", "--price", "36.00",
    ]);
    assert_eq!(
        repriced.trim(),
        "cloth in coop: standard price 36.00, unit 'bolt', Chinese name '布'"
    );
    let stderr = artel.fails(
        &["product", "set", "--org", "coop", "cloth", "--price=-1.00"],
        3,
    );
    assert!(
        stderr.contains("--price: a price cannot be negative"),
        "{stderr}"
    );
}
