//! The books' pages: the dashboard and the reports with their downloads.

use axum::http::StatusCode;

use super::{
    PASSWORD, SESSION, amount_after, assert_translated, field_error, get, post, sign_in,
    with_password,
};
use crate::harness::{COOP_A_SECRETS, TestApp, engine_tests};

engine_tests!(
    the_dashboard_shows_the_books_figures,
    the_trial_balance_page_and_its_downloads,
    the_statements_and_the_general_ledger,
    the_chart_of_accounts_lists_and_adds_accounts,
    integrity_and_the_audit_trail,
    the_member_register,
    every_books_page_refuses_callers_without_a_role,
);

async fn the_dashboard_shows_the_books_figures(app: &TestApp) {
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let english = get(app, "/books/coop-a", &[(SESSION, &session), ("lang", "en")]).await;
    assert_eq!(english.status, StatusCode::OK);
    for figure in [
        "Figures as of 2 Mar 2024",
        "260.00",
        "120.50",
        "80.50",
        "Income and costs by month, 2024",
    ] {
        assert!(english.body.contains(figure), "{figure}: {}", english.body);
    }
    // The chart: one bar per month and series, each with its exact amount.
    assert!(english.body.contains("<svg") && english.body.contains("role=\"img\""));
    assert!(
        english.body.contains("<title>Jan · Income: 120.50</title>"),
        "{}",
        english.body
    );
    assert!(
        english.body.contains("<title>Mar · Costs: 40.00</title>"),
        "{}",
        english.body
    );
    assert_eq!(
        english.body.matches("</title></rect>").count(),
        6,
        "3 months × 2 series, each bar titled"
    );
    let chinese = get(
        app,
        "/books/coop-a",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        chinese.body.contains("数据截至2024年3月2日"),
        "{}",
        chinese.body
    );
    assert!(
        chinese.body.contains("<title>1月 · 收入: 120.50</title>"),
        "{}",
        chinese.body
    );
    assert_translated(&chinese.body, &["director", "Alpha Weaving Cooperative"]);
}

