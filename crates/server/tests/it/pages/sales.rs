//! The dashboard warns when the charter's credit limits are crossed, in both languages, and
//! says nothing while they are kept. The sales page shows a year's sales figures computed by
//! hand from a small fixture — its indicators, sales by kind of buyer, the aging on a day, the
//! warnings — records a sale and a payment from its forms (a refusal next to its field), is
//! translated, and shows nothing to someone with no role there.

use axum::http::StatusCode;

use super::{
    Answer, PASSWORD, SESSION, amount_after, assert_translated, field_error, get, post, sign_in,
    with_password,
};
use crate::harness::{TestApp, engine_tests};

engine_tests!(
    the_dashboard_warns_of_credit_limits_crossed,
    the_sales_page_shows_the_year_figured_by_hand,
    sales_and_payments_from_the_forms,
    the_sales_page_in_chinese_and_to_others
);

async fn the_dashboard_warns_of_credit_limits_crossed(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let before = get(app, "/books/coop-a", &english).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(!before.body.contains("credit-warnings"), "{}", before.body);
    // All of the year's sales on credit, 90 days to one merchant who owes everything.
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         2024-03-10,Wang Ji,private-merchant,cloth,10,300.00,credit:90\n",
    )
    .unwrap();
    app.artel.import_sales("coop-a", file.path()).await.unwrap();
    let after = get(app, "/books/coop-a", &english).await;
    for expected in [
        "100.0 % of this year&#39;s sales are on credit; the charter allows 30.0 %.",
        "Wang Ji was granted 90 days&#39; credit; the charter allows 60.",
        "Wang Ji owes 100.0 % of the receivables; the charter allows 20.0 % to one buyer.",
    ] {
        assert!(
            after.body.contains(expected),
            "{expected} in {}",
            after.body
        );
    }
    let chinese = get(
        app,
        "/books/coop-a",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert!(
        chinese
            .body
            .contains("给予Wang Ji的赊销期为 90 天；章程允许 60 天。"),
        "{}",
        chinese.body
    );
}

/// A year of sales (2024) whose figures are easy to work out by hand.
async fn sales_fixture(app: &TestApp) {
    let write = |text: &str| {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    };
    let contracts = write(
        "number,counterparty,counterparty_type,kind,signed,value,credit_days\n\
         C-1,County SMC,supply-marketing,combined,2023-12-20,500.00,\n\
         S-1,County SMC,supply-marketing,sales,2024-02-01,900.00,30\n\
         P-1,Hankou Yarn,state-commerce,purchase,2024-02-10,200.00,\n",
    );
    app.artel
        .import_contracts("coop-a", contracts.path())
        .await
        .unwrap();
    // Entries 4 to 7 (the harness' journal has three).
    let sales = write(
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract\n\
         2024-03-05,County SMC,supply-marketing,cloth,10,300.00,credit:30,S-1\n\
         2024-03-20,Wang Ji,private-merchant,cloth,5,150.00,credit:90,\n\
         2024-04-02,Li Si,individual,towel,2,250.00,cash,\n\
         2024-05-10,County SMC,supply-marketing,cloth,10,300.00,credit:30,S-1\n",
    );
    app.artel
        .import_sales("coop-a", sales.path())
        .await
        .unwrap();
}

/// The text of the chart `id`'s description.
fn chart_description(answer: &Answer, id: &str) -> String {
    let chart = answer
        .body
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no {id}: {}", answer.body));
    let start = chart.find("<desc>").unwrap() + "<desc>".len();
    chart[start..chart.find("</desc>").unwrap()].to_owned()
}

/// A row of the aging table: the buyer and the amounts of each bucket, then the total.
fn aging_row(buyer: &str, amounts: [&str; 7]) -> String {
    let labels = [
        "Not yet due",
        "1–30 days",
        "31–60 days",
        "61–90 days",
        "91–180 days",
        "Over 180 days",
        "Total",
    ];
    let cells: String = labels
        .iter()
        .zip(amounts)
        .map(|(label, amount)| format!("<td class=\"amount\" data-label=\"{label}\">{amount}</td>"))
        .collect();
    format!("<th scope=\"row\" data-label=\"Buyer\">{buyer}</th>{cells}</tr>")
}

