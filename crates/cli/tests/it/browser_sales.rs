//! In a real browser: the demo cooperative's general assembly changes the charter to allow
//! thirty days of credit at most; the accountant records a delivery on credit for forty-five
//! days through the sales page's form, from the keyboard, and sees the aging bars and the
//! dashboard's credit warning change.

use crate::browser::{Browser, Server, run};
use crate::harness::Artel;

const BOOK: &str = "shashi-weaving";

/// A general assembly of the demo's thirteen members adopts, from 1 June 1954, a charter
/// that allows `days` of credit at most; the rest of the charter is as it was.
fn limit_credit_to(artel: &Artel, days: u32) {
    let charter = artel.ok(&["meeting", "charter", "--org", BOOK, "--date", "1954-06-01"]);
    let limited = charter.replace(
        "\"credit_term_days\": 60",
        &format!("\"credit_term_days\": {days}"),
    );
    assert_ne!(
        limited, charter,
        "the demo's charter allows 60 days: {charter}"
    );
    let file = artel.write("charter.json", &limited);
    let added = artel.ok(&[
        "meeting",
        "add",
        "--org",
        BOOK,
        "--body",
        "general-assembly",
        "--date",
        "1954-06-01",
        "--title",
        "Credit to buyers",
        "--present",
        "13",
    ]);
    let number = added
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("the meeting's number: {added}"));
    let decided = artel.ok(&[
        "meeting",
        "motion",
        "--org",
        BOOK,
        number,
        "--kind",
        "charter-change",
        "--text",
        "Thirty days of credit at most",
        "--yes",
        "13",
        "--no",
        "0",
        "--charter",
        file,
        "--effective",
        "1954-06-01",
    ]);
    assert!(decided.contains("adopted"), "{decided}");
}

/// The text of the aging chart's description: what is owed in each bucket.
async fn aging_bars(browser: &Browser) -> String {
    browser.wait_for("#aging-chart svg").await;
    let page = browser.client.source().await.expect("the page");
    let chart = page
        .split("id=\"aging-chart\"")
        .nth(1)
        .expect("the aging chart");
    let start = chart.find("<desc>").expect("its description") + "<desc>".len();
    let end = chart.find("</desc>").expect("its end");
    chart[start..end].to_owned()
}

/// Types `text` into the field `id`.
async fn type_into(browser: &Browser, id: &str, text: &str) {
    browser
        .wait_for(&format!("#{id}"))
        .await
        .send_keys(text)
        .await
        .expect("type");
}

#[test]
fn a_delivery_on_credit_moves_the_aging_and_the_dashboard_warns() {
    let artel = Artel::sqlite();
    // Load the demo, then change its charter while no server holds the database.
    drop(Server::demo(&artel));
    limit_credit_to(&artel, 30);
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_to_demo(&server).await;
        client
            .goto(&server.url(&format!("/books/{BOOK}")))
            .await
            .expect("open the dashboard");
        browser.wait_for("main h1").await;
        let dashboard = client.source().await.expect("the dashboard");
        assert!(!dashboard.contains("credit-warnings"), "{dashboard}");

        client
            .find(fantoccini::Locator::Css(&format!(
                "a[href='/books/{BOOK}/sales']"
            )))
            .await
            .expect("the sales link")
            .click()
            .await
            .expect("open the sales page");
        let before = aging_bars(&browser).await;
        assert!(before.contains("31–60 days: Owed 0.00"), "{before}");
        assert!(!before.contains("1500.00"), "{before}");

        // Delivered on 1 October 1954, due 45 days later: on 31 December, 46 days overdue.
        client
            .execute(
                "document.getElementById('date').value = '1954-10-01';",
                vec![],
            )
            .await
            .expect("date the sale");
        type_into(&browser, "counterparty", "Hankou Cloth Shop").await;
        browser
            .wait_for("#counterparty_type")
            .await
            .select_by_value("private-merchant")
            .await
            .expect("choose the kind of buyer");
        type_into(&browser, "product", "cloth").await;
        type_into(&browser, "quantity", "50").await;
        type_into(&browser, "amount", "1,500.00").await;
        browser
            .wait_for("#terms")
            .await
            .select_by_value("credit")
            .await
            .expect("choose credit");
        type_into(&browser, "days", "45\u{E007}").await;
        let notice = browser.wait_for("p.notice").await;
        assert!(
            notice.text().await.expect("text").contains("invoiced"),
            "the sale was not recorded"
        );
        let after = aging_bars(&browser).await;
        assert!(after.contains("31–60 days: Owed 1500.00"), "{after}");
        let aging = browser
            .wait_for("#aging")
            .await
            .text()
            .await
            .expect("the aging table");
        assert!(aging.contains("Hankou Cloth Shop"), "{aging}");
        browser.screenshot("sales-en").await;
        client
            .execute(
                "document.getElementById('aging-heading').scrollIntoView();",
                vec![],
            )
            .await
            .expect("scroll to the aging");
        browser.screenshot("sales-aging-en").await;

        client
            .goto(&server.url(&format!("/books/{BOOK}")))
            .await
            .expect("open the dashboard");
        let warnings = browser
            .wait_for("#credit-warnings")
            .await
            .text()
            .await
            .expect("the warnings");
        assert!(
            warnings
                .contains("Hankou Cloth Shop was granted 45 days' credit; the charter allows 30."),
            "{warnings}"
        );
        browser.screenshot("sales-dashboard-warning-en").await;
        browser.close().await;
    });
}
