//! `artel report statistics` on a small region tree made by hand: organisations counted as
//! of the period's end (those founded later, dissolved or only preparing left out), the new
//! ones of the period (a team upgraded in it a new cooperative), the subtree's boundary
//! (a region beside it not counted), sums and rates over the counted cooperatives'
//! records, the comparison with another period, and the refusals.

use crate::harness::{Artel, engine_tests, error_lines, report_values as row};

engine_tests!(
    statistics_count_a_region_subtree_as_of_the_period_end,
    a_region_of_one_cooperative_has_its_indicators,
    statistics_refuse_a_bad_period_or_region_by_name
);

/// The province `p` with districts `d1` (county `c1` below it) and `d2`, and `q` beside it.
fn a_tree(artel: &Artel) {
    artel.ok(&["region", "add", "p", "--name", "P", "--level", "province"]);
    artel.ok(&["region", "add", "q", "--name", "Q", "--level", "province"]);
    for (code, parent, level) in [
        ("d1", "p", "district"),
        ("d2", "p", "district"),
        ("c1", "d1", "county"),
    ] {
        artel.ok(&[
            "region", "add", code, "--name", code, "--parent", parent, "--level", level,
        ]);
    }
    artel.organisation("old-coop", "cooperative", "c1", "1953-05-01", &[]);
    artel.organisation("new-coop", "cooperative", "c1", "1954-01-01", &[]);
    artel.organisation("late-coop", "cooperative", "d1", "1954-04-01", &[]);
    artel.organisation("team-a", "team", "d2", "1953-03-01", &[]);
    artel.organisation("team-b", "team", "d2", "1954-03-31", &[]);
    artel.organisation("closing", "cooperative", "d2", "1953-01-01", &[]);
    artel.organisation(
        "planned",
        "cooperative",
        "d2",
        "1954-02-01",
        &["--status", "preparatory"],
    );
    artel.organisation("beside", "cooperative", "q", "1954-02-01", &[]);
    artel.organisation("smc", "supply-marketing", "c1", "1950-01-01", &[]);
    artel.ok(&["org", "upgrade", "team-a", "--date", "1954-05-10"]);
    artel.ok(&[
        "org",
        "status",
        "closing",
        "--status",
        "dissolved",
        "--date",
        "1954-03-15",
    ]);
}

