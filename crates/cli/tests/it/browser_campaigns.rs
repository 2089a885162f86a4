//! In a real browser: the demo's rectification campaign — decided by the provincial
//! handicraft conference, twelve focus cooperatives — read on its dashboard by the
//! province's officer: the days to the deadline, the stages done, the overdue actions
//! highlighted, in English, then in Chinese after switching the language; and an overdue
//! action marked done from its form.

use fantoccini::Locator;

use crate::browser::{Browser, Server, run};
use crate::harness::Artel;

/// The demo's campaign.
const CAMPAIGN: &str = "hubei-1954-rectification";

async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(css).await.text().await.expect("its text")
}

async fn overdue_rows(browser: &Browser) -> usize {
    browser
        .wait_for("#actions-table tbody")
        .await
        .find_all(Locator::Css("tr.overdue"))
        .await
        .expect("rows")
        .len()
}

#[test]
fn read_a_campaigns_dashboard_in_both_languages_and_close_an_overdue_action() {
    let artel = Artel::sqlite();
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_as(&server, "province").await;
        // The home page offers the campaign to the officer of the province.
        browser
            .wait_for(&format!("a[href='/campaigns/{CAMPAIGN}']"))
            .await
            .click()
            .await
            .expect("open the campaign");
        // Its deadline has passed: it shows how it stood on 30 June 1954.
        assert_eq!(
            text_of(&browser, "#days-to-deadline").await,
            "the deadline is today"
        );
        client
            .goto(&server.url(&format!("/campaigns/{CAMPAIGN}?as_of=1954-06-07")))
            .await
            .expect("the dashboard on 7 June 1954, the article's day");
        assert_eq!(
            text_of(&browser, "#days-to-deadline").await,
            "23 days to the deadline"
        );
        assert_eq!(text_of(&browser, "#stages-done").await, "66 of 72");
        assert_eq!(
            text_of(&browser, "#actions-summary").await,
            "3 open (2 overdue), 6 done"
        );
        assert_eq!(
            text_of(&browser, "#focus-echeng-plow .stages-done").await,
            "6/6"
        );
        assert_eq!(
            text_of(&browser, "#focus-enshi-paper .stages-done").await,
            "4/6"
        );
        assert_eq!(overdue_rows(&browser).await, 2);
        let overdue = text_of(&browser, "tr.overdue").await;
        assert!(overdue.contains("Overdue"), "{overdue}");
        assert!(
            text_of(&browser, "#meeting")
                .await
                .contains("Hubei Provincial Handicraft Work Conference")
        );
        assert!(text_of(&browser, "#findings").await.contains("赊销给私商"));
        browser.screenshot("campaign-dashboard-en").await;

        // The same dashboard in Chinese.
        browser
            .wait_for("button[name='lang']")
            .await
            .click()
            .await
            .expect("the language switch");
        browser.wait_for("html[lang='zh-CN']").await;
        assert_eq!(
            text_of(&browser, "#days-to-deadline").await,
            "距截止日期还有 23 天"
        );
        assert_eq!(text_of(&browser, "#stages-done").await, "66 / 72");
        assert_eq!(
            text_of(&browser, "#actions-summary").await,
            "未完成 3 项（逾期 2 项），已完成 6 项"
        );
        assert_eq!(text_of(&browser, "tr.overdue .action-status").await, "逾期");
        assert!(text_of(&browser, "#stages-grid").await.contains("思想发动"));
        browser.screenshot("campaign-dashboard-zh").await;

        // Enshi's overdue action (the eighth) is marked done from its form: one is left.
        browser.wait_for("#done-date-8").await;
        client
            .execute(
                "document.getElementById('done-date-8').value = '1954-06-05';",
                vec![],
            )
            .await
            .expect("set the day");
        browser
            .wait_for("#action-8 button[type='submit']")
            .await
            .click()
            .await
            .expect("mark it done");
        assert_eq!(text_of(&browser, "p.notice").await, "措施已标记完成。");
        client
            .goto(&server.url(&format!("/campaigns/{CAMPAIGN}?as_of=1954-06-07")))
            .await
            .expect("the dashboard again");
        assert_eq!(
            text_of(&browser, "#actions-summary").await,
            "未完成 2 项（逾期 1 项），已完成 7 项"
        );
        assert_eq!(overdue_rows(&browser).await, 1);
        browser.close().await;
    });
}
