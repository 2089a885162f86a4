//! `artel year close|reopen|preview|distribute|labour|statements` and `artel import labour`:
//! a year of books closed into its surplus and locked, its income statement still showing
//! what was earned; the surplus divided by the default charter after a general assembly's
//! vote — the funds, the capped share dividend counted by the days capital was held, the
//! labour dividend by labour days, each by hand — with the trial balance, the members'
//! statements and `member_income` to match; a reopening by a decision, refused once the year
//! is distributed.

use crate::harness::{Artel, engine_tests, error_lines, report_row, tool_ok};

engine_tests!(
    a_year_is_closed_and_its_surplus_distributed_by_a_general_assembly,
    a_year_is_reopened_only_by_an_adopted_motion_and_closed_again
);

const JOURNAL: &str = "\
1954-03-01 Cloth sold
    Assets:Cash  10000.00 CNY
    Income:Sales
1954-05-01 Wages
    Expenses:Production:Wages  4000.00 CNY
    Assets:Cash
";

/// A cooperative with three members of 10 shares (100.00) each, the third from 1 July, a
/// year's books with a surplus of 6,000.00 and the year's labour.
fn a_year_of_books(artel: &Artel) {
    artel.cooperative("coop", &[]);
    let register = artel.write(
        "members.csv",
        "name,joined,shares_subscribed,shares_paid\n\
         Wang,1954-01-01,10,10\nLi,1954-01-01,10,10\nZhao,1954-07-01,10,10\n",
    );
    artel.ok(&["import", "members", register, "--org", "coop"]);
    let journal = artel.write("year.journal", JOURNAL);
    artel.import("ledger", journal, "coop");
    let labour = artel.write(
        "labour.csv",
        "month,member,days,pieces,wages\n\
         1954-03,1,25,100,40.00\n1954-04,1,25,100,40.00\n\
         1954-03,2,20.5,80,30.00\n1954-08,3,30,120,50.00\n",
    );
    let imported = artel.ok(&["import", "labour", labour, "--org", "coop"]);
    assert_eq!(imported.trim(), "imported 4 labour records into coop");
}

fn meeting(artel: &Artel, date: &str) {
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
        "Year-end general assembly",
        "--present",
        "3",
    ]);
}

fn motion(artel: &Artel, meeting: &str, kind: &str, yes: &str, no: &str) -> String {
    artel.ok(&[
        "meeting",
        "motion",
        "--org",
        "coop",
        meeting,
        "--kind",
        kind,
        "--text",
        "The surplus of 1954 is divided as the charter says",
        "--yes",
        yes,
        "--no",
        no,
    ])
}

