//! In a real browser: the demo cooperative's accountant records a production report with
//! defective pieces and sees the defect-rate chart and the year's indicators change.

use crate::browser::{Browser, Server, run};
use crate::harness::Artel;

/// The text of the defect-rate chart's description: each month's rate.
async fn defect_chart(browser: &Browser) -> String {
    let page = browser.client.source().await.expect("the page");
    let chart = page
        .split("id=\"defect-chart\"")
        .nth(1)
        .expect("the defect-rate chart");
    let start = chart.find("<desc>").expect("its description") + "<desc>".len();
    let end = chart.find("</desc>").expect("its end");
    chart[start..end].to_owned()
}

#[test]
fn record_production_and_see_the_defect_rate_chart_change() {
    let artel = Artel::sqlite();
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_to_demo(&server).await;
        client
            .goto(&server.url("/books/shashi-weaving/production"))
            .await
            .expect("open the production page");
        browser.wait_for("#defect-chart svg").await;
        let before = defect_chart(&browser).await;
        assert!(!before.contains(" 25.0"), "{before}");

        // Today's report, from the keyboard: 40 pieces, 10 defective.
        browser
            .wait_for("#product")
            .await
            .send_keys("cloth")
            .await
            .expect("type");
        browser
            .wait_for("#quantity")
            .await
            .send_keys("40")
            .await
            .expect("type");
        let defective = browser.wait_for("#defective").await;
        defective.clear().await.expect("clear");
        defective.send_keys("10\u{E007}").await.expect("submit");
        let notice = browser.wait_for("p.notice").await;
        assert!(notice.text().await.expect("text").contains("recorded"));
        let after = defect_chart(&browser).await;
        assert!(after.contains("Defect rate (%) 25.0"), "{after}");
        let indicators = browser
            .wait_for("#indicators")
            .await
            .text()
            .await
            .expect("text");
        assert!(indicators.contains("25.0"), "{indicators}");
        browser.screenshot("production-en").await;
        browser.close().await;
    });
}
