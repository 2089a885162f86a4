//! Organisations over time on the command line: status changes and a team's upgrade
//! counted "as of" the days around them, memberships, affiliated bodies and members'
//! affiliations counted over a region subtree, and every refusal exiting 3 with the field
//! named and nothing written.

use crate::harness::{Artel, engine_tests, error_lines};

engine_tests!(
    counts_as_of_the_days_around_changes,
    bodies_and_affiliated_members_are_counted_over_a_region,
    refusals_name_the_field_and_write_nothing,
);

fn regions(artel: &Artel) {
    artel.ok(&[
        "region", "add", "hubei", "--name", "Hubei", "--level", "province",
    ]);
    artel.ok(&[
        "region", "add", "shashi", "--name", "Shashi", "--parent", "hubei", "--level", "city",
    ]);
    artel.ok(&[
        "region", "add", "hunan", "--name", "Hunan", "--level", "province",
    ]);
}

/// The value of `indicator` in `region counts … --format csv`.
fn count(artel: &Artel, region: &str, as_of: &str, indicator: &str) -> u64 {
    let csv = artel.ok(&[
        "region", "counts", region, "--as-of", as_of, "--format", "csv",
    ]);
    assert!(csv.starts_with("indicator,value\n"), "{csv}");
    csv.lines()
        .find_map(|line| line.strip_prefix(&format!("{indicator},")))
        .unwrap_or_else(|| panic!("{indicator} not in {csv}"))
        .parse()
        .unwrap()
}