fn statistics_count_a_region_subtree_as_of_the_period_end(artel: &Artel) {
    a_tree(artel);
    // Records of two counted cooperatives and of the one beside the subtree.
    let members = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\nWang,1953-05-01,1,0\nLi,1953-05-01,1,0\nZhao,1954-06-01,1,0\n",
    );
    artel.ok(&["import", "members", members, "--org", "old-coop"]);
    artel.ok(&["import", "members", members, "--org", "beside"]);
    let plans = artel.write(
        "plans.csv",
        "month,product,quantity,value\n1954-02,hoes,100,1000.00\n",
    );
    artel.ok(&["import", "plans", plans, "--org", "old-coop"]);
    for (org, made, defective) in [
        ("old-coop", "100", "30"),
        ("new-coop", "300", "10"),
        ("beside", "50", "50"),
    ] {
        let report = artel.write(
            "production.csv",
            &format!("date,product,quantity,defective\n1954-02-10,hoes,{made},{defective}\n"),
        );
        artel.ok(&["import", "production", report, "--org", org]);
        artel.ok(&["product", "price", "--org", org, "hoes", "--price", "10.00"]);
    }
    let contracts = artel.write(
        "contracts.csv",
        "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
         C-1,Town SMC,supply-marketing,sales,1954-03-01,500.00,30\n\
         C-2,Wang Ji,private-merchant,sales,1954-03-02,200.00,90\n\
         C-3,Iron works,state-commerce,purchase,1954-03-03,900.00,30\n",
    );
    artel.ok(&["import", "contracts", contracts, "--org", "new-coop"]);

    let q1 = artel.statistics("p", "1954-Q1", None);
    assert_eq!(q1.lines().next(), Some("indicator,value"));
    // Working at 31 March: old-coop, new-coop (not late-coop, not the dissolved one, not
    // the preparatory one); team-a still a team, team-b founded on the last day.
    assert_eq!(row(&q1, "cooperatives"), "2");
    assert_eq!(row(&q1, "teams"), "2");
    assert_eq!(row(&q1, "new_cooperatives"), "2", "new-coop and planned");
    assert_eq!(row(&q1, "new_teams"), "1");
    assert_eq!(row(&q1, "cooperatives.dissolved"), "1");
    assert_eq!(row(&q1, "cooperatives.preparatory"), "1");
    assert_eq!(row(&q1, "organisations.supply-marketing"), "1");
    // Two members of old-coop at the end of March (the third joins in June); none beside.
    assert_eq!(row(&q1, "members"), "2");
    // 40 defective of 400 made; 360 good at 10.00; the plan of 1,000.00 is old-coop's.
    assert_eq!(row(&q1, "defect_rate"), "10.0");
    assert_eq!(row(&q1, "output_value"), "3600.00");
    assert_eq!(row(&q1, "plan_fulfilment"), "360.0");
    // Sales and combined contracts count; a purchase does not.
    assert_eq!(row(&q1, "contract_value"), "700.00");
    assert_eq!(row(&q1, "contract_value.supply-marketing"), "500.00");
    assert_eq!(row(&q1, "contract_value.private-merchant"), "200.00");
    assert_eq!(row(&q1, "contract_value.state-commerce"), "0.00");

    // The second quarter: team-a became a cooperative, late-coop was founded.
    let q2 = artel.statistics("p", "1954-Q2", Some("1954-Q1"));
    assert_eq!(
        q2.lines().next(),
        Some("indicator,value,compare,change_pct")
    );
    assert_eq!(row(&q2, "cooperatives"), "4,2,100.0");
    assert_eq!(row(&q2, "teams"), "1,2,-50.0");
    assert_eq!(row(&q2, "new_cooperatives"), "2,2,0.0");
    assert_eq!(row(&q2, "new_cooperatives.upgraded"), "1,0,");
    assert_eq!(row(&q2, "members"), "3,2,50.0");
    assert_eq!(row(&q2, "defect_rate"), ",10.0,", "nothing made in Q2");

    // A district counts only its own subtree.
    let d1 = artel.statistics("d1", "1954-Q1", None);
    assert_eq!(row(&d1, "cooperatives"), "2");
    assert_eq!(row(&d1, "teams"), "0");
    let d2 = artel.statistics("d2", "1954-Q1", None);
    assert_eq!(row(&d2, "cooperatives"), "0");
    assert_eq!(row(&d2, "output_value"), "0.00");
    assert_eq!(row(&d2, "defect_rate"), "");
    // The province beside: its own cooperative alone.
    let q = artel.statistics("q", "1954-Q1", None);
    assert_eq!(row(&q, "cooperatives"), "1");
    assert_eq!(row(&q, "defect_rate"), "100.0");
    // Before anything was founded: every count 0, every rate empty.
    let early = artel.statistics("p", "1949", None);
    for name in ["cooperatives", "teams", "new_cooperatives", "members"] {
        assert_eq!(row(&early, name), "0", "{name}");
    }
    let json = artel.ok(&[
        "report",
        "statistics",
        "--region",
        "p",
        "--period",
        "1954-Q1",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["region"], "p");
    assert_eq!(json["period"], "1954-Q1");
    let value = |name: &str| {
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == name)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("output_value"), "3600.00");
    assert_eq!(value("defect_rate"), "10.0");
    assert_eq!(value("plan_fulfilment"), "360.0");
}

