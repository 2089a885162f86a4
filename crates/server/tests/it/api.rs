//! The API's behaviour for a caller with the right role: the routes of INTERFACE.md, exact
//! amounts as strings, errors naming the field, idempotent posts, tokens.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, engine_tests};

engine_tests!(
    health_and_document,
    trial_balance_as_interface_says,
    posting_and_its_refusals,
    idempotency_key_never_posts_twice,
    entries_list_detail_and_reversal,
    periods_and_reports,
    tokens_authenticate_until_revoked_or_disabled,
    audit_trail_says_who_changed_what,
    regions_and_organisations_by_their_administrators,
    export_reads_back_in_hledger_terms,
    dashboard_figures_come_from_the_books,
    every_post_honours_an_idempotency_key,
    the_member_register_as_json,
    an_entry_is_reversed_once,
    the_signed_head_needs_the_servers_key,
);

async fn health_and_document(app: &TestApp) {
    let (status, _) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, document) = app.call(Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(document["info"]["title"], "Artel API");
    assert!(
        document["components"]["securitySchemes"]["bearer"].is_object(),
        "{}",
        document["components"]
    );
    let paths = document["paths"].as_object().unwrap();
    for path in [
        "/api/v1/books/{code}/trial-balance",
        "/api/v1/books/{code}/entries",
        "/api/v1/organisations",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys().collect::<Vec<_>>()
        );
    }
    // A parameter that cannot be read is answered 422, and every operation with a
    // parameter documents it.
    let token = app.token("accountant").await;
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/years/2147483648",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // A year no four-digit date falls in is refused at the field, not failed on the server.
    let director = app.token("director").await;
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/organisations/coop-a/years/-4106/close",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["problems"][0]["field"], "year", "{body}");
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let takes_parameters = operation["parameters"]
                .as_array()
                .is_some_and(|p| !p.is_empty());
            if takes_parameters {
                assert!(
                    operation["responses"]["422"].is_object(),
                    "{method} {path} does not document 422"
                );
            }
        }
    }
    // A JSON body sent as anything else is answered 415, naming the header, and every
    // operation taking a JSON body documents it.
    let (status, body) = app
        .call_with(
            Method::POST,
            "/api/v1/books/coop-a/entries",
            Some(&token),
            Some(json!({"date": "2024-01-05", "postings": []})),
            &[("content-type", "text/plain")],
        )
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    assert_eq!(body["problems"][0]["field"], "Content-Type", "{body}");
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            if operation["requestBody"]["content"]["application/json"].is_object() {
                assert!(
                    operation["responses"]["415"].is_object(),
                    "{method} {path} does not document 415"
                );
            }
        }
    }
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance",
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["status"], 401);
    let (status, _) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance",
            Some("artel_not-a-token"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn trial_balance_as_interface_says(app: &TestApp) {
    let token = app.token("accountant").await;
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["book"], "coop-a");
    let rows: Vec<(String, Value)> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["account"].as_str().unwrap().to_owned(),
                r["balance"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Assets:Cash".to_owned(), json!("260.00")),
            ("Assets:Receivables:Alpha Buyer".to_owned(), json!("120.50")),
            ("Equity:Share Capital".to_owned(), json!("-300.00")),
            ("Expenses:Production:Materials".to_owned(), json!("40.00")),
            ("Income:Sales".to_owned(), json!("-120.50")),
        ]
    );
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance?from=2024-01-06&to=2024-01-31",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["rows"].as_array().unwrap().len(), 2, "{body}");
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance?from=2024-13-01",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

fn entry(date: &str, postings: &[(&str, &str)]) -> Value {
    json!({"date": date, "memo": "test entry", "postings": postings.iter().map(|(a, m)| json!({"account": a, "amount": m})).collect::<Vec<_>>()})
}

async fn trial_balance_rows(app: &TestApp, token: &str) -> Value {
    app.call(
        Method::GET,
        "/api/v1/books/coop-a/trial-balance",
        Some(token),
        None,
    )
    .await
    .1["rows"]
        .clone()
}

