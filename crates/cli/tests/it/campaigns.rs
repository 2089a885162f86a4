//! `artel campaign …` and `artel exhibition …`: a provincial office's campaign decided at
//! its conference, focus cooperatives chosen one per district among those working on the
//! start (a dissolved one passed over), stages, findings and actions recorded, progress
//! shown on a day with the overdue action counted, the before/after report computed from
//! production records imported through `artel import production`, bad input refused by
//! field; an exchange meeting whose contracts add up exactly.

use crate::harness::{Artel, engine_tests, error_lines, report_row};

engine_tests!(
    a_campaign_runs_from_its_conference_to_its_report,
    bad_campaign_input_is_refused_by_field,
    an_exchange_meeting_adds_up_its_contracts
);

const CAMPAIGN: &str = "hubei-1954-rectification";

/// Regions hubei → shashi, echeng; the provincial office and its conference; four
/// cooperatives, two in each district, echeng-iron dissolved before the campaign.
fn province(artel: &Artel) {
    artel.ok(&[
        "region", "add", "hubei", "--name", "Hubei", "--level", "province",
    ]);
    artel.ok(&[
        "region", "add", "shashi", "--name", "Shashi", "--parent", "hubei", "--level", "city",
    ]);
    artel.ok(&[
        "region", "add", "echeng", "--name", "Echeng", "--parent", "hubei", "--level", "county",
    ]);
    artel.ok(&[
        "org",
        "add",
        "hubei-office",
        "--kind",
        "government",
        "--name",
        "Hubei Handicraft Office",
        "--region",
        "hubei",
        "--founded",
        "1950-01-01",
    ]);
    for (code, region) in [
        ("shashi-weaving", "shashi"),
        ("shashi-bamboo", "shashi"),
        ("echeng-plow", "echeng"),
        ("echeng-iron", "echeng"),
    ] {
        artel.ok(&[
            "org",
            "add",
            code,
            "--kind",
            "cooperative",
            "--name",
            code,
            "--region",
            region,
            "--founded",
            "1953-01-01",
        ]);
    }
    artel.ok(&[
        "org",
        "status",
        "echeng-iron",
        "--status",
        "dissolved",
        "--date",
        "1954-02-01",
    ]);
    artel.ok(&[
        "meeting",
        "add",
        "--org",
        "hubei-office",
        "--body",
        "conference",
        "--date",
        "1954-02-25",
        "--title",
        "Provincial handicraft conference",
        "--eligible",
        "40",
        "--present",
        "38",
    ]);
}

fn add_campaign(artel: &Artel) -> std::process::Output {
    artel.run(&[
        "campaign",
        "add",
        CAMPAIGN,
        "--org",
        "hubei-office",
        "--region",
        "hubei",
        "--title",
        "Rectification of 1954",
        "--start",
        "1954-03-01",
        "--deadline",
        "1954-06-30",
        "--meeting",
        "1",
        "--baseline",
        "1954-01",
        "--follow-up",
        "1954-04",
    ])
}

