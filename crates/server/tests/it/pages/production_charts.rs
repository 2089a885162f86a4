//! The production page's charts and comparison: with plans and production of two products
//! imported, the plan-against-output chart, the products' table and defect-rate chart show
//! the hand-computed figures, two periods compare with their change in percent, and a
//! period that cannot be read is refused next to its field — in English and Chinese.

use axum::http::StatusCode;

use super::{Answer, PASSWORD, SESSION, amount_after, assert_translated, field_error, get};
use super::{sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(plans_and_products_are_charted_and_periods_compared);

/// Cloth: January 100 made, 34 defective (34.0 %), 66 good at 10.00 = 660.00 of 800.00
/// planned; May's plan of 400.00 is not met at all. Towels: April 100 made, 6 defective
/// (6.0 %), 94 good at 5.00 = 470.00 of 500.00 planned (94.0 %). Socks: planned in June,
/// never made.
const PRODUCTION: &str = "date,product,quantity,defective,first_grade
1954-01-10,cloth,60,20,
1954-01-25,cloth,40,14,
1954-04-05,towel,50,2,
1954-04-20,towel,50,4,
";

const PLANS: &str = "month,product,quantity,value
1954-01,cloth,100,800.00
1954-04,towel,100,500.00
1954-05,cloth,50,400.00
1954-06,sock,20,60.00
";

async fn import(app: &TestApp) {
    let directory = tempfile::tempdir().unwrap();
    let production = directory.path().join("production.csv");
    std::fs::write(&production, PRODUCTION).unwrap();
    let plans = directory.path().join("plans.csv");
    std::fs::write(&plans, PLANS).unwrap();
    app.artel
        .set_product_price("coop-a", "cloth", "10.00")
        .await
        .unwrap();
    app.artel
        .set_product_price("coop-a", "towel", "5.00")
        .await
        .unwrap();
    app.artel
        .import_production("coop-a", &production)
        .await
        .unwrap();
    app.artel.import_plans("coop-a", &plans).await.unwrap();
}

/// The part of the page from the element with `id` on.
fn from_id<'a>(answer: &'a Answer, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\"");
    let start = answer
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {id} in {}", answer.body));
    &answer.body[start..]
}

/// The cells of the row headed `heading` in `html`.
fn row_cells(html: &str, heading: &str) -> Vec<String> {
    let start = html
        .find(&format!(">{heading}</th>"))
        .unwrap_or_else(|| panic!("no row {heading} in {html}"));
    let row = &html[start..];
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<td")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..];
            text[..text.find('<').unwrap()].to_owned()
        })
        .collect()
}

async fn plans_and_products_are_charted_and_periods_compared(app: &TestApp) {
    import(app).await;
    with_password(app, "supervisor").await;
    let session = sign_in(app, "supervisor", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let page = get(app, "/books/coop-a/production?year=1954", &english).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);

    // Planned against output value, month by month.
    let plan = from_id(&page, "plan-chart");
    assert!(
        plan.contains("<title>Planned value and output value by month, 1954</title>"),
        "{plan}"
    );
    for month in [
        "Jan 1954: Planned value 800.00, Output value 660.00;",
        "Feb 1954: Planned value 0.00, Output value 0.00;",
        "Apr 1954: Planned value 500.00, Output value 470.00;",
        "May 1954: Planned value 400.00, Output value 0.00;",
        "Jun 1954: Planned value 60.00, Output value 0.00;",
    ] {
        assert!(plan.contains(month), "{month} not in {plan}");
    }
    assert!(plan.contains("<title>Jan 1954 · Output value: 660.00</title>"));

    // Each product of the year; socks were planned and never made.
    let products = from_id(&page, "products");
    let cells = |product| row_cells(products, product);
    assert_eq!(
        cells("cloth"),
        ["100", "34", "66", "660.00", "1200.00", "34.0", "55.0"]
    );
    assert_eq!(
        cells("towel"),
        ["100", "6", "94", "470.00", "500.00", "6.0", "94.0"]
    );
    assert_eq!(cells("sock"), ["0", "0", "0", "0.00", "60.00", "—", "0.0"]);
    let chart = from_id(&page, "product-defect-chart");
    assert!(
        chart.contains("<desc>cloth: Defect rate (%) 34.0; towel: Defect rate (%) 6.0</desc>"),
        "{chart}"
    );

    // The year is offered against the year before until other periods are asked for.
    assert!(
        page.body
            .contains("id=\"period\" name=\"period\" value=\"1954\"")
    );
    assert!(
        page.body
            .contains("id=\"compare\" name=\"compare\" value=\"1953\"")
    );
    assert!(!page.body.contains("id=\"comparison\""));
    let compared = get(
        app,
        "/books/coop-a/production?year=1954&period=1954-Q2&compare=1954-01",
        &english,
    )
    .await;
    assert_eq!(compared.status, StatusCode::OK, "{}", compared.body);
    let table = from_id(&compared, "comparison");
    assert!(table.contains(">1954-Q2</th>") && table.contains(">1954-01</th>"));
    // The second quarter against January: defect rate 6.0 against 34.0; output 470.00
    // against 660.00; fulfilment 470.00 of the quarter's 960.00 planned (49.0) against
    // 660.00 of 800.00 (82.5); the same 100 pieces, none graded first.
    assert_eq!(
        row_cells(table, "Defect rate (%)"),
        ["6.0", "34.0", "-82.4"]
    );
    assert_eq!(
        row_cells(table, "Output value"),
        ["470.00", "660.00", "-28.8"]
    );
    assert_eq!(
        row_cells(table, "Plan fulfilment (%)"),
        ["49.0", "82.5", "-40.6"]
    );
    assert_eq!(row_cells(table, "Output (pieces)"), ["100", "100", "0.0"]);
    assert_eq!(amount_after(table, "First-grade share (%)"), "0.0");

    // A period that cannot be read is refused next to its field, and nothing compared.
    let refused = get(
        app,
        "/books/coop-a/production?year=1954&period=1954-Q5&compare=",
        &english,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&refused, "period"),
        "“1954-Q5” is not a period; use the form 1954, 1954-Q2 or 1954-04."
    );
    assert_eq!(field_error(&refused, "compare"), "Fill this in.");
    assert!(!refused.body.contains("id=\"comparison\""));

    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    let page = get(
        app,
        "/books/coop-a/production?year=1954&period=1954-04&compare=1954-01",
        &chinese,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1954年各月计划产值与实际产值"));
    assert_eq!(
        row_cells(from_id(&page, "comparison"), "次品率（%）"),
        ["6.0", "34.0", "-82.4"]
    );
    assert_translated(
        &page.body,
        &[
            "Alpha Weaving Cooperative",
            "supervisor",
            "cloth",
            "towel",
            "sock",
        ],
    );
    let refused = get(
        app,
        "/books/coop-a/production?year=1954&period=1954-13&compare=1954",
        &chinese,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&refused, "period").starts_with("“1954-13”不是期间"));
}