async fn posting_and_its_refusals(app: &TestApp) {
    let token = app.token("accountant").await;
    let url = "/api/v1/books/coop-a/entries";
    let (status, body) = app
        .call(
            Method::POST,
            url,
            Some(&token),
            Some(entry(
                "2024-04-30",
                &[("Assets:Cash", "12.50"), ("Income:Sales", "-12.50")],
            )),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["sequence"], 4);
    assert!(body["id"].is_string());
    let before = trial_balance_rows(app, &token).await;
    let refusals = [
        (
            entry(
                "2024-04-30",
                &[("Assets:Cash", "12.50"), ("Income:Sales", "-12.00")],
            ),
            "postings",
        ),
        (
            entry(
                "2024-04-30",
                &[("Assets:Nowhere", "1.00"), ("Income:Sales", "-1.00")],
            ),
            "account",
        ),
        (
            entry(
                "2024-04-30",
                &[("Assets:Cash", "1.005"), ("Income:Sales", "-1.005")],
            ),
            "postings[0].amount",
        ),
        (
            json!({"date": "2024-04-30", "memo": "", "postings": [{"account": "Assets:Cash", "amount": 1.5}, {"account": "Income:Sales", "amount": "-1.50"}]}),
            "postings[0].amount",
        ),
        (
            json!({"date": "2024-02-30", "memo": "", "postings": []}),
            "date",
        ),
    ];
    for (body, field) in refusals {
        let (status, answer) = app
            .call(Method::POST, url, Some(&token), Some(body.clone()))
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body} → {answer}"
        );
        let fields: Vec<&str> = answer["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["field"].as_str().unwrap())
            .collect();
        assert!(
            fields.iter().any(|f| f.contains(field)),
            "{body}: fields {fields:?}, wanted {field}"
        );
    }
    // A closed period refuses the entry, naming the date.
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-04/close",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = app
        .call(
            Method::POST,
            url,
            Some(&token),
            Some(entry(
                "2024-04-30",
                &[("Assets:Cash", "1.00"), ("Income:Sales", "-1.00")],
            )),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["message"].as_str().unwrap().contains("2024-04"),
        "{answer}"
    );
    assert_eq!(
        trial_balance_rows(app, &token).await,
        before,
        "a refused entry changed the books"
    );
    // A member may read nothing and post nothing.
    let member = app.token("member").await;
    let (status, _) = app
        .call(
            Method::POST,
            url,
            Some(&member),
            Some(entry(
                "2024-05-02",
                &[("Assets:Cash", "1.00"), ("Income:Sales", "-1.00")],
            )),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(trial_balance_rows(app, &token).await, before);
}

async fn idempotency_key_never_posts_twice(app: &TestApp) {
    let token = app.token("accountant").await;
    let url = "/api/v1/books/coop-a/entries";
    let body = entry(
        "2024-05-01",
        &[("Assets:Cash", "7.00"), ("Income:Sales", "-7.00")],
    );
    let mut answers = Vec::new();
    for _ in 0..3 {
        let (status, answer) = app
            .post_keyed(url, &token, body.clone(), "invoice-17")
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        answers.push(answer);
    }
    assert_eq!(answers[0]["id"], answers[1]["id"]);
    assert_eq!(answers[0]["id"], answers[2]["id"]);
    assert_eq!(answers[0]["replayed"], false);
    assert_eq!(answers[2]["replayed"], true);
    let (_, list) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries?from=2024-05-01&to=2024-05-01",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(list["entries"].as_array().unwrap().len(), 1, "{list}");
    // The same key with another request is refused, naming the header.
    let other = entry(
        "2024-05-01",
        &[("Assets:Cash", "8.00"), ("Income:Sales", "-8.00")],
    );
    let (status, answer) = app.post_keyed(url, &token, other, "invoice-17").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["problems"][0]["field"], "Idempotency-Key");
}

