//! Contracts with items and a delivery schedule, delivered from stock and fulfilled; a
//! buyer's advance applied to the invoices of its deliveries; a combined contract worked
//! from the buyer's own materials; a payment told which invoice; and a bad debt written off
//! by an adopted motion.

use std::collections::BTreeSet;

use crate::harness::{Artel, engine_tests};

engine_tests!(
    a_scheduled_contract_is_delivered_from_stock_against_an_advance,
    a_combined_contract_is_worked_from_the_buyers_materials,
    a_bad_debt_is_written_off_by_an_adopted_motion
);

fn lines(text: &str) -> BTreeSet<&str> {
    text.lines().collect()
}

fn has_balances(artel: &Artel, expected: &[&str]) {
    let balances = artel.trial_balance("coop");
    for line in expected {
        assert!(
            balances.lines().any(|l| l == *line),
            "{line} in\n{balances}"
        );
    }
}

fn standing(artel: &Artel, as_of: &str) -> String {
    artel.ok(&[
        "sales",
        "contracts",
        "--org",
        "coop",
        "--as-of",
        as_of,
        "--format",
        "csv",
    ])
}

fn a_scheduled_contract_is_delivered_from_stock_against_an_advance(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let stock = artel.write(
        "stock.csv",
        "date,kind,item,quantity,value\n1954-04-05,finish,plow,100,3000.00\n",
    );
    artel.ok(&["import", "stock", stock, "--org", "coop"]);
    // Sixty plows by the end of April and forty by the end of May, at 50.00 each.
    let contracts = artel.write(
        "contracts.csv",
        "number,counterparty,counterparty_type,kind,signed,value,credit_days,product,quantity,price,deliver_by\n\
         E-1,Echeng SMC,supply-marketing,sales,1954-04-01,5000.00,30,plow,60,50.00,1954-04-30\n\
         E-1,Echeng SMC,supply-marketing,sales,1954-04-01,5000.00,30,plow,40,50.00,1954-05-31\n",
    );
    let imported = artel.ok(&["import", "contracts", contracts, "--org", "coop"]);
    assert_eq!(imported.trim(), "imported 1 contracts into coop");
    // The buyer pays 1000.00 ahead: nothing is owed yet, so all of it is an advance.
    let advance = artel.ok(&[
        "sales",
        "pay",
        "--org",
        "coop",
        "Echeng SMC",
        "--amount",
        "1000.00",
        "--date",
        "1954-04-02",
    ]);
    assert!(
        advance.contains("no open invoices; advance 1000.00"),
        "{advance}"
    );
    assert_eq!(
        standing(artel, "1954-04-10").trim(),
        "number,counterparty,kind,signed,value,delivered,fulfilled_pct,status\n\
         E-1,Echeng SMC,sales,1954-04-01,5000.00,0.00,0.0,signed"
    );
    // Sixty delivered on credit: the advance settles 1000.00 of the 3000.00 invoice, and
    // the plows leave stock at their cost of 30.00 each.
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         1954-04-20,Echeng SMC,supply-marketing,plow,60,3000.00,credit:30,E-1\n",
    );
    artel.ok(&["import", "sales", sales, "--org", "coop"]);
    has_balances(
        artel,
        &[
            "Assets:Cash,1000.00",
            "Assets:Receivables,2000.00",
            "Income:Sales,-3000.00",
            "Assets:Inventory:Products,1200.00",
            "Expenses:Inventory:Change in Products,-1200.00",
        ],
    );
    assert!(!artel.trial_balance("coop").contains("Advances from Buyers"));
    let on_hand = artel.ok(&["stock", "show", "--org", "coop", "--format", "csv"]);
    assert!(on_hand.contains("plow,product,,40,1200.00"), "{on_hand}");
    // On 1 May the April part is delivered and May's not yet due; on 1 June it is late.
    assert!(
        standing(artel, "1954-05-01")
            .contains("E-1,Echeng SMC,sales,1954-04-01,5000.00,3000.00,60.0,delivering"),
        "{}",
        standing(artel, "1954-05-01")
    );
    assert!(standing(artel, "1954-06-01").ends_with("overdue\n"));
    // Fifty more cannot leave a stock of forty: the whole file is refused.
    let more = artel.write(
        "more.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         1954-05-10,Li,individual,hoe,1,5.00,cash,\n\
         1954-05-10,Echeng SMC,supply-marketing,plow,50,2500.00,credit:30,E-1\n\
         1954-05-11,Echeng SMC,supply-marketing,hoe,1,5.00,cash,E-1\n",
    );
    let stderr = artel.fails(&["import", "sales", more, "--org", "coop"], 3);
    for expected in [
        "more.csv:3: quantity: only 40 of 'plow' on hand",
        "more.csv:4: product: contract 'E-1' has no item of 'hoe'",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    assert!(
        !artel
            .trial_balance("coop")
            .contains("Income:Sales,-3005.00")
    );
    let rest = artel.write(
        "rest.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         1954-05-10,Echeng SMC,supply-marketing,plow,40,2000.00,credit:30,E-1\n",
    );
    artel.ok(&["import", "sales", rest, "--org", "coop"]);
    assert!(standing(artel, "1954-06-01").ends_with("5000.00,100.0,fulfilled\n"));
    // Told which invoice (entry 5: each invoice's delivery from stock posts right after
    // it), a payment goes to the May invoice before the older April one.
    let paid = artel.ok(&[
        "sales",
        "pay",
        "--org",
        "coop",
        "Echeng SMC",
        "--amount",
        "2500.00",
        "--date",
        "1954-05-20",
        "--invoice",
        "5",
    ]);
    assert!(
        paid.contains("2000.00 to invoice 5, 500.00 to invoice 3; advance 0.00"),
        "{paid}"
    );
    let stderr = artel.fails(
        &[
            "sales",
            "pay",
            "--org",
            "coop",
            "Echeng SMC",
            "--amount",
            "1.00",
            "--invoice",
            "5",
        ],
        3,
    );
    assert!(
        stderr.contains("--invoice: invoice 5 is not an open invoice of 'Echeng SMC'"),
        "{stderr}"
    );
}

