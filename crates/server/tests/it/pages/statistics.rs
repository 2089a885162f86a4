//! A region's statistics page in both languages: the roll-up against the quarter before,
//! the regions below as bars and a table, the quarters as a trend, the workbook; a period
//! that is not one refused next to its field; refused to a role over one cooperative.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, get, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};
use crate::statistics::a_quarter_in_shashi;

engine_tests!(
    the_statistics_page_shows_the_roll_up_by_region_and_quarter,
    the_statistics_page_is_refused_to_a_role_over_one_cooperative,
);

async fn the_statistics_page_shows_the_roll_up_by_region_and_quarter(app: &TestApp) {
    a_quarter_in_shashi(app).await;
    with_password(app, "hubei-officer").await;
    let session = sign_in(app, "hubei-officer", PASSWORD).await;
    let english = [(SESSION, session.as_str())];
    // The home page links the region's statistics.
    let home = get(app, "/", &english).await;
    assert!(
        home.body.contains("href=\"/regions/hubei/statistics\""),
        "{}",
        home.body
    );

    let url = "/regions/hubei/statistics?period=1954-Q2&compare=1954-Q1";
    let page = get(app, url, &english).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("Statistics of Hubei"), "{body}");
    // Defect rate 6.0 against 34.0, change -82.4; output 9,870,000.00.
    for shown in [
        "6.0",
        "34.0",
        "-82.4",
        "9,870,000.00",
        "Defect rate (%)",
        "New cooperatives",
    ] {
        assert!(body.contains(shown), "{shown}: {body}");
    }
    assert!(body.contains("id=\"district-chart\""), "{body}");
    assert!(
        body.contains("id=\"trend-chart\"") && body.contains("1954-Q3"),
        "{body}"
    );
    assert!(body.contains("<th scope=\"row\">Shashi</th>"), "{body}");
    assert!(
        body.contains("/regions/hubei/statistics.xlsx?period=1954-Q2&"),
        "{body}"
    );

    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    let page = get(app, url, &chinese).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("次品率（%）") && page.body.contains("新建合作社"),
        "{}",
        page.body
    );
    assert_translated(
        &page.body,
        &[
            "Hubei",
            "Shashi",
            "CNY",
            "1954-Q1",
            "1954-Q2",
            "1954-Q3",
            "1954-Q4",
            "XLSX",
            "hubei-officer",
        ],
    );

    let workbook = get(
        app,
        "/regions/hubei/statistics.xlsx?period=1954-Q2&compare=1954-Q1",
        &english,
    )
    .await;
    assert_eq!(workbook.status, StatusCode::OK);
    assert!(workbook.bytes.starts_with(b"PK"), "an XLSX is a zip");
    assert!(
        workbook.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("hubei-1954-Q2-statistics.xlsx")
    );

    // Without a period: the quarter of the region's latest change (a founding in May)
    // against the one before.
    app.artel
        .add_region("yichang", "Yichang", Some("hubei"), Some("city"))
        .await
        .unwrap();
    let request = artel_app::OrganisationRequest {
        code: "yichang-leather".into(),
        kind: "cooperative".into(),
        name: "Yichang Leather".into(),
        region: Some("yichang".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: "1954-05-02".parse().ok(),
        status: None,
    };
    app.artel.add_organisation(&request).await.unwrap();
    let page = get(app, "/regions/yichang/statistics", &english).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(
        body.contains("value=\"1954-Q2\"") && body.contains("value=\"1954-Q1\""),
        "{body}"
    );

    let page = get(app, "/regions/hubei/statistics?period=1954-Q9", &english).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"period-error\""), "{}", page.body);
}

async fn the_statistics_page_is_refused_to_a_role_over_one_cooperative(app: &TestApp) {
    a_quarter_in_shashi(app).await;
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let page = get(
        app,
        "/regions/shashi/statistics?period=1954-Q1",
        &[(SESSION, session.as_str())],
    )
    .await;
    assert_ne!(page.status, StatusCode::OK);
    assert!(!page.body.contains("34.0"), "{}", page.body);
    let home = get(app, "/", &[(SESSION, session.as_str())]).await;
    assert!(!home.body.contains("/regions/"), "{}", home.body);
}
