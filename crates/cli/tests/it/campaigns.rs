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

pub const CAMPAIGN: &str = "hubei-1954-rectification";

/// A command line's words (none of them holding a space).
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The provincial handicraft office over `hubei` and its conference of 25 February 1954,
/// meeting 1, which decides the campaign.
pub fn office_and_conference(artel: &Artel) {
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

/// Records the campaign over `hubei` from 1 March to 30 June 1954, decided at meeting 1,
/// January 1954 against April 1954.
pub fn add_campaign(artel: &Artel) -> std::process::Output {
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

/// Regions hubei → shashi, echeng; the office and its conference; four cooperatives, two
/// in each district, echeng-iron dissolved before the campaign.
fn province(artel: &Artel) {
    artel.ok(&words("region add hubei --name Hubei --level province"));
    artel.ok(&words(
        "region add shashi --name Shashi --parent hubei --level city",
    ));
    artel.ok(&words(
        "region add echeng --name Echeng --parent hubei --level county",
    ));
    office_and_conference(artel);
    for (code, region) in [
        ("shashi-weaving", "shashi"),
        ("shashi-bamboo", "shashi"),
        ("echeng-plow", "echeng"),
        ("echeng-iron", "echeng"),
    ] {
        artel.ok(&words(&format!(
            "org add {code} --kind cooperative --name {code} --region {region} --founded 1953-01-01"
        )));
    }
    artel.ok(&words(
        "org status echeng-iron --status dissolved --date 1954-02-01",
    ));
}

/// `artel campaign SUBCOMMAND CAMPAIGN REST`, as words.
fn on_campaign(subcommand: &str, rest: &str) -> String {
    format!("campaign {subcommand} {CAMPAIGN} {rest}")
}

fn a_campaign_runs_from_its_conference_to_its_report(artel: &Artel) {
    province(artel);
    assert!(add_campaign(artel).status.success());
    // One per district, by code, among the cooperatives working on 1 March 1954.
    let chosen = artel.ok(&words(&on_campaign("focus", "--per-district 1")));
    assert_eq!(
        chosen.trim(),
        format!("{CAMPAIGN}: 2 focus cooperatives: echeng-plow, shashi-bamboo")
    );
    artel.ok(&words(&on_campaign("focus", "--org shashi-weaving")));
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
        artel.ok(&words(&on_campaign(
            "stage",
            &format!("--org shashi-weaving --stage {stage} --status done --started {started} --finished {finished}"),
        )));
    }
    let in_progress =
        "--org shashi-weaving --stage democratic-review --status in-progress --started 1954-03-21";
    let line = on_campaign("stage", in_progress);
    let mut args = words(&line);
    args.extend(["--notes", "Members meet weekly"]);
    artel.ok(&args);
    let line = on_campaign("finding", "--org shashi-weaving --category quality");
    let mut args = words(&line);
    args.extend(["--text", "A third of the cloth is defective"]);
    assert_eq!(artel.ok(&args).trim(), "1");
    let mut numbers = Vec::new();
    for (owner, due) in [
        ("Quality group", "1954-04-15"),
        ("Director Li", "1954-05-10"),
    ] {
        let line = on_campaign("action", &format!("--finding 1 --due {due}"));
        let mut args = words(&line);
        args.extend(["--owner", owner]);
        numbers.push(artel.ok(&args).trim().to_owned());
    }
    assert_eq!(numbers, ["1", "2"]);
    artel.ok(&words(&on_campaign(
        "action-done",
        "--action 1 --date 1954-04-12",
    )));

    // On 11 May: 50 days left; 2 of 18 stages done; action 2, due the day before, overdue.
    let shown = artel.ok(&words(&on_campaign(
        "show",
        "--as-of 1954-05-11 --format csv",
    )));
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
    let on_the_day = artel.ok(&words(&on_campaign(
        "show",
        "--as-of 1954-05-10 --format csv",
    )));
    assert!(
        on_the_day.lines().any(|l| l == "actions_overdue,0"),
        "{on_the_day}"
    );
    let text = artel.ok(&words(&on_campaign("show", "--as-of 1954-07-02")));
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
    let json = artel.ok(&words(&on_campaign(
        "show",
        "--as-of 1954-05-11 --format json",
    )));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["actions"][1]["overdue"], true);
    assert_eq!(json["focus"][2]["organisation"], "shashi-weaving");

    // The report: April against January, from the production records.
    let report = artel.ok(&words(&on_campaign("report", "--format csv")));
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
    artel.ok(&words(&on_campaign(
        "phase",
        "--phase summing-up --date 1954-05-15",
    )));
    let back = artel.fails(
        &words(&on_campaign("phase", "--phase pilot --date 1954-05-20")),
        3,
    );
    assert!(
        error_lines(&back)[0].starts_with("error: --phase: "),
        "{back}"
    );
    let listed = artel.ok(&words("campaign list --format csv"));
    let expected = format!(
        "{CAMPAIGN},Rectification of 1954,hubei-office,hubei,1954-03-01,1954-06-30,summing-up,3"
    );
    assert!(listed.lines().any(|l| l == expected), "{listed}");
}

