//! Democratic decisions and members' paths from the command line: an applicant admitted by
//! a resolution of the general assembly pays their shares into the books; the charter's
//! quorum and majority decide, at their edges; a withdrawal is settled by the charter, with
//! debts larger than the shares; a charter change takes effect on its day; the `members`
//! and `withdrawal_requests` indicators count the register as of the period's end.

use crate::harness::{Artel, engine_tests};

engine_tests!(
    an_applicant_admitted_by_resolution_pays_into_share_capital,
    quorum_and_majority_decide_at_their_edges,
    a_withdrawal_with_debts_beyond_the_shares_is_settled_by_the_charter,
    a_charter_change_is_a_resolution_that_takes_effect_on_its_day,
    indicators_count_the_register_as_of_the_period_end,
    committees_are_elected_for_a_term,
    subscribed_shares_are_paid_up_later,
    the_notice_holds_for_a_member_with_nothing_paid_in,
);

/// Four members with one share paid each (10.00), joined in January 1954.
fn cooperative_of_four(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let register = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid
Wang,1954-01-05,1,1
Li,1954-01-05,1,1
Zhao,1954-01-06,1,1
Qian,1954-01-07,1,1
",
    );
    artel.ok(&["import", "members", register, "--org", "coop"]);
}

fn assembly(artel: &Artel, date: &str, present: &str) -> String {
    artel.ok(&[
        "meeting",
        "add",
        "--org",
        "coop",
        "--body",
        "general-assembly",
        "--date",
        date,
        "--title",
        "General assembly",
        "--present",
        present,
    ])
}

fn motion(artel: &Artel, meeting: &str, kind: &str, member: &str, yes: &str, no: &str) -> String {
    artel.ok(&[
        "meeting", "motion", "--org", "coop", meeting, "--kind", kind, "--text", "Motion",
        "--member", member, "--yes", yes, "--no", no,
    ])
}

fn an_applicant_admitted_by_resolution_pays_into_share_capital(artel: &Artel) {
    cooperative_of_four(artel);
    let applied = artel.ok(&[
        "member",
        "apply",
        "--org",
        "coop",
        "--name",
        "Chen",
        "--joined",
        "1954-03-01",
        "--subscribed",
        "3",
        "--paid",
        "3",
    ]);
    assert_eq!(applied.trim(), "applicant 5 recorded in coop");
    // An application posts nothing.
    assert!(
        artel
            .trial_balance("coop")
            .contains("Equity:Share Capital,-40.00\n")
    );
    assert_eq!(
        assembly(artel, "1954-04-10", "3").trim(),
        "meeting 1 recorded in coop"
    );
    let decided = motion(artel, "1", "admission", "5", "3", "0");
    assert_eq!(decided.trim(), "motion 1: adopted, entry 5 posted");
    let balances = artel.trial_balance("coop");
    assert!(
        balances.contains("Equity:Share Capital,-70.00\n"),
        "{balances}"
    );
    let shown = artel.ok(&["member", "show", "--org", "coop", "5", "--format", "csv"]);
    assert!(
        shown.starts_with("5 Chen (member), 3 shares paid, 30.00 paid in\n"),
        "{shown}"
    );
    assert!(shown.contains("1954-04-10,admit,1,5,Motion\n"), "{shown}");
    // Chen may see their own capital when signed in.
    artel.ok(&["user", "add", "chen", "--role", "member", "--org", "coop"]);
    let linked = artel.ok(&["member", "link", "--org", "coop", "5", "--user", "chen"]);
    assert_eq!(linked.trim(), "member 5 of coop signs in as chen");
    let stderr = artel.fails(
        &["member", "link", "--org", "coop", "5", "--user", "nobody"],
        3,
    );
    assert!(
        stderr.contains("error: --user: user 'nobody' does not exist"),
        "{stderr}"
    );
    // The admission is decided: a second resolution finds no applicant.
    let again = artel.fails(
        &[
            "meeting",
            "motion",
            "--org",
            "coop",
            "1",
            "--kind",
            "admission",
            "--text",
            "Again",
            "--member",
            "5",
            "--yes",
            "3",
            "--no",
            "0",
        ],
        3,
    );
    assert!(
        again.contains("error: event: a member who is member cannot admit"),
        "{again}"
    );
}