fn counts_as_of_the_days_around_changes(artel: &Artel) {
    regions(artel);
    artel.organisation("shashi-weaving", "cooperative", "shashi", "1953-03-01", &[]);
    artel.organisation("bamboo-team", "team", "shashi", "1953-06-01", &[]);
    artel.organisation("hunan-plough", "cooperative", "hunan", "1953-01-01", &[]);
    let changed = artel.ok(&[
        "org",
        "status",
        "shashi-weaving",
        "--status",
        "under-rectification",
        "--date",
        "1954-01-10",
        "--note",
        "focus cooperative",
    ]);
    assert_eq!(
        changed.trim(),
        "shashi-weaving: under-rectification from 1954-01-10"
    );
    artel.ok(&[
        "org",
        "status",
        "shashi-weaving",
        "--status",
        "active",
        "--date",
        "1954-04-30",
    ]);
    let upgraded = artel.ok(&["org", "upgrade", "bamboo-team", "--date", "1954-05-01"]);
    assert_eq!(
        upgraded.trim(),
        "bamboo-team: a cooperative from 1954-05-01"
    );

    let rectified = "organisations.cooperative.under-rectification";
    assert_eq!(
        count(artel, "hubei", "1954-01-09", rectified),
        0,
        "the day before"
    );
    assert_eq!(
        count(artel, "hubei", "1954-01-10", rectified),
        1,
        "on the day"
    );
    assert_eq!(
        count(artel, "hubei", "1954-01-11", rectified),
        1,
        "the day after"
    );
    assert_eq!(count(artel, "hubei", "1954-04-30", rectified), 0);
    // The upgraded team: a team up to the day before, a cooperative from the day on.
    assert_eq!(count(artel, "hubei", "1954-04-30", "organisations.team"), 1);
    assert_eq!(
        count(artel, "hubei", "1954-04-30", "organisations.cooperative"),
        1
    );
    assert_eq!(count(artel, "hubei", "1954-05-01", "organisations.team"), 0);
    assert_eq!(
        count(
            artel,
            "hubei",
            "1954-05-01",
            "organisations.cooperative.active"
        ),
        2
    );
    // Before anything was founded, and Hunan's cooperative never in Hubei's counts.
    assert_eq!(count(artel, "hubei", "1953-02-28", "organisations"), 0);
    assert_eq!(count(artel, "hubei", "1954-06-01", "organisations"), 2);
    assert_eq!(count(artel, "hunan", "1954-06-01", "organisations"), 1);

    // The list as of a date shows each organisation as it was then.
    let list = artel.ok(&[
        "org",
        "list",
        "--region",
        "hubei",
        "--as-of",
        "1954-04-30",
        "--format",
        "csv",
    ]);
    assert!(
        list.contains("bamboo-team,bamboo-team,team,active,1953-06-01,/hubei/shashi/\n"),
        "{list}"
    );
    assert!(!list.contains("hunan-plough"), "{list}");
    let later = artel.ok(&["org", "list", "--as-of", "1954-05-01", "--format", "csv"]);
    assert!(
        later.contains("bamboo-team,bamboo-team,cooperative,active"),
        "{later}"
    );
    assert!(later.contains("hunan-plough"), "{later}");
    let early = artel.ok(&["org", "list", "--as-of", "1953-02-01", "--format", "csv"]);
    assert_eq!(
        early.lines().count(),
        2,
        "only Hunan's, founded by then: {early}"
    );

    // The history lists the events in order, the upgrade kept on the same organisation.
    let history = artel.ok(&["org", "history", "bamboo-team", "--format", "csv"]);
    assert_eq!(
        history,
        "date,event,kind,status,note\n1953-06-01,founded,team,active,\n1954-05-01,upgraded,cooperative,active,\n"
    );
    // Its book is the same one, with its chart.
    let accounts = artel.ok(&[
        "account",
        "list",
        "--book",
        "bamboo-team",
        "--format",
        "csv",
    ]);
    assert!(accounts.contains("Assets:Cash"), "{accounts}");

    // Memberships: the cooperative joins a federation and leaves it.
    artel.organisation(
        "shashi-federation",
        "federation",
        "shashi",
        "1952-01-01",
        &[],
    );
    artel.ok(&[
        "org",
        "join",
        "shashi-weaving",
        "--parent",
        "shashi-federation",
        "--date",
        "1954-02-01",
    ]);
    artel.ok(&[
        "org",
        "leave",
        "shashi-weaving",
        "--parent",
        "shashi-federation",
        "--date",
        "1954-08-01",
    ]);
    let history = artel.ok(&["org", "history", "shashi-federation", "--format", "csv"]);
    assert!(
        history.contains("1954-02-01,membership,shashi-weaving joined,,\n"),
        "{history}"
    );
    assert!(
        history.contains("1954-08-01,membership,shashi-weaving left,,\n"),
        "{history}"
    );
    let json = artel.ok(&[
        "region",
        "counts",
        "shashi",
        "--as-of",
        "1954-06-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["region"], "shashi");
    assert_eq!(json["as_of"], "1954-06-01");
    assert_eq!(
        json["rows"][0],
        serde_json::json!({"indicator": "organisations", "value": 3})
    );
}

fn bodies_and_affiliated_members_are_counted_over_a_region(artel: &Artel) {
    regions(artel);
    artel.organisation("shashi-weaving", "cooperative", "shashi", "1953-03-01", &[]);
    artel.organisation("hunan-plough", "cooperative", "hunan", "1953-01-01", &[]);
    let register = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\nWang,1953-03-01,1,0\nLi,1953-03-01,1,0\n",
    );
    artel.ok(&["import", "members", register, "--org", "shashi-weaving"]);
    let added = artel.ok(&[
        "org",
        "body",
        "add",
        "shashi-weaving",
        "--kind",
        "party-branch",
        "--name",
        "Party branch",
        "--founded",
        "1954-03-01",
    ]);
    assert_eq!(
        added.trim(),
        "added party-branch 'Party branch' to shashi-weaving, founded 1954-03-01"
    );
    artel.ok(&[
        "org",
        "body",
        "add",
        "shashi-weaving",
        "--kind",
        "youth-league",
        "--name",
        "League",
        "--founded",
        "1953-06-01",
    ]);
    artel.ok(&[
        "org",
        "body",
        "add",
        "hunan-plough",
        "--kind",
        "party-branch",
        "--name",
        "Branch",
        "--founded",
        "1953-06-01",
    ]);
    artel.ok(&[
        "org",
        "body",
        "affiliate",
        "shashi-weaving",
        "--body",
        "Party branch",
        "--member",
        "1",
        "--since",
        "1954-03-01",
    ]);
    artel.ok(&[
        "org",
        "body",
        "affiliate",
        "shashi-weaving",
        "--body",
        "Party branch",
        "--member",
        "2",
        "--since",
        "1954-04-15",
    ]);
    artel.ok(&[
        "org",
        "body",
        "affiliate",
        "shashi-weaving",
        "--body",
        "League",
        "--member",
        "2",
        "--since",
        "1953-07-01",
    ]);
    let list = artel.ok(&["org", "body", "list", "shashi-weaving", "--format", "csv"]);
    assert_eq!(
        list,
        "kind,name,founded,members\nyouth-league,League,1953-06-01,1\nparty-branch,Party branch,1954-03-01,2\n"
    );
    assert_eq!(
        count(artel, "hubei", "1954-02-28", "bodies.party-branch"),
        0
    );
    assert_eq!(
        count(artel, "hubei", "1954-03-01", "bodies.party-branch"),
        1
    );
    assert_eq!(
        count(
            artel,
            "hubei",
            "1954-04-14",
            "affiliated_members.party-branch"
        ),
        1
    );
    assert_eq!(
        count(
            artel,
            "hubei",
            "1954-04-15",
            "affiliated_members.party-branch"
        ),
        2
    );
    assert_eq!(
        count(
            artel,
            "hubei",
            "1954-04-15",
            "affiliated_members.youth-league"
        ),
        1
    );
    assert_eq!(count(artel, "hubei", "1954-04-15", "bodies"), 2);
    assert_eq!(
        count(artel, "hunan", "1954-04-15", "bodies.party-branch"),
        1
    );
    assert_eq!(
        count(
            artel,
            "hunan",
            "1954-04-15",
            "affiliated_members.party-branch"
        ),
        0
    );
}

/// Runs a refused command: exit 3, every error line naming `field`.
fn refused(artel: &Artel, args: &[&str], field: &str) -> String {
    let stderr = artel.fails(args, 3);
    let lines = error_lines(&stderr);
    assert!(!lines.is_empty(), "{stderr}");
    for line in lines {
        assert!(line.starts_with(&format!("error: {field}: ")), "{line}");
    }
    stderr
}

fn refusals_name_the_field_and_write_nothing(artel: &Artel) {
    regions(artel);
    artel.organisation("shashi-weaving", "cooperative", "shashi", "1953-03-01", &[]);
    artel.organisation("bamboo-team", "team", "shashi", "1953-06-01", &[]);
    artel.ok(&[
        "org",
        "status",
        "shashi-weaving",
        "--status",
        "dissolved",
        "--date",
        "1954-06-30",
    ]);
    let stderr = refused(
        artel,
        &[
            "org",
            "status",
            "shashi-weaving",
            "--status",
            "active",
            "--date",
            "1954-07-01",
        ],
        "--status",
    );
    assert!(stderr.contains("dissolved; nothing may follow"), "{stderr}");
    refused(
        artel,
        &[
            "org",
            "status",
            "bamboo-team",
            "--status",
            "open",
            "--date",
            "1954-07-01",
        ],
        "--status",
    );
    refused(
        artel,
        &[
            "org",
            "status",
            "bamboo-team",
            "--status",
            "preparatory",
            "--date",
            "1954-07-01",
        ],
        "--status",
    );
    refused(
        artel,
        &[
            "org",
            "status",
            "bamboo-team",
            "--status",
            "merged",
            "--date",
            "1953-05-31",
        ],
        "--date",
    );
    refused(
        artel,
        &["org", "upgrade", "shashi-weaving", "--date", "1954-07-01"],
        "--status",
    );
    refused(
        artel,
        &[
            "org",
            "join",
            "bamboo-team",
            "--parent",
            "shashi-weaving",
            "--date",
            "1954-07-01",
        ],
        "--date",
    );
    refused(
        artel,
        &[
            "org",
            "join",
            "shashi-weaving",
            "--parent",
            "bamboo-team",
            "--date",
            "1954-01-01",
        ],
        "--parent",
    );
    refused(
        artel,
        &[
            "org",
            "join",
            "bamboo-team",
            "--parent",
            "nowhere",
            "--date",
            "1954-01-01",
        ],
        "--parent",
    );
    refused(
        artel,
        &[
            "org",
            "leave",
            "bamboo-team",
            "--parent",
            "shashi-weaving",
            "--date",
            "1954-01-01",
        ],
        "--parent",
    );
    refused(
        artel,
        &[
            "org",
            "body",
            "add",
            "bamboo-team",
            "--kind",
            "club",
            "--name",
            "X",
        ],
        "--kind",
    );
    refused(
        artel,
        &[
            "org",
            "body",
            "add",
            "bamboo-team",
            "--kind",
            "trade-union",
            "--name",
            " ",
        ],
        "--name",
    );
    artel.ok(&[
        "org",
        "body",
        "add",
        "bamboo-team",
        "--kind",
        "trade-union",
        "--name",
        "Union",
        "--founded",
        "1954-01-01",
    ]);
    refused(
        artel,
        &[
            "org",
            "body",
            "add",
            "bamboo-team",
            "--kind",
            "trade-union",
            "--name",
            "Union",
        ],
        "--name",
    );
    refused(
        artel,
        &[
            "org",
            "body",
            "affiliate",
            "bamboo-team",
            "--body",
            "Union",
            "--member",
            "1",
            "--since",
            "1954-02-01",
        ],
        "--member",
    );
    refused(
        artel,
        &[
            "org",
            "body",
            "affiliate",
            "bamboo-team",
            "--body",
            "Club",
            "--member",
            "1",
            "--since",
            "1954-02-01",
        ],
        "--body",
    );
    refused(artel, &["region", "counts", "nowhere"], "CODE");
    // Usage errors exit 2.
    artel.fails(
        &[
            "org",
            "status",
            "bamboo-team",
            "--status",
            "active",
            "--date",
            "1954-13-01",
        ],
        2,
    );
    artel.fails(&["org", "upgrade", "bamboo-team"], 2);
    // Nothing of the refusals was written.
    let history = artel.ok(&["org", "history", "bamboo-team", "--format", "csv"]);
    assert_eq!(
        history,
        "date,event,kind,status,note\n1953-06-01,founded,team,active,\n"
    );
    let bodies = artel.ok(&["org", "body", "list", "bamboo-team", "--format", "csv"]);
    assert_eq!(
        bodies,
        "kind,name,founded,members\ntrade-union,Union,1954-01-01,0\n"
    );
    let history = artel.ok(&["org", "history", "shashi-weaving", "--format", "csv"]);
    assert_eq!(history.lines().count(), 3, "{history}");
}
