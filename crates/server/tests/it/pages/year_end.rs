//! The year-end page: labour recorded from its form (a refusal next to its field), the
//! year closed from the page, the preview of its distribution with its parts and members,
//! the distribution carried out by an adopted motion chosen on the form, the members'
//! statements and their workbook, in English and Chinese; someone with no role there sees
//! nothing.

use axum::http::StatusCode;

use super::{
    PASSWORD, SESSION, amount_after, assert_translated, field_error, get, post, sign_in,
    with_password,
};
use crate::harness::{TestApp, engine_tests};
use crate::year_end::{a_year_of_books, adopted};

engine_tests!(a_year_is_closed_and_distributed_from_the_page);

fn labour<'a>(member: &'a str, days: &'a str) -> [(&'static str, &'a str); 5] {
    [
        ("month", "1954-03"),
        ("member", member),
        ("days", days),
        ("pieces", "10"),
        ("wages", "15.00"),
    ]
}

async fn a_year_is_closed_and_distributed_from_the_page(app: &TestApp) {
    a_year_of_books(app, "ye").await;
    with_password(app, "director").await;
    let session = sign_in(app, "director", PASSWORD).await;
    let english = [(SESSION, session.as_str()), ("lang", "en")];
    let page = get(app, "/books/ye/year-end?year=1954", &english).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("The year is open."), "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/books/ye/year-end\" aria-current=\"page\""),
        "{}",
        page.body
    );
    let refused = post(
        app,
        "/books/ye/year-end/1954/labour",
        &english,
        &labour("1", "2.25"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "days").starts_with("Give the days"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"2.25\""), "{}", refused.body);
    let pieces = [
        ("month", "1954-03"),
        ("member", "1"),
        ("days", "3"),
        ("pieces", "many"),
        ("wages", ""),
    ];
    let refused = post(app, "/books/ye/year-end/1954/labour", &english, &pieces).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused, "pieces").starts_with("Give the pieces"),
        "{}",
        refused.body
    );
    for (member, days) in [("1", "30"), ("2", "20")] {
        let recorded = post(
            app,
            "/books/ye/year-end/1954/labour",
            &english,
            &labour(member, days),
        )
        .await;
        assert_eq!(
            recorded.location(),
            "/books/ye/year-end?year=1954&done=labour",
            "{}",
            recorded.body
        );
    }
    let closed = post(app, "/books/ye/year-end/1954/close", &english, &[]).await;
    assert_eq!(
        closed.location(),
        "/books/ye/year-end?year=1954&done=closed",
        "{}",
        closed.body
    );
    let again = post(app, "/books/ye/year-end/1954/close", &english, &[]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&again, "close").starts_with("The year cannot be closed now"),
        "{}",
        again.body
    );

    let page = get(app, "/books/ye/year-end?year=1954", &english).await;
    assert!(
        page.body
            .contains("The year is closed with a surplus of 1,000.00."),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"preview-chart\""), "{}", page.body);
    let parts = &page.body[page.body.find("id=\"preview-parts\"").expect("the parts")..];
    assert_eq!(amount_after(parts, "Public accumulation fund"), "398.40");
    assert_eq!(amount_after(parts, "Cap on the dividend on shares"), "1.60");
    assert!(
        page.body.contains("<tr><td>1</td><th scope=\"row\">Wang</th><td class=\"amount\">270.00</td><td class=\"amount\">0.80</td><td class=\"amount\">270.80</td></tr>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("No motion on a distribution has been adopted yet"),
        "{}",
        page.body
    );

    let motion = adopted(app, "ye", "distribution").await;
    let chosen = motion.to_string();
    let early = post(
        app,
        "/books/ye/year-end/1954/distribute",
        &english,
        &[
            ("motion", chosen.as_str()),
            ("date", "1954-12-31"),
            ("draw_from", ""),
            ("draw", ""),
        ],
    )
    .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&early, "date").starts_with("The date must fall after"),
        "{}",
        early.body
    );
    let done = post(
        app,
        "/books/ye/year-end/1954/distribute",
        &english,
        &[
            ("motion", chosen.as_str()),
            ("date", ""),
            ("draw_from", ""),
            ("draw", ""),
        ],
    )
    .await;
    assert_eq!(
        done.location(),
        "/books/ye/year-end?year=1954&done=distributed",
        "{}",
        done.body
    );
    let page = get(
        app,
        "/books/ye/year-end?year=1954&done=distributed",
        &english,
    )
    .await;
    assert!(
        page.body.contains("The surplus is distributed and posted."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("Adopted by motion {motion}")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("id=\"distribution-chart\""),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("id=\"distribute\""),
        "the form is gone: {}",
        page.body
    );
    assert!(
        page.body.contains("<td class=\"amount\">270.00</td><td class=\"amount\">0.80</td><td class=\"amount\">270.80</td><td class=\"no-print\">"),
        "the statement shows the dividends: {}",
        page.body
    );

    assert!(
        page.body.contains("<th scope=\"row\"><a href=\"/books/ye/year-end?year=1954\">1954</a></th><td class=\"amount\">1,000.00</td>"),
        "the distributions by year: {}",
        page.body
    );
    // A federation's year-end page rolls its members' distributions up.
    let federation = artel_app::OrganisationRequest {
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
            "director",
            "director",
            &artel_app::Scope::Organisation("fed".into()),
        )
        .await
        .unwrap();
    let rolled = get(app, "/books/fed/year-end?year=1954", &english).await;
    assert!(
        rolled.body.contains("<th scope=\"row\">Year-end Weaving Cooperative (ye)</th><td class=\"amount\">1,000.00</td><td class=\"amount\">398.40</td><td class=\"amount\">451.60</td><td class=\"amount\">2</td>"),
        "{}",
        rolled.body
    );

    let workbook = get(app, "/books/ye/year-end/1954/statements.xlsx", &english).await;
    assert_eq!(workbook.status, StatusCode::OK);
    assert!(workbook.bytes.starts_with(b"PK"), "an XLSX is a zip");
    assert_eq!(
        workbook.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );

    let chinese = [(SESSION, session.as_str()), ("lang", "zh-CN")];
    let page = get(app, "/books/ye/year-end?year=1954", &chinese).await;
    assert!(page.body.contains("本年已结账"), "{}", page.body);
    assert_translated(
        &page.body,
        &[
            "Year-end Weaving Cooperative",
            "Wang",
            "Li",
            "The surplus of",
            "director",
        ],
    );

    // A member signed in prints their own statement, and nobody else's.
    app.artel
        .add_user(
            "wang",
            "member",
            &artel_app::Scope::Organisation("ye".into()),
        )
        .await
        .unwrap();
    app.artel.link_member("ye", 1, "wang").await.unwrap();
    with_password(app, "wang").await;
    let wang = sign_in(app, "wang", PASSWORD).await;
    let as_wang = [(SESSION, wang.as_str()), ("lang", "en")];
    let own = get(app, "/membership/ye", &as_wang).await;
    assert!(
        own.body
            .contains("href=\"/membership/ye/statements/1954/pdf\""),
        "{}",
        own.body
    );
    let pdf = get(app, "/membership/ye/statements/1954/pdf", &as_wang).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    // A member's role there is too weak for the others' statements: refused, nothing shown.
    let other = get(app, "/books/ye/year-end/1954/statements/2/pdf", &as_wang).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert!(!other.bytes.starts_with(b"%PDF"));
    let page_of_others = get(app, "/books/ye/year-end?year=1954", &as_wang).await;
    assert_eq!(page_of_others.status, StatusCode::FORBIDDEN);
    assert!(
        !page_of_others.body.contains("Li"),
        "{}",
        page_of_others.body
    );
    // The director's PDF of member 2, in Chinese.
    let li = get(app, "/books/ye/year-end/1954/statements/2/pdf", &chinese).await;
    assert_eq!(li.status, StatusCode::OK);
    assert!(li.bytes.starts_with(b"%PDF-"), "a PDF");

    with_password(app, "hunan-officer").await;
    let outsider = sign_in(app, "hunan-officer", PASSWORD).await;
    let hidden = get(
        app,
        "/books/ye/year-end?year=1954",
        &[(SESSION, outsider.as_str())],
    )
    .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert!(!hidden.body.contains("Wang"));
    let refused = post(
        app,
        "/books/ye/year-end/1954/labour",
        &[(SESSION, outsider.as_str())],
        &labour("1", "1"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}
