//! The year's end through the API: labour recorded one month at a time and refused by
//! field, the year closed, the preview of its distribution by the default charter (worked
//! by hand), the distribution carried out by an adopted motion of the general assembly,
//! the members' statements, a distributed year refusing to be reopened, and the dashboard
//! of a closed year counting its income as earned.

use artel_app::{MeetingRequest, OrganisationRequest, Scope};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, engine_tests, motion};

engine_tests!(a_year_is_closed_and_distributed_through_the_api);

/// A cooperative `ye` in Shashi with two members of one share (10.00) each from 1 January
/// 1954 and a cash sale of 1,000.00 in March; `accountant` and `director` hold their roles
/// over it.
pub async fn a_year_of_books(app: &TestApp, code: &str) {
    let request = OrganisationRequest {
        code: code.into(),
        kind: "cooperative".into(),
        name: "Year-end Weaving Cooperative".into(),
        region: Some("shashi".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: chrono::NaiveDate::from_ymd_opt(1953, 1, 1),
        status: None,
    };
    app.artel.add_organisation(&request).await.unwrap();
    for role in ["accountant", "director"] {
        app.artel
            .add_user(role, role, &Scope::Organisation(code.into()))
            .await
            .unwrap();
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "name,joined,shares_subscribed,shares_paid\nWang,1954-01-01,1,1\nLi,1954-01-01,1,1\n",
    )
    .unwrap();
    app.artel.import_members(code, file.path()).await.unwrap();
    std::fs::write(
        file.path(),
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         1954-03-01,Shashi Supply and Marketing,supply-marketing,cloth,100,1000.00,cash\n",
    )
    .unwrap();
    app.artel.import_sales(code, file.path()).await.unwrap();
}

/// A general assembly on 10 January 1955 adopting a motion of `kind`; its number.
pub async fn adopted(app: &TestApp, code: &str, kind: &str) -> u64 {
    let meeting = MeetingRequest {
        body: "general-assembly".into(),
        held_on: "1955-01-10".parse().unwrap(),
        title: "Year-end general assembly".into(),
        agenda: String::new(),
        minutes: String::new(),
        eligible: None,
        present: 2,
    };
    let meeting = app.artel.record_meeting(code, &meeting).await.unwrap();
    let request = motion(kind, "The surplus of 1954", 2);
    app.artel
        .put_motion(code, meeting, &request)
        .await
        .unwrap()
        .number
}

fn fields(refused: &Value) -> Vec<&str> {
    refused["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect()
}

async fn a_year_is_closed_and_distributed_through_the_api(app: &TestApp) {
    a_year_of_books(app, "ye").await;
    let accountant = app.token("accountant").await;
    let director = app.token("director").await;
    let base = "/api/v1/organisations/ye/years/1954";
    for (member, days) in [(1, "30"), (2, "20")] {
        let body = json!({"month": "1954-03", "member": member, "days": days, "pieces": 10, "wages": "15.00"});
        let (status, answer) = app
            .call(
                Method::POST,
                &format!("{base}/labour"),
                Some(&accountant),
                Some(body),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    let bad = json!({"month": "1955-01", "member": 1, "days": "2.25", "pieces": 2_000_000_000_000_u64, "wages": "-1"});
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/labour"),
            Some(&accountant),
            Some(bad),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(
        fields(&refused),
        ["month", "days", "pieces", "wages"],
        "{refused}"
    );
    let stranger = json!({"month": "1954-04", "member": 9, "days": "1"});
    let (_, refused) = app
        .call(
            Method::POST,
            &format!("{base}/labour"),
            Some(&accountant),
            Some(stranger),
        )
        .await;
    assert_eq!(fields(&refused), ["member"], "{refused}");
    let (_, labour) = app
        .call(
            Method::GET,
            &format!("{base}/labour"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(labour.as_array().unwrap().len(), 2, "{labour}");
    assert_eq!(labour[0]["days"], "30");

    let (status, refused) = app
        .call(
            Method::GET,
            &format!("{base}/distribution/preview?date=1955-01-10"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(fields(&refused), ["year"]);
    let (status, closed) = app
        .call(
            Method::POST,
            &format!("{base}/close"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{closed}");
    assert_eq!(closed["closed"], true);
    assert_eq!(closed["closings"][0]["surplus"], "1000.00");
    // The dashboard as of the closing's day, the book's last entry, counts the year's income
    // as earned: the closing, dated in the month of the dashboard's day, is undone.
    let (status, dashboard) = app
        .call(
            Method::GET,
            "/api/v1/books/ye/dashboard",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{dashboard}");
    assert_eq!(dashboard["as_of"], "1954-12-31");
    assert_eq!(dashboard["surplus_this_year"], "1000.00");
    assert_eq!(dashboard["months"][2]["income"], "1000.00");
    assert_eq!(dashboard["months"][11]["income"], "0.00");

    // 1,000.00: 300.00, 100.00, 50.00, 450.00 on labour and 100.00 on shares capped at 8 % of
    // 20.00 held all year = 1.60; the 98.40 held back goes to the accumulation fund.
    let (status, preview) = app
        .call(
            Method::GET,
            &format!("{base}/distribution/preview?date=1955-01-10"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["accumulation_fund"], "398.40");
    assert_eq!(preview["welfare_fund"], "100.00");
    assert_eq!(preview["other_levies"], "50.00");
    assert_eq!(preview["labour_dividend"], "450.00");
    assert_eq!(preview["share_dividend"], "1.60");
    assert_eq!(
        preview["members"],
        json!([
            {"member": 1, "name": "Wang", "labour": "270.00", "share": "0.80"},
            {"member": 2, "name": "Li", "labour": "180.00", "share": "0.80"}
        ])
    );
    let (status, refused) = app
        .call(
            Method::GET,
            &format!("{base}/distribution/preview?draw_from=welfare-fund&draw=1.00"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(fields(&refused), ["draw"]);

    let ordinary = adopted(app, "ye", "ordinary").await;
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/distribution"),
            Some(&accountant),
            Some(json!({"motion": ordinary})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(fields(&refused), ["motion"]);
    // A motion number beyond what the database stores names no motion.
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/distribution"),
            Some(&accountant),
            Some(json!({"motion": u64::MAX})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(fields(&refused), ["motion"]);
    let motion = adopted(app, "ye", "distribution").await;
    let (status, year) = app
        .call(
            Method::POST,
            &format!("{base}/distribution"),
            Some(&accountant),
            Some(json!({"motion": motion})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{year}");
    let distribution = &year["distribution"];
    assert_eq!(distribution["motion"], motion);
    assert_eq!(distribution["date"], "1955-01-10");
    assert_eq!(distribution["members"][0]["labour"], "270.00");
    assert_eq!(distribution["members"][1]["name"], "Li");
    let (_, entry) = app
        .call(
            Method::GET,
            &format!("/api/v1/books/ye/entries/{}", distribution["sequence"]),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(entry["date"], "1955-01-10", "{entry}");
    let (_, statements) = app
        .call(
            Method::GET,
            &format!("{base}/statements"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(
        statements[0],
        json!({"member": 1, "name": "Wang", "share_capital": "10.00", "days": "30", "pieces": 10,
            "wages": "15.00", "labour_dividend": "270.00", "share_dividend": "0.80", "dividends": "270.80"})
    );
    // A distributed year stays closed.
    let reopening = adopted(app, "ye", "ordinary").await;
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/reopen"),
            Some(&director),
            Some(json!({"motion": reopening})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(fields(&refused), ["year"]);
    let (_, standing) = app.call(Method::GET, base, Some(&director), None).await;
    assert_eq!(standing["closed"], true);
    assert_eq!(standing["distribution"]["accumulation_fund"], "398.40");

    // A federation's officer reads its members' distributions rolled up, not their books.
    let federation = OrganisationRequest {
        code: "fed".into(),
        kind: "federation".into(),
        name: "Shashi Handicraft Federation".into(),
        region: Some("shashi".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: chrono::NaiveDate::from_ymd_opt(1953, 6, 1),
        status: None,
    };
    app.artel.add_organisation(&federation).await.unwrap();
    app.artel
        .join_parent("ye", "fed", "1954-02-01".parse().unwrap())
        .await
        .unwrap();
    app.artel
        .add_user(
            "fed-officer",
            "federation-officer",
            &Scope::Organisation("fed".into()),
        )
        .await
        .unwrap();
    let officer = app.token("fed-officer").await;
    let (status, rollup) = app
        .call(
            Method::GET,
            "/api/v1/organisations/fed/years/1954/rollup",
            Some(&officer),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{rollup}");
    assert_eq!(
        rollup,
        json!([{"code": "ye", "name": "Year-end Weaving Cooperative", "distributed": true,
            "surplus": "1000.00", "accumulation_fund": "398.40", "welfare_fund": "100.00",
            "other_levies": "50.00", "dividends": "451.60", "members": 2}])
    );
    let (status, _) = app.call(Method::GET, base, Some(&officer), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, all) = app
        .call(
            Method::GET,
            "/api/v1/organisations/ye/distributions",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(all.as_array().unwrap().len(), 1, "{all}");
    assert_eq!(all[0]["year"], 1954);
}