async fn the_sales_page_shows_the_year_figured_by_hand(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    // Before any sale: no figures, no chart, nothing owed; the books' navigation links here.
    let empty = get(app, "/books/coop-a/sales", &english).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    assert!(empty.body.contains("<h1>Sales 2024</h1>"), "{}", empty.body);
    assert!(
        empty
            .body
            .contains("href=\"/books/coop-a/sales\" aria-current=\"page\""),
        "{}",
        empty.body
    );
    assert_eq!(amount_after(&empty.body, "Sales on credit (%)"), "—");
    assert!(empty.body.contains("Nothing was invoiced in 2024."));
    assert!(!empty.body.contains("id=\"credit-warnings\""));
    sales_fixture(app).await;
    let page = get(
        app,
        "/books/coop-a/sales?year=2024&as_of=2024-06-30",
        &english,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // 1000.00 invoiced: 750.00 on credit, 400.00 to a merchant and an individual; the sales
    // contract signed in 2024 (900.00), not the combined one of 2023 nor the purchase.
    assert_eq!(amount_after(&page.body, "Sales on credit (%)"), "75.0");
    assert_eq!(
        amount_after(&page.body, "Sales to private buyers (%)"),
        "40.0"
    );
    assert_eq!(
        amount_after(&page.body, "Value of contracts signed"),
        "900.00"
    );
    let by_type = chart_description(&page, "sales-chart");
    assert!(
        by_type.contains(
            "Mar 2024: Supply and marketing cooperative 300.00, Private merchant 150.00, Individual 0.00; \
             Apr 2024: Supply and marketing cooperative 0.00, Private merchant 0.00, Individual 250.00; \
             May 2024: Supply and marketing cooperative 300.00, Private merchant 0.00, Individual 0.00;"
        ),
        "{by_type}"
    );
    assert!(!by_type.contains("State commerce"), "{by_type}");
    // On 30 June: the March invoice to the SMC (due 4 April) is 87 days overdue, its May
    // one (due 9 June) 21 days, Wang Ji's (due 18 June) 12 days.
    assert!(page.body.contains("Receivables aged on 30 Jun 2024"));
    assert_eq!(
        chart_description(&page, "aging-chart"),
        "Not yet due: Owed 0.00; 1–30 days: Owed 450.00; 31–60 days: Owed 0.00; \
         61–90 days: Owed 300.00; 91–180 days: Owed 0.00; Over 180 days: Owed 0.00"
    );
    for row in [
        aging_row(
            "County SMC",
            ["0.00", "300.00", "0.00", "300.00", "0.00", "0.00", "600.00"],
        ),
        aging_row(
            "Wang Ji",
            ["0.00", "150.00", "0.00", "0.00", "0.00", "0.00", "150.00"],
        ),
        aging_row(
            "Total",
            ["0.00", "450.00", "0.00", "300.00", "0.00", "0.00", "750.00"],
        ),
    ] {
        assert!(page.body.contains(&row), "{row} in {}", page.body);
    }
    // The charter's limits crossed that day: 75 % on credit, 90 days to Wang Ji, the SMC
    // owing 80 % (Wang Ji's 20 % is just within).
    for warning in [
        "75.0 % of this year&#39;s sales are on credit; the charter allows 30.0 %.",
        "Wang Ji was granted 90 days&#39; credit; the charter allows 60.",
        "County SMC owes 80.0 % of the receivables; the charter allows 20.0 % to one buyer.",
    ] {
        assert!(page.body.contains(warning), "{warning} in {}", page.body);
    }
    assert!(!page.body.contains("Wang Ji owes"), "{}", page.body);
    // The open invoices with what is owed, and every invoice of the year linked to its entry.
    assert!(
        page.body.contains("<td data-label=\"Buyer\">County SMC</td><td data-label=\"Due\">4 Apr 2024</td><td class=\"amount\" data-label=\"Amount\">300.00</td><td class=\"amount\" data-label=\"Owed\">300.00</td><td data-label=\"Entry\"><a href=\"/books/coop-a/entries/4\">4</a></td>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td data-label=\"Terms\">On credit, 90 days</td><td data-label=\"Due\">18 Jun 2024</td><td data-label=\"Contract\"></td><td data-label=\"Entry\"><a href=\"/books/coop-a/entries/5\">5</a></td>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td data-label=\"Terms\">Cash</td>"),
        "{}",
        page.body
    );
    for contract in ["S-1", "P-1"] {
        assert!(
            page.body
                .contains(&format!("<td data-label=\"Number\">{contract}</td>")),
            "{contract} in {}",
            page.body
        );
    }
    assert!(!page.body.contains("C-1</td>"), "{}", page.body);
    // By 30 June the SMC's contract has two deliveries of 300.00 against its 900.00: two
    // thirds fulfilled, no schedule to be late on; the chart sets each value beside them.
    for cell in [
        "<td class=\"amount\" data-label=\"Delivered\">600.00</td>",
        "<td class=\"amount\" data-label=\"Fulfilled (%)\">66.6</td>",
        "<td data-label=\"Status\">Delivering</td>",
    ] {
        assert!(page.body.contains(cell), "{cell} in {}", page.body);
    }
    let fulfilment = chart_description(&page, "fulfilment-chart");
    assert!(fulfilment.contains("S-1"), "{fulfilment}");
    // Without a day, the receivables are aged at the end of the year shown: by then every
    // invoice is more than 180 days overdue (the latest due, 18 June, by 196).
    let year_end = get(app, "/books/coop-a/sales?year=2024", &english).await;
    assert!(year_end.body.contains("Receivables aged on 31 Dec 2024"));
    assert!(
        year_end.body.contains(&aging_row(
            "Total",
            ["0.00", "0.00", "0.00", "0.00", "0.00", "750.00", "750.00"],
        )),
        "{}",
        year_end.body
    );
    // Another year shows that year: nothing invoiced in 2023, but its combined contract.
    let earlier = get(app, "/books/coop-a/sales?year=2023", &english).await;
    assert!(earlier.body.contains("Nothing was invoiced in 2023."));
    assert!(earlier.body.contains("C-1</td>"), "{}", earlier.body);
    assert_eq!(
        amount_after(&earlier.body, "Value of contracts signed"),
        "500.00"
    );
    let bad_day = get(app, "/books/coop-a/sales?as_of=30.06.2024", &english).await;
    assert_eq!(bad_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad_day, "as_of").contains("is not a date"));
    let absurd = get(app, "/books/coop-a/sales?year=99999", &english).await;
    assert_eq!(absurd.status, StatusCode::BAD_REQUEST);
}