async fn entries_list_detail_and_reversal(app: &TestApp) {
    let token = app.token("accountant").await;
    let (status, page) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries?limit=2",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let sequences: Vec<u64> = page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sequence"].as_u64().unwrap())
        .collect();
    assert_eq!(sequences, [1, 2]);
    assert_eq!(page["next_after"], 2);
    let (_, next) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries?limit=2&after=2",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(next["entries"].as_array().unwrap().len(), 1);
    assert_eq!(next["next_after"], Value::Null);
    let (status, detail) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries/2",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        detail["postings"][0],
        json!({"account": "Assets:Receivables:Alpha Buyer", "amount": "120.50"})
    );
    let (status, _) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries/99",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let before = trial_balance_rows(app, &token).await;
    let (status, reversal) = app
        .call(
            Method::POST,
            "/api/v1/books/coop-a/entries/2/reverse",
            Some(&token),
            Some(json!({"date": "2024-06-01"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reversal}");
    let (_, reversed) = app
        .call(
            Method::GET,
            &format!("/api/v1/books/coop-a/entries/{}", reversal["sequence"]),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(reversed["reverses"], 2);
    let after = trial_balance_rows(app, &token).await;
    assert_ne!(before, after);
    assert!(
        !after.to_string().contains("Alpha Buyer"),
        "the receivable should be back to zero: {after}"
    );
}

async fn periods_and_reports(app: &TestApp) {
    let director = app.token("director").await;
    let accountant = app.token("accountant").await;
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-01/close",
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(
        (status, body["changed"].clone()),
        (StatusCode::OK, json!(true))
    );
    // An accountant may close but not reopen; a director reopens with a reason.
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-01/reopen",
            Some(&accountant),
            Some(json!({"reason": "correction"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-01/reopen",
            Some(&director),
            Some(json!({"reason": " "})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["problems"][0]["field"], "reason");
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-01/reopen",
            Some(&director),
            Some(json!({"reason": "late invoice"})),
        )
        .await;
    assert_eq!(
        (status, body["closed"].clone()),
        (StatusCode::OK, json!(false))
    );
    let (status, sheet) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/balance-sheet",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sheet["assets"]["total"], "380.50");
    assert_eq!(sheet["undistributed_surplus"], "80.50");
    let (_, income) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/income-statement?from=2024-03-01&to=2024-03-31",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(income["surplus"], "-40.00");
    let (_, ledger) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/general-ledger?account=Assets:Cash",
            Some(&director),
            None,
        )
        .await;
    let balances: Vec<&str> = ledger["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["balance"].as_str().unwrap())
        .collect();
    assert_eq!(balances, ["300.00", "260.00"]);
    let (_, verify) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/verify",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(
        (verify["intact"].clone(), verify["entries_checked"].clone()),
        (json!(true), json!(3))
    );
    let (_, accounts) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/accounts",
            Some(&director),
            None,
        )
        .await;
    assert!(
        accounts
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Assets:Cash" && a["label_zh"] == "现金"),
        "{accounts}"
    );
}

async fn tokens_authenticate_until_revoked_or_disabled(app: &TestApp) {
    let token = app.token("supervisor").await;
    let url = "/api/v1/books/coop-a/trial-balance";
    assert_eq!(
        app.call(Method::GET, url, Some(&token), None).await.0,
        StatusCode::OK
    );
    let (_, tokens) = app
        .call(Method::GET, "/api/v1/me/tokens", Some(&token), None)
        .await;
    let id = tokens[0]["id"].as_str().unwrap().to_owned();
    assert!(
        !tokens.to_string().contains(&token),
        "a token list must never show the token"
    );
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/tokens/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.call(Method::GET, url, Some(&token), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let second = app.token("supervisor").await;
    assert_eq!(
        app.call(Method::GET, url, Some(&second), None).await.0,
        StatusCode::OK
    );
    // A token works until it expires, and its expiry is listed; one made without a
    // lifetime never expires.
    let (_, listed) = app
        .call(Method::GET, "/api/v1/me/tokens", Some(&second), None)
        .await;
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["expires_at"].is_string()),
        "{listed}"
    );
    let now = chrono::Utc::now();
    let caller_at = |token: String, at| async move {
        app.artel
            .caller_for_token(&token, at)
            .await
            .unwrap()
            .map(|caller| caller.name().to_owned())
    };
    let day_later = now + chrono::Duration::days(1) + chrono::Duration::seconds(1);
    assert_eq!(
        caller_at(second.clone(), now).await.as_deref(),
        Some("supervisor")
    );
    assert_eq!(caller_at(second.clone(), day_later).await, None);
    let lasting = app
        .artel
        .create_token("supervisor", "lasting", None)
        .await
        .unwrap();
    assert_eq!(
        caller_at(lasting.clone(), now + chrono::Duration::days(3650))
            .await
            .as_deref(),
        Some("supervisor")
    );
    app.artel
        .set_user_disabled("supervisor", true)
        .await
        .unwrap();
    assert_eq!(
        app.call(Method::GET, url, Some(&second), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(caller_at(lasting, now).await, None);
}

async fn audit_trail_says_who_changed_what(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let supervisor = app.token("supervisor").await;
    app.call(
        Method::POST,
        "/api/v1/books/coop-a/entries",
        Some(&accountant),
        Some(entry(
            "2024-05-03",
            &[("Assets:Cash", "2.00"), ("Income:Sales", "-2.00")],
        )),
    )
    .await;
    app.call(
        Method::POST,
        "/api/v1/books/coop-a/periods/2024-02/close",
        Some(&accountant),
        None,
    )
    .await;
    let (status, events) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/audit",
            Some(&supervisor),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{events}");
    let events = events.as_array().unwrap();
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "organisation.add",
            "journal.import",
            "entry.post",
            "period.close"
        ],
        "one event per import, not per entry"
    );
    let post = &events[2];
    assert_eq!(post["actor"], "accountant");
    let close = &events[3];
    assert_eq!(
        (close["before"].clone(), close["after"].clone()),
        (json!("open"), json!("closed"))
    );
    // Exported as CSV.
    let (status, _) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/audit?format=csv",
            Some(&supervisor),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // An accountant may not read the audit trail; an outsider's attempt is a security event.
    assert_eq!(
        app.call(
            Method::GET,
            "/api/v1/books/coop-a/audit",
            Some(&accountant),
            None
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let outsider = app.token("outsider").await;
    assert_eq!(
        app.call(
            Method::GET,
            "/api/v1/books/coop-a/trial-balance",
            Some(&outsider),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let admin = app.token("province-admin").await;
    let (status, security) = app
        .call(Method::GET, "/api/v1/security-events", Some(&admin), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{security}");
    let refusals: Vec<&Value> = security
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "access.refused")
        .collect();
    assert!(
        refusals
            .iter()
            .any(|e| e["actor"] == "outsider" && e["detail"].as_str().unwrap().contains("coop-a")),
        "{security}"
    );
    assert!(
        refusals.iter().any(|e| e["actor"] == "accountant"),
        "{security}"
    );
    // Security events are for administrators over a region only.
    assert_eq!(
        app.call(
            Method::GET,
            "/api/v1/security-events",
            Some(&supervisor),
            None
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (_, csv_events) = app
        .call(
            Method::GET,
            "/api/v1/security-events?format=csv&limit=1",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(csv_events, Value::Null, "CSV is not JSON");
}

async fn regions_and_organisations_by_their_administrators(app: &TestApp) {
    let admin = app.token("province-admin").await;
    let outsider = app.token("outsider").await;
    let region = json!({"code": "jingzhou", "name": "Jingzhou 荆州专区", "parent": "hubei", "level": "district"});
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/regions",
            Some(&admin),
            Some(region.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["path"], "/hubei/jingzhou/");
    let top = json!({"code": "hebei", "name": "Hebei"});
    assert_eq!(
        app.call(Method::POST, "/api/v1/regions", Some(&admin), Some(top))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let under = json!({"code": "elsewhere", "name": "Elsewhere", "parent": "hubei"});
    assert_eq!(
        app.call(
            Method::POST,
            "/api/v1/regions",
            Some(&outsider),
            Some(under)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (_, regions) = app
        .call(Method::GET, "/api/v1/regions", Some(&outsider), None)
        .await;
    let codes: Vec<&str> = regions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["hubei", "jingzhou", "shashi", "hunan"],
        "parents before their children"
    );
    let organisation = json!({"code": "echeng-plow", "kind": "cooperative", "name": "鄂城县犁头生产合作社", "region": "jingzhou"});
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            Some(&admin),
            Some(organisation.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        (body["currency"].clone(), body["scale"].clone()),
        (json!("CNY"), json!(2))
    );
    // Its book opened with the cooperative chart, and its administrator reads it.
    let (status, accounts) = app
        .call(
            Method::GET,
            "/api/v1/books/echeng-plow/accounts",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        accounts
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Equity:Public Accumulation Fund"),
        "{accounts}"
    );
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            Some(&admin),
            Some(organisation),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let hunan = json!({"code": "bravo-team", "kind": "team", "name": "Team", "region": "hunan"});
    assert_eq!(
        app.call(
            Method::POST,
            "/api/v1/organisations",
            Some(&admin),
            Some(hunan)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    // An outsider cannot see the new cooperative either.
    assert_eq!(
        app.call(
            Method::GET,
            "/api/v1/organisations/echeng-plow",
            Some(&outsider),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
}

async fn export_reads_back_in_hledger_terms(app: &TestApp) {
    let token = app.token("accountant").await;
    let (status, _) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/export",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let response = app
        .raw(Method::GET, "/api/v1/books/coop-a/export", &token)
        .await;
    assert!(
        response.contains("Assets:Receivables:Alpha Buyer  120.50 CNY"),
        "{response}"
    );
    let beancount = app
        .raw(
            Method::GET,
            "/api/v1/books/coop-a/export?format=beancount",
            &token,
        )
        .await;
    assert!(
        beancount.contains("option \"operating_currency\" \"CNY\""),
        "{beancount}"
    );
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/export?format=xml",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (status, body["problems"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("format"))
    );
}

async fn dashboard_figures_come_from_the_books(app: &TestApp) {
    let token = app.token("director").await;
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/dashboard",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["as_of"], "2024-03-02", "as of the last entry");
    assert_eq!(body["cash_and_bank"], "260.00");
    assert_eq!(body["receivables"], "120.50");
    assert_eq!(body["surplus_this_year"], "80.50");
    let months: Vec<(String, String, String)> = body["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["period"].as_str().unwrap().to_owned(),
                m["income"].as_str().unwrap().to_owned(),
                m["costs"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2024-01".to_owned(), "120.50".to_owned(), "0.00".to_owned()),
            ("2024-02".to_owned(), "0.00".to_owned(), "0.00".to_owned()),
            ("2024-03".to_owned(), "0.00".to_owned(), "40.00".to_owned()),
        ]
    );
    let (_, january) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/dashboard?as_of=2024-01-31",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (
            january["surplus_this_year"].clone(),
            january["months"].as_array().unwrap().len()
        ),
        (json!("120.50"), 1)
    );
}

async fn every_post_honours_an_idempotency_key(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let url = "/api/v1/books/coop-a/accounts";
    let body = json!({"name": "Assets:Petty Cash", "label_zh": "备用金"});
    let first = app
        .post_keyed(url, &accountant, body.clone(), "acct-1")
        .await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    // The retry answers as the first time and adds nothing (without the key it would be 422: the account exists).
    let again = app
        .post_keyed(url, &accountant, body.clone(), "acct-1")
        .await;
    assert_eq!(again, first);
    assert_eq!(
        app.call(Method::POST, url, Some(&accountant), Some(body))
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Another request under the same key is refused, naming the header.
    let other = json!({"name": "Assets:Safe"});
    let (status, answer) = app
        .post_keyed(url, &accountant, other.clone(), "acct-1")
        .await;
    assert_eq!(
        (status, answer["problems"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("Idempotency-Key"))
    );
    // Keys belong to one client: another token may use the same key for its own request.
    let administrator = app.token("administrator").await;
    let (status, _) = app.post_keyed(url, &administrator, other, "acct-1").await;
    assert_eq!(status, StatusCode::CREATED);
    // A refused request keeps nothing: fixed and retried under its key, it goes through.
    let bad = json!({"name": "Nowhere:X"});
    let (status, _) = app.post_keyed(url, &accountant, bad, "acct-2").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let close = app
        .call_with(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-09/close",
            Some(&accountant),
            None,
            &[("idempotency-key", "close-1")],
        )
        .await;
    assert_eq!(
        (close.0, close.1["changed"].clone()),
        (StatusCode::OK, json!(true))
    );
    let replayed = app
        .call_with(
            Method::POST,
            "/api/v1/books/coop-a/periods/2024-09/close",
            Some(&accountant),
            None,
            &[("idempotency-key", "close-1")],
        )
        .await;
    assert_eq!(
        replayed.1["changed"],
        json!(true),
        "the first answer, replayed"
    );
}

async fn an_entry_is_reversed_once(app: &TestApp) {
    let token = app.token("accountant").await;
    let url = "/api/v1/books/coop-a/entries/3/reverse";
    let body = json!({"date": "2024-06-01"});
    let first = app.post_keyed(url, &token, body.clone(), "rev-3").await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    // Retried under its key: the first answer. Again without it, or under another key: refused, naming the reversal.
    let retried = app.post_keyed(url, &token, body.clone(), "rev-3").await;
    assert_eq!(
        (retried.0, retried.1["id"].clone()),
        (StatusCode::CREATED, first.1["id"].clone())
    );
    for headers in [&[][..], &[("idempotency-key", "rev-3-again")][..]] {
        let (status, answer) = app
            .call_with(Method::POST, url, Some(&token), Some(body.clone()), headers)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert!(
            answer["message"].as_str().unwrap().contains(&format!(
                "already reversed by entry {}",
                first.1["sequence"]
            )),
            "{answer}"
        );
    }
    let (_, list) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        list["entries"].as_array().unwrap().len(),
        4,
        "one reversal only: {list}"
    );
}

async fn the_member_register_as_json(app: &TestApp) {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("members.csv");
    std::fs::write(
        &file,
        "name,joined,shares_subscribed,shares_paid\nWang Xiuying,1954-01-05,3,2\n",
    )
    .unwrap();
    app.artel.import_members("coop-a", &file).await.unwrap();
    let token = app.token("accountant").await;
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/members",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        serde_json::json!([{
            "number": 1,
            "name": "Wang Xiuying",
            "trade": "",
            "joined": "1954-01-05",
            "status": "member",
            "shares_subscribed": 3,
            "shares_paid": 2,
            "paid_in": "20.00"
        }])
    );
    // A member of the cooperative may not read the whole register.
    let member = app.token("member").await;
    let (status, body) = app
        .call(
            Method::GET,
            "/api/v1/organisations/coop-a/members",
            Some(&member),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(!body.to_string().contains("Wang"));
}

/// `GET /books/{code}/head`: the book's heads signed with the server's key, checkable
/// with that key; a server started without a key answers 404.
async fn the_signed_head_needs_the_servers_key(app: &TestApp) {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let director = app.token("director").await;
    let (status, head) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/head",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{head}");
    assert_eq!(head["format"], "artel-signed-head-v1");
    assert_eq!(head["book"], "coop-a");
    let (_, verify) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/verify",
            Some(&director),
            None,
        )
        .await;
    assert_eq!(head["entry_sequence"], verify["entries_checked"]);
    assert_eq!(head["entry_hash"], verify["head"]);
    assert_eq!(head["audit_sequence"], verify["audit_events_checked"]);
    assert_eq!(head["audit_hash"], verify["audit_head"]);
    let signed = artel_app::SignedHead::parse("head", &head.to_string()).unwrap();
    assert_eq!(signed.check_signature(None), Ok(()));
    assert_eq!(
        app.artel
            .check_signed_head("coop-a", &signed)
            .await
            .unwrap(),
        None
    );

    let keyless = artel_server::router(app.artel.clone());
    let request = axum::http::Request::builder()
        .uri("/api/v1/books/coop-a/head")
        .header("authorization", format!("Bearer {director}"))
        .body(Body::empty())
        .unwrap();
    let response = keyless.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("no key"),
        "{body}"
    );
}
