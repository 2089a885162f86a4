//! `artel demo`: the Hubei 1954 world of the article, with every figure the article gives
//! read back through `artel report indicators` and `artel report statistics` — computed from
//! the recorded transactions, never stored — a second load that changes nothing, and a
//! production report added to the demo that moves the figures exactly as the definitions
//! say.

use crate::harness::{Artel, engine_tests, report_values as row};

engine_tests!(
    the_demo_gives_the_articles_figures,
    the_demo_is_safe_to_run_twice,
    a_production_report_added_to_the_demo_moves_its_figures_as_defined,
    the_demo_never_loads_beside_real_books
);

fn indicators(artel: &Artel, org: &str, period: &str, compare: Option<&str>) -> String {
    let mut args = vec![
        "report",
        "indicators",
        "--org",
        org,
        "--period",
        period,
        "--format",
        "csv",
    ];
    if let Some(compare) = compare {
        args.extend(["--compare", compare]);
    }
    artel.ok(&args)
}

/// A decimal with two places as minor units.
fn minor(text: &str) -> i64 {
    let (whole, fraction) = text.split_once('.').expect("two decimals");
    whole.parse::<i64>().unwrap() * 100 + fraction.parse::<i64>().unwrap()
}

fn the_demo_gives_the_articles_figures(artel: &Artel) {
    let loaded = artel.ok(&["demo"]);
    assert!(
        loaded.contains("'demo'") && loaded.contains("shashi-weaving"),
        "{loaded}"
    );

    // Shashi weaving: a third defective in January, 6 % in April with the plan overfulfilled.
    let january = indicators(artel, "shashi-weaving", "1954-01", None);
    assert_eq!(row(&january, "defect_rate"), "34.0,,");
    let april = indicators(artel, "shashi-weaving", "1954-04", Some("1954-01"));
    assert_eq!(row(&april, "defect_rate"), "6.0,34.0,-82.4");
    assert_eq!(row(&april, "plan_fulfilment"), "101.0,51.7,95.4");

    // Echeng plows in January: four fifths on credit to private merchants, most members
    // asking to leave, little income, and a loss.
    let january = indicators(artel, "echeng-plow", "1954-01", None);
    assert_eq!(row(&january, "credit_sales_share"), "80.0,,");
    assert_eq!(row(&january, "private_buyer_share"), "80.0,,");
    assert_eq!(row(&january, "members"), "40,,");
    assert_eq!(row(&january, "withdrawal_requests"), "24,,");
    let income = artel.ok(&[
        "report",
        "income-statement",
        "--book",
        "echeng-plow",
        "--from",
        "1954-01-01",
        "--to",
        "1954-01-31",
        "--format",
        "json",
    ]);
    let income: serde_json::Value = serde_json::from_str(&income).unwrap();
    let surplus = income["surplus"].as_str().unwrap();
    assert_eq!(surplus, "-1900000.00", "January's loss: {income}");
    let merchants = artel.ok(&[
        "report",
        "trial-balance",
        "--book",
        "echeng-plow",
        "--to",
        "1954-01-31",
        "--format",
        "csv",
    ]);
    assert!(
        merchants.contains("Assets:Receivables,20800000.00"),
        "{merchants}"
    );

    // Echeng plows in April against January: the contracts, the figures of the article.
    let april = indicators(artel, "echeng-plow", "1954-04", Some("1954-01"));
    assert_eq!(row(&april, "output_quantity"), "860,500,72.0");
    assert_eq!(row(&april, "first_grade_share"), "64.8,40.0,62.0");
    assert_eq!(row(&april, "unit_cost"), "50040.00,60000.00,-16.6");
    assert_eq!(row(&april, "contract_value"), "90000000.00,0.00,");
    assert_eq!(row(&april, "withdrawal_requests"), "0,24,-100.0");
    assert_eq!(row(&april, "member_income"), "380000.00,150000.00,153.3");
    let contracts = artel.ok(&[
        "report",
        "statistics",
        "--region",
        "echeng",
        "--period",
        "1954-04",
        "--format",
        "json",
    ]);
    let contracts: serde_json::Value = serde_json::from_str(&contracts).unwrap();
    let by_type = contracts["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == "contract_value.supply-marketing")
        .unwrap();
    assert_eq!(by_type["value"], "90000000.00", "amounts are strings");

    // Yingcheng: combined contracts of over 320,000,000 yuan by its 6th and 7th districts'
    // supply and marketing cooperatives.
    let yingcheng = artel.statistics("yingcheng", "1954-Q2", None);
    assert_eq!(
        row(&yingcheng, "contract_value.supply-marketing"),
        "321500000.00"
    );
    assert_eq!(row(&yingcheng, "contract_value"), "321500000.00");

    // The province in the first quarter: 39 new cooperatives and 537 new teams; the twelve
    // focus cooperatives under rectification at its end.
    let q1 = artel.statistics("hubei", "1954-Q1", None);
    assert_eq!(row(&q1, "new_cooperatives"), "39");
    assert_eq!(row(&q1, "new_teams"), "537");
    assert_eq!(row(&q1, "cooperatives.under-rectification"), "12");
    assert_eq!(row(&q1, "teams"), "537");
    let header = q1.lines().next().unwrap();
    assert_eq!(header, "indicator,value");

    // Federations in preparation in Huangshi, Echeng and Xishui; laborers associations in
    // ten counties and cities; the county governments' handicraft sections.
    let counts = artel.ok(&[
        "region",
        "counts",
        "hubei",
        "--as-of",
        "1954-06-07",
        "--format",
        "csv",
    ]);
    assert_eq!(row(&counts, "organisations.federation.preparatory"), "3");
    assert_eq!(row(&counts, "organisations.association.active"), "10");
    let sections = row(&counts, "organisations.government.active");
    assert!(sections.parse::<u32>().unwrap() > 10, "{sections}");
    // The conference of late February decided the campaign: twelve focus cooperatives in
    // all, due at the end of June, its report comparing April with January.
    let campaign = artel.ok(&[
        "campaign",
        "show",
        "hubei-1954-rectification",
        "--as-of",
        "1954-06-07",
        "--format",
        "json",
    ]);
    let campaign: serde_json::Value = serde_json::from_str(&campaign).unwrap();
    assert_eq!(
        campaign["focus"].as_array().unwrap().len(),
        12,
        "{campaign}"
    );
    assert_eq!(campaign["deadline"], "1954-06-30");
    assert_eq!(campaign["days_to_deadline"], 23);
    let focus = campaign["focus"].to_string();
    assert!(
        focus.contains("shashi-weaving") && focus.contains("echeng-plow"),
        "{focus}"
    );
    let report = artel.ok(&[
        "campaign",
        "report",
        "hubei-1954-rectification",
        "--format",
        "csv",
    ]);
    for line in [
        "shashi-weaving,defect_rate,34.0,6.0,-82.4",
        "echeng-plow,output_quantity,500,860,72.0",
        "echeng-plow,first_grade_share,40.0,64.8,62.0",
        "echeng-plow,unit_cost,60000.00,50040.00,-16.6",
    ] {
        assert!(report.lines().any(|l| l == line), "{line}: {report}");
    }
    // Yingshan's exhibition and material exchange meeting, with the contracts signed there.
    let events = artel.ok(&["exhibition", "list", "--format", "json"]);
    let events: serde_json::Value = serde_json::from_str(&events).unwrap();
    let kinds: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["exhibition", "exchange-meeting"]);
    assert_eq!(events[1]["contract_value"], "7450000.00");
    assert!(events[0]["title"].as_str().unwrap().contains("应山"));
    for region in ["huangshi", "echeng", "xishui"] {
        let local = artel.ok(&[
            "region",
            "counts",
            region,
            "--as-of",
            "1954-06-07",
            "--format",
            "csv",
        ]);
        assert_eq!(
            row(&local, "organisations.federation.preparatory"),
            "1",
            "{region}"
        );
    }
}

