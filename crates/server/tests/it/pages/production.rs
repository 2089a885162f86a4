//! The production page: a report recorded from its form moves the year's indicators and the
//! defect-rate chart; a bad report is refused next to its field; English and Chinese; only
//! the roles that record production see the form.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, field_error, get, post, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(a_production_report_moves_the_defect_rate);

async fn a_production_report_moves_the_defect_rate(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let empty = get(app, "/books/coop-a/production?year=1954", &english).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(
        empty
            .body
            .contains("<th scope=\"row\">Defect rate (%)</th><td class=\"amount\">—</td>"),
        "{}",
        empty.body
    );
    let report = |quantity: &'static str, defective: &'static str| {
        [
            ("date", "1954-04-05"),
            ("product", "cloth"),
            ("quantity", quantity),
            ("defective", defective),
            ("first_grade", ""),
        ]
    };
    let refused = post(
        app,
        "/books/coop-a/production",
        &english,
        &report("10", "11"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "defective"),
        "More defective than made."
    );
    let recorded = post(
        app,
        "/books/coop-a/production",
        &english,
        &report("50", "17"),
    )
    .await;
    assert_eq!(
        recorded.location(),
        "/books/coop-a/production?year=1954&recorded=1"
    );
    let page = get(app, recorded.location(), &english).await;
    assert!(page.body.contains("The production report was recorded."));
    assert!(
        page.body
            .contains("<th scope=\"row\">Defect rate (%)</th><td class=\"amount\">34.0</td>"),
        "{}",
        page.body
    );
    // The chart's description names each month's rate: April's, and nothing before it.
    assert!(
        page.body.contains(": Defect rate (%) 34.0; "),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(": Defect rate (%) 0.0; "),
        "{}",
        page.body
    );
    let absurd = get(app, "/books/coop-a/production?year=99999", &english).await;
    assert_eq!(absurd.status, StatusCode::BAD_REQUEST);
    let chinese = get(
        app,
        "/books/coop-a/production?year=1954",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert_translated(
        &chinese.body,
        &["Alpha Weaving Cooperative", "accountant", "cloth"],
    );
    // A supervisor reads the page but records nothing.
    with_password(app, "supervisor").await;
    let supervisor = sign_in(app, "supervisor", PASSWORD).await;
    let page = get(app, "/books/coop-a/production", &[(SESSION, &supervisor)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page
            .body
            .contains("method=\"post\" action=\"/books/coop-a/production\"")
    );
    let refused = post(
        app,
        "/books/coop-a/production",
        &[(SESSION, &supervisor)],
        &report("5", "0"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