fn bad_campaign_input_is_refused_by_field(artel: &Artel) {
    province(artel);
    let line = format!(
        "campaign add {CAMPAIGN} --org hubei-office --region hubei --start 1954-03-01 --deadline 1954-02-01 \
         --baseline 1954-01 --follow-up 1953-12"
    );
    let mut args = words(&line);
    args.extend(["--title", "Rectification of 1954"]);
    let stderr = artel.fails(&args, 3);
    assert_eq!(
        error_lines(&stderr),
        [
            "error: --deadline: 1954-02-01 is before the start 1954-03-01",
            "error: --follow-up: 1953-12 does not come after the baseline 1954-01"
        ]
    );
    // A cooperative cannot run a campaign; a meeting that does not exist is named.
    let refused = artel.fails(
        &words(
            "campaign add other --org shashi-weaving --region hubei --title T --start 1954-03-01 \
             --deadline 1954-06-30 --meeting 9 --baseline 1954-01 --follow-up 1954-04",
        ),
        3,
    );
    assert!(
        refused.contains("error: --org: ") && refused.contains("error: --meeting: "),
        "{refused}"
    );
    assert!(add_campaign(artel).status.success());
    let again = add_campaign(artel);
    assert_eq!(again.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&again.stderr).starts_with("error: CODE: "),
        "{again:?}"
    );
    artel.ok(&words(&on_campaign("focus", "--org shashi-weaving")));
    let outside = artel.fails(&words(&on_campaign("focus", "--org hubei-office")), 3);
    assert!(outside.starts_with("error: --org: "), "{outside}");
    // A done stage needs its finish; no stage begins before the campaign; the second stage
    // waits for the first.
    let stage = |rest: &str| on_campaign("stage", &format!("--org shashi-weaving {rest}"));
    let unfinished = artel.fails(
        &words(&stage(
            "--stage mobilisation --status done --started 1954-03-02",
        )),
        3,
    );
    assert_eq!(
        error_lines(&unfinished),
        ["error: --finished: a done stage needs the day it finished"]
    );
    let early = artel.fails(
        &words(&stage(
            "--stage mobilisation --status in-progress --started 1954-02-20",
        )),
        3,
    );
    assert!(early.starts_with("error: --started: "), "{early}");
    let order = artel.fails(
        &words(&stage(
            "--stage explaining-policy --status in-progress --started 1954-03-05",
        )),
        3,
    );
    assert!(order.starts_with("error: --stage: "), "{order}");
    let category = artel.fails(
        &words(&on_campaign(
            "finding",
            "--org shashi-weaving --category books --text x",
        )),
        3,
    );
    assert!(category.starts_with("error: --category: "), "{category}");
    let no_finding = artel.fails(
        &words(&on_campaign(
            "action",
            "--finding 4 --owner Li --due 1954-04-01",
        )),
        3,
    );
    assert!(no_finding.starts_with("error: --finding: "), "{no_finding}");
    let unknown = artel.fails(&words("campaign show no-such-campaign"), 3);
    assert!(
        unknown.contains("'no-such-campaign' does not exist"),
        "{unknown}"
    );
    // Nothing refused was written.
    let shown = artel.ok(&words(&on_campaign(
        "show",
        "--as-of 1954-03-10 --format csv",
    )));
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
        let file = artel.write(
            "contracts.csv",
            &format!(
                "number,counterparty,counterparty_type,kind,signed,value\n\
                 {number},Yingshan Supply and Marketing,supply-marketing,sales,1954-05-02,{value}\n"
            ),
        );
        artel.ok(&["import", "contracts", file, "--org", org]);
    }
    let event = |contract: &str| {
        let mut args = words(
            "exhibition add --org hubei-office --kind exchange-meeting --place Yingshan --first 1954-05-01 \
             --last 1954-05-05 --participant shashi-weaving --participant echeng-plow --visitors 3000 \
             --contract shashi-weaving/C-1",
        );
        args.extend([
            "--contract",
            contract,
            "--title",
            "Yingshan material exchange meeting",
        ]);
        args.extend([
            "--product",
            "shashi-weaving: cloth",
            "--product",
            "echeng-plow: ploughs",
        ]);
        artel.run(&args)
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
    let listed = artel.ok(&words("exhibition list --format csv"));
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        [
            "organiser,number,kind,title,place,first_day,last_day,participants,contracts,contract_value",
            "hubei-office,1,exchange-meeting,Yingshan material exchange meeting,Yingshan,1954-05-01,1954-05-05,2,2,2000.00"
        ]
    );
    let bad = artel.fails(
        &words("exhibition add --org hubei-office --kind fair --title T --place P --first 1954-05-05 --last 1954-05-01"),
        3,
    );
    assert!(
        bad.contains("error: --kind: ") && bad.contains("error: --last: "),
        "{bad}"
    );
}