fn quorum_and_majority_decide_at_their_edges(artel: &Artel) {
    cooperative_of_four(artel);
    for name in ["A", "B", "C"] {
        artel.ok(&[
            "member",
            "apply",
            "--org",
            "coop",
            "--name",
            name,
            "--joined",
            "1954-03-01",
            "--subscribed",
            "1",
        ]);
    }
    // Four may vote: half of them, two, is exactly the quorum; one short of it decides nothing.
    assembly(artel, "1954-04-10", "1");
    assert_eq!(
        motion(artel, "1", "admission", "5", "1", "0").trim(),
        "motion 1: not decided: no quorum (2 present needed)"
    );
    assembly(artel, "1954-04-11", "2");
    // A tie is not more than half of the votes cast: rejected, and the applicant refused.
    assert_eq!(
        motion(artel, "2", "admission", "5", "1", "1").trim(),
        "motion 2: rejected"
    );
    let shown = artel.ok(&["member", "show", "--org", "coop", "5"]);
    assert!(shown.starts_with("5 A (refused)"), "{shown}");
    assert_eq!(
        motion(artel, "2", "admission", "6", "2", "0").trim(),
        "motion 3: adopted"
    );
    // One member, one vote: more votes than members present is refused, nothing recorded.
    let stderr = artel.fails(
        &[
            "meeting",
            "motion",
            "--org",
            "coop",
            "2",
            "--kind",
            "admission",
            "--text",
            "C",
            "--member",
            "7",
            "--yes",
            "2",
            "--no",
            "1",
        ],
        3,
    );
    assert!(
        stderr.contains("error: votes: 3 votes from 2 members present"),
        "{stderr}"
    );
    let shown = artel.ok(&["member", "show", "--org", "coop", "7"]);
    assert!(shown.starts_with("7 C (applicant)"), "{shown}");
    // Expulsion needs two thirds of those present, with two thirds of the five voters
    // present: four. Two of four is not enough, an abstention counting against.
    assembly(artel, "1954-04-12", "3");
    assert_eq!(
        motion(artel, "3", "expulsion", "1", "3", "0").trim(),
        "motion 4: not decided: no quorum (4 present needed)"
    );
    assembly(artel, "1954-04-13", "4");
    let abstaining = artel.ok(&[
        "meeting",
        "motion",
        "--org",
        "coop",
        "4",
        "--kind",
        "expulsion",
        "--text",
        "Expel",
        "--member",
        "1",
        "--yes",
        "2",
        "--no",
        "1",
        "--abstain",
        "1",
    ]);
    assert_eq!(abstaining.trim(), "motion 5: rejected");
    assert_eq!(
        motion(artel, "4", "expulsion", "1", "3", "1").trim(),
        "motion 6: adopted"
    );
    let shown = artel.ok(&["member", "show", "--org", "coop", "1"]);
    assert!(shown.starts_with("1 Wang (expelled)"), "{shown}");
    // The charter reserves expulsion to the general assembly.
    let stderr = artel.fails(
        &[
            "member",
            "change",
            "--org",
            "coop",
            "2",
            "--event",
            "expel",
            "--date",
            "1954-04-20",
        ],
        3,
    );
    assert!(
        stderr.contains("reserves expulsion to a resolution"),
        "{stderr}"
    );
}

