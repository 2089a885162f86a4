//! Sales through the API: the contracts and invoices imported, a payment applied to the
//! oldest invoice first with the rest an advance, a refused payment naming its field, and
//! the aging on a day.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{TestApp, engine_tests};

engine_tests!(
    sales_through_the_api,
    fulfilment_and_write_offs_through_the_api
);

async fn sales_through_the_api(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let write = |text: &str| {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    };
    let contracts = write(
        "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
         S-1,County SMC,supply-marketing,sales,2024-03-01,900.00,30\n",
    );
    app.artel
        .import_contracts("coop-a", contracts.path())
        .await
        .unwrap();
    let sales = write(
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         2024-03-05,County SMC,supply-marketing,cloth,10,300.00,credit:30,S-1\n\
         2024-03-20,County SMC,supply-marketing,cloth,10,300.00,credit:30,S-1\n",
    );
    app.artel
        .import_sales("coop-a", sales.path())
        .await
        .unwrap();
    let base = "/api/v1/organisations/coop-a";
    let (status, contracts) = app
        .call(
            Method::GET,
            &format!("{base}/contracts?from=2024-01-01&to=2024-12-31"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(contracts[0]["value"], "900.00", "{contracts}");
    let (_, invoices) = app
        .call(
            Method::GET,
            &format!("{base}/invoices?from=2024-03-01&to=2024-03-31"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(invoices[0]["due"], "2024-04-04", "{invoices}");
    assert_eq!(invoices[1]["contract"], "S-1", "{invoices}");
    let first = invoices[0]["sequence"].as_u64().unwrap();
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/payments"),
            Some(&accountant),
            Some(json!({"counterparty": "County SMC", "amount": "-5.00", "date": "2024-05-01"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["problems"][0]["field"], "amount", "{refused}");
    let (status, paid) = app
        .call(
            Method::POST,
            &format!("{base}/payments"),
            Some(&accountant),
            Some(json!({"counterparty": "County SMC", "amount": "350.00", "date": "2024-05-01", "into": "Assets:Bank"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{paid}");
    assert_eq!(
        paid["applied"][0],
        json!({"invoice": first, "amount": "300.00"})
    );
    assert_eq!(paid["applied"][1]["amount"], "50.00", "{paid}");
    assert_eq!(paid["advance"], "0.00");
    // On 2024-05-01 the second invoice (due 04-19) is 12 days overdue.
    let (_, aging) = app
        .call(
            Method::GET,
            &format!("{base}/aging?as_of=2024-05-01"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(
        aging["counterparties"]["County SMC"]["1-30"], "250.00",
        "{aging}"
    );
    assert_eq!(aging["total"]["current"], "0.00", "{aging}");
}

async fn fulfilment_and_write_offs_through_the_api(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let write = |text: &str| {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    };
    let contracts = write(
        "number,counterparty,counterparty_type,kind,signed,value,product,quantity,price,deliver_by\n\
         S-1,County SMC,supply-marketing,sales,2024-03-01,900.00,cloth,30,30.00,2024-03-31\n",
    );
    app.artel
        .import_contracts("coop-a", contracts.path())
        .await
        .unwrap();
    let sales = write(
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         2024-03-05,County SMC,supply-marketing,cloth,10,300.00,credit:30,S-1\n",
    );
    app.artel
        .import_sales("coop-a", sales.path())
        .await
        .unwrap();
    let base = "/api/v1/organisations/coop-a";
    let (status, standing) = app
        .call(
            Method::GET,
            &format!("{base}/contracts/fulfilment?as_of=2024-04-01"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{standing}");
    // Ten of thirty due by 31 March: a third delivered, and late.
    assert_eq!(standing[0]["status"], "overdue", "{standing}");
    assert_eq!(standing[0]["fulfilled_pct"], "33.3", "{standing}");
    assert_eq!(standing[0]["items"][0]["delivered"], 10, "{standing}");
    let (_, invoices) = app
        .call(
            Method::GET,
            &format!("{base}/invoices?from=2024-03-01&to=2024-03-31"),
            Some(&accountant),
            None,
        )
        .await;
    let invoice = invoices[0]["sequence"].as_u64().unwrap();
    let (status, refused) = app
        .call(
            Method::POST,
            &format!("{base}/write-offs"),
            Some(&accountant),
            Some(json!({"invoice": invoice, "motion": 99, "date": "2024-12-31"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["problems"][0]["field"], "motion", "{refused}");
}
