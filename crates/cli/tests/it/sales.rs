//! `artel import contracts` and `artel import sales`: invoices posted as cash or
//! receivables, the sales indicators computed from them, and bad files refused whole with
//! every line named — a counterparty's type or a contract's holder against what is stored.

use crate::harness::{Artel, engine_tests, report_row as row};

engine_tests!(
    contracts_and_sales_post_and_feed_the_indicators,
    bad_contracts_and_sales_are_refused_whole,
    payments_clear_the_oldest_invoices_and_the_aging_follows,
    a_backdated_payment_pays_only_what_is_still_owed
);

const CONTRACTS: &str = "number,counterparty,counterparty_type,kind,signed,value,credit_days
S-1,Shashi SMC,supply-marketing,sales,1954-03-30,5000.00,30
C-1,Shashi SMC,supply-marketing,combined,1954-04-20,3000.00,
P-1,Hankou Yarn,state-commerce,purchase,1954-04-21,2000.00,
";

const SALES: &str = "date,counterparty,counterparty_type,product,quantity,amount,terms,contract
1954-04-02,Shashi SMC,supply-marketing,cloth,100,1000.00,credit:30,S-1
1954-04-09,Wang Ji,private-merchant,cloth,40,400.00,credit:120,
1954-04-15,Li,individual,towel,10,100.00,cash,
";

fn contracts_and_sales_post_and_feed_the_indicators(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let contracts = artel.write("contracts.csv", CONTRACTS);
    let imported = artel.ok(&["import", "contracts", contracts, "--org", "coop"]);
    assert_eq!(imported.trim(), "imported 3 contracts into coop");
    let sales = artel.write("sales.csv", SALES);
    let imported = artel.ok(&["import", "sales", sales, "--org", "coop"]);
    assert_eq!(
        imported.trim(),
        "imported 3 invoices into coop, each posted"
    );
    let balances = artel.trial_balance("coop");
    for expected in [
        "Assets:Receivables,1400.00",
        "Assets:Cash,100.00",
        "Income:Sales,-1500.00",
    ] {
        assert!(
            balances.lines().any(|l| l == expected),
            "{expected} in\n{balances}"
        );
    }
    let report = artel.ok(&[
        "report",
        "indicators",
        "--org",
        "coop",
        "--period",
        "1954-04",
        "--compare",
        "1954-03",
        "--format",
        "csv",
    ]);
    // 1400.00 of 1500.00 on credit; 500.00 to a merchant and an individual; the combined
    // contract signed in April (3000.00) against the sales contract in March (5000.00).
    assert_eq!(
        row(&report, "credit_sales_share"),
        "credit_sales_share,93.3,,"
    );
    assert_eq!(
        row(&report, "private_buyer_share"),
        "private_buyer_share,33.3,,"
    );
    assert_eq!(
        row(&report, "contract_value"),
        "contract_value,3000.00,5000.00,-40.0"
    );
    assert!(
        artel
            .ok(&["verify", "--book", "coop"])
            .contains("chain intact")
    );
    // The default charter allows 30 % on credit, 60 days, 20 % of receivables to a buyer.
    let warnings = artel.ok(&[
        "sales",
        "warnings",
        "--org",
        "coop",
        "--as-of",
        "1954-04-30",
    ]);
    assert_eq!(
        warnings.trim(),
        "coop: 93.3 % of the year's sales on credit, above the charter's 30.0 %\n\
         coop: Wang Ji granted 120 days' credit, above the charter's 60\n\
         coop: Shashi SMC owes 71.4 % of the receivables, above the charter's 20.0 %\n\
         coop: Wang Ji owes 28.5 % of the receivables, above the charter's 20.0 %"
    );
    // Before anything was sold, nothing crosses a limit.
    let before = artel.ok(&[
        "sales",
        "warnings",
        "--org",
        "coop",
        "--as-of",
        "1954-03-31",
    ]);
    assert_eq!(before.trim(), "coop: within the charter's credit limits");
}

fn bad_contracts_and_sales_are_refused_whole(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let contracts = artel.write("contracts.csv", CONTRACTS);
    artel.ok(&["import", "contracts", contracts, "--org", "coop"]);
    // The same number again, and a known counterparty under another type.
    let again = artel.write(
        "again.csv",
        "number,counterparty,counterparty_type,kind,signed,value\n\
         S-2,Wang Ji,private-merchant,sales,1954-05-01,10.00\n\
         S-1,Li,individual,sales,1954-05-01,10.00\n\
         S-3,Shashi SMC,private-merchant,sales,1954-05-01,10.00\n",
    );
    let stderr = artel.fails(&["import", "contracts", again, "--org", "coop"], 3);
    for expected in [
        "again.csv:3: number: contract 'S-1' already exists",
        "again.csv:4: counterparty_type: 'Shashi SMC' is a supply-marketing",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         1954-04-02,Wang Ji,private-merchant,cloth,1,10.00,cash,\n\
         1954-04-03,Wang Ji,private-merchant,cloth,1,10.00,cash,S-1\n\
         1954-04-04,Li,individual,cloth,1,10.00,cash,S-9\n\
         1954-04-05,Li,individual,cloth,1,10.00,later,\n",
    );
    let stderr = artel.fails(&["import", "sales", sales, "--org", "coop"], 3);
    assert!(
        stderr.contains("sales.csv:5: terms: 'later' is not cash or credit:DAYS"),
        "{stderr}"
    );
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         1954-04-02,Wang Ji,private-merchant,cloth,1,10.00,cash,\n\
         1954-04-03,Wang Ji,private-merchant,cloth,1,10.00,cash,S-1\n\
         1954-04-04,Li,individual,cloth,1,10.00,cash,S-9\n",
    );
    let stderr = artel.fails(&["import", "sales", sales, "--org", "coop"], 3);
    for expected in [
        "sales.csv:3: contract: contract 'S-1' is with 'Shashi SMC', not 'Wang Ji'",
        "sales.csv:4: contract: contract 'S-9' does not exist",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    // Nothing of the good lines was kept: no entry, no new counterparty's contract.
    assert_eq!(artel.trial_balance("coop").trim(), "account,balance");
}

