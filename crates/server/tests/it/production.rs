//! Production through the API: a report recorded, a bad one refused naming its field, the
//! reports of a range, the products, and the defect rate they make.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{TestApp, engine_tests};

engine_tests!(production_reports_through_the_api);

async fn production_reports_through_the_api(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let url = "/api/v1/organisations/coop-a/production";
    let bad = json!({"date": "2024-03-01", "product": "cloth", "quantity": 10, "defective": 11});
    let (status, refused) = app
        .call(Method::POST, url, Some(&accountant), Some(bad))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["problems"][0]["field"], "defective", "{refused}");
    for (date, quantity, defective) in [("2024-03-01", 10, 1), ("2024-03-15", 30, 3)] {
        let report =
            json!({"date": date, "product": "cloth", "quantity": quantity, "defective": defective});
        let (status, answer) = app
            .call(Method::POST, url, Some(&accountant), Some(report))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    let (_, listed) = app
        .call(
            Method::GET,
            &format!("{url}?from=2024-03-01&to=2024-03-10"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let (_, products) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/products",
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(
        products,
        json!([{"name": "cloth", "unit": "", "name_zh": "", "standard_price": "0.00"}])
    );
    let (status, changed) = app
        .call(
            Method::PATCH,
            "/api/v1/organisations/coop-a/products/cloth",
            Some(&accountant),
            Some(json!({"unit": "bolt", "name_zh": "布", "standard_price": "12.50"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(
        changed,
        json!({"name": "cloth", "unit": "bolt", "name_zh": "布", "standard_price": "12.50"})
    );
    let (status, refused) = app
        .call(
            Method::PATCH,
            "/api/v1/organisations/coop-a/products/cloth",
            Some(&accountant),
            Some(json!({"standard_price": "12.505"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(
        refused["problems"][0]["field"], "standard_price",
        "{refused}"
    );
    let (_, indicators) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/indicators?period=2024-03",
            Some(&accountant),
            None,
        )
        .await;
    let defect = indicators["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["indicator"] == "defect_rate")
        .unwrap()
        .clone();
    assert_eq!(defect["value"], "10.0", "{indicators}");
}
