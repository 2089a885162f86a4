//! Golden tests of every accounting report in every format, on `small.journal` (a
//! cooperative's first quarter of 1954). Both engines must print exactly the same, so
//! they share one snapshot per report and format, stored in `snapshots/`.

use crate::harness::{Artel, engine_tests, fixture};

engine_tests!(reports_match_the_golden_files);

const FORMATS: [&str; 3] = ["text", "csv", "json"];

/// Each report: its snapshot's name and its arguments after `report`.
const REPORTS: [(&str, &[&str]); 5] = [
    ("trial_balance", &["trial-balance"]),
    (
        "general_ledger",
        &[
            "general-ledger",
            "--account",
            "Assets:Cash",
            "--from",
            "1954-01-10",
        ],
    ),
    ("balance_sheet", &["balance-sheet"]),
    (
        "balance_sheet_as_of",
        &["balance-sheet", "--as-of", "1954-02-10"],
    ),
    (
        "income_statement",
        &[
            "income-statement",
            "--from",
            "1954-02-01",
            "--to",
            "1954-03-31",
        ],
    ),
];

fn reports_match_the_golden_files(artel: &Artel) {
    artel.cooperative("golden", &[]);
    let journal = artel.fixture("small.journal");
    artel.import("ledger", journal, "golden");
    for (name, report) in REPORTS {
        for format in FORMATS {
            let mut args = vec!["report"];
            args.extend_from_slice(report);
            args.extend_from_slice(&["--book", "golden", "--format", format]);
            insta::assert_snapshot!(format!("{name}_{format}"), artel.ok(&args));
        }
    }
}

#[test]
fn check_ledger_text_matches_the_golden_file() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        directory.path().join("small.journal"),
        fixture("small.journal"),
    )
    .expect("write the journal");
    let output = std::process::Command::new(crate::harness::BINARY)
        .env_remove("ARTEL_DB")
        .current_dir(directory.path())
        .args(["check", "ledger", "small.journal"])
        .output()
        .expect("run artel");
    assert!(output.status.success(), "{output:?}");
    insta::assert_snapshot!(
        "check_ledger_text",
        String::from_utf8(output.stdout).expect("UTF-8")
    );
}