async fn the_trial_balance_page_and_its_downloads(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let page = get(
        app,
        "/books/coop-a/trial-balance",
        &[(SESSION, &session), ("lang", "en")],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Trial balance",
        "Assets:Receivables:Alpha Buyer",
        "120.50",
        "Total",
        "420.50",
        "trial-balance.xlsx",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    let chinese = get(
        app,
        "/books/coop-a/trial-balance?from=2024-01-06&to=2024-01-31",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        chinese.body.contains("试算平衡表") && chinese.body.contains("借方"),
        "{}",
        chinese.body
    );
    assert!(
        !chinese.body.contains("Assets:Cash<"),
        "the range leaves cash out: {}",
        chinese.body
    );
    let link = chinese
        .body
        .split("download/trial-balance.csv")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert!(
        link.contains("from=2024-01-06") && link.contains("to=2024-01-31"),
        "the downloads keep the range: {link}"
    );
    let data = [
        "accountant",
        "Alpha Weaving Cooperative",
        "Assets:Receivables:Alpha Buyer",
        "Income:Sales",
        "CSV",
        "XLSX",
        "coop-a",
    ];
    assert_translated(&chinese.body, &data);
    // The downloads: the CSV of the command line, and a workbook.
    let csv = get(
        app,
        "/books/coop-a/download/trial-balance.csv",
        &[(SESSION, &session)],
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with("account,balance\n")
            && csv.body.contains("Assets:Receivables:Alpha Buyer,120.50"),
        "{}",
        csv.body
    );
    // The workbook, as bytes: a ZIP container of the spreadsheet kind, named after the book.
    let request = axum::http::Request::builder()
        .uri("/books/coop-a/download/trial-balance.xlsx")
        .header("cookie", format!("{SESSION}={session}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("coop-a-trial-balance.xlsx")
    );
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert!(
        bytes.starts_with(b"PK\x03\x04") && bytes.len() > 1_000,
        "{} bytes",
        bytes.len()
    );
    // Someone without a role over coop-b gets neither the page nor the file.
    for path in [
        "/books/coop-b/trial-balance",
        "/books/coop-b/download/trial-balance.csv",
    ] {
        let refused = get(app, path, &[(SESSION, &session), ("lang", "en")]).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !refused.body.contains("900.00") && !refused.body.contains("Bravo"),
            "{}",
            refused.body
        );
    }
}

async fn the_statements_and_the_general_ledger(app: &TestApp) {
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let sheet = get(app, "/books/coop-a/balance-sheet", &english).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert_eq!(amount_after(&sheet.body, "Total assets"), "380.50");
    assert_eq!(amount_after(&sheet.body, "Total equity"), "300.00");
    assert_eq!(amount_after(&sheet.body, "Undistributed surplus"), "80.50");
    assert_eq!(
        amount_after(&sheet.body, "Total liabilities, equity and surplus"),
        "380.50"
    );
    // As of the end of January: the yarn of March is not yet bought.
    let january = get(
        app,
        "/books/coop-a/balance-sheet?as_of=2024-01-31",
        &english,
    )
    .await;
    assert_eq!(amount_after(&january.body, "Total assets"), "420.50");
    assert!(
        january
            .body
            .contains("download/balance-sheet.xlsx?as_of=2024-01-31")
    );
    let income = get(app, "/books/coop-a/income-statement", &english).await;
    assert_eq!(amount_after(&income.body, "Total income"), "120.50");
    assert_eq!(amount_after(&income.body, "Total expenses"), "40.00");
    assert_eq!(amount_after(&income.body, "Surplus"), "80.50");
    // The general ledger: an account to choose first, then its postings and balances.
    let ledger = get(app, "/books/coop-a/general-ledger", &english).await;
    assert_eq!(ledger.status, StatusCode::OK);
    assert!(ledger.body.contains("<option value=\"Assets:Cash\">"));
    assert!(!ledger.body.contains("download/general-ledger"));
    let cash = get(
        app,
        "/books/coop-a/general-ledger?account=Assets%3ACash&from=&to=",
        &english,
    )
    .await;
    assert_eq!(cash.status, StatusCode::OK, "{}", cash.body);
    assert_eq!(amount_after(&cash.body, "Opening balance"), "0.00");
    assert_eq!(amount_after(&cash.body, "Closing balance"), "260.00");
    assert!(cash.body.contains("href=\"/books/coop-a/entries/3\""));
    assert!(
        cash.body
            .contains("<option value=\"Assets:Cash\" selected>")
    );
    let unknown = get(
        app,
        "/books/coop-a/general-ledger?account=Assets%3ANone",
        &english,
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&unknown, "account"),
        "There is no such account in this book."
    );
    let bad_date = get(app, "/books/coop-a/income-statement?from=March", &english).await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad_date, "from").contains("March"));
    // Every report downloads in both formats, for the same choice as its page.
    for (file, expected) in [
        ("balance-sheet.csv", "80.50"),
        ("income-statement.csv", "120.50"),
        ("general-ledger.csv?account=Assets%3ACash", "260.00"),
    ] {
        let csv = get(app, &format!("/books/coop-a/download/{file}"), &english).await;
        assert_eq!(csv.status, StatusCode::OK, "{file}");
        assert!(csv.body.contains(expected), "{file}: {}", csv.body);
    }
    for file in [
        "balance-sheet.xlsx",
        "income-statement.xlsx",
        "general-ledger.xlsx?account=Assets%3ACash",
    ] {
        let xlsx = get(app, &format!("/books/coop-a/download/{file}"), &english).await;
        assert_eq!(xlsx.status, StatusCode::OK, "{file}");
        assert!(
            xlsx.headers["content-type"]
                .to_str()
                .unwrap()
                .contains("spreadsheetml"),
            "{file}"
        );
    }
    for file in ["nothing.csv", "balance-sheet.pdf", "balance-sheet"] {
        let answer = get(app, &format!("/books/coop-a/download/{file}"), &english).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{file}");
    }
    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    // Account names are data, shown as they are (the general ledger's choice lists them all).
    let names: Vec<String> = app
        .artel
        .accounts("coop-a")
        .await
        .unwrap()
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    for (path, title) in [
        ("/books/coop-a/balance-sheet", "资产负债表"),
        ("/books/coop-a/income-statement", "收支表"),
        (
            "/books/coop-a/general-ledger?account=Assets%3ACash",
            "总分类账",
        ),
    ] {
        let page = get(app, path, &chinese).await;
        assert!(page.body.contains(title), "{path}: {}", page.body);
        let mut data = vec![
            "director",
            "Alpha Weaving Cooperative",
            "CSV",
            "XLSX",
            "Shares paid by the Weavers of Alpha",
            "Alpha yarn",
        ];
        data.extend(names.iter().map(String::as_str));
        assert_translated(&page.body, &data);
    }
}

