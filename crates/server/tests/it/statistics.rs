//! Statistics over HTTP: `GET /api/v1/regions/{code}/statistics` for a period against
//! another, with each region below; federation and government officers over the region
//! read the roll-up (and a cooperative's reports) but not another region's, and none of
//! its individual entries; a bad period is refused naming the field.

use artel_app::{NewProduction, OrganisationRequest, Scope};
use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::harness::{TestApp, engine_tests};

engine_tests!(officers_read_the_statistics_of_their_region_and_no_entries);

/// A weaving cooperative in Shashi founded in 1954 with a quarter's production, and a
/// federation officer over Shashi.
pub(crate) async fn a_quarter_in_shashi(app: &TestApp) {
    let artel = &app.artel;
    let request = OrganisationRequest {
        code: "shashi-cloth".into(),
        kind: "cooperative".into(),
        name: "沙市布社 Shashi Cloth".into(),
        region: Some("shashi".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: "1954-01-15".parse().ok(),
        status: None,
    };
    artel.add_organisation(&request).await.unwrap();
    artel
        .set_product_price("shashi-cloth", "cloth", "35000.00")
        .await
        .unwrap();
    for (date, quantity, defective) in [("1954-01-31", 100, 34), ("1954-04-30", 300, 18)] {
        let report = NewProduction {
            date: date.parse().unwrap(),
            product: "cloth".into(),
            quantity,
            defective,
            first_grade: None,
            made_by: String::new(),
            materials: String::new(),
            source: format!("test:{date}"),
        };
        artel
            .record_production("shashi-cloth", &report)
            .await
            .unwrap();
    }
    artel
        .add_user(
            "shashi-federation",
            "federation-officer",
            &Scope::Region("shashi".into()),
        )
        .await
        .unwrap();
}

fn value<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|row| row["indicator"] == name)
        .unwrap_or_else(|| panic!("{name} not in {rows}"))
}

async fn officers_read_the_statistics_of_their_region_and_no_entries(app: &TestApp) {
    a_quarter_in_shashi(app).await;
    let officer = app.token("hubei-officer").await;
    let url = "/api/v1/regions/hubei/statistics?period=1954-Q2&compare=1954-Q1";
    let (status, answer) = app.call(Method::GET, url, Some(&officer), None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["period"], "1954-Q2");
    assert_eq!(answer["compare"], "1954-Q1");
    assert_eq!(answer["currency"], "CNY");
    let defects = value(&answer["rows"], "defect_rate");
    assert_eq!(defects["value"], "6.0");
    assert_eq!(defects["compare"], "34.0");
    assert_eq!(defects["change_pct"], "-82.4");
    let output = value(&answer["rows"], "output_value");
    assert_eq!(output["value"], "9870000.00", "282 good bolts at 35,000.00");
    assert_eq!(value(&answer["rows"], "new_cooperatives")["compare"], "1");
    // Shashi is the region below Hubei; its figures are the same.
    let parts = answer["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0]["region"], "shashi");
    assert_eq!(value(&parts[0]["rows"], "defect_rate")["value"], "6.0");

    // The federation officer over Shashi reads Shashi, not the province above it.
    let federation = app.token("shashi-federation").await;
    let (status, answer) = app
        .call(
            Method::GET,
            "/api/v1/regions/shashi/statistics?period=1954-Q1",
            Some(&federation),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(value(&answer["rows"], "defect_rate")["value"], "34.0");
    assert!(
        answer["rows"][0].get("compare").is_none(),
        "no comparison asked"
    );
    for (token, region) in [(&federation, "hubei"), (&officer, "hunan")] {
        let url = format!("/api/v1/regions/{region}/statistics?period=1954-Q1");
        let (status, answer) = app.call(Method::GET, &url, Some(token), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{region}: {answer}");
        assert!(answer.get("rows").is_none());
    }
    // A director of one cooperative reads no region's statistics.
    let director = app.token("director").await;
    let (status, _) = app
        .call(
            Method::GET,
            "/api/v1/regions/shashi/statistics?period=1954-Q1",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The officers read a cooperative's reports but not its individual entries.
    for token in [&officer, &federation] {
        let (status, _) = app
            .call(
                Method::GET,
                "/api/v1/books/coop-a/trial-balance",
                Some(token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        for path in [
            "entries",
            "entries/1",
            "export",
            "general-ledger?account=Assets:Cash",
        ] {
            let url = format!("/api/v1/books/coop-a/{path}");
            let (status, answer) = app.call(Method::GET, &url, Some(token), None).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{url}: {answer}");
        }
    }

    // A period that is not one is refused, naming the field.
    let (status, answer) = app
        .call(
            Method::GET,
            "/api/v1/regions/hubei/statistics?period=1954-Q9",
            Some(&officer),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer.to_string().contains("period"), "{answer}");
}