fn a_withdrawal_with_debts_beyond_the_shares_is_settled_by_the_charter(artel: &Artel) {
    cooperative_of_four(artel);
    let change = |args: &[&str]| {
        let mut all = vec!["member", "change", "--org", "coop", "1"];
        all.extend_from_slice(args);
        artel.run(&all)
    };
    let asked = change(&["--event", "request-withdrawal", "--date", "1954-04-01"]);
    assert!(asked.status.success());
    // A month's notice: not before 1 May.
    let early = artel.fails(
        &[
            "member",
            "change",
            "--org",
            "coop",
            "1",
            "--event",
            "settle-withdrawal",
            "--date",
            "1954-04-30",
            "--debts",
            "25.00",
        ],
        3,
    );
    assert!(early.contains("notice runs until 1954-05-01"), "{early}");
    let settled = artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "1",
        "--event",
        "settle-withdrawal",
        "--date",
        "1954-05-01",
        "--debts",
        "25.00",
    ]);
    assert_eq!(
        settled.trim(),
        "member 1: settle-withdrawal, entry 5 posted"
    );
    // 10.00 paid in, 25.00 owed: the whole 10.00 is deducted, nothing refunded.
    let balances = artel.trial_balance("coop");
    assert!(
        balances.contains("Equity:Share Capital,-30.00\n"),
        "{balances}"
    );
    assert!(
        balances.contains("Assets:Receivables,-10.00\n"),
        "{balances}"
    );
    assert!(!balances.contains("Share Refunds Payable"), "{balances}");
    let shown = artel.ok(&["member", "show", "--org", "coop", "1"]);
    assert!(
        shown.starts_with("1 Wang (withdrawn), 0 shares paid, 0.00 paid in"),
        "{shown}"
    );
    // Another member settles with no debts: the whole share is payable.
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "2",
        "--event",
        "request-withdrawal",
        "--date",
        "1954-04-01",
    ]);
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "2",
        "--event",
        "settle-withdrawal",
        "--date",
        "1954-05-03",
    ]);
    let journal = artel.ok(&["export", "ledger", "--book", "coop"]);
    assert!(
        journal.contains(
            "Withdrawal of Li settled: 10.00 refundable in 1 instalment(s) from 1954-05-01"
        ),
        "{journal}"
    );
    let balances = artel.trial_balance("coop");
    assert!(
        balances.contains("Liabilities:Share Refunds Payable,-10.00\n"),
        "{balances}"
    );
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(verified.contains("chain intact"), "{verified}");
}

fn a_charter_change_is_a_resolution_that_takes_effect_on_its_day(artel: &Artel) {
    cooperative_of_four(artel);
    let charter = artel.ok(&[
        "meeting",
        "charter",
        "--org",
        "coop",
        "--date",
        "1954-04-01",
    ]);
    assert!(charter.contains("\"share_value\": \"10.00\""), "{charter}");
    let changed = charter.replace("\"share_value\": \"10.00\"", "\"share_value\": \"20.00\"");
    let file = artel.write("charter.json", &changed);
    assembly(artel, "1954-04-10", "4");
    let decided = artel.ok(&[
        "meeting",
        "motion",
        "--org",
        "coop",
        "1",
        "--kind",
        "charter-change",
        "--text",
        "Shares of 20 yuan",
        "--yes",
        "3",
        "--no",
        "1",
        "--charter",
        file,
        "--effective",
        "1954-05-01",
    ]);
    assert_eq!(decided.trim(), "motion 1: adopted");
    let before = artel.ok(&[
        "meeting",
        "charter",
        "--org",
        "coop",
        "--date",
        "1954-04-30",
    ]);
    assert!(before.contains("\"share_value\": \"10.00\""), "{before}");
    let after = artel.ok(&[
        "meeting",
        "charter",
        "--org",
        "coop",
        "--date",
        "1954-05-01",
    ]);
    assert!(after.contains("\"share_value\": \"20.00\""), "{after}");
    // Members admitted under the new charter pay the new share value.
    let more = artel.write(
        "more.csv",
        "name,joined,shares_subscribed,shares_paid\nSun,1954-05-02,1,1\n",
    );
    artel.ok(&["import", "members", more, "--org", "coop"]);
    assert!(
        artel
            .trial_balance("coop")
            .contains("Equity:Share Capital,-60.00\n")
    );
    // Two charters cannot take effect on the same day.
    let twice = artel.fails(
        &[
            "meeting",
            "motion",
            "--org",
            "coop",
            "1",
            "--kind",
            "charter-change",
            "--text",
            "Again",
            "--yes",
            "4",
            "--no",
            "0",
            "--charter",
            file,
            "--effective",
            "1954-05-01",
        ],
        3,
    );
    assert!(
        twice.contains("error: effective: a charter already takes effect on 1954-05-01"),
        "{twice}"
    );
    // A charter that breaks a rule is refused, naming it.
    let broken = changed.replace("\"welfare_fund\": 100", "\"welfare_fund\": 101");
    let file = artel.write("broken.json", &broken);
    let stderr = artel.fails(
        &[
            "meeting",
            "motion",
            "--org",
            "coop",
            "1",
            "--kind",
            "charter-change",
            "--text",
            "x",
            "--yes",
            "4",
            "--no",
            "0",
            "--charter",
            file,
        ],
        3,
    );
    assert!(
        stderr.contains("error: distribution: the shares add up to 1001‰"),
        "{stderr}"
    );
}

