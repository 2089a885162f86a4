//! The books' pages: the dashboard and the reports with their downloads.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, get, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(
    the_dashboard_shows_the_books_figures,
    the_trial_balance_page_and_its_downloads,
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
