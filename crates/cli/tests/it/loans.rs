//! `artel loan add|list|schedule|repay`: a loan drawn and posted, its schedule, two
//! instalments repaid with the trial balance showing `Liabilities:Loans` and
//! `Expenses:Interest` as computed by hand, and a loan repaid in full refusing more.

use crate::harness::{Artel, engine_tests};

engine_tests!(
    a_loan_is_drawn_scheduled_and_repaid_in_the_books,
    a_loan_repaid_in_full_refuses_more_and_bad_terms_are_named
);

fn add_loan(artel: &Artel, extra: &[&str]) -> String {
    let mut args = vec![
        "loan",
        "add",
        "--org",
        "coop",
        "--lender",
        "People's Bank, Shashi branch",
        "--lender-kind",
        "bank",
        "--principal",
        "1000.00",
        "--rate",
        "6.5",
        "--drawn",
        "1954-03-01",
        "--instalments",
        "12",
        "--every",
        "1",
    ];
    args.extend_from_slice(extra);
    artel.ok(&args)
}

fn a_loan_is_drawn_scheduled_and_repaid_in_the_books(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let added = add_loan(artel, &[]);
    assert_eq!(
        added.trim(),
        "coop: loan 1 from People's Bank, Shashi branch recorded, drawdown posted as entry 1"
    );
    // 1,000.00 at 6.5 % in 12 months: 83.33 a month, the last 83.37; the first month's
    // interest 1000.00 × 6.5 % ÷ 12 = 5.4167 → 5.42, the second's on 916.67 is 4.9653 → 4.97.
    let first = artel.ok(&[
        "loan",
        "repay",
        "--org",
        "coop",
        "--loan",
        "1",
        "--date",
        "1954-04-01",
    ]);
    assert_eq!(
        first.trim(),
        "coop: loan 1 instalment 1 repaid (83.33 principal, 5.42 interest), posted as entry 2; outstanding 916.67"
    );
    let second = artel.ok(&[
        "loan",
        "repay",
        "--org",
        "coop",
        "--loan",
        "1",
        "--date",
        "1954-05-03",
        "--from",
        "Assets:Bank",
    ]);
    assert!(second.contains("instalment 2 repaid (83.33 principal, 4.97 interest), posted as entry 3; outstanding 833.34"), "{second}");
    let schedule = artel.ok(&[
        "loan", "schedule", "--org", "coop", "--loan", "1", "--format", "csv",
    ]);
    let lines: Vec<&str> = schedule.lines().collect();
    assert_eq!(lines.len(), 13, "{schedule}");
    assert_eq!(lines[0], "instalment,due,principal,interest,total,paid_by");
    assert_eq!(lines[1], "1,1954-04-01,83.33,5.42,88.75,2");
    assert_eq!(lines[2], "2,1954-05-01,83.33,4.97,88.30,3");
    assert_eq!(lines[3], "3,1954-06-01,83.33,4.51,87.84,");
    assert_eq!(lines[12], "12,1955-03-01,83.37,0.45,83.82,");
    let balances = artel.trial_balance("coop");
    for expected in [
        // 1,000.00 less 83.33 twice.
        "Liabilities:Loans,-833.34",
        // 5.42 + 4.97.
        "Expenses:Interest,10.39",
        // Drawn into cash, the first instalment paid from it (88.75).
        "Assets:Cash,911.25",
        // The second from the bank (88.30).
        "Assets:Bank,-88.30",
    ] {
        assert!(
            balances.lines().any(|l| l.starts_with(expected)),
            "{expected} in\n{balances}"
        );
    }
    let listed = artel.ok(&["loan", "list", "--org", "coop", "--format", "csv"]);
    assert_eq!(
        listed,
        "loan,lender,lender_kind,principal,rate,drawn,instalments,every,paid,outstanding,entry\n\
         1,\"People's Bank, Shashi branch\",bank,1000.00,6.50,1954-03-01,12,1,2,833.34,1\n"
    );
    let json = artel.ok(&[
        "loan", "schedule", "--org", "coop", "--loan", "1", "--format", "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[11]["principal"], "83.37");
    assert_eq!(rows[0]["paid_by"], "2");
    assert!(
        artel
            .ok(&["verify", "--book", "coop"])
            .contains("chain intact")
    );
}

fn a_loan_repaid_in_full_refuses_more_and_bad_terms_are_named(artel: &Artel) {
    artel.cooperative("coop", &[]);
    // From the federation, into the bank: 500.00 at 4 % in 2 half-years.
    let added = artel.ok(&[
        "loan",
        "add",
        "--org",
        "coop",
        "--lender",
        "Hubei Handicraft Federation",
        "--lender-kind",
        "federation",
        "--principal",
        "500.00",
        "--rate",
        "4",
        "--drawn",
        "1954-01-15",
        "--instalments",
        "2",
        "--every",
        "6",
        "--into",
        "Assets:Bank",
    ]);
    assert!(
        added.contains("loan 1 from Hubei Handicraft Federation"),
        "{added}"
    );
    for date in ["1954-07-15", "1955-01-15"] {
        artel.ok(&[
            "loan", "repay", "--org", "coop", "--loan", "1", "--date", date,
        ]);
    }
    // 500.00 × 4 % ÷ 2 = 10.00, then 250.00 × 4 % ÷ 2 = 5.00.
    let balances = artel.trial_balance("coop");
    assert!(
        balances
            .lines()
            .any(|l| l.starts_with("Expenses:Interest,15.00")),
        "{balances}"
    );
    assert!(
        !balances.lines().any(|l| l.starts_with("Liabilities:Loans")),
        "repaid in full: {balances}"
    );
    let stderr = artel.fails(
        &[
            "loan",
            "repay",
            "--org",
            "coop",
            "--loan",
            "1",
            "--date",
            "1955-02-01",
        ],
        3,
    );
    assert!(
        stderr.contains("error: --loan: loan 1 is repaid in full"),
        "{stderr}"
    );
    let listed = artel.ok(&["loan", "list", "--org", "coop", "--format", "csv"]);
    // Two instalments every six months, both paid, nothing outstanding.
    assert!(
        listed.contains(",500.00,4.00,1954-01-15,2,6,2,0.00,1\n"),
        "{listed}"
    );
    // A loan that does not exist.
    let stderr = artel.fails(
        &[
            "loan",
            "repay",
            "--org",
            "coop",
            "--loan",
            "7",
            "--date",
            "1955-02-01",
        ],
        3,
    );
    assert!(stderr.contains("loan 7 does not exist"), "{stderr}");
    // Bad terms: every field at fault named as the command line names it, nothing posted.
    let stderr = artel.fails(
        &[
            "loan",
            "add",
            "--org",
            "coop",
            "--lender",
            "Bank",
            "--lender-kind",
            "uncle",
            "--principal",
            "0",
            "--rate",
            "6.125",
            "--drawn",
            "1954-03-01",
            "--instalments",
            "0",
            "--every",
            "2",
        ],
        3,
    );
    for expected in [
        "error: --lender-kind: 'uncle' is not one of bank, federation, other",
        "error: --rate: '6.125' is not a percent with at most two decimals",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    let stderr = artel.fails(
        &[
            "loan",
            "add",
            "--org",
            "coop",
            "--lender",
            "Bank",
            "--lender-kind",
            "bank",
            "--principal",
            "0",
            "--rate",
            "6",
            "--drawn",
            "1954-03-01",
            "--instalments",
            "0",
            "--every",
            "2",
        ],
        3,
    );
    for expected in [
        "error: --principal: must be more than 0",
        "error: --instalments: must be 1 or more",
        "error: --every: must be 1, 3, 6 or 12",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    let stderr = artel.fails(
        &[
            "loan",
            "add",
            "--org",
            "coop",
            "--lender",
            "Bank",
            "--lender-kind",
            "bank",
            "--principal",
            "10.00",
            "--rate",
            "6",
            "--drawn",
            "1954-03-01",
            "--instalments",
            "1",
            "--every",
            "1",
            "--into",
            "Assets:Nowhere",
        ],
        3,
    );
    assert!(stderr.contains("error: --into: "), "{stderr}");
    let listed = artel.ok(&["loan", "list", "--org", "coop", "--format", "csv"]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
}
