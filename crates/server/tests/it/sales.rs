//! Sales through the API: the contracts and invoices imported, a payment applied to the
//! oldest invoice first with the rest an advance, a refused payment naming its field, and
//! the aging on a day; one invoice at a time, posted once under its `Idempotency-Key`,
//! every bad field named; a contract's fulfilment and a refused write-off.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{TestApp, engine_tests};

/// A file holding `text`, removed when dropped.
fn csv_file(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

engine_tests!(
    sales_through_the_api,
    one_invoice_at_a_time,
    fulfilment_and_write_offs_through_the_api
);

async fn sales_through_the_api(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let contracts = csv_file(
        "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
         S-1,County SMC,supply-marketing,sales,2024-03-01,900.00,30\n",
    );
    app.artel
        .import_contracts("coop-a", contracts.path())
        .await
        .unwrap();
    let sales = csv_file(
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
    let contracts = csv_file(
        "number,counterparty,counterparty_type,kind,signed,value,product,quantity,price,deliver_by\n\
         S-1,County SMC,supply-marketing,sales,2024-03-01,900.00,cloth,30,30.00,2024-03-31\n",
    );
    app.artel
        .import_contracts("coop-a", contracts.path())
        .await
        .unwrap();
    let sales = csv_file(
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

async fn one_invoice_at_a_time(app: &TestApp) {
    let accountant = app.token("accountant").await;
    let contracts = csv_file(
        "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
         S-1,County SMC,supply-marketing,sales,2024-03-01,900.00,30\n",
    );
    app.artel
        .import_contracts("coop-a", contracts.path())
        .await
        .unwrap();
    let url = "/api/v1/organisations/coop-a/invoices";
    let sale = json!({"date": "2024-04-02", "counterparty": "County SMC",
        "counterparty_type": "supply-marketing", "product": "cloth", "quantity": 30,
        "amount": "1,234.56", "terms": "credit:30", "contract": "S-1"});
    let first = app
        .post_keyed(url, &accountant, sale.clone(), "sale-1")
        .await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    // The harness' journal has three entries: the invoice is the fourth.
    assert_eq!(first.1, json!({"sequence": 4}));
    // Retried under its key: the first answer, and no second invoice.
    let again = app.post_keyed(url, &accountant, sale, "sale-1").await;
    assert_eq!(again, first);
    let (_, invoices) = app
        .call(
            Method::GET,
            &format!("{url}?from=2024-04-01&to=2024-04-30"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(invoices.as_array().unwrap().len(), 1, "{invoices}");
    assert_eq!(invoices[0]["amount"], "1234.56", "{invoices}");
    assert_eq!(invoices[0]["due"], "2024-05-02", "{invoices}");
    assert_eq!(invoices[0]["sequence"], 4, "{invoices}");
    let (_, entry) = app
        .call(
            Method::GET,
            "/api/v1/books/coop-a/entries/4",
            Some(&accountant),
            None,
        )
        .await;
    let postings: Vec<(&str, &str)> = entry["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["account"].as_str().unwrap(),
                p["amount"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        postings,
        [
            ("Assets:Receivables", "1234.56"),
            ("Income:Sales", "-1234.56")
        ],
        "{entry}"
    );
    // Every bad field is named, all at once.
    let (status, refused) = app
        .call(
            Method::POST,
            url,
            Some(&accountant),
            Some(
                json!({"date": "2024-04-03", "counterparty": " ", "counterparty_type": "merchant",
                "product": "", "quantity": 0, "amount": "1.001", "terms": "later"}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let fields: Vec<&str> = refused["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "counterparty",
            "counterparty_type",
            "product",
            "quantity",
            "amount",
            "terms"
        ],
        "{refused}"
    );
    // What is stored decides the rest: a known buyer's type, a contract and its holder.
    for (bad, field, message) in [
        (
            json!({"counterparty_type": "private-merchant"}),
            "counterparty_type",
            "'County SMC' is a supply-marketing",
        ),
        (
            json!({"contract": "S-9"}),
            "contract",
            "contract 'S-9' does not exist",
        ),
        (
            json!({"counterparty": "Wang Ji", "counterparty_type": "private-merchant"}),
            "contract",
            "contract 'S-1' is with 'County SMC', not 'Wang Ji'",
        ),
        (json!({"amount": "-5.00"}), "amount", "must be more than 0"),
        (json!({"date": "April"}), "date", ""),
    ] {
        let mut body = json!({"date": "2024-04-03", "counterparty": "County SMC",
            "counterparty_type": "supply-marketing", "product": "cloth", "quantity": 1,
            "amount": "5.00", "terms": "cash", "contract": "S-1"});
        for (key, value) in bad.as_object().unwrap() {
            body[key] = value.clone();
        }
        let (status, refused) = app
            .call(Method::POST, url, Some(&accountant), Some(body))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["problems"][0]["field"], field, "{refused}");
        assert!(
            refused["problems"][0]["message"]
                .as_str()
                .unwrap()
                .contains(message),
            "{refused}"
        );
    }
    // A role that may read the books but not sell: refused, nothing posted.
    let supervisor = app.token("supervisor").await;
    let (status, _) = app
        .call(
            Method::POST,
            url,
            Some(&supervisor),
            Some(json!({"date": "2024-04-03", "counterparty": "County SMC",
                "counterparty_type": "supply-marketing", "product": "cloth", "quantity": 1,
                "amount": "5.00", "terms": "cash"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, invoices) = app
        .call(
            Method::GET,
            &format!("{url}?from=2024-01-01&to=2024-12-31"),
            Some(&accountant),
            None,
        )
        .await;
    assert_eq!(invoices.as_array().unwrap().len(), 1, "{invoices}");
}
