//! `artel import stock`, `artel stock record|show|movements`: quantities on hand after every
//! kind of movement, own stock at moving-average cost in the books, a buyer's supplied
//! materials counted apart and never posted, and a bad file refused whole.

use std::collections::BTreeSet;

use crate::harness::{Artel, engine_tests};

fn lines(text: &str) -> BTreeSet<&str> {
    text.lines().collect()
}

engine_tests!(
    every_movement_moves_stock_and_own_stock_is_in_the_books_at_cost,
    a_bad_stock_file_is_refused_whole,
    production_reports_issue_the_materials_they_used
);

const MOVEMENTS: &str = "date,kind,item,quantity,value,owner,account,note
1954-04-01,purchase,yarn,100,300.00,,,from the supply cooperative
1954-04-02,purchase,yarn,50,180.00,,Liabilities:Payables,
1954-04-03,supplied,cotton,400,,Shashi SMC,,combined contract
1954-04-05,issue,yarn,45,,,,
1954-04-05,issue,cotton,150,,Shashi SMC,,
1954-04-10,finish,cloth,30,210.00,,,
1954-04-12,deliver,cloth,10,,,,
";

fn every_movement_moves_stock_and_own_stock_is_in_the_books_at_cost(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write("stock.csv", MOVEMENTS);
    let imported = artel.ok(&["import", "stock", file, "--org", "coop"]);
    assert_eq!(imported.trim(), "imported 7 stock movements into coop");
    // Counted 100 of the 105 yarn left: 5 short at the average 3.20.
    let counted = artel.ok(&[
        "stock",
        "record",
        "--org",
        "coop",
        "count",
        "yarn",
        "100",
        "--date",
        "1954-04-30",
    ]);
    assert!(counted.contains("posted as entry"), "{counted}");
    // 10 cotton of the buyer's spoilt: counted apart, nothing posted.
    let spoilt = artel.ok(&[
        "stock",
        "record",
        "--org",
        "coop",
        "adjust",
        "cotton",
        "-10",
        "--owner",
        "Shashi SMC",
        "--date",
        "1954-04-30",
        "--note",
        "spoilt",
    ]);
    assert!(spoilt.contains("nothing posted"), "{spoilt}");
    let on_hand = artel.ok(&["stock", "show", "--org", "coop", "--format", "csv"]);
    assert_eq!(
        lines(&on_hand),
        lines(
            "item,kind,owner,quantity,value\n\
             cloth,product,,20,140.00\n\
             yarn,material,,100,320.00\n\
             cotton,material,Shashi SMC,240,\n"
        )
    );
    // Own stock at cost in the books; the buyer's cotton is nowhere in them.
    let balances = artel.trial_balance("coop");
    for expected in [
        "Assets:Inventory:Materials,320.00",
        "Assets:Inventory:Products,140.00",
        "Assets:Cash,-300.00",
        "Liabilities:Payables,-180.00",
        "Expenses:Production:Materials,144.00",
        "Expenses:Inventory:Change in Products,-140.00",
        "Expenses:Inventory:Count Differences,16.00",
    ] {
        assert!(
            balances.lines().any(|l| l.starts_with(expected)),
            "{expected} in\n{balances}"
        );
    }
    let movements = artel.ok(&[
        "stock",
        "movements",
        "--org",
        "coop",
        "--from",
        "1954-04-01",
        "--to",
        "1954-04-30",
        "--format",
        "csv",
    ]);
    assert!(
        movements.contains("1954-04-05,issue,yarn,,-45,-144.00,"),
        "{movements}"
    );
    assert!(
        movements.contains("1954-04-30,adjust,cotton,Shashi SMC,-10,0.00,,spoilt"),
        "{movements}"
    );
    assert!(
        artel
            .ok(&["verify", "--book", "coop"])
            .contains("chain intact")
    );
    // More issued than on hand is refused, naming the field as the command line does.
    let stderr = artel.fails(
        &["stock", "record", "--org", "coop", "issue", "yarn", "101"],
        3,
    );
    assert!(
        stderr.contains("QUANTITY: only 100 of 'yarn' on hand"),
        "{stderr}"
    );
}