async fn the_chart_of_accounts_lists_and_adds_accounts(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let chart = get(app, "/books/coop-a/accounts", &english).await;
    assert_eq!(chart.status, StatusCode::OK);
    assert!(
        chart.body.contains(
            "href=\"/books/coop-a/general-ledger?account=Assets%3ACash\">Assets:Cash</a>"
        ),
        "{}",
        chart.body
    );
    assert!(chart.body.contains("Add an account"));
    let added = post(
        app,
        "/books/coop-a/accounts",
        &english,
        &[
            ("name", "Assets:Bank:Agricultural Bank"),
            ("account_type", ""),
            ("label_en", "Agricultural Bank"),
            ("label_zh", "农业银行"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let after = get(app, added.location(), &english).await;
    assert!(
        after
            .body
            .contains("The account Assets:Bank:Agricultural Bank was added.")
    );
    assert!(
        after
            .body
            .contains("<td data-label=\"Label\">Agricultural Bank</td>")
    );
    let chinese = get(
        app,
        "/books/coop-a/accounts",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains(">农业银行</td>"), "{}", chinese.body);
    assert!(chinese.body.contains(">资产</td>"), "{}", chinese.body);
    let accounts = app.artel.accounts("coop-a").await.unwrap();
    let mut data = vec!["accountant", "Alpha Weaving Cooperative"];
    for account in &accounts {
        data.push(account.name.as_str());
        // An account without a Chinese label shows its English one rather than nothing.
        if account.label_zh.is_empty() {
            data.push(&account.label_en);
        }
    }
    // The form's examples are account names too.
    data.extend(["Assets:Bank:Agricultural Bank", "Assets:Cash"]);
    assert_translated(&chinese.body, &data);
    let again = post(
        app,
        "/books/coop-a/accounts",
        &english,
        &[("name", "Assets:Bank:Agricultural Bank")],
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&again, "name"),
        "There is already an account with this name."
    );
    assert!(
        again
            .body
            .contains("value=\"Assets:Bank:Agricultural Bank\"")
    );
    let no_type = post(
        app,
        "/books/coop-a/accounts",
        &english,
        &[("name", "Loom Fund:Reserve"), ("label_en", "Loom fund")],
    )
    .await;
    assert_eq!(no_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&no_type, "account_type"),
        "The type cannot be told from this name; choose one."
    );
    assert!(no_type.body.contains("value=\"Loom fund\""));
    let typed = post(
        app,
        "/books/coop-a/accounts",
        &english,
        &[("name", "Loom Fund:Reserve"), ("account_type", "equity")],
    )
    .await;
    assert_eq!(typed.status, StatusCode::SEE_OTHER, "{}", typed.body);
    // A director reads the chart but may not change it.
    with_password(app, "director").await;
    let director = sign_in(app, "director", PASSWORD).await;
    let chart = get(app, "/books/coop-a/accounts", &[(SESSION, &director)]).await;
    assert!(chart.body.contains("Loom Fund:Reserve"));
    assert!(!chart.body.contains("Add an account"));
    let refused = post(
        app,
        "/books/coop-a/accounts",
        &[(SESSION, &director)],
        &[("name", "Assets:Petty Cash")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        !get(app, "/books/coop-a/accounts", &[(SESSION, &director)])
            .await
            .body
            .contains("Petty Cash")
    );
}

async fn integrity_and_the_audit_trail(app: &TestApp) {
    with_password(app, "supervisor").await;
    let session = sign_in(app, "supervisor", PASSWORD).await;
    let page = get(
        app,
        "/books/coop-a/integrity",
        &[(SESSION, &session), ("lang", "en")],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("The books are intact: 3 entries checked."),
        "{}",
        page.body
    );
    let chinese = get(
        app,
        "/books/coop-a/integrity",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("已检查3张凭证"), "{}", chinese.body);
    let head = app.artel.verify("coop-a").await.unwrap().head;
    let head: String = head.iter().map(|b| format!("{b:02x}")).collect();
    assert!(chinese.body.contains(&head));
    assert_translated(
        &chinese.body,
        &["supervisor", "Alpha Weaving Cooperative", &head],
    );
    // The supervisor sees the audit trail and its link; the import is in it.
    let trail = get(
        app,
        "/books/coop-a/audit",
        &[(SESSION, &session), ("lang", "en")],
    )
    .await;
    assert_eq!(trail.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/books/coop-a/audit\""));
    assert!(trail.body.contains("test-operator"), "{}", trail.body);
    assert!(trail.body.contains("Journal imported"), "{}", trail.body);
    let chinese = get(
        app,
        "/books/coop-a/audit",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("导入日记账"), "{}", chinese.body);
    // What each event recorded is data, shown as recorded.
    let events = app.artel.audit_trail("coop-a", None, 100).await.unwrap();
    let mut data = vec!["supervisor", "Alpha Weaving Cooperative"];
    for event in &events {
        data.push(&event.actor);
        data.push(&event.detail);
        data.extend(event.before.as_deref());
        data.extend(event.after.as_deref());
        data.extend(event.address.as_deref());
    }
    assert_translated(&chinese.body, &data);
    // An accountant has neither.
    with_password(app, "accountant").await;
    let accountant = sign_in(app, "accountant", PASSWORD).await;
    let page = get(app, "/books/coop-a/integrity", &[(SESSION, &accountant)]).await;
    assert!(!page.body.contains("href=\"/books/coop-a/audit\""));
    let refused = get(app, "/books/coop-a/audit", &[(SESSION, &accountant)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("test-operator"));
}

/// Every page of the books, and every form, for an organisation where the caller has no
/// role: "no such page", with nothing of it, exactly as for one that does not exist; and
/// nothing changed.
async fn every_books_page_refuses_callers_without_a_role(app: &TestApp) {
    // A government officer of another province.
    with_password(app, "hunan-officer").await;
    let session = sign_in(app, "hunan-officer", PASSWORD).await;
    let pages = [
        "",
        "/entries",
        "/entries/new",
        "/entries/1",
        "/accounts",
        "/periods",
        "/members",
        "/members.xlsx",
        "/trial-balance",
        "/general-ledger?account=Assets%3ACash",
        "/balance-sheet",
        "/income-statement",
        "/integrity",
        "/audit",
        "/download/trial-balance.csv",
        "/download/general-ledger.xlsx?account=Assets%3ACash",
    ];
    for lang in ["en", "zh-CN"] {
        let cookies = [(SESSION, session.as_str()), ("lang", lang)];
        for page in pages {
            let answer = get(app, &format!("/books/coop-a{page}"), &cookies).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{page}");
            for secret in COOP_A_SECRETS {
                assert!(!answer.body.contains(secret), "{page}: {secret}");
            }
            let nowhere = get(app, &format!("/books/nowhere{page}"), &cookies).await;
            assert_eq!(
                answer.body.replace("coop-a", "X"),
                nowhere.body.replace("nowhere", "X"),
                "{page}"
            );
        }
    }
    let forms: [(&str, &[(&str, &str)]); 6] = [
        (
            "/entries/new",
            &[
                ("date", "2024-03-10"),
                ("memo", "Taken"),
                ("account_0", "Assets:Cash"),
                ("credit_0", "300"),
                ("account_1", "Equity:Share Capital"),
                ("debit_1", "300"),
            ],
        ),
        (
            "/entries/1/reverse",
            &[("date", "2024-03-10"), ("key", "k-1")],
        ),
        ("/accounts", &[("name", "Assets:Taken")]),
        (
            "/members",
            &[
                ("name", "Taken"),
                ("joined", "2024-03-05"),
                ("shares_subscribed", "1"),
                ("shares_paid", "1"),
            ],
        ),
        ("/periods/2024-01/close", &[]),
        ("/periods/2024-01/reopen", &[("reason", "taken")]),
    ];
    for (path, form) in forms {
        let answer = post(
            app,
            &format!("/books/coop-a{path}"),
            &[(SESSION, &session)],
            form,
        )
        .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        for secret in COOP_A_SECRETS {
            assert!(!answer.body.contains(secret), "{path}: {secret}");
        }
    }
    assert_eq!(app.artel.verify("coop-a").await.unwrap().entries_checked, 3);
    assert!(app.artel.closed_periods("coop-a").await.unwrap().is_empty());
    assert!(
        !app.artel
            .accounts("coop-a")
            .await
            .unwrap()
            .iter()
            .any(|a| a.name.as_str() == "Assets:Taken")
    );
}

async fn the_member_register(app: &TestApp) {
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let empty = get(app, "/books/coop-a/members", &english).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("No members are registered yet."));
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("members.csv");
    std::fs::write(
        &file,
        "name,joined,shares_subscribed,shares_paid,trade\n\
         Wang Xiuying,1954-01-05,3,2,weaver\n\
         Li Guihua,1954-02-01,1,0,dyer\n",
    )
    .unwrap();
    app.artel.import_members("coop-a", &file).await.unwrap();
    let register = get(app, "/books/coop-a/members", &english).await;
    for text in [
        "<td data-label=\"Name\"><a href=\"/books/coop-a/members/1\">Wang Xiuying</a></td>",
        "<td data-label=\"Joined\">5 Jan 1954</td>",
        "<td data-label=\"Standing\">Member</td>",
        "<td data-label=\"Paid in\" class=\"amount\">20.00</td>",
        "<td data-label=\"Paid in\" class=\"amount\">0.00</td>",
    ] {
        assert!(register.body.contains(text), "{text}: {}", register.body);
    }
    assert_eq!(amount_after(&register.body, "Total"), "20.00");
    // The director admits a member from the page; the shares paid reach the books.
    assert!(register.body.contains("Admit a member"));
    let admitted = post(
        app,
        "/books/coop-a/members",
        &english,
        &[
            ("name", "Zhao Deming"),
            ("trade", "dyer"),
            ("joined", "2024-03-05"),
            ("shares_subscribed", "2"),
            ("shares_paid", "2"),
        ],
    )
    .await;
    assert_eq!(admitted.status, StatusCode::SEE_OTHER, "{}", admitted.body);
    let after = get(app, admitted.location(), &english).await;
    assert!(
        after.body.contains("Zhao Deming was admitted."),
        "{}",
        after.body
    );
    assert_eq!(amount_after(&after.body, "Total"), "40.00");
    let cash = app.artel.trial_balance("coop-a", None, None).await.unwrap();
    let cash = cash
        .trial_balance
        .rows
        .iter()
        .find(|row| row.account.as_str() == "Assets:Cash")
        .unwrap()
        .balance;
    assert_eq!(
        cash.minor(),
        26_000 + 2_000 + 2_000,
        "the two payments in cash"
    );
    // Refusals come back next to their fields, the input kept.
    let refused = post(
        app,
        "/books/coop-a/members",
        &english,
        &[
            ("name", " "),
            ("joined", "2024-03-05"),
            ("shares_subscribed", "1"),
            ("shares_paid", "many"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_error(&refused, "name"), "Fill this in.");
    assert_eq!(
        field_error(&refused, "shares_paid"),
        "Enter a whole number of shares, 0 or more."
    );
    assert!(refused.body.contains("value=\"many\""));
    let too_many = post(
        app,
        "/books/coop-a/members",
        &english,
        &[
            ("name", "Qian"),
            ("joined", "2024-03-05"),
            ("shares_subscribed", "1"),
            ("shares_paid", "3"),
        ],
    )
    .await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&too_many, "shares_paid").contains("more than subscribed"));
    // An accountant reads the register but admits no one.
    with_password(app, "accountant").await;
    let accountant = sign_in(app, "accountant", PASSWORD).await;
    let page = get(app, "/books/coop-a/members", &[(SESSION, &accountant)]).await;
    assert!(!page.body.contains("action=\"/books/coop-a/members\""));
    let refused = post(
        app,
        "/books/coop-a/members",
        &[(SESSION, &accountant)],
        &[
            ("name", "Sun"),
            ("joined", "2024-03-05"),
            ("shares_subscribed", "1"),
            ("shares_paid", "0"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.artel.members("coop-a").await.unwrap().len(), 3);
    let chinese = get(
        app,
        "/books/coop-a/members",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("1954年1月5日"), "{}", chinese.body);
    // The register as a workbook, in the reader's language, read back with calamine.
    let workbook = get(
        app,
        "/books/coop-a/members.xlsx",
        &[(SESSION, &session), ("lang", "zh-CN")],
    )
    .await;
    assert_eq!(workbook.status, StatusCode::OK);
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook.bytes)).unwrap();
    use calamine::Reader;
    assert_eq!(workbook.sheet_names(), ["社员名册"]);
    let range = workbook.worksheet_range("社员名册").unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .skip(3)
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec![
                "编号",
                "姓名",
                "行业",
                "入社日期",
                "状态",
                "认购股数",
                "已缴股数",
                "已缴股金 (CNY)"
            ],
            vec![
                "1",
                "Wang Xiuying",
                "weaver",
                "1954-01-05",
                "社员",
                "3",
                "2",
                "20"
            ],
            vec![
                "2",
                "Li Guihua",
                "dyer",
                "1954-02-01",
                "社员",
                "1",
                "0",
                "0"
            ],
            vec![
                "3",
                "Zhao Deming",
                "dyer",
                "2024-03-05",
                "社员",
                "2",
                "2",
                "20"
            ],
            vec!["合计", "", "", "", "", "", "", "40"],
        ]
    );
    assert!(chinese.body.contains(">社员</td>"), "{}", chinese.body);
    assert_translated(
        &chinese.body,
        &[
            "director",
            "Alpha Weaving Cooperative",
            "Wang Xiuying",
            "Li Guihua",
            "weaver",
            "dyer",
            "Zhao Deming",
            "XLSX",
        ],
    );
}
