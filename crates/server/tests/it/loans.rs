//! Loans through the API: a loan recorded with its schedule, refusals naming their fields,
//! instalments repaid in turn (a retried request with its `Idempotency-Key` pays once), a
//! loan repaid in full refusing more, and a loan that does not exist.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{TestApp, engine_tests};

engine_tests!(loans_through_the_api);

async fn loans_through_the_api(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let url = "/api/v1/organisations/coop-a/loans";
    let loan = json!({"lender": "People's Bank", "lender_kind": "bank", "principal": "1000.00",
        "rate": "6.5", "drawn": "1954-03-01", "instalments": 12, "months": 1});
    let (status, added) = app
        .call(Method::POST, url, Some(&accountant), Some(loan))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!(added["number"], 1, "{added}");
    assert_eq!(added["rate"], "6.50");
    assert_eq!(added["outstanding"], "1000.00");
    assert!(added["sequence"].is_u64(), "{added}");
    let schedule = added["schedule"].as_array().unwrap();
    assert_eq!(schedule.len(), 12);
    assert_eq!(
        schedule[0],
        json!({"instalment": 1, "due": "1954-04-01", "principal": "83.33", "interest": "5.42",
            "total": "88.75", "paid_on": null, "paid_by": null})
    );
    assert_eq!(schedule[11]["principal"], "83.37");
    // Every field at fault is named.
    let bad = json!({"lender": "", "lender_kind": "uncle", "principal": "-5", "rate": "6.125",
        "drawn": "1954-03-01", "instalments": 0, "months": 2, "into": "Assets:Nowhere"});
    let (status, refused) = app
        .call(Method::POST, url, Some(&accountant), Some(bad))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let mut fields: Vec<&str> = refused["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["lender_kind", "rate"], "{refused}");
    let bad = json!({"lender": "", "lender_kind": "bank", "principal": "-5", "rate": "6",
        "drawn": "1954-03-01", "instalments": 0, "months": 2});
    let (_, refused) = app
        .call(Method::POST, url, Some(&accountant), Some(bad))
        .await;
    let fields: Vec<&str> = refused["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["lender", "principal", "instalments", "months"],
        "{refused}"
    );
    let unknown_account = json!({"lender": "Bank", "lender_kind": "bank", "principal": "5.00",
        "rate": "6", "drawn": "1954-03-01", "instalments": 1, "months": 1, "into": "Assets:Nowhere"});
    let (status, refused) = app
        .call(Method::POST, url, Some(&accountant), Some(unknown_account))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["problems"][0]["field"], "into", "{refused}");
    // The first instalment repaid; the same request retried with its key pays nothing more.
    let repay = "/api/v1/organisations/coop-a/loans/1/repayments";
    for _ in 0..2 {
        let (status, repaid) = app
            .post_keyed(
                repay,
                &accountant,
                json!({"date": "1954-04-01"}),
                "loan-1-april",
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{repaid}");
        assert_eq!(repaid["instalment"], 1, "{repaid}");
        assert_eq!(repaid["interest"], "5.42");
        assert_eq!(repaid["total"], "88.75");
        assert_eq!(repaid["outstanding"], "916.67");
    }
    let (status, repaid) = app
        .call(
            Method::POST,
            repay,
            Some(&accountant),
            Some(json!({"date": "1954-05-01", "from": "Assets:Bank"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{repaid}");
    assert_eq!(repaid["instalment"], 2, "{repaid}");
    assert_eq!(repaid["interest"], "4.97");
    let (status, loan) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/loans/1",
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{loan}");
    assert_eq!(loan["outstanding"], "833.34");
    assert_eq!(loan["schedule"][0]["paid_on"], "1954-04-01");
    assert_eq!(loan["schedule"][1]["paid_by"], repaid["sequence"]);
    assert_eq!(loan["schedule"][2]["paid_by"], json!(null));
    // A loan of one instalment, repaid, refuses another repayment, naming the loan.
    let short = json!({"lender": "Hubei Federation", "lender_kind": "federation",
        "principal": "50.00", "rate": "0", "drawn": "1954-03-01", "instalments": 1, "months": 12});
    let (status, _) = app
        .call(Method::POST, url, Some(&accountant), Some(short))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let repay_short = "/api/v1/organisations/coop-a/loans/2/repayments";
    let body = json!({"date": "1955-03-01"});
    let (status, repaid) = app
        .call(
            Method::POST,
            repay_short,
            Some(&accountant),
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{repaid}");
    assert_eq!(repaid["interest"], "0.00");
    let (status, refused) = app
        .call(Method::POST, repay_short, Some(&accountant), Some(body))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["problems"][0]["field"], "loan", "{refused}");
    let (_, loans) = app.call(Method::GET, url, Some(&accountant), None).await;
    let outstanding: Vec<&str> = loans
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["outstanding"].as_str().unwrap())
        .collect();
    assert_eq!(outstanding, ["833.34", "0.00"], "{loans}");
    let (status, _) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/loans/9",
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The books: 833.34 still owed, 5.42 + 4.97 interest.
    let (_, balances) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance",
            Some(&accountant),
            None,
        )
        .await;
    let text = balances.to_string();
    assert!(text.contains("Liabilities:Loans"), "{text}");
    assert!(text.contains("-833.34"), "{text}");
    assert!(text.contains("10.39"), "{text}");
}