fn a_bad_stock_file_is_refused_whole(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let file = artel.write(
        "stock.csv",
        "date,kind,item,quantity,value\n\
         1954-04-01,purchase,yarn,10,30.00\n\
         1954-04-02,issue,yarn,11,\n\
         1954-04-03,take,yarn,1,\n\
         1954-04-04,finish,cloth,3.5,\n",
    );
    let stderr = artel.fails(&["import", "stock", file, "--org", "coop"], 3);
    for expected in [
        "stock.csv:4: kind: 'take' is not one of",
        "stock.csv:5: quantity: '3.5' is not a whole number",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    // Once every line reads, the movements are checked against the stock, every one named.
    let file = artel.write(
        "stock.csv",
        "date,kind,item,quantity,value\n\
         1954-04-01,purchase,yarn,10,30.00\n\
         1954-04-02,issue,yarn,11,\n\
         1954-04-04,finish,cloth,3,\n",
    );
    let stderr = artel.fails(&["import", "stock", file, "--org", "coop"], 3);
    for expected in [
        "stock.csv:3: quantity: only 10 of 'yarn' on hand",
        "stock.csv:4: value: a finish needs its cost",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    // Nothing of the good first line was kept.
    let on_hand = artel.ok(&["stock", "show", "--org", "coop", "--format", "csv"]);
    assert_eq!(on_hand.trim(), "item,kind,owner,quantity,value");
    assert!(!artel.trial_balance("coop").contains("Inventory"));
}

fn production_reports_issue_the_materials_they_used(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let stock = artel.write(
        "stock.csv",
        "date,kind,item,quantity,value,owner\n\
         1954-04-01,purchase,yarn,100,300.00,\n\
         1954-04-01,supplied,cotton,400,,Shashi SMC\n",
    );
    artel.ok(&["import", "stock", stock, "--org", "coop"]);
    // More yarn than is left by the second report: refused whole, naming the line.
    let too_much = artel.write(
        "production.csv",
        "date,product,quantity,defective,made_by,materials\n\
         1954-04-05,cloth,50,3,team 1,yarn=40; cotton=150@Shashi SMC\n\
         1954-04-06,cloth,80,2,7,yarn=61\n",
    );
    let stderr = artel.fails(&["import", "production", too_much, "--org", "coop"], 3);
    assert!(
        stderr.contains("production.csv:3: materials: only 60 of 'yarn' on hand"),
        "{stderr}"
    );
    let untouched = artel.ok(&["stock", "show", "--org", "coop", "--format", "csv"]);
    assert!(
        untouched.contains("yarn,material,,100,300.00"),
        "{untouched}"
    );
    let file = artel.write(
        "production.csv",
        "date,product,quantity,defective,made_by,materials\n\
         1954-04-05,cloth,50,3,team 1,yarn=40; cotton=150@Shashi SMC\n\
         1954-04-06,cloth,80,2,7,yarn=60\n",
    );
    artel.ok(&["import", "production", file, "--org", "coop"]);
    let on_hand = artel.ok(&["stock", "show", "--org", "coop", "--format", "csv"]);
    assert_eq!(
        lines(&on_hand),
        lines(
            "item,kind,owner,quantity,value\n\
             yarn,material,,0,0.00\n\
             cotton,material,Shashi SMC,250,\n"
        )
    );
    // All the yarn's 300.00 became production cost: over 125 good pieces, 2.40 each.
    let balances = artel.trial_balance("coop");
    assert!(
        balances
            .lines()
            .any(|l| l.starts_with("Expenses:Production:Materials,300.00")),
        "{balances}"
    );
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
    assert!(report.contains("unit_cost,2.40,,"), "{report}");
    let movements = artel.ok(&[
        "stock",
        "movements",
        "--org",
        "coop",
        "--from",
        "1954-04-05",
        "--to",
        "1954-04-06",
        "--format",
        "csv",
    ]);
    assert!(
        movements.contains("1954-04-05,issue,cotton,Shashi SMC,-150,0.00,,cloth"),
        "{movements}"
    );
}
