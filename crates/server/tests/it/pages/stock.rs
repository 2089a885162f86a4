//! The stock page: movements recorded from its form change what is on hand, own stock at
//! cost and a buyer's materials apart; a refused movement comes back next to its field;
//! English and Chinese; someone with no role there sees and changes nothing.

use axum::http::StatusCode;

use super::{PASSWORD, SESSION, assert_translated, field_error, get, post, sign_in, with_password};
use crate::harness::{TestApp, engine_tests};

engine_tests!(movements_from_the_form_change_what_is_on_hand);

fn movement<'a>(
    kind: &'a str,
    item: &'a str,
    quantity: &'a str,
    value: &'a str,
    owner: &'a str,
) -> [(&'static str, &'a str); 8] {
    [
        ("date", "1954-04-05"),
        ("kind", kind),
        ("item", item),
        ("quantity", quantity),
        ("value", value),
        ("owner", owner),
        ("paid_from", ""),
        ("note", ""),
    ]
}

async fn movements_from_the_form_change_what_is_on_hand(app: &TestApp) {
    with_password(app, "accountant").await;
    let session = sign_in(app, "accountant", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let empty = get(app, "/books/coop-a/stock?year=1954", &english).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("Nothing on hand."), "{}", empty.body);
    // Without a year, the page opens on the year of the books' last entry (2024-03-02).
    let opened = get(app, "/books/coop-a/stock", &english).await;
    assert!(opened.body.contains("Movements of 2024"), "{}", opened.body);
    for form in [
        movement("purchase", "yarn", "40", "120.00", ""),
        movement("supplied", "cotton", "300", "", "County SMC"),
        movement("issue", "yarn", "10", "", ""),
    ] {
        let recorded = post(app, "/books/coop-a/stock", &english, &form).await;
        assert_eq!(
            recorded.location(),
            "/books/coop-a/stock?year=1954&recorded=1",
            "{}",
            recorded.body
        );
    }
    let refused = post(
        app,
        "/books/coop-a/stock",
        &english,
        &movement("issue", "yarn", "31", "", ""),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "quantity").starts_with("Not possible with what is on hand"),
        "{}",
        refused.body
    );
    let page = get(app, "/books/coop-a/stock?year=1954", &english).await;
    // 30 yarn left of 40 bought for 120.00: 90.00 at cost; the buyer's cotton apart.
    assert!(
        page.body.contains(
            "<tr><th scope=\"row\">yarn</th><td>Material</td><td class=\"amount\">30</td><td class=\"amount\">90.00</td></tr>"
        ),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(
            "<tr><th scope=\"row\">County SMC</th><td>cotton</td><td class=\"amount\">300</td></tr>"
        ),
        "{}",
        page.body
    );
    // The entry is linked from its movement.
    assert!(
        page.body.contains("<td>Issue to production</td><td>yarn</td><td></td><td class=\"amount\">-10</td><td class=\"amount\">-30.00</td><td><a href=\"/books/coop-a/entries/"),
        "{}",
        page.body
    );
    // A production report from its page issues the materials it used.
    let report = |materials: &'static str| {
        [
            ("date", "1954-04-06"),
            ("product", "cloth"),
            ("quantity", "20"),
            ("defective", "1"),
            ("first_grade", ""),
            ("made_by", "3"),
            ("materials", materials),
        ]
    };
    let refused = post(app, "/books/coop-a/production", &english, &report("yarn")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "materials").starts_with("These materials cannot be issued"),
        "{}",
        refused.body
    );
    let recorded = post(app, "/books/coop-a/production", &english, &report("yarn=5")).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let page = get(app, "/books/coop-a/stock?year=1954", &english).await;
    assert!(
        page.body.contains(
            "<tr><th scope=\"row\">yarn</th><td>Material</td><td class=\"amount\">25</td><td class=\"amount\">75.00</td></tr>"
        ),
        "{}",
        page.body
    );
    let chinese = get(
        app,
        "/books/coop-a/stock?year=1954",
        &[(SESSION, session.as_str()), ("lang", "zh-CN")],
    )
    .await;
    assert_translated(
        &chinese.body,
        &[
            "Alpha Weaving Cooperative",
            "accountant",
            "County SMC",
            "yarn",
            "cotton",
            "cloth",
        ],
    );
    // Someone with no role there sees none of it and records nothing.
    with_password(app, "hunan-officer").await;
    let outsider = sign_in(app, "hunan-officer", PASSWORD).await;
    let page = get(app, "/books/coop-a/stock", &[(SESSION, &outsider)]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("yarn"));
    let refused = post(
        app,
        "/books/coop-a/stock",
        &[(SESSION, &outsider)],
        &movement("purchase", "yarn", "1", "1.00", ""),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(app.artel.stock_on_hand("coop-a").await.unwrap().len(), 2);
}