fn a_campaign_runs_from_its_conference_to_its_report(artel: &Artel) {
    province(artel);
    assert!(add_campaign(artel).status.success());
    // One per district, by code, among the cooperatives working on 1 March 1954.
    let chosen = artel.ok(&["campaign", "focus", CAMPAIGN, "--per-district", "1"]);
    assert_eq!(
        chosen.trim(),
        format!("{CAMPAIGN}: 2 focus cooperatives: echeng-plow, shashi-bamboo")
    );
    artel.ok(&["campaign", "focus", CAMPAIGN, "--org", "shashi-weaving"]);
    // Shashi weaving's cloth: 34 of 100 defective in January, 6 of 100 in April.
    let production = artel.write(
        "production.csv",
        "date,product,quantity,defective\n1954-01-31,cloth,100,34\n1954-04-30,cloth,100,6\n",
    );
    artel.ok(&[
        "import",
        "production",
        production,
        "--org",
        "shashi-weaving",
    ]);
    for (stage, started, finished) in [
        ("mobilisation", "1954-03-02", "1954-03-09"),
        ("explaining-policy", "1954-03-10", "1954-03-20"),
    ] {
        artel.ok(&[
            "campaign",
            "stage",
            CAMPAIGN,
            "--org",
            "shashi-weaving",
            "--stage",
            stage,
            "--status",
            "done",
            "--started",
            started,
            "--finished",
            finished,
        ]);
    }
    artel.ok(&[
        "campaign",
        "stage",
        CAMPAIGN,
        "--org",
        "shashi-weaving",
        "--stage",
        "democratic-review",
        "--status",
        "in-progress",
        "--started",
        "1954-03-21",
        "--notes",
        "Members meet weekly",
    ]);
    let finding = artel.ok(&[
        "campaign",
        "finding",
        CAMPAIGN,
        "--org",
        "shashi-weaving",
        "--category",
        "quality",
        "--text",
        "A third of the cloth is defective",
    ]);
    assert_eq!(finding.trim(), "1");
    let first = artel.ok(&[
        "campaign",
        "action",
        CAMPAIGN,
        "--finding",
        "1",
        "--owner",
        "Quality group",
        "--due",
        "1954-04-15",
    ]);
    let second = artel.ok(&[
        "campaign",
        "action",
        CAMPAIGN,
        "--finding",
        "1",
        "--owner",
        "Director Li",
        "--due",
        "1954-05-10",
    ]);
    assert_eq!((first.trim(), second.trim()), ("1", "2"));
    artel.ok(&[
        "campaign",
        "action-done",
        CAMPAIGN,
        "--action",
        "1",
        "--date",
        "1954-04-12",
    ]);

    // On 11 May: 50 days left; 2 of 18 stages done; action 2, due the day before, overdue.
    let shown = artel.ok(&[
        "campaign",
        "show",
        CAMPAIGN,
        "--as-of",
        "1954-05-11",
        "--format",
        "csv",
    ]);
    for row in [
        "phase,pilot",
        "days_to_deadline,50",
        "stages_done,2",
        "stages_total,18",
        "actions_open,1",
        "actions_done,1",
        "actions_overdue,1",
        "stages_done.shashi-weaving,2",
        "stage.shashi-weaving.democratic-review,in-progress",
        "stage.echeng-plow.mobilisation,pending",
        "overdue.2,1954-05-10",
    ] {
        assert!(shown.lines().any(|line| line == row), "{row} in {shown}");
    }
    // On its due day the action is not yet overdue.
    let on_the_day = artel.ok(&[
        "campaign",
        "show",
        CAMPAIGN,
        "--as-of",
        "1954-05-10",
        "--format",
        "csv",
    ]);
    assert!(
        on_the_day.lines().any(|l| l == "actions_overdue,0"),
        "{on_the_day}"
    );
    let text = artel.ok(&["campaign", "show", CAMPAIGN, "--as-of", "1954-07-02"]);
    assert!(
        text.contains(
            "-2 days to the deadline; stages done 2 of 18; actions 1 open (1 overdue), 1 done"
        ),
        "{text}"
    );
    assert!(
        text.contains("overdue actions:") && text.contains("Director Li"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&artel.ok(&[
        "campaign",
        "show",
        CAMPAIGN,
        "--as-of",
        "1954-05-11",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["actions"][1]["overdue"], true);
    assert_eq!(json["focus"][2]["organisation"], "shashi-weaving");

    // The report: April against January, from the production records.
    let report = artel.ok(&["campaign", "report", CAMPAIGN, "--format", "csv"]);
    assert_eq!(
        report.lines().next(),
        Some("organisation,indicator,baseline,follow_up,change_pct")
    );
    assert_eq!(
        report.lines().count(),
        1 + 3 * 12,
        "every indicator of every focus cooperative"
    );
    assert_eq!(
        report_row(&report, "shashi-weaving,defect_rate"),
        "shashi-weaving,defect_rate,34.0,6.0,-82.4"
    );
    assert_eq!(
        report_row(&report, "shashi-weaving,output_quantity"),
        "shashi-weaving,output_quantity,100,100,0.0"
    );
    assert_eq!(
        report_row(&report, "echeng-plow,defect_rate"),
        "echeng-plow,defect_rate,,,"
    );

    // Phases move forward only.
    artel.ok(&[
        "campaign",
        "phase",
        CAMPAIGN,
        "--phase",
        "summing-up",
        "--date",
        "1954-05-15",
    ]);
    let back = artel.fails(
        &[
            "campaign",
            "phase",
            CAMPAIGN,
            "--phase",
            "pilot",
            "--date",
            "1954-05-20",
        ],
        3,
    );
    assert!(
        error_lines(&back)[0].starts_with("error: --phase: "),
        "{back}"
    );
    let listed = artel.ok(&["campaign", "list", "--format", "csv"]);
    assert!(
        listed.contains(&format!(
            "{CAMPAIGN},Rectification of 1954,hubei-office,hubei,1954-03-01,1954-06-30,summing-up,3"
        )),
        "{listed}"
    );
}

fn bad_campaign_input_is_refused_by_field(artel: &Artel) {
    province(artel);
    let stderr = artel.fails(
        &[
            "campaign",
            "add",
            CAMPAIGN,
            "--org",
            "hubei-office",
            "--region",
            "hubei",
            "--title",
            "Rectification of 1954",
            "--start",
            "1954-03-01",
            "--deadline",
            "1954-02-01",
            "--baseline",
            "1954-01",
            "--follow-up",
            "1953-12",
        ],
        3,
    );
    assert_eq!(error_lines(&stderr).len(), 2, "{stderr}");
    assert!(
        stderr.contains("error: --deadline: ") && stderr.contains("error: --follow-up: "),
        "{stderr}"
    );
    // A cooperative cannot run a campaign; a meeting that does not exist is named.
    let refused = artel.fails(
        &[
            "campaign",
            "add",
            "other",
            "--org",
            "shashi-weaving",
            "--region",
            "hubei",
            "--title",
            "T",
            "--start",
            "1954-03-01",
            "--deadline",
            "1954-06-30",
            "--meeting",
            "9",
            "--baseline",
            "1954-01",
            "--follow-up",
            "1954-04",
        ],
        3,
    );
    assert!(
        refused.contains("error: --org: ") && refused.contains("error: --meeting: "),
        "{refused}"
    );
    assert!(add_campaign(artel).status.success());
    let again = artel.fails(
        &[
            "campaign",
            "add",
            CAMPAIGN,
            "--org",
            "hubei-office",
            "--region",
            "hubei",
            "--title",
            "T",
            "--start",
            "1954-03-01",
            "--deadline",
            "1954-06-30",
            "--baseline",
            "1954-01",
            "--follow-up",
            "1954-04",
        ],
        3,
    );
    assert!(again.starts_with("error: CODE: "), "{again}");
    artel.ok(&["campaign", "focus", CAMPAIGN, "--org", "shashi-weaving"]);
    let outside = artel.fails(&["campaign", "focus", CAMPAIGN, "--org", "hubei-office"], 3);
    assert!(outside.starts_with("error: --org: "), "{outside}");
    // A done stage needs its finish; the second stage waits for the first.
    let unfinished = artel.fails(
        &[
            "campaign",
            "stage",
            CAMPAIGN,
            "--org",
            "shashi-weaving",
            "--stage",
            "mobilisation",
            "--status",
            "done",
            "--started",
            "1954-03-02",
        ],
        3,
    );
    assert_eq!(
        error_lines(&unfinished),
        ["error: --finished: a done stage needs the day it finished"]
    );
    let early = artel.fails(
        &[
            "campaign",
            "stage",
            CAMPAIGN,
            "--org",
            "shashi-weaving",
            "--stage",
            "mobilisation",
            "--status",
            "in-progress",
            "--started",
            "1954-02-20",
        ],
        3,
    );
    assert!(early.starts_with("error: --started: "), "{early}");
    let order = artel.fails(
        &[
            "campaign",
            "stage",
            CAMPAIGN,
            "--org",
            "shashi-weaving",
            "--stage",
            "explaining-policy",
            "--status",
            "in-progress",
            "--started",
            "1954-03-05",
        ],
        3,
    );
    assert!(order.starts_with("error: --stage: "), "{order}");
    let category = artel.fails(
        &[
            "campaign",
            "finding",
            CAMPAIGN,
            "--org",
            "shashi-weaving",
            "--category",
            "books",
            "--text",
            "x",
        ],
        3,
    );
    assert!(category.starts_with("error: --category: "), "{category}");
    let no_finding = artel.fails(
        &[
            "campaign",
            "action",
            CAMPAIGN,
            "--finding",
            "4",
            "--owner",
            "Li",
            "--due",
            "1954-04-01",
        ],
        3,
    );
    assert!(no_finding.starts_with("error: --finding: "), "{no_finding}");
    let unknown = artel.fails(&["campaign", "show", "no-such-campaign"], 3);
    assert!(
        unknown.contains("'no-such-campaign' does not exist"),
        "{unknown}"
    );
    // Nothing refused was written.
    let shown = artel.ok(&[
        "campaign",
        "show",
        CAMPAIGN,
        "--as-of",
        "1954-03-10",
        "--format",
        "csv",
    ]);
    assert!(
        shown.lines().any(|l| l == "stages_done,0") && shown.lines().any(|l| l == "actions_open,0"),
        "{shown}"
    );
}

fn an_exchange_meeting_adds_up_its_contracts(artel: &Artel) {
    province(artel);
    for (org, number, value) in [
        ("shashi-weaving", "C-1", "1234.56"),
        ("echeng-plow", "E-9", "765.44"),
    ] {
        let file = artel.write("contracts.csv", &format!("number,counterparty,counterparty_type,kind,signed,value\n{number},Yingshan Supply and Marketing,supply-marketing,sales,1954-05-02,{value}\n"));
        artel.ok(&["import", "contracts", file, "--org", org]);
    }
    let event = |contract: &str| {
        artel.run(&[
            "exhibition",
            "add",
            "--org",
            "hubei-office",
            "--kind",
            "exchange-meeting",
            "--title",
            "Yingshan material exchange meeting",
            "--place",
            "Yingshan",
            "--first",
            "1954-05-01",
            "--last",
            "1954-05-05",
            "--participant",
            "shashi-weaving",
            "--participant",
            "echeng-plow",
            "--visitors",
            "3000",
            "--product",
            "shashi-weaving: cloth",
            "--product",
            "echeng-plow: ploughs",
            "--contract",
            "shashi-weaving/C-1",
            "--contract",
            contract,
        ])
    };
    let refused = event("echeng-plow/C-1");
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&refused.stderr).starts_with("error: --contract: "),
        "{refused:?}"
    );
    let recorded = event("echeng-plow/E-9");
    assert!(recorded.status.success(), "{recorded:?}");
    assert_eq!(String::from_utf8_lossy(&recorded.stdout).trim(), "1");
    let listed = artel.ok(&["exhibition", "list", "--format", "csv"]);
    assert_eq!(
        listed.lines().next(),
        Some(
            "organiser,number,kind,title,place,first_day,last_day,participants,contracts,contract_value"
        )
    );
    assert_eq!(
        listed.lines().nth(1),
        Some(
            "hubei-office,1,exchange-meeting,Yingshan material exchange meeting,Yingshan,1954-05-01,1954-05-05,2,2,2000.00"
        )
    );
    let bad = artel.fails(
        &[
            "exhibition",
            "add",
            "--org",
            "hubei-office",
            "--kind",
            "fair",
            "--title",
            "T",
            "--place",
            "P",
            "--first",
            "1954-05-05",
            "--last",
            "1954-05-01",
        ],
        3,
    );
    assert!(
        bad.contains("error: --kind: ") && bad.contains("error: --last: "),
        "{bad}"
    );
}
