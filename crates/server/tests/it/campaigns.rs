//! Campaigns and exhibitions through the API: a provincial office's campaign recorded by
//! an officer of the province, its focus cooperative, a stage, a finding and two actions,
//! its progress on a day with the overdue action, its report; refusals naming their
//! fields; a focus cooperative's director reading its own part only, and nothing for an
//! officer of another province; an exchange meeting with its contracts' total.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, engine_tests};

engine_tests!(
    a_campaign_through_the_api,
    an_exchange_meeting_through_the_api
);

/// The provincial handicraft office over Hubei, run by the operator.
pub async fn office(app: &TestApp) {
    let request = artel_app::OrganisationRequest {
        code: "hubei-office".into(),
        kind: "government".into(),
        name: "Hubei Handicraft Office".into(),
        region: Some("hubei".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: "1950-01-01".parse().ok(),
        status: None,
    };
    app.artel.add_organisation(&request).await.unwrap();
}

pub fn campaign_body(code: &str) -> Value {
    json!({"code": code, "owner": "hubei-office", "region": "shashi", "title": "Rectification of 1954",
        "start": "1954-03-01", "deadline": "1954-06-30", "goals": "Books and quality in order",
        "baseline": "1954-01", "follow_up": "1954-04"})
}

fn fields(refused: &Value) -> Vec<String> {
    refused["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("problems in {refused}"))
        .iter()
        .map(|p| p["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_campaign_through_the_api(app: &TestApp) {
    office(app).await;
    let officer = app.token("hubei-officer").await;
    let url = "/api/v1/campaigns";
    let mut bad = campaign_body("bad");
    bad["deadline"] = json!("1954-02-01");
    bad["baseline"] = json!("1954-13");
    let (status, refused) = app.call(Method::POST, url, Some(&officer), Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(fields(&refused), ["deadline", "baseline"]);
    let (status, created) = app
        .call(
            Method::POST,
            url,
            Some(&officer),
            Some(campaign_body("c-1954")),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["phase"], "pilot");
    assert_eq!(created["stages_total"], 0);
    // An officer of another province may not run campaigns for Hubei's office.
    let hunan = app.token("hunan-officer").await;
    let (status, refused) = app
        .call(
            Method::POST,
            url,
            Some(&hunan),
            Some(campaign_body("c-hunan")),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the office is unknown to them: {refused}"
    );
    assert_eq!(fields(&refused), ["owner"]);

    let base = "/api/v1/campaigns/c-1954";
    let (status, chosen) = app
        .call(
            Method::POST,
            &format!("{base}/focus"),
            Some(&officer),
            Some(json!({"organisations": ["coop-a"]})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chosen}");
    assert_eq!(chosen["organisations"], json!(["coop-a"]));
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/focus"),
            Some(&officer),
            Some(json!({"organisations": ["coop-b"]})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "coop-b is in Hunan: {refused}"
    );
    assert_eq!(fields(&refused), ["organisation"]);
    let stage = json!({"organisation": "coop-a", "stage": "mobilisation", "status": "done", "started": "1954-03-02", "finished": "1954-03-01"});
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/stages"),
            Some(&officer),
            Some(stage),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&refused), ["finished"]);
    let stage = json!({"organisation": "coop-a", "stage": "mobilisation", "status": "done", "started": "1954-03-02", "finished": "1954-03-09"});
    let (status, _) = app
        .call(
            Method::POST,
            &format!("{base}/stages"),
            Some(&officer),
            Some(stage),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let finding = json!({"organisation": "coop-a", "category": "sales-credit", "text": "Too much sold on credit"});
    let (status, finding) = app
        .call(
            Method::POST,
            &format!("{base}/findings"),
            Some(&officer),
            Some(finding),
        )
        .await;
    assert_eq!(
        (status, finding["number"].clone()),
        (StatusCode::CREATED, json!(1))
    );
    for (owner, due) in [("Accountant", "1954-04-01"), ("Director", "1954-05-01")] {
        let action = json!({"finding": 1, "owner": owner, "due": due});
        let (status, _) = app
            .call(
                Method::POST,
                &format!("{base}/actions"),
                Some(&officer),
                Some(action),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (status, _) = app
        .call(
            Method::POST,
            &format!("{base}/actions/1/done"),
            Some(&officer),
            Some(json!({"date": "1954-03-31"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/actions/1/done"),
            Some(&officer),
            Some(json!({"date": "1954-04-02"})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "done once: {refused}"
    );
    let (status, campaign) = app
        .call(
            Method::GET,
            &format!("{base}?as_of=1954-05-02"),
            Some(&officer),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{campaign}");
    assert_eq!(campaign["days_to_deadline"], 59);
    assert_eq!(campaign["stages_done"], 1);
    assert_eq!(campaign["stages_total"], 6);
    assert_eq!(
        (
            campaign["actions_open"].clone(),
            campaign["actions_overdue"].clone(),
            campaign["actions_done"].clone()
        ),
        (json!(1), json!(1), json!(1))
    );
    assert_eq!(campaign["actions"][1]["overdue"], true);
    assert_eq!(campaign["focus"][0]["stages"][0]["status"], "done");
    assert_eq!(campaign["focus"][0]["stages"][1]["status"], "pending");
    let (status, phase) = app
        .call(
            Method::POST,
            &format!("{base}/phase"),
            Some(&officer),
            Some(json!({"phase": "summing-up", "date": "1954-05-20"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{phase}");
    let (status, report) = app
        .call(Method::GET, &format!("{base}/report"), Some(&officer), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["rows"].as_array().unwrap().len(), 12);
    assert_eq!(report["baseline"], "1954-01");

    // coop-a's director reads its own part; its accountant nothing; Hunan's officer not even that it exists.
    let director = app.token("director").await;
    let (status, own) = app.call(Method::GET, base, Some(&director), None).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert_eq!(own["partial"], true);
    let (status, _) = app
        .call(
            Method::POST,
            &format!("{base}/findings"),
            Some(&director),
            Some(json!({"organisation": "coop-a", "category": "other", "text": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let accountant = app.token("accountant").await;
    let (status, _) = app.call(Method::GET, base, Some(&accountant), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, answer) = app.call(Method::GET, base, Some(&hunan), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!answer.to_string().contains("Rectification"), "{answer}");
    let (_, listed) = app.call(Method::GET, url, Some(&hunan), None).await;
    assert_eq!(listed, json!([]));
    let (_, listed) = app.call(Method::GET, url, Some(&officer), None).await;
    assert_eq!(listed[0]["code"], "c-1954");
    assert_eq!(listed[0]["phase"], "summing-up");
}

async fn an_exchange_meeting_through_the_api(app: &TestApp) {
    office(app).await;
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "number,counterparty,counterparty_type,kind,signed,value\nY-1,Yingshan Supply and Marketing,supply-marketing,sales,1954-05-02,1000.01\nY-2,Yingshan Supply and Marketing,supply-marketing,sales,1954-05-03,999.99\n",
    )
    .unwrap();
    app.artel
        .import_contracts("coop-a", file.path())
        .await
        .unwrap();
    let officer = app.token("hubei-officer").await;
    let event = json!({"owner": "hubei-office", "region": "hubei", "kind": "exchange-meeting", "title": "Yingshan meeting",
        "place": "Yingshan", "first_day": "1954-05-01", "last_day": "1954-05-05", "participants": ["coop-a"],
        "visitors": 3000, "products": ["coop-a: cloth"], "contracts": ["coop-a/Y-1", "coop-a/Y-2"]});
    let (status, created) = app
        .call(
            Method::POST,
            "/api/v1/exhibitions",
            Some(&officer),
            Some(event.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["contract_value"], "2000.00");
    assert_eq!(created["products"][0]["product"], "cloth");
    let mut bad = event;
    bad["contracts"] = json!(["coop-b/Y-1"]);
    bad["participants"] = json!(["nowhere"]);
    let (status, refused) = app
        .call(
            Method::POST,
            "/api/v1/exhibitions",
            Some(&officer),
            Some(bad),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(
        fields(&refused),
        ["participants", "contracts"],
        "coop-b is not in Hubei"
    );
    let (_, listed) = app
        .call(Method::GET, "/api/v1/exhibitions", Some(&officer), None)
        .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let hunan = app.token("hunan-officer").await;
    let (_, listed) = app
        .call(Method::GET, "/api/v1/exhibitions", Some(&hunan), None)
        .await;
    assert_eq!(listed, json!([]));
}