fn payments_clear_the_oldest_invoices_and_the_aging_follows(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         1954-01-02,Wang Ji,private-merchant,cloth,40,400.00,credit:30\n\
         1954-03-01,Wang Ji,private-merchant,cloth,20,200.00,credit:30\n\
         1954-04-01,Shashi SMC,supply-marketing,cloth,100,1000.00,credit:30\n\
         1954-04-02,Li,individual,towel,1,5.00,cash\n",
    );
    artel.ok(&["import", "sales", sales, "--org", "coop"]);
    let aging = |as_of: &str| {
        artel.ok(&[
            "sales", "aging", "--org", "coop", "--as-of", as_of, "--format", "csv",
        ])
    };
    // On 1954-05-15 the January invoice (due 02-01) is 103 days overdue, March's (due
    // 03-31) 45, April's (due 05-01) 14; the cash sale owes nothing.
    assert_eq!(
        aging("1954-05-15").trim(),
        "counterparty,current,1-30,31-60,61-90,91-180,over-180\n\
         Shashi SMC,0.00,1000.00,0.00,0.00,0.00,0.00\n\
         Wang Ji,0.00,0.00,200.00,0.00,400.00,0.00\n\
         total,0.00,1000.00,200.00,0.00,400.00,0.00"
    );
    // 450.00 pays January's invoice whole and 50.00 of March's.
    let paid = artel.ok(&[
        "sales",
        "pay",
        "--org",
        "coop",
        "Wang Ji",
        "--amount",
        "450.00",
        "--date",
        "1954-05-20",
    ]);
    assert!(
        paid.contains("400.00 to invoice 1, 50.00 to invoice 2; advance 0.00"),
        "{paid}"
    );
    // On 05-31 March's invoice is 61 days overdue.
    assert!(
        aging("1954-05-31").contains("Wang Ji,0.00,0.00,0.00,150.00,0.00,0.00"),
        "{}",
        aging("1954-05-31")
    );
    // Aged before the payment, the invoices still owe all of it.
    assert!(aging("1954-05-15").contains("Wang Ji,0.00,0.00,200.00,0.00,400.00,0.00"));
    // Over-paid: the rest is an advance from the buyer.
    let paid = artel.ok(&[
        "sales",
        "pay",
        "--org",
        "coop",
        "Wang Ji",
        "--amount",
        "200.00",
        "--date",
        "1954-06-01",
    ]);
    assert!(
        paid.contains("150.00 to invoice 2; advance 50.00"),
        "{paid}"
    );
    let balances = artel.trial_balance("coop");
    for expected in [
        "Assets:Receivables,1000.00",
        "Liabilities:Advances from Buyers,-50.00",
        "Assets:Cash,655.00",
    ] {
        assert!(
            balances.lines().any(|l| l == expected),
            "{expected} in\n{balances}"
        );
    }
    let stderr = artel.fails(
        &[
            "sales", "pay", "--org", "coop", "Nobody", "--amount", "1.00",
        ],
        3,
    );
    assert!(
        stderr.contains("counterparty 'Nobody' does not exist"),
        "{stderr}"
    );
}

fn a_backdated_payment_pays_only_what_is_still_owed(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let sales = artel.write(
        "sales.csv",
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         1954-01-02,Wang Ji,private-merchant,cloth,40,400.00,credit:30\n\
         1954-03-01,Wang Ji,private-merchant,cloth,20,200.00,credit:30\n",
    );
    artel.ok(&["import", "sales", sales, "--org", "coop"]);
    let pay = |amount: &str, date: &str| {
        artel.ok(&[
            "sales", "pay", "--org", "coop", "Wang Ji", "--amount", amount, "--date", date,
        ])
    };
    assert!(pay("380.00", "1954-05-20").contains("380.00 to invoice 1; advance 0.00"));
    // Recorded later but dated February, when only January's invoice had been issued: it
    // owes 20.00 after May's payment, so 20.00 goes to it and the rest is an advance.
    let backdated = pay("100.00", "1954-02-10");
    assert!(
        backdated.contains("20.00 to invoice 1; advance 80.00"),
        "{backdated}"
    );
    let balances = artel.trial_balance("coop");
    for expected in [
        "Assets:Receivables,200.00",
        "Liabilities:Advances from Buyers,-80.00",
    ] {
        assert!(
            balances.lines().any(|l| l == expected),
            "{expected} in\n{balances}"
        );
    }
}