fn sale<'a>(
    counterparty: &'a str,
    kind: &'a str,
    amount: &'a str,
    terms: &'a str,
    days: &'a str,
    contract: &'a str,
) -> [(&'static str, &'a str); 9] {
    [
        ("date", "2024-06-20"),
        ("counterparty", counterparty),
        ("counterparty_type", kind),
        ("product", "cloth"),
        ("quantity", "8"),
        ("amount", amount),
        ("terms", terms),
        ("days", days),
        ("contract", contract),
    ]
}

async fn sales_and_payments_from_the_forms(app: &TestApp) {
    sales_fixture(app).await;
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let sales = "/books/coop-a/sales";
    // Refused: each message next to its field, the form as typed.
    let refused = post(
        app,
        sales,
        &english,
        &sale(
            "County SMC",
            "private-merchant",
            "240.00",
            "credit",
            "30",
            "",
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "counterparty_type"),
        "This buyer is already known as another kind of buyer."
    );
    assert!(
        refused.body.contains("value=\"240.00\""),
        "{}",
        refused.body
    );
    let refused = post(
        app,
        sales,
        &english,
        &sale(
            "County SMC",
            "supply-marketing",
            "2.345",
            "credit",
            "",
            "S-9",
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "amount"),
        "Enter an amount with at most 2 decimals, like 1,234.50."
    );
    assert_eq!(field_error(&refused, "days"), "Fill this in.");
    let refused = post(
        app,
        sales,
        &english,
        &sale("Wang Ji", "private-merchant", "240.00", "cash", "", "S-1"),
    )
    .await;
    assert_eq!(
        field_error(&refused, "contract"),
        "There is no such contract with this buyer."
    );
    // Recorded: a delivery on credit under the SMC's contract, entry 8.
    let recorded = post(
        app,
        sales,
        &english,
        &sale(
            "County SMC",
            "supply-marketing",
            "240.00",
            "credit",
            "30",
            "S-1",
        ),
    )
    .await;
    assert_eq!(
        recorded.location(),
        "/books/coop-a/sales?year=2024&sale=8",
        "{}",
        recorded.body
    );
    let page = get(
        app,
        &format!("{}&as_of=2024-06-30", recorded.location()),
        &english,
    )
    .await;
    assert!(
        page.body.contains(
            "The sale was invoiced and posted. <a href=\"/books/coop-a/entries/8\">Entry 8</a>"
        ),
        "{}",
        page.body
    );
    // 240.00 more not yet due (due 20 July).
    assert!(
        page.body.contains(&aging_row(
            "County SMC",
            [
                "240.00", "300.00", "0.00", "300.00", "0.00", "0.00", "840.00"
            ],
        )),
        "{}",
        page.body
    );
    let entry = app.artel.entry("coop-a", 8).await.unwrap();
    assert_eq!(entry.postings[0].account.as_str(), "Assets:Receivables");
    assert_eq!(entry.postings[0].amount.minor(), 24_000);
    // A payment: the oldest invoice first, then part of the next.
    let payment = |who: &'static str, amount: &'static str| {
        [
            ("payment_counterparty", who),
            ("payment_amount", amount),
            ("payment_date", "2024-06-30"),
            ("payment_into", "Assets:Cash"),
        ]
    };
    let payments = "/books/coop-a/sales/payments";
    let refused = post(app, payments, &english, &payment("Nobody", "10.00")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "payment_counterparty"),
        "Nothing was ever sold to this buyer."
    );
    assert!(
        refused.body.contains("value=\"Nobody\""),
        "{}",
        refused.body
    );
    let refused = post(app, payments, &english, &payment("County SMC", "ten")).await;
    assert_eq!(
        field_error(&refused, "payment_amount"),
        "Enter an amount with at most 2 decimals, like 1,234.50."
    );
    let paid = post(app, payments, &english, &payment("County SMC", "350.00")).await;
    assert_eq!(
        paid.location(),
        "/books/coop-a/sales?year=2024&payment=9",
        "{}",
        paid.body
    );
    let page = get(
        app,
        "/books/coop-a/sales?year=2024&as_of=2024-06-30&payment=9",
        &english,
    )
    .await;
    assert!(page.body.contains("The payment was recorded and posted."));
    assert!(
        page.body.contains(&aging_row(
            "County SMC",
            ["240.00", "250.00", "0.00", "0.00", "0.00", "0.00", "490.00"],
        )),
        "{}",
        page.body
    );
    // The March invoice is paid and no longer open; 250.00 is left of the May one.
    let open = page.body.split("id=\"open-invoices\"").nth(1).unwrap();
    let open = &open[..open.find("</table>").unwrap()];
    assert!(!open.contains("entries/4\""), "{open}");
    assert!(
        open.contains("<td class=\"amount\" data-label=\"Amount\">300.00</td><td class=\"amount\" data-label=\"Owed\">250.00</td><td data-label=\"Entry\"><a href=\"/books/coop-a/entries/7\">7</a>"),
        "{open}"
    );
    // Told which invoice: the form offers the open ones; a paid one is refused by its field,
    // and the June sale (entry 8) chosen is paid before the older May one.
    assert!(
        page.body
            .contains("<option value=\"7\">Invoice 7: County SMC, 250.00 owed</option>"),
        "{}",
        page.body
    );
    let told = |invoice: &'static str| {
        let mut fields = payment("County SMC", "240.00").to_vec();
        fields.push(("payment_invoice", invoice));
        fields
    };
    let refused = post(app, payments, &english, &told("4")).await;
    assert_eq!(
        field_error(&refused, "payment_invoice"),
        "This is not an open invoice of this buyer."
    );
    let paid = post(app, payments, &english, &told("8")).await;
    assert_eq!(paid.location(), "/books/coop-a/sales?year=2024&payment=10");
    let page = get(
        app,
        "/books/coop-a/sales?year=2024&as_of=2024-06-30",
        &english,
    )
    .await;
    assert!(
        page.body.contains(&aging_row(
            "County SMC",
            ["0.00", "250.00", "0.00", "0.00", "0.00", "0.00", "250.00"],
        )),
        "{}",
        page.body
    );
}