fn a_year_is_closed_and_its_surplus_distributed_by_a_general_assembly(artel: &Artel) {
    a_year_of_books(artel);
    let bad = artel.write("bad.csv", "month,member,days\n1954-13,1,2\n1954-02,9,1\n");
    let stderr = artel.fails(&["import", "labour", bad, "--org", "coop"], 3);
    let lines = error_lines(&stderr);
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("bad.csv:2: month:"), "{stderr}");
    let unknown = artel.write("unknown.csv", "month,member,days\n1954-02,9,1\n");
    let stderr = artel.fails(&["import", "labour", unknown, "--org", "coop"], 3);
    assert!(
        stderr.contains("unknown.csv:2: member: there is no member 9"),
        "{stderr}"
    );

    let stderr = artel.fails(&["year", "preview", "--org", "coop", "--year", "1954"], 3);
    assert!(
        stderr.contains("--year: 1954 is not closed; close it first"),
        "{stderr}"
    );
    let closed = artel.ok(&["year", "close", "--org", "coop", "--year", "1954"]);
    assert!(
        closed.starts_with("coop: 1954 closed with a surplus of 6000.00 (closing entry"),
        "{closed}"
    );
    let stderr = artel.fails(&["year", "close", "--org", "coop", "--year", "1954"], 3);
    assert!(
        stderr.contains("--year: 1954 is closed already"),
        "{stderr}"
    );

    // The income and expenses are in the surplus; the income statement still shows them.
    let balances = artel.trial_balance("coop");
    assert!(!balances.contains("Income:Sales"), "{balances}");
    assert_eq!(
        report_row(&balances, "Equity:Current Year Surplus"),
        "Equity:Current Year Surplus,-6000.00"
    );
    let income = artel.ok(&[
        "report",
        "income-statement",
        "--book",
        "coop",
        "--from",
        "1954-01-01",
        "--to",
        "1954-12-31",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = income.lines().collect();
    assert!(lines.contains(&"income,Income:Sales,10000.00"), "{income}");
    assert!(
        lines.contains(&"expenses,Expenses:Production:Wages,4000.00"),
        "{income}"
    );
    assert_eq!(lines.last(), Some(&"surplus,,6000.00"), "{income}");
    // Its months open only with the year.
    let stderr = artel.fails(
        &[
            "period",
            "reopen",
            "--book",
            "coop",
            "--period",
            "1954-12",
            "--reason",
            "a late invoice",
        ],
        3,
    );
    assert!(
        stderr.contains(
            "1954-12 belongs to the closed year 1954; reopen the year by a decision instead"
        ),
        "{stderr}"
    );
    // The closed year refuses entries.
    let stderr = artel.fails(
        &[
            "entry",
            "post",
            "--book",
            "coop",
            "--date",
            "1954-12-30",
            "--posting",
            "Assets:Cash=1.00",
            "--posting",
            "Income:Other=-1.00",
        ],
        3,
    );
    assert!(stderr.contains("1954-12 is closed"), "{stderr}");

    // 6,000.00: 1,800.00 accumulation, 600.00 welfare, 300.00 levies, 2,700.00 labour and
    // 600.00 on shares, capped at 8 % a year of 9,140,000 capital-days (100.00 × 365 twice,
    // 100.00 × 184) = 20.03; the 579.97 held back goes to the accumulation fund.
    let preview = artel.ok(&[
        "year",
        "preview",
        "--org",
        "coop",
        "--year",
        "1954",
        "--date",
        "1955-01-20",
        "--format",
        "csv",
    ]);
    for line in [
        "distributable,,,6000.00",
        "accumulation_fund,,,2379.97",
        "welfare_fund,,,600.00",
        "other_levies,,,300.00",
        "labour_dividend,,,2700.00",
        "share_dividend,,,20.03",
        "cap_excess,,,579.97",
        // Labour 50 : 20.5 : 30 days; the cent left over to Li's larger remainder.
        "labour_dividend,1,Wang,1343.28",
        "labour_dividend,2,Li,550.75",
        "labour_dividend,3,Zhao,805.97",
        // Shares 799.89, 799.89, 403.23: the two cents to the equal remainders, Wang first.
        "share_dividend,1,Wang,8.00",
        "share_dividend,2,Li,8.00",
        "share_dividend,3,Zhao,4.03",
    ] {
        assert!(preview.lines().any(|l| l == line), "{line} in\n{preview}");
    }
    // The preview wrote nothing.
    assert!(
        artel
            .trial_balance("coop")
            .contains("Equity:Current Year Surplus,-6000.00")
    );

    meeting(artel, "1955-01-20");
    motion(artel, "1", "ordinary", "3", "0");
    let stderr = artel.fails(
        &[
            "year",
            "distribute",
            "--org",
            "coop",
            "--year",
            "1954",
            "--motion",
            "1",
        ],
        3,
    );
    assert!(
        stderr.contains("--motion: motion 1 decided on ordinary, not on a distribution"),
        "{stderr}"
    );
    let stderr = artel.fails(
        &[
            "year",
            "distribute",
            "--org",
            "coop",
            "--year",
            "1954",
            "--motion",
            "1",
            "--draw-from",
            "welfare-fund",
            "--draw",
            "10.00",
        ],
        3,
    );
    assert!(stderr.contains("--motion"), "{stderr}");
    let rejected = motion(artel, "1", "distribution", "1", "2");
    assert!(rejected.contains("rejected"), "{rejected}");
    let stderr = artel.fails(
        &[
            "year",
            "distribute",
            "--org",
            "coop",
            "--year",
            "1954",
            "--motion",
            "2",
        ],
        3,
    );
    assert!(
        stderr.contains("motion 2 was rejected, not adopted"),
        "{stderr}"
    );
    motion(artel, "1", "distribution", "3", "0");
    // The welfare fund is indivisible by the default charter.
    let stderr = artel.fails(
        &[
            "year",
            "distribute",
            "--org",
            "coop",
            "--year",
            "1954",
            "--motion",
            "3",
            "--draw-from",
            "welfare-fund",
            "--draw",
            "10.00",
        ],
        3,
    );
    assert!(
        stderr.contains("--draw: the welfare-fund is indivisible and is never paid out to members"),
        "{stderr}"
    );
    let done = artel.ok(&[
        "year",
        "distribute",
        "--org",
        "coop",
        "--year",
        "1954",
        "--motion",
        "3",
    ]);
    assert!(
        done.contains("1954 distributed by motion 3 as entry"),
        "{done}"
    );
    assert!(done.contains("2720.03 to the members, 2379.97 to the accumulation fund, 600.00 to the welfare fund, 300.00 in levies"), "{done}");
    let stderr = artel.fails(
        &[
            "year",
            "distribute",
            "--org",
            "coop",
            "--year",
            "1954",
            "--motion",
            "3",
        ],
        3,
    );
    assert!(
        stderr.contains("1954 was distributed by motion 3 already"),
        "{stderr}"
    );

    let balances = artel.trial_balance("coop");
    assert!(!balances.contains("Current Year Surplus"), "{balances}");
    for line in [
        "Equity:Public Accumulation Fund,-2379.97",
        "Equity:Public Welfare Fund,-600.00",
        "Liabilities:Dividends Payable,-2720.03",
        "Liabilities:Levies Payable,-300.00",
    ] {
        assert!(balances.lines().any(|l| l == line), "{line} in\n{balances}");
    }
    let statements = artel.ok(&[
        "year",
        "statements",
        "--org",
        "coop",
        "--year",
        "1954",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = statements.lines().collect();
    assert_eq!(
        lines,
        [
            "member,name,share_capital,days,pieces,wages,labour_dividend,share_dividend,dividends",
            "1,Wang,100.00,50,200,80.00,1343.28,8.00,1351.28",
            "2,Li,100.00,20.5,80,30.00,550.75,8.00,558.75",
            "3,Zhao,100.00,30,120,50.00,805.97,4.03,810.00",
        ]
    );
    // Wang's statement printed in Chinese: the same figures, in the CJK font.
    let printed = artel.ok(&[
        "year",
        "statement",
        "--org",
        "coop",
        "--year",
        "1954",
        "--member",
        "1",
        "--out",
        "wang.pdf",
        "--lang",
        "zh",
    ]);
    assert!(
        printed.contains("the 1954 statement of member 1 written to wang.pdf"),
        "{printed}"
    );
    let pdf = std::fs::read(artel.dir().join("wang.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text: String = tool_ok("pdftotext", &["wang.pdf", "-"], artel.dir())
        .split_whitespace()
        .collect();
    for shown in [
        "1954年社员年终分配结算单",
        "Wang",
        "年末实缴股金",
        "100.00",
        "1343.28",
        "8.00",
        "1351.28",
        "依据第3号决议",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    // Without the fonts the error names the package to install.
    let empty = artel.dir().join("no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let output = artel.run_with(
        &[("ARTEL_FONT_DIR", empty.to_str().unwrap())],
        &[
            "year",
            "statement",
            "--org",
            "coop",
            "--year",
            "1954",
            "--member",
            "1",
            "--out",
            "x.pdf",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("NotoSansCJK-Regular.ttc was not found"),
        "{stderr}"
    );
    assert!(stderr.contains("fonts-noto-cjk"), "{stderr}");
    assert!(!artel.dir().join("x.pdf").exists());
    let stderr = artel.fails(
        &[
            "year",
            "statement",
            "--org",
            "coop",
            "--year",
            "1954",
            "--member",
            "9",
            "--out",
            "y.pdf",
        ],
        3,
    );
    assert!(
        stderr.contains("member 9 has no statement for 1954"),
        "{stderr}"
    );

    // member_income: the year's wages 160.00 over 3 members; January 1955 the dividends.
    let income = |period: &str| {
        let report = artel.ok(&[
            "report",
            "indicators",
            "--org",
            "coop",
            "--period",
            period,
            "--format",
            "csv",
        ]);
        report_row(&report, "member_income")
    };
    assert_eq!(income("1954"), "member_income,53.33,,");
    assert_eq!(income("1955-01"), "member_income,906.68,,");
    // A distributed year stays closed, and its labour as it was.
    motion(artel, "1", "ordinary", "3", "0");
    let stderr = artel.fails(
        &[
            "year", "reopen", "--org", "coop", "--year", "1954", "--motion", "4",
        ],
        3,
    );
    assert!(
        stderr.contains("a distributed year stays closed"),
        "{stderr}"
    );
    let late = artel.write("late.csv", "month,member,days\n1954-12,2,3\n");
    let stderr = artel.fails(&["import", "labour", late, "--org", "coop"], 3);
    assert!(stderr.contains("has been distributed"), "{stderr}");
}

fn a_year_is_reopened_only_by_an_adopted_motion_and_closed_again(artel: &Artel) {
    a_year_of_books(artel);
    let closed = artel.ok(&["year", "close", "--org", "coop", "--year", "1954"]);
    let closing: String = closed
        .split("closing entry ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let stderr = artel.fails(
        &[
            "entry",
            "reverse",
            "--book",
            "coop",
            &closing,
            "--date",
            "1955-01-02",
        ],
        3,
    );
    assert!(
        stderr.contains("closed the year 1954; reopen the year by a decision instead"),
        "{stderr}"
    );
    let stderr = artel.fails(
        &[
            "year", "reopen", "--org", "coop", "--year", "1954", "--motion", "1",
        ],
        3,
    );
    assert!(
        stderr.contains("--motion: there is no motion 1"),
        "{stderr}"
    );
    meeting(artel, "1955-01-10");
    motion(artel, "1", "ordinary", "3", "0");
    let reopened = artel.ok(&[
        "year", "reopen", "--org", "coop", "--year", "1954", "--motion", "1",
    ]);
    assert!(
        reopened.contains("coop: 1954 reopened by motion 1, the closing reversed by entry"),
        "{reopened}"
    );
    let balances = artel.trial_balance("coop");
    assert!(balances.contains("Income:Sales,-10000.00"), "{balances}");
    assert!(!balances.contains("Current Year Surplus"), "{balances}");
    // The year takes entries again, and closes with them.
    artel.ok(&[
        "entry",
        "post",
        "--book",
        "coop",
        "--date",
        "1954-12-30",
        "--posting",
        "Assets:Cash=500.00",
        "--posting",
        "Income:Other=-500.00",
    ]);
    let again = artel.ok(&["year", "close", "--org", "coop", "--year", "1954"]);
    assert!(
        again.contains("closed with a surplus of 6500.00"),
        "{again}"
    );
    let audit = artel.ok(&["audit", "--book", "coop", "--format", "csv"]);
    assert!(audit.contains("year.reopen"), "{audit}");
    assert!(audit.contains("reopened by motion 1"), "{audit}");
    // A later year closes only after the one before it.
    let later = artel.write(
        "1956.journal",
        "1956-02-01 Sold\n    Assets:Cash  10.00 CNY\n    Income:Sales\n",
    );
    artel.import("ledger", later, "coop");
    let stderr = artel.fails(&["year", "close", "--org", "coop", "--year", "1956"], 3);
    assert!(stderr.contains("close 1955 first"), "{stderr}");
    // With 1955 closed, 1954 opens only after it.
    let empty = artel.ok(&["year", "close", "--org", "coop", "--year", "1955"]);
    assert!(empty.contains("no income or expenses to close"), "{empty}");
    motion(artel, "1", "ordinary", "3", "0");
    let stderr = artel.fails(
        &[
            "year", "reopen", "--org", "coop", "--year", "1954", "--motion", "2",
        ],
        3,
    );
    assert!(
        stderr.contains("--year: 1955 is closed after it; reopen 1955 first"),
        "{stderr}"
    );
    artel.ok(&["year", "close", "--org", "coop", "--year", "1956"]);
}
