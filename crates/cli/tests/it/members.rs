//! `artel import members`: the register read whole or refused whole with every bad line
//! named, each member's paid shares posted to the books at the default charter's share
//! value (10.00), in the same transaction as the register.

use crate::harness::{Artel, engine_tests};

engine_tests!(
    members_and_their_paid_shares_reach_the_books,
    a_bad_register_is_refused_whole_with_every_line_named,
);

const REGISTER: &str = "name,joined,shares_subscribed,shares_paid,trade
Wang Xiuying,1954-01-05,3,2,weaver
Li Guihua,1954-02-01,1,0,dyer

Zhao Deming,1954-02-11,5,5,
";

fn members_and_their_paid_shares_reach_the_books(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write("members.csv", REGISTER);
    let imported = artel.ok(&["import", "members", file, "--org", "coop"]);
    assert_eq!(
        imported.trim(),
        "imported 3 members into coop, 7 shares paid (70.00 posted to share capital)"
    );
    let balances = artel.trial_balance("coop");
    assert!(balances.contains("Assets:Cash,70.00\n"), "{balances}");
    assert!(
        balances.contains("Equity:Share Capital,-70.00\n"),
        "{balances}"
    );
    // One entry per paying member, in the chain like any other.
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(verified.contains("2 entries, chain intact"), "{verified}");
    // Importing more members numbers them on.
    let more = artel.write(
        "more.csv",
        "name,joined,shares_subscribed,shares_paid\nQian,1954-03-01,1,1\n",
    );
    let imported = artel.ok(&["import", "members", more, "--org", "coop"]);
    assert!(imported.starts_with("imported 1 members"), "{imported}");
    let balances = artel.trial_balance("coop");
    assert!(balances.contains("Assets:Cash,80.00\n"), "{balances}");
}

fn a_bad_register_is_refused_whole_with_every_line_named(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid
Wang Xiuying,1954-01-05,3,2
,1954-01-06,1,1
Zhao Deming,1954-13-01,2,3
",
    );
    let stderr = artel.fails(&["import", "members", file, "--org", "coop"], 3);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("error: {file}:3: name: is empty"),
            format!("error: {file}:4: joined: '1954-13-01' is not a date (YYYY-MM-DD)"),
            format!("error: {file}:4: shares_paid: 3 paid is more than the 2 subscribed"),
        ],
        "{stderr}"
    );
    // Nothing was written: not the good line, not its payment.
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(verified.contains("0 entries"), "{verified}");
    // Into a closed month: refused at the line, nothing written.
    artel.ok(&["period", "close", "--book", "coop", "--period", "1954-01"]);
    let register = artel.write("register.csv", REGISTER);
    let stderr = artel.fails(&["import", "members", register, "--org", "coop"], 3);
    assert_eq!(
        stderr.trim(),
        format!("error: {register}:2: shares_paid: the period 1954-01 of the payment is closed")
    );
    let verified = artel.ok(&["verify", "--book", "coop"]);
    assert!(verified.contains("0 entries"), "{verified}");
    // An unknown organisation.
    let stderr = artel.fails(&["import", "members", register, "--org", "nowhere"], 3);
    assert!(stderr.contains("nowhere"), "{stderr}");
}