fn indicators_count_the_register_as_of_the_period_end(artel: &Artel) {
    cooperative_of_four(artel);
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "3",
        "--event",
        "request-withdrawal",
        "--date",
        "1954-03-31",
    ]);
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "3",
        "--event",
        "settle-withdrawal",
        "--date",
        "1954-05-01",
    ]);
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "4",
        "--event",
        "die",
        "--date",
        "1954-04-01",
    ]);
    let report = |period: &str, compare: &str| {
        artel.ok(&[
            "report",
            "indicators",
            "--org",
            "coop",
            "--period",
            period,
            "--compare",
            compare,
            "--format",
            "csv",
        ])
    };
    // End of March: four members (one withdrawing still counts); one request in March.
    let march = report("1954-03", "1953-12");
    assert!(
        march.starts_with("indicator,value,compare,change_pct\n"),
        "{march}"
    );
    assert!(march.contains("\nmembers,4,0,\n"), "{march}");
    assert!(march.contains("\nwithdrawal_requests,1,0,\n"), "{march}");
    // End of April: Qian died on 1 April; end of May: Zhao has left.
    let april = report("1954-04", "1954-03");
    assert!(april.contains("\nmembers,3,4,-25.0\n"), "{april}");
    assert!(
        april.contains("\nwithdrawal_requests,0,1,-100.0\n"),
        "{april}"
    );
    let q2 = report("1954-Q2", "1954-Q1");
    assert!(q2.contains("\nmembers,2,4,-50.0\n"), "{q2}");
    // Every indicator has its row; rates are empty without a base.
    assert_eq!(q2.lines().count(), 13, "{q2}");
    assert!(q2.contains("\ndefect_rate,,,\n"), "{q2}");
    let json = artel.ok(&[
        "report",
        "indicators",
        "--org",
        "coop",
        "--period",
        "1954",
        "--format",
        "json",
    ]);
    assert!(
        json.contains("\"indicator\":\"defect_rate\",\"value\":null"),
        "{json}"
    );
    let stderr = artel.fails(
        &[
            "report",
            "indicators",
            "--org",
            "coop",
            "--period",
            "1954-13",
        ],
        3,
    );
    assert!(
        stderr.contains("error: --period: '1954-13' is not a period"),
        "{stderr}"
    );
}

