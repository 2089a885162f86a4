//! The dashboard warns when the charter's credit limits are crossed, in both languages, and
//! says nothing while they are kept.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, get, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(the_dashboard_warns_of_credit_limits_crossed);

async fn the_dashboard_warns_of_credit_limits_crossed(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let before = get(app, "/books/coop-a", &english).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(!before.body.contains("credit-warnings"), "{}", before.body);
    // All of the year's sales on credit, 90 days to one merchant who owes everything.
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         2024-03-10,Wang Ji,private-merchant,cloth,10,300.00,credit:90\n",
    )
    .unwrap();
    app.artel.import_sales("coop-a", file.path()).await.unwrap();
    let after = get(app, "/books/coop-a", &english).await;
    for expected in [
        "100.0 % of this year&#39;s sales are on credit; the charter allows 30.0 %.",
        "Wang Ji was granted 90 days&#39; credit; the charter allows 60.",
        "Wang Ji owes 100.0 % of the receivables; the charter allows 20.0 % to one buyer.",
    ] {
        assert!(
            after.body.contains(expected),
            "{expected} in {}",
            after.body
        );
    }
    let chinese = get(
        app,
        "/books/coop-a",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        chinese
            .body
            .contains("给予Wang Ji的赊销期为 90 天；章程允许 60 天。"),
        "{}",
        chinese.body
    );
}
