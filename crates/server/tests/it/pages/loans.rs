//! The loans page: a loan recorded from its form shows with its schedule and what is
//! outstanding; paying the next instalment links it to its entry; a refusal comes back
//! next to its field; English and Chinese; someone with no role there sees and changes
//! nothing.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, field_error, get, post, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(loans_from_the_form_are_scheduled_and_repaid);

fn loan<'a>(
    principal: &'a str,
    rate: &'a str,
    instalments: &'a str,
) -> [(&'static str, &'a str); 8] {
    [
        ("lender", "Shashi Credit Cooperative"),
        ("lender_kind", "bank"),
        ("principal", principal),
        ("rate", rate),
        ("drawn", "1954-03-01"),
        ("instalments", instalments),
        ("months", "3"),
        ("into", ""),
    ]
}

async fn loans_from_the_form_are_scheduled_and_repaid(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let empty = get(app, "/books/coop-a/loans", &english).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("No loans."), "{}", empty.body);
    assert!(
        empty
            .body
            .contains("href=\"/books/coop-a/loans\" aria-current=\"page\""),
        "the book navigation links the page: {}",
        empty.body
    );
    // Refused: the rate has three decimals; the message is next to the field, the input kept.
    let refused = post(
        app,
        "/books/coop-a/loans",
        &english,
        &loan("3000.00", "5.125", "4"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "rate").starts_with("Enter a rate between 0 and 100"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"3000.00\""),
        "{}",
        refused.body
    );
    let refused = post(app, "/books/coop-a/loans", &english, &loan("0", "5", "4")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "principal").starts_with("Enter a principal greater than zero"),
        "{}",
        refused.body
    );
    // 3,000.00 at 5 % in 4 quarterly instalments: 37.50, 28.13, 18.75, 9.38 interest.
    let recorded = post(
        app,
        "/books/coop-a/loans",
        &english,
        &loan("3000.00", "5", "4"),
    )
    .await;
    assert_eq!(
        recorded.location(),
        "/books/coop-a/loans?added=1#loan-1",
        "{}",
        recorded.body
    );
    let page = get(app, "/books/coop-a/loans?added=1", &english).await;
    assert!(page.body.contains("Loan 1 was recorded"), "{}", page.body);
    assert!(
        page.body.contains(
            "<tr><td>2</td><td>1954-09-01</td><td class=\"amount\">750.00</td><td class=\"amount\">28.13</td><td class=\"amount\">778.13</td><td>Not yet</td></tr>"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Pay 787.50"), "{}", page.body);
    // Paying before the loan was drawn is refused next to the date.
    let early = post(
        app,
        "/books/coop-a/loans/1/repay",
        &english,
        &[("date", "1954-02-01"), ("from", "")],
    )
    .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&early, "repay_date").starts_with("Not before the loan was drawn"),
        "{}",
        early.body
    );
    let paid = post(
        app,
        "/books/coop-a/loans/1/repay",
        &english,
        &[("date", "1954-06-01"), ("from", "")],
    )
    .await;
    assert_eq!(
        paid.location(),
        "/books/coop-a/loans?repaid=1#loan-1",
        "{}",
        paid.body
    );
    let page = get(app, "/books/coop-a/loans", &english).await;
    // The paid instalment links the entry that posted it; 2,250.00 is still owed.
    let sequence = app.artel.loan("coop-a", 1).await.unwrap().schedule[0]
        .repaid
        .unwrap()
        .sequence;
    assert!(
        page.body.contains(&format!(
            "<td>1954-06-01 · <a href=\"/books/coop-a/entries/{sequence}\">Entry {sequence}</a></td>"
        )),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td class=\"amount\">2250.00</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Pay 778.13"), "{}", page.body);
    let chinese = get(
        app,
        "/books/coop-a/loans",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert!(chinese.body.contains("借款"), "{}", chinese.body);
    assert_translated(
        &chinese.body,
        &[
            "Alpha Weaving Cooperative",
            "accountant",
            "Shashi Credit Cooperative",
        ],
    );
    // A director reads the loans but may not post: no forms.
    with_password(app, "director").await;
    let director = sign_in(app, "director", PASSWORD).await;
    let page = get(app, "/books/coop-a/loans", &[(SESSION, &director)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/loans/1/repay"), "{}", page.body);
    // Someone with no role there sees none of it and changes nothing.
    with_password(app, "hunan-officer").await;
    let outsider = sign_in(app, "hunan-officer", PASSWORD).await;
    let page = get(app, "/books/coop-a/loans", &[(SESSION, &outsider)]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Shashi Credit"));
    let refused = post(
        app,
        "/books/coop-a/loans/1/repay",
        &[(SESSION, &outsider)],
        &[("date", "1954-09-01"), ("from", "")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let refused = post(
        app,
        "/books/coop-a/loans",
        &[(SESSION, &outsider)],
        &loan("1.00", "1", "1"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let loans = app.artel.loans("coop-a").await.unwrap();
    assert_eq!(loans.len(), 1);
    assert_eq!(
        loans[0]
            .schedule
            .iter()
            .filter(|s| s.repaid.is_some())
            .count(),
        1
    );
}
