//! End to end against a real `artel serve`: the process listens, answers with a token made
//! by `artel token create`, posts idempotently, and on SIGTERM stops cleanly with the
//! database closed (for SQLite: no log file left holding data).

use std::io::{BufRead, BufReader, Read};

use crate::harness::{Artel, Engine, csv_rows, engine_tests};
use crate::served::{Server, http};

engine_tests!(
    a_real_server_answers_and_stops_cleanly,
    the_demo_loads_once_and_signs_in
);

fn a_real_server_answers_and_stops_cleanly(artel: &Artel) {
    artel.cooperative("coop", &[]);
    artel.write(
        "a.journal",
        "2024-01-05 Shares\n    Assets:Cash  300.00 CNY\n    Equity:Share Capital\n",
    );
    artel.import("ledger", "a.journal", "coop");
    let token = artel.accountant_token("wang", "coop");
    assert!(
        token.starts_with("artel_") && !token.contains(char::is_whitespace),
        "{token}"
    );

    let mut server = artel.spawn(&["serve", "--addr", "127.0.0.1:0"]);
    let mut stderr = BufReader::new(server.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr
        .read_line(&mut line)
        .expect("the server's first line");
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();

    assert_eq!(http(&address, "GET", "/healthz", &[], "").0, 200);
    let bearer = format!("Bearer {token}");
    let auth = [("Authorization", bearer.as_str())];
    let (status, _) = http(&address, "GET", "/api/v1/books/coop/trial-balance", &[], "");
    assert_eq!(status, 401);
    let entry = r#"{"date": "2024-04-30", "memo": "cloth", "postings": [{"account": "Assets:Cash", "amount": "12.50"}, {"account": "Income:Sales", "amount": "-12.50"}]}"#;
    let headers = [
        ("Authorization", bearer.as_str()),
        ("Content-Type", "application/json"),
        ("Idempotency-Key", "k-1"),
    ];
    let (status, first) = http(
        &address,
        "POST",
        "/api/v1/books/coop/entries",
        &headers,
        entry,
    );
    assert_eq!(status, 201, "{first}");
    let (status, again) = http(
        &address,
        "POST",
        "/api/v1/books/coop/entries",
        &headers,
        entry,
    );
    assert_eq!(status, 201, "{again}");
    let id =
        |body: &str| serde_json::from_str::<serde_json::Value>(body).expect("JSON")["id"].clone();
    assert_eq!(
        id(&first),
        id(&again),
        "a repeated Idempotency-Key posted twice"
    );
    // `artel token create` makes tokens that expire in a year unless told otherwise.
    let (status, tokens) = http(&address, "GET", "/api/v1/me/tokens", &auth, "");
    assert_eq!(status, 200, "{tokens}");
    let tokens: serde_json::Value = serde_json::from_str(&tokens).expect("JSON");
    let expires: chrono::DateTime<chrono::Utc> = tokens[0]["expires_at"]
        .as_str()
        .and_then(|at| at.parse().ok())
        .unwrap_or_else(|| panic!("no expiry in {tokens}"));
    let days = (expires - chrono::Utc::now()).num_days();
    assert!((364..=365).contains(&days), "expires in {days} days");
    artel.fails(&["token", "create", "wang", "--expires-in-days", "0"], 2);
    let (status, balances) = http(
        &address,
        "GET",
        "/api/v1/books/coop/trial-balance",
        &auth,
        "",
    );
    assert_eq!(status, 200, "{balances}");
    let balances: serde_json::Value = serde_json::from_str(&balances).expect("JSON");

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = server.wait().expect("the server stops");
    assert!(status.success(), "the server exited with {status:?}");
    let mut rest = String::new();
    stderr
        .read_to_string(&mut rest)
        .expect("the server's last lines");
    assert!(rest.contains("stopped"), "{rest}");

    // The API and the command line agree, and the post is in the database for good.
    let from_api: Vec<String> = balances["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{},{}",
                r["account"].as_str().unwrap(),
                r["balance"].as_str().unwrap()
            )
        })
        .collect();
    let from_cli = csv_rows(&artel.trial_balance("coop"));
    assert_eq!(
        from_api
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        from_cli
    );
    assert!(from_cli.contains("Income:Sales,-12.50"), "{from_cli:?}");
    // The audit trail names who posted and from where; the repeated request added nothing.
    let trail = artel.ok(&["audit", "--book", "coop", "--format", "csv"]);
    let posts: Vec<&str> = trail
        .lines()
        .filter(|line| line.contains("entry.post"))
        .collect();
    assert_eq!(posts.len(), 1, "{trail}");
    assert!(posts[0].contains(",wang,127.0.0.1,"), "{trail}");
    if artel.engine() == Engine::Sqlite {
        let wal = artel.sqlite_path().with_extension("db-wal");
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "the server left {} with data",
            wal.display()
        );
    }
}

