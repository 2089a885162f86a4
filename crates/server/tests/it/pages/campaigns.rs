//! The campaign pages: the list and the dashboard of a provincial office's campaign in
//! English and Chinese — days to the deadline, stages done, the overdue action, findings
//! by category, the before/after table — its forms recording a stage and a finding, a
//! refusal next to its field, a focus cooperative's accountant refused and an officer
//! of another province shown nothing; the exhibitions with their contracts' total.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, field_error, get, post, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(the_campaign_dashboard_in_both_languages);

async fn the_campaign_dashboard_in_both_languages(app: &TestApp) {
    crate::campaigns::office(app).await;
    let a = &app.artel;
    a.record_campaign(&artel_app::CampaignRequest {
        code: "c-1954".into(),
        owner: "hubei-office".into(),
        region: "shashi".into(),
        title: "Rectification of 1954".into(),
        start: "1954-03-01".parse().unwrap(),
        deadline: "1954-06-30".parse().unwrap(),
        goals: "Books in order".into(),
        meeting: None,
        baseline: "1954-01".into(),
        follow_up: "1954-04".into(),
    })
    .await
    .unwrap();
    a.select_focus(
        "c-1954",
        &artel_app::FocusSelection::Codes(vec!["coop-a".into()]),
    )
    .await
    .unwrap();
    let finding = a
        .add_finding("c-1954", "coop-a", "quality", "Cloth too thin")
        .await
        .unwrap();
    a.add_action(
        "c-1954",
        finding,
        "Weaving group",
        "1954-04-01".parse().unwrap(),
    )
    .await
    .unwrap();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), "number,counterparty,counterparty_type,kind,signed,value\nY-1,Yingshan Buyer,supply-marketing,sales,1954-05-02,1234567.50\n").unwrap();
    a.import_contracts("coop-a", file.path()).await.unwrap();
    a.record_exhibition(&artel_app::ExhibitionRequest {
        owner: "hubei-office".into(),
        region: None,
        kind: "exchange-meeting".into(),
        title: "Yingshan meeting".into(),
        place: "Yingshan".into(),
        first_day: "1954-05-01".parse().unwrap(),
        last_day: "1954-05-03".parse().unwrap(),
        participants: vec!["coop-a".into()],
        visitors: 3000,
        products: vec!["coop-a: cloth".into()],
        contracts: vec!["coop-a/Y-1".into()],
    })
    .await
    .unwrap();

    with_password(app, "hubei-officer").await;
    let session = sign_in(app, "hubei-officer", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let home = get(app, "/", &english).await;
    assert!(
        home.body.contains("href=\"/campaigns/c-1954\""),
        "{}",
        home.body
    );
    let list = get(app, "/campaigns", &english).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("Rectification of 1954") && list.body.contains("Pilot"),
        "{}",
        list.body
    );

    // A refused stage comes back with its message next to the field.
    let refused = post(
        app,
        "/campaigns/c-1954/stages",
        &english,
        &[
            ("stage_organisation", "coop-a"),
            ("stage", "mobilisation"),
            ("status", "done"),
            ("started", "1954-03-02"),
            ("finished", ""),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "finished").starts_with("Enter the day the stage finished"),
        "{}",
        refused.body
    );
    let recorded = post(
        app,
        "/campaigns/c-1954/stages",
        &english,
        &[
            ("stage_organisation", "coop-a"),
            ("stage", "mobilisation"),
            ("status", "done"),
            ("started", "1954-03-02"),
            ("finished", "1954-03-09"),
        ],
    )
    .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    assert_eq!(recorded.location(), "/campaigns/c-1954?done=stage#stages");
    let recorded = post(
        app,
        "/campaigns/c-1954/findings",
        &english,
        &[
            ("finding_organisation", "coop-a"),
            ("category", "finance-accounting"),
            ("text", "No cash book"),
        ],
    )
    .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);

    let page = get(
        app,
        "/campaigns/c-1954?as_of=1954-04-10&done=finding",
        &english,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("The finding is recorded."), "{body}");
    assert!(
        body.contains("<dd id=\"days-to-deadline\">81 days to the deadline</dd>"),
        "{body}"
    );
    assert!(
        body.contains("<dd id=\"stages-done\">1 of 6</dd>"),
        "{body}"
    );
    // Without a day asked for, a campaign whose deadline has passed shows how it stood then.
    let finished = get(app, "/campaigns/c-1954", &english).await;
    assert!(
        finished
            .body
            .contains("<dd id=\"days-to-deadline\">the deadline is today</dd>"),
        "{}",
        finished.body
    );
    assert!(
        finished.body.contains("value=\"1954-06-30\""),
        "{}",
        finished.body
    );
    assert!(
        body.contains("<dd id=\"actions-summary\">1 open (1 overdue), 0 done</dd>"),
        "{body}"
    );
    assert!(
        body.contains("<tr id=\"action-1\" class=\"overdue\">"),
        "{body}"
    );
    assert!(
        body.contains("<meter min=\"0\" max=\"6\" value=\"1\""),
        "{body}"
    );
    assert!(
        body.contains("Finance and accounting") && body.contains("No cash book"),
        "{body}"
    );
    assert!(
        body.contains("Before and after: 1954-01 against 1954-04"),
        "{body}"
    );
    assert!(
        body.contains("action=\"/campaigns/c-1954/actions/1/done\""),
        "the officer may mark it done"
    );

    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    let page = get(app, "/campaigns/c-1954?as_of=1954-04-10", &chinese).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("<dd id=\"days-to-deadline\">距截止日期还有 81 天</dd>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("逾期")
            && page.body.contains("思想发动")
            && page.body.contains("财务会计"),
        "{}",
        page.body
    );
    let data = [
        "hubei-officer",
        "Rectification of 1954",
        "Hubei Handicraft Office",
        "Shashi",
        "hubei-office",
        "shashi",
        "Books in order",
        "coop-a",
        "Alpha Weaving Cooperative",
        "Cloth too thin",
        "No cash book",
        "Weaving group",
    ];
    assert_translated(&page.body, &data);
    let list = get(app, "/campaigns", &chinese).await;
    assert_translated(&list.body, &data);
    let events = get(app, "/exhibitions", &chinese).await;
    assert!(
        events.body.contains("1,234,567.50") && events.body.contains("物资交流会"),
        "{}",
        events.body
    );
    assert_translated(
        &events.body,
        &[
            "hubei-officer",
            "Hubei Handicraft Office",
            "Yingshan meeting",
            "Yingshan",
            "coop-a",
            "cloth",
            "Y-1",
        ],
    );
    let events = get(app, "/exhibitions", &english).await;
    assert!(
        events.body.contains("Value of the contracts signed"),
        "{}",
        events.body
    );

    // coop-a's accountant has no part in the campaign; an outsider does not see it exists.
    for (user, status) in [
        ("accountant", StatusCode::FORBIDDEN),
        ("hunan-officer", StatusCode::NOT_FOUND),
    ] {
        with_password(app, user).await;
        let session = sign_in(app, user, PASSWORD).await;
        let page = get(
            app,
            "/campaigns/c-1954",
            &[(SESSION, session.as_str()), ("lang", "en")],
        )
        .await;
        assert_eq!(page.status, status, "{user}");
        assert!(
            !page.body.contains("Cloth too thin"),
            "{user}: {}",
            page.body
        );
        let refused = post(
            app,
            "/campaigns/c-1954/findings",
            &[(SESSION, session.as_str())],
            &[
                ("finding_organisation", "coop-a"),
                ("category", "other"),
                ("text", "x"),
            ],
        )
        .await;
        assert_eq!(refused.status, status, "{user}");
    }
}
