//! Organisations' history over the API: a status change and the counts around its date,
//! refusals naming the field, affiliated bodies, and the history read back.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, engine_tests};

engine_tests!(status_changes_bodies_and_counts_as_of_a_date);

/// The value of `indicator` in the counts of `region` as of `as_of`, read by `token`.
async fn count(app: &TestApp, token: &str, region: &str, as_of: &str, indicator: &str) -> u64 {
    let url = format!("/api/v1/regions/{region}/counts?as_of={as_of}");
    let (status, answer) = app.call(Method::GET, &url, Some(token), None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["indicator"] == indicator)
        .unwrap_or_else(|| panic!("{indicator} not in {answer}"))["value"]
        .as_u64()
        .unwrap()
}

fn field(answer: &Value) -> &str {
    answer["problems"][0]["field"].as_str().unwrap_or("")
}

async fn status_changes_bodies_and_counts_as_of_a_date(app: &TestApp) {
    let director = app.token("director").await;
    let officer = app.token("hubei-officer").await;
    let rectified = "organisations.cooperative.under-rectification";
    let change =
        json!({"status": "under-rectification", "date": "2030-01-10", "note": "focus cooperative"});
    let (status, event) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/status",
            Some(&director),
            Some(change.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    assert_eq!(event["sequence"], 2);
    assert_eq!(event["status"], "under-rectification");
    assert_eq!(
        count(app, &officer, "hubei", "2030-01-09", rectified).await,
        0
    );
    assert_eq!(
        count(app, &officer, "hubei", "2030-01-10", rectified).await,
        1
    );
    assert_eq!(
        count(app, &officer, "shashi", "2030-01-11", rectified).await,
        1
    );
    assert_eq!(
        count(
            app,
            &officer,
            "shashi",
            "2030-01-11",
            "organisations.cooperative.active"
        )
        .await,
        0
    );
    // The same status again, an earlier date, a cooperative "upgraded": refused by field.
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/status",
            Some(&director),
            Some(change),
        )
        .await;
    assert_eq!(
        (status, field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "status"),
        "{answer}"
    );
    let earlier = json!({"status": "active", "date": "2030-01-09"});
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/status",
            Some(&director),
            Some(earlier),
        )
        .await;
    assert_eq!(
        (status, field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "date"),
        "{answer}"
    );
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/upgrade",
            Some(&director),
            Some(json!({"date": "2030-02-01"})),
        )
        .await;
    assert_eq!(
        (status, field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "kind"),
        "{answer}"
    );
    // Bodies.
    let body =
        json!({"kind": "party-branch", "name": "Alpha party branch", "founded": "2030-03-01"});
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/bodies",
            Some(&director),
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let bad = json!({"kind": "club", "name": "X"});
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/bodies",
            Some(&director),
            Some(bad),
        )
        .await;
    assert_eq!(
        (status, field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "kind"),
        "{answer}"
    );
    let member = app.token("member").await;
    let (status, bodies) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/bodies",
            Some(&member),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        bodies,
        json!([{"kind": "party-branch", "name": "Alpha party branch", "founded": "2030-03-01", "members": 0}])
    );
    assert_eq!(
        count(app, &officer, "hubei", "2030-02-28", "bodies.party-branch").await,
        0
    );
    assert_eq!(
        count(app, &officer, "hubei", "2030-03-01", "bodies.party-branch").await,
        1
    );
    // The history, in the order recorded.
    let (status, history) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/history",
            Some(&member),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let events: Vec<(&str, &str)> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [("founded", "active"), ("status", "under-rectification")]
    );
    assert_eq!(history["events"][1]["note"], "focus cooperative");
    let (_, organisation) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a",
            Some(&member),
            None,
        )
        .await;
    assert_eq!(
        organisation["status"], "under-rectification",
        "the row kept in step"
    );
}
