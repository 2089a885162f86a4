//! Members and decisions through the API: members admitted, an applicant admitted by a
//! resolution whose share payment reaches the books, the member's history linking both,
//! the charter and the indicators; a member may read the meetings but not the register.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, engine_tests};

engine_tests!(an_admission_by_resolution_through_the_api);

async fn post(app: &TestApp, token: &str, url: &str, body: Value) -> Value {
    let (status, answer) = app.call(Method::POST, url, Some(token), Some(body)).await;
    assert!(status.is_success(), "POST {url} → {status} {answer}");
    answer
}

async fn an_admission_by_resolution_through_the_api(app: &TestApp) {
    let director = app.token("director").await;
    let members = "/api/v1/organisations/coop-a/members";
    for name in ["Wang", "Li", "Zhao"] {
        let body =
            json!({"name": name, "joined": "2024-03-01", "shares_subscribed": 2, "shares_paid": 1});
        let added = post(app, &director, members, body).await;
        assert_eq!(added["paid_in"], "10.00");
    }
    let applied = post(
        app,
        &director,
        members,
        json!({"name": "Chen", "joined": "2024-04-01", "shares_subscribed": 3, "shares_paid": 3, "applicant": true}),
    )
    .await;
    assert_eq!(
        (applied["number"].clone(), applied["status"].clone()),
        (json!(4), json!("applicant"))
    );

    let meetings = "/api/v1/organisations/coop-a/meetings";
    let meeting = json!({"body": "general-assembly", "held_on": "2024-04-10", "title": "Spring", "present": 4});
    let (status, refused) = app
        .call(Method::POST, meetings, Some(&director), Some(meeting))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused
            .to_string()
            .contains("4 present, but only 3 may attend"),
        "{refused}"
    );
    let meeting = json!({"body": "general-assembly", "held_on": "2024-04-10", "title": "Spring", "present": 2});
    assert_eq!(post(app, &director, meetings, meeting).await["number"], 1);

    let motion = json!({"kind": "admission", "text": "Admit Chen", "member": 4, "yes": 2, "no": 0, "ballot": "secret"});
    let decided = post(app, &director, &format!("{meetings}/1/motions"), motion).await;
    assert_eq!(decided["outcome"], "adopted");
    let entry = decided["entry"]
        .as_u64()
        .expect("the admission posted the shares");

    let (_, detail) = app
        .call(Method::GET, &format!("{members}/4"), Some(&director), None)
        .await;
    assert_eq!(detail["member"]["paid_in"], "30.00");
    assert_eq!(detail["events"][1]["event"], "admit");
    assert_eq!(detail["events"][1]["motion"], 1);
    assert_eq!(detail["movements"][0]["entry"], entry);

    let (_, balances) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance",
            Some(&director),
            None,
        )
        .await;
    let capital = balances["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["account"] == "Equity:Share Capital")
        .unwrap()
        .clone();
    // coop-a's journal's 300.00, and 3 × 10.00 + 30.00 paid by the members.
    assert_eq!(capital["balance"], "-360.00", "{balances}");

    let (_, indicators) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/indicators?period=2024-04&compare=2024-03",
            Some(&director),
            None,
        )
        .await;
    let members_row = indicators["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["indicator"] == "members")
        .unwrap()
        .clone();
    assert_eq!(
        members_row,
        json!({"indicator": "members", "value": "4", "compare": "3", "change_pct": "33.3"})
    );

    // Chen joins the cooperative's youth-league branch: the branch counts one member.
    let bodies = "/api/v1/organisations/coop-a/bodies";
    let branch =
        json!({"kind": "youth-league", "name": "Youth League branch", "founded": "2024-01-01"});
    post(app, &director, bodies, branch).await;
    let affiliation = json!({"body": "Youth League branch", "member": 4, "since": "2024-04-11"});
    post(
        app,
        &director,
        "/api/v1/organisations/coop-a/affiliations",
        affiliation,
    )
    .await;
    let (_, listed) = app.call(Method::GET, bodies, Some(&director), None).await;
    assert_eq!(listed[0]["members"], 1, "{listed}");
    let early = json!({"body": "Youth League branch", "member": 4, "since": "2024-03-01"});
    let (status, refused) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/affiliations",
            Some(&director),
            Some(early),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");

    // A member reads the meetings and the charter, never the register.
    let member = app.token("member").await;
    let (status, listed) = app.call(Method::GET, meetings, Some(&member), None).await;
    assert_eq!(
        (status, listed[0]["title"].clone()),
        (StatusCode::OK, json!("Spring"))
    );
    let (status, charter) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/charter?date=2024-04-10",
            Some(&member),
            None,
        )
        .await;
    assert_eq!(
        (status, charter["charter"]["share_value"].clone()),
        (StatusCode::OK, json!("10.00"))
    );
    let (status, _) = app
        .call(Method::GET, &format!("{members}/4"), Some(&member), None)
        .await;
    assert!(
        matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{status}"
    );
}
