//! Stock through the API: movements recorded, a refused one naming its field, what is on
//! hand with the buyer's materials apart, and the movements of a range.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{TestApp, engine_tests};

engine_tests!(stock_through_the_api);

async fn stock_through_the_api(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let url = "/api/v1/organisations/coop-a/stock/movements";
    let movements = [
        json!({"date": "2024-03-01", "kind": "purchase", "item": "yarn", "quantity": 30, "value": "90.00", "paid_from": "Assets:Bank"}),
        json!({"date": "2024-03-02", "kind": "supplied", "item": "cotton", "quantity": 200, "owner": "County SMC"}),
        json!({"date": "2024-03-03", "kind": "issue", "item": "yarn", "quantity": 10, "note": "loom 2"}),
    ];
    let mut answers = Vec::new();
    for movement in movements {
        let (status, answer) = app
            .call(Method::POST, url, Some(&accountant), Some(movement))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        answers.push(answer);
    }
    // The issue took a third of the yarn's cost and posted it.
    assert_eq!(answers[2]["quantity"], -10, "{}", answers[2]);
    assert_eq!(answers[2]["value"], "-30.00", "{}", answers[2]);
    assert!(answers[2]["sequence"].is_u64(), "{}", answers[2]);
    assert_eq!(answers[1]["sequence"], json!(null), "{}", answers[1]);
    for (bad, field) in [
        (
            json!({"date": "2024-03-04", "kind": "issue", "item": "yarn", "quantity": 21}),
            "quantity",
        ),
        (
            json!({"date": "2024-03-04", "kind": "steal", "item": "yarn", "quantity": 1}),
            "kind",
        ),
        (
            json!({"date": "2024-03-04", "kind": "purchase", "item": "dye", "quantity": 1, "value": "1.00", "paid_from": "Assets:Nowhere"}),
            "paid_from",
        ),
    ] {
        let (status, refused) = app
            .call(Method::POST, url, Some(&accountant), Some(bad))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["problems"][0]["field"], field, "{refused}");
    }
    let (status, on_hand) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/stock",
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        on_hand,
        json!([
            {"item": "yarn", "kind": "material", "owner": null, "quantity": 20, "value": "60.00"},
            {"item": "cotton", "kind": "material", "owner": "County SMC", "quantity": 200, "value": null},
        ])
    );
    let (_, listed) = app
        .call(
            Method::GET,
            &format!("{url}?from=2024-03-02&to=2024-03-03"),
            Some(&accountant),
            None,
        )
        .await;
    let kinds: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["supplied", "issue"], "{listed}");
    assert_eq!(listed[1]["note"], "loom 2");
    // A production report issues the materials it used, and lists them.
    let production = "/api/v1/organisations/coop-a/production";
    let too_much = json!({"date": "2024-03-05", "product": "cloth", "quantity": 10, "defective": 0,
        "materials": [{"item": "yarn", "quantity": 21}]});
    let (status, refused) = app
        .call(Method::POST, production, Some(&accountant), Some(too_much))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["problems"][0]["field"], "materials", "{refused}");
    let report = json!({"date": "2024-03-05", "product": "cloth", "quantity": 10, "defective": 0,
        "made_by": "team 2",
        "materials": [{"item": "yarn", "quantity": 5}, {"item": "cotton", "quantity": 50, "owner": "County SMC"}]});
    let (status, answer) = app
        .call(Method::POST, production, Some(&accountant), Some(report))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (_, reports) = app
        .call(
            Method::GET,
            &format!("{production}?from=2024-03-05&to=2024-03-05"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(reports[0]["made_by"], "team 2", "{reports}");
    assert_eq!(
        reports[0]["materials"],
        json!([{"item": "yarn", "quantity": 5, "owner": null}, {"item": "cotton", "quantity": 50, "owner": "County SMC"}])
    );
    let (_, on_hand) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/stock",
            Some(&accountant),
            None,
        )
        .await;
    let quantities: Vec<i64> = on_hand
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["quantity"].as_i64().unwrap())
        .collect();
    assert_eq!(quantities, [15, 150], "{on_hand}");
}