fn committees_are_elected_for_a_term(artel: &Artel) {
    cooperative_of_four(artel);
    assembly(artel, "1954-04-10", "4");
    let elect = |meeting: &str, members: &[&str], ends: &str| {
        let mut args = vec![
            "meeting",
            "motion",
            "--org",
            "coop",
            meeting,
            "--kind",
            "election",
            "--text",
            "Management committee",
            "--yes",
            "2",
            "--no",
            "1",
            "--committee",
            "management-committee",
            "--term-ends",
            ends,
        ];
        for member in members {
            args.extend_from_slice(&["--elect", member]);
        }
        artel.run(&args)
    };
    assert!(elect("1", &["1", "2"], "1955-04-10").status.success());
    let committees = |date: &str| {
        artel.ok(&[
            "meeting",
            "committees",
            "--org",
            "coop",
            "--date",
            date,
            "--format",
            "csv",
        ])
    };
    assert_eq!(
        committees("1954-04-10"),
        "committee,member,name,term_ends,motion\n\
         management-committee,1,Wang,1955-04-10,1\n\
         management-committee,2,Li,1955-04-10,1\n"
    );
    assert_eq!(
        committees("1954-04-09"),
        "committee,member,name,term_ends,motion\n"
    );
    // A later election ends the earlier seats on its day.
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "4",
        "--event",
        "suspend",
        "--date",
        "1954-06-01",
    ]);
    assembly(artel, "1954-10-01", "3");
    let refused = elect("2", &["3", "4"], "1955-10-01");
    assert_eq!(refused.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("error: elected: member 4 is suspended and cannot be elected"),
        "{stderr}"
    );
    assert!(elect("2", &["3"], "1955-10-01").status.success());
    assert_eq!(
        committees("1954-10-01"),
        "committee,member,name,term_ends,motion\nmanagement-committee,3,Zhao,1955-10-01,2\n"
    );
    assert!(committees("1954-09-30").contains("1,Wang,1954-10-01,1"));
    let late = elect("2", &["3"], "1954-09-01");
    assert_eq!(late.status.code(), Some(3));
}

fn subscribed_shares_are_paid_up_later(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let register = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\nWang,1954-01-05,3,1\n",
    );
    artel.ok(&["import", "members", register, "--org", "coop"]);
    let paid = artel.ok(&[
        "member",
        "pay",
        "--org",
        "coop",
        "1",
        "--shares",
        "2",
        "--date",
        "1954-02-01",
    ]);
    assert_eq!(paid.trim(), "member 1: 2 shares paid, entry 2 posted");
    assert!(
        artel
            .trial_balance("coop")
            .contains("Equity:Share Capital,-30.00\n")
    );
    // Never more than subscribed; nothing written.
    let stderr = artel.fails(
        &[
            "member",
            "pay",
            "--org",
            "coop",
            "1",
            "--shares",
            "1",
            "--date",
            "1954-02-02",
        ],
        3,
    );
    assert!(
        stderr.contains("error: shares: 3 paid and 1 more is more than the 3 subscribed"),
        "{stderr}"
    );
    let shown = artel.ok(&["member", "show", "--org", "coop", "1", "--format", "csv"]);
    assert!(
        shown.starts_with("1 Wang (member), 3 shares paid, 30.00 paid in\n"),
        "{shown}"
    );
    assert!(shown.contains("1954-02-01,pay-shares,,2,\n"), "{shown}");
    // The payment leaves the standing as it was: a withdrawal still follows.
    artel.ok(&[
        "member",
        "change",
        "--org",
        "coop",
        "1",
        "--event",
        "request-withdrawal",
        "--date",
        "1954-03-01",
    ]);
    let stderr = artel.fails(
        &[
            "member",
            "pay",
            "--org",
            "coop",
            "1",
            "--shares",
            "1",
            "--date",
            "1954-03-02",
        ],
        3,
    );
    assert!(
        stderr.contains("error: status: a member who is withdrawing pays no more shares"),
        "{stderr}"
    );
}

fn the_notice_holds_for_a_member_with_nothing_paid_in(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let register = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\nWang,1954-01-05,1,0\n",
    );
    artel.ok(&["import", "members", register, "--org", "coop"]);
    let change = |event: &str, date: &str| {
        artel.run(&[
            "member", "change", "--org", "coop", "1", "--event", event, "--date", date,
        ])
    };
    assert!(change("request-withdrawal", "1954-04-01").status.success());
    // Nothing to refund, and still a month's notice.
    let early = change("settle-withdrawal", "1954-04-30");
    assert_eq!(early.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert!(stderr.contains("notice runs until 1954-05-01"), "{stderr}");
    assert!(change("settle-withdrawal", "1954-05-01").status.success());
    let shown = artel.ok(&["member", "show", "--org", "coop", "1"]);
    assert!(shown.starts_with("1 Wang (withdrawn)"), "{shown}");
}