fn a_combined_contract_is_worked_from_the_buyers_materials(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let contracts = artel.write(
        "contracts.csv",
        "number,counterparty,counterparty_type,kind,signed,value,product,quantity,price\n\
         C-1,Yingcheng SMC,supply-marketing,combined,1954-04-01,1200.00,cloth,100,12.00\n",
    );
    artel.ok(&["import", "contracts", contracts, "--org", "coop"]);
    // The buyer supplies the yarn; the cooperative weaves it and sells the cloth back.
    let stock = artel.write(
        "stock.csv",
        "date,kind,item,quantity,value,owner\n\
         1954-04-02,supplied,yarn,500,,Yingcheng SMC\n",
    );
    artel.ok(&["import", "stock", stock, "--org", "coop"]);
    let production = artel.write(
        "production.csv",
        "date,product,quantity,defective,materials\n\
         1954-04-10,cloth,100,3,yarn=500@Yingcheng SMC\n",
    );
    artel.ok(&["import", "production", production, "--org", "coop"]);
    artel.ok(&[
        "stock",
        "record",
        "--org",
        "coop",
        "finish",
        "cloth",
        "100",
        "--value",
        "300.00",
        "--date",
        "1954-04-10",
    ]);
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         1954-04-15,Yingcheng SMC,supply-marketing,cloth,100,1200.00,credit:30,C-1\n",
    );
    artel.ok(&["import", "sales", sales, "--org", "coop"]);
    // The buyer's yarn is used up and was never in the books; the cloth left at its cost.
    let on_hand = artel.ok(&["stock", "show", "--org", "coop", "--format", "csv"]);
    assert_eq!(
        lines(&on_hand),
        lines(
            "item,kind,owner,quantity,value\n\
             cloth,product,,0,0.00\n\
             yarn,material,Yingcheng SMC,0,\n"
        )
    );
    has_balances(
        artel,
        &["Assets:Receivables,1200.00", "Income:Sales,-1200.00"],
    );
    assert!(!artel.trial_balance("coop").contains("Materials"));
    assert!(standing(artel, "1954-04-30").ends_with("1200.00,1200.00,100.0,fulfilled\n"));
}

fn a_bad_debt_is_written_off_by_an_adopted_motion(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let register = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\n\
         Wang,1954-01-05,1,1\nLi,1954-01-05,1,1\nZhao,1954-01-06,1,1\n",
    );
    artel.ok(&["import", "members", register, "--org", "coop"]);
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         1954-01-10,Wang Ji,private-merchant,cloth,40,400.00,credit:30\n",
    );
    artel.ok(&["import", "sales", sales, "--org", "coop"]);
    has_balances(artel, &["Assets:Receivables,400.00"]);
    artel.ok(&[
        "meeting",
        "add",
        "--org",
        "coop",
        "--body",
        "general-assembly",
        "--date",
        "1954-06-30",
        "--title",
        "General assembly",
        "--present",
        "3",
    ]);
    let write_off = |motion: &'static str| {
        vec![
            "sales",
            "write-off",
            "--org",
            "coop",
            "4",
            "--motion",
            motion,
            "--date",
            "1954-06-30",
        ]
    };
    let stderr = artel.fails(&write_off("1"), 3);
    assert!(
        stderr.contains("--motion: there is no motion 1"),
        "{stderr}"
    );
    let rejected = artel.ok(&[
        "meeting",
        "motion",
        "--org",
        "coop",
        "1",
        "--kind",
        "ordinary",
        "--text",
        "Write off what Wang Ji owes",
        "--yes",
        "1",
        "--no",
        "2",
    ]);
    assert!(rejected.contains("rejected"), "{rejected}");
    let stderr = artel.fails(&write_off("1"), 3);
    assert!(
        stderr.contains("motion 1 was rejected, not adopted"),
        "{stderr}"
    );
    artel.ok(&[
        "meeting",
        "motion",
        "--org",
        "coop",
        "1",
        "--kind",
        "ordinary",
        "--text",
        "Write off what Wang Ji owes",
        "--yes",
        "3",
        "--no",
        "0",
    ]);
    let written = artel.ok(&write_off("2"));
    assert!(
        written.contains("invoice 4 written off as entry"),
        "{written}"
    );
    has_balances(artel, &["Expenses:Bad Debts,400.00"]);
    assert!(!artel.trial_balance("coop").contains("Receivables"));
    let aging = artel.ok(&[
        "sales",
        "aging",
        "--org",
        "coop",
        "--as-of",
        "1954-07-01",
        "--format",
        "csv",
    ]);
    assert!(
        aging
            .trim()
            .ends_with("total,0.00,0.00,0.00,0.00,0.00,0.00"),
        "{aging}"
    );
    // Nothing is left to write off twice.
    let stderr = artel.fails(&write_off("2"), 3);
    assert!(stderr.contains("invoice 4 owes nothing"), "{stderr}");
}