async fn the_sales_page_in_chinese_and_to_others(app: &TestApp) {
    sales_fixture(app).await;
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let chinese = get(
        app,
        "/books/coop-a/sales?year=2024&as_of=2024-06-30&sale=4",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert_eq!(chinese.status, StatusCode::OK);
    assert!(chinese.body.contains("2024年6月30日的应收账款账龄"));
    assert!(chinese.body.contains("给予Wang Ji的赊销期为 90 天"));
    assert_translated(
        &chinese.body,
        &[
            "Alpha Weaving Cooperative",
            "accountant",
            "County SMC",
            "Wang Ji",
            "Li Si",
            "Hankou Yarn",
            "cloth",
            "towel",
            "S-1",
            "P-1",
        ],
    );
    // A supervisor reads the page but records nothing.
    with_password(app, "supervisor").await;
    let supervisor = sign_in(app, "supervisor", PASSWORD).await;
    let page = get(app, "/books/coop-a/sales", &[(SESSION, &supervisor)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("County SMC"));
    assert!(
        !page
            .body
            .contains("method=\"post\" action=\"/books/coop-a/sales")
    );
    let refused = post(
        app,
        "/books/coop-a/sales",
        &[(SESSION, &supervisor)],
        &sale("County SMC", "supply-marketing", "1.00", "cash", "", ""),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Someone with no role there sees none of it and records nothing.
    with_password(app, "hunan-officer").await;
    let outsider = sign_in(app, "hunan-officer", PASSWORD).await;
    let page = get(app, "/books/coop-a/sales", &[(SESSION, &outsider)]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("County SMC"));
    let refused = post(
        app,
        "/books/coop-a/sales",
        &[(SESSION, &outsider)],
        &sale("County SMC", "supply-marketing", "1.00", "cash", "", ""),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let refused = post(
        app,
        "/books/coop-a/sales/payments",
        &[(SESSION, &outsider)],
        &[
            ("payment_counterparty", "County SMC"),
            ("payment_amount", "1.00"),
            ("payment_date", "2024-06-30"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let from = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    assert_eq!(
        app.artel.invoices("coop-a", from, to).await.unwrap().len(),
        4
    );
}