/// Starts `artel serve --demo` on a free port, waits until it listens, and stops it; returns
/// what it printed before listening.
fn serve_demo_once(artel: &Artel) -> String {
    let server = Server::demo(artel);
    let printed = server.printed.clone();
    assert!(server.signal("-TERM").success());
    printed
}

fn the_demo_loads_once_and_signs_in(artel: &Artel) {
    let printed = serve_demo_once(artel);
    assert!(
        printed.contains("sign in as 'demo' with password 'demo-artel-1954'"),
        "{printed}"
    );
    let first = artel.trial_balance("shashi-weaving");
    assert!(first.lines().count() > 10, "{first}");
    serve_demo_once(artel);
    assert_eq!(
        artel.trial_balance("shashi-weaving"),
        first,
        "loading the demo twice changed the books"
    );
    let verified = artel.ok(&["verify", "--book", "shashi-weaving"]);
    assert!(verified.contains("chain intact"), "{verified}");
    the_demo_holds_its_members_production_and_stock_once(artel);
}

/// The value of the indicator `name` of the demo in `period`.
fn demo_indicator(artel: &Artel, period: &str, name: &str) -> String {
    let report = artel.ok(&[
        "report",
        "indicators",
        "--org",
        "shashi-weaving",
        "--period",
        period,
        "--format",
        "csv",
    ]);
    report
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name},")))
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("no {name} in {report}"))
        .to_owned()
}

/// After the demo was loaded twice: its register, assembly, production and stock are
/// there once, and the books they posted balance.
fn the_demo_holds_its_members_production_and_stock_once(artel: &Artel) {
    // Twelve founders and the applicant the general assembly admitted, once.
    assert_eq!(demo_indicator(artel, "1954-12", "members"), "13");
    let admitted = artel.ok(&["member", "show", "--org", "shashi-weaving", "13"]);
    assert!(
        admitted.contains("Hu Yuzhen (member)") && admitted.contains("admit"),
        "{admitted}"
    );
    let missing = artel.run(&["member", "show", "--org", "shashi-weaving", "14"]);
    assert!(!missing.status.success(), "the register was loaded twice");
    let committee = artel.ok(&[
        "meeting",
        "committees",
        "--org",
        "shashi-weaving",
        "--date",
        "1954-06-30",
    ]);
    assert_eq!(
        committee.matches("management-committee").count(),
        3,
        "{committee}"
    );
    // January: 34 cloth and 51 towels defective of 100 and 150 made, 85 of 250 = 34.0 %;
    // April: 8 and 10 of 142 and 158, 18 of 300 = 6.0 %.
    assert_eq!(demo_indicator(artel, "1954-01", "defect_rate"), "34.0");
    assert_eq!(demo_indicator(artel, "1954-04", "defect_rate"), "6.0");
    // April: 134 good bolts at 35,000.00 and 148 good towels at 4,000.00, over the plan of
    // 5,230,000.00.
    assert_eq!(
        demo_indicator(artel, "1954-04", "output_value"),
        "5282000.00"
    );
    // Own stock at cost, the buyer's yarn apart and unvalued: 2,640 jin bought, a tenth
    // left; December's 165 good bolts at 25,000.00; 300 jin supplied, 220 used.
    let on_hand = artel.ok(&[
        "stock",
        "show",
        "--org",
        "shashi-weaving",
        "--format",
        "csv",
    ]);
    assert_eq!(
        on_hand.lines().collect::<Vec<_>>(),
        [
            "item,kind,owner,quantity,value",
            "cloth,product,,165,4125000.00",
            "cotton yarn,material,,264,2640000.00",
            "cotton yarn,material,Shashi Supply and Marketing Cooperative,80,",
        ]
    );
    let balances = artel.trial_balance("shashi-weaving");
    for expected in [
        "Equity:Share Capital,-1800000.00",
        "Assets:Inventory:Materials,2640000.00",
        "Assets:Inventory:Products,4125000.00",
        // 2,376 jin issued over the year at 10,000.00: the stock's issues, nothing else.
        "Expenses:Production:Materials,23760000.00",
    ] {
        assert!(
            csv_rows(&balances).contains(expected),
            "{expected}: {balances}"
        );
    }
    let sum: i64 = csv_rows(&balances)
        .iter()
        .map(|row| {
            let (_, amount) = row.rsplit_once(',').expect("account,balance");
            amount.replace('.', "").parse::<i64>().expect("an amount")
        })
        .sum();
    assert_eq!(sum, 0, "the trial balance does not balance: {balances}");
}