/// The statistics are summed in the database by organisation, the indicators read one
/// organisation's records line by line: over a region holding one cooperative, every rate
/// and sum they share must agree — sales on credit and to private buyers, contracts by
/// kind, the production cost (the year's closing left out), plans, a member expelled.
fn a_region_of_one_cooperative_has_its_indicators(artel: &Artel) {
    a_tree(artel);
    let write = |name: &str, text: &str| artel.write(name, text).to_owned();
    let members = write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\nWang,1953-05-01,1,0\nLi,1953-06-01,1,0\nZhao,1954-02-01,1,0\nQian,1954-05-01,1,0\n",
    );
    artel.ok(&["import", "members", &members, "--org", "beside"]);
    artel.ok(&[
        "meeting",
        "add",
        "--org",
        "beside",
        "--body",
        "general-assembly",
        "--date",
        "1954-03-10",
        "--title",
        "General assembly",
        "--present",
        "3",
    ]);
    let expelled = artel.ok(&[
        "meeting",
        "motion",
        "--org",
        "beside",
        "1",
        "--kind",
        "expulsion",
        "--text",
        "Expel Li",
        "--member",
        "2",
        "--yes",
        "3",
        "--no",
        "0",
    ]);
    assert!(expelled.contains("adopted"), "{expelled}");
    let production = write(
        "production.csv",
        "date,product,quantity,defective,first_grade\n\
         1954-01-10,hoes,100,7,50\n1954-02-10,hoes,120,3,90\n1954-02-20,rakes,40,0,\n\
         1954-03-05,rakes,60,6,30\n1954-04-01,hoes,500,1,1\n",
    );
    artel.ok(&["import", "production", &production, "--org", "beside"]);
    for (product, price) in [("hoes", "12.50"), ("rakes", "3.30")] {
        artel.ok(&[
            "product", "price", "--org", "beside", product, "--price", price,
        ]);
    }
    let plans = write(
        "plans.csv",
        "month,product,quantity,value\n1954-01,hoes,100,1300.00\n1954-03,rakes,80,250.00\n1954-04,hoes,1,1.00\n",
    );
    artel.ok(&["import", "plans", &plans, "--org", "beside"]);
    let contracts = write(
        "contracts.csv",
        "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
         K-1,Town SMC,supply-marketing,sales,1954-01-05,800.00,30\n\
         K-2,Wang Ji,private-merchant,combined,1954-02-02,300.00,60\n\
         K-3,Iron works,state-commerce,purchase,1954-03-03,900.00,30\n\
         K-4,Li,individual,sales,1954-04-03,70.00,30\n",
    );
    artel.ok(&["import", "contracts", &contracts, "--org", "beside"]);
    let sales = write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         1954-01-12,Town SMC,supply-marketing,hoes,10,125.00,credit:30\n\
         1954-02-14,Wang Ji,private-merchant,hoes,4,50.00,cash\n\
         1954-02-15,Wang Ji,private-merchant,rakes,10,33.00,credit:60\n\
         1954-03-20,Li,individual,rakes,5,16.50,cash\n\
         1954-04-02,Town SMC,supply-marketing,hoes,1,12.50,cash\n",
    );
    artel.ok(&["import", "sales", &sales, "--org", "beside"]);
    for (date, amount) in [("1954-02-28", "400.00"), ("1954-04-30", "9.00")] {
        artel.ok(&[
            "entry",
            "post",
            "--book",
            "beside",
            "--date",
            date,
            "--memo",
            "Wages",
            "--posting",
            &format!("Expenses:Production:Wages={amount}"),
            "--posting",
            &format!("Assets:Cash=-{amount}"),
        ]);
    }
    // The closing moves the year's wages into the surplus; neither report counts it.
    artel.ok(&["year", "close", "--org", "beside", "--year", "1954"]);
    for period in ["1954-Q1", "1954-02", "1954"] {
        let statistics = artel.statistics("q", period, None);
        let indicators = artel.ok(&[
            "report",
            "indicators",
            "--org",
            "beside",
            "--period",
            period,
            "--format",
            "csv",
        ]);
        for name in [
            "members",
            "output_quantity",
            "output_value",
            "defect_rate",
            "first_grade_share",
            "plan_fulfilment",
            "unit_cost",
            "credit_sales_share",
            "private_buyer_share",
            "contract_value",
        ] {
            let indicator = row(&indicators, name);
            let value = indicator.split(',').next().unwrap();
            assert_eq!(row(&statistics, name), value, "{name} over {period}");
        }
    }
    let q1 = artel.statistics("q", "1954-Q1", None);
    assert_eq!(
        row(&q1, "members"),
        "2",
        "Li expelled in March, Qian joins in May"
    );
    assert_eq!(row(&artel.statistics("q", "1954-02", None), "members"), "3");
    assert_eq!(row(&q1, "sales"), "224.50");
    assert_eq!(
        row(&q1, "contract_value"),
        "1100.00",
        "a purchase does not count"
    );
}

fn statistics_refuse_a_bad_period_or_region_by_name(artel: &Artel) {
    a_tree(artel);
    let error = artel.fails(
        &[
            "report",
            "statistics",
            "--region",
            "p",
            "--period",
            "1954-Q5",
        ],
        3,
    );
    assert!(
        error_lines(&error).iter().any(|l| l.contains("--period")),
        "{error}"
    );
    let error = artel.fails(
        &[
            "report",
            "statistics",
            "--region",
            "p",
            "--period",
            "1954",
            "--compare",
            "x",
        ],
        3,
    );
    assert!(
        error_lines(&error).iter().any(|l| l.contains("--compare")),
        "{error}"
    );
    let error = artel.fails(
        &[
            "report",
            "statistics",
            "--region",
            "nowhere",
            "--period",
            "1954",
        ],
        3,
    );
    assert!(error.contains("nowhere"), "{error}");
}