/// What the demo shows: the province's statistics, two books, the organisations, the
/// campaign and the events.
fn what_the_demo_shows(artel: &Artel) -> Vec<String> {
    vec![
        artel.statistics("hubei", "1954", None),
        artel.trial_balance("echeng-plow"),
        artel.trial_balance("shashi-weaving"),
        artel.ok(&["org", "list", "--format", "csv"]),
        artel.ok(&[
            "campaign",
            "show",
            "hubei-1954-rectification",
            "--as-of",
            "1954-06-07",
        ]),
        artel.ok(&["exhibition", "list", "--format", "csv"]),
    ]
}

fn the_demo_is_safe_to_run_twice(artel: &Artel) {
    artel.ok(&["demo"]);
    let before = what_the_demo_shows(artel);
    artel.ok(&["demo"]);
    let after = what_the_demo_shows(artel);
    assert_eq!(before, after);
    artel.ok(&["verify", "--book", "echeng-plow"]);
}

fn a_production_report_added_to_the_demo_moves_its_figures_as_defined(artel: &Artel) {
    artel.ok(&["demo"]);
    let before = artel.statistics("hubei", "1954-Q2", None);
    let shashi_before = indicators(artel, "shashi-weaving", "1954-04", None);
    assert_eq!(row(&shashi_before, "output_quantity"), "300,,");
    // A hundred more bolts of cloth in April, twenty of them defective, fifty first grade.
    let report = artel.write(
        "april.csv",
        "date,product,quantity,defective,first_grade\n1954-04-30,cloth,100,20,50\n",
    );
    artel.ok(&["import", "production", report, "--org", "shashi-weaving"]);
    let after = indicators(artel, "shashi-weaving", "1954-04", None);
    assert_eq!(row(&after, "output_quantity"), "400,,");
    // 18 + 20 defective of 300 + 100 made.
    assert_eq!(row(&after, "defect_rate"), "9.5,,");
    // First grade: 205 of 300 before, 255 of 400 now.
    assert_eq!(row(&after, "first_grade_share"), "63.8,,");
    // Eighty good bolts at the standard price of 35,000.00.
    let value = |report: &str| minor(&row(report, "output_value").replace(",,", ""));
    assert_eq!(value(&after) - value(&shashi_before), 80 * 3_500_000);
    let province_after = artel.statistics("hubei", "1954-Q2", None);
    assert_eq!(
        minor(&row(&province_after, "output_value")) - minor(&row(&before, "output_value")),
        80 * 3_500_000,
        "the province's output value moves by the same"
    );
    let quantity = |report: &str| row(report, "output_quantity").parse::<i64>().unwrap();
    assert_eq!(quantity(&province_after) - quantity(&before), 100);
    // The other figures stay as they were.
    for name in [
        "cooperatives",
        "teams",
        "members",
        "contract_value",
        "sales",
    ] {
        assert_eq!(row(&province_after, name), row(&before, name), "{name}");
    }
}

fn the_demo_never_loads_beside_real_books(artel: &Artel) {
    artel.cooperative("real-coop", &[]);
    let refused = artel.fails(&["demo"], 3);
    assert!(
        refused.starts_with("error: ") && refused.contains("published password"),
        "{refused}"
    );
    // Nothing of it was loaded: no demo sign-in, no demo organisation.
    assert_eq!(
        artel.query_strings("SELECT CAST(COUNT(*) AS TEXT) FROM users"),
        ["0"]
    );
    assert_eq!(
        artel.query_strings("SELECT code FROM organisations"),
        ["real-coop"]
    );
}
