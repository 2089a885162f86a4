//! In a real browser: a provincial office's rectification campaign, recorded on the command
//! line over the demo's region, is read on its dashboard by an officer of the province —
//! the days to the deadline, the stages done, the overdue action highlighted — in English,
//! then in Chinese after switching the language, and the overdue action is marked done
//! from its form.

use fantoccini::Locator;

use crate::browser::{Browser, Server, run};
use crate::campaigns::{CAMPAIGN, add_campaign, office_and_conference, words};
use crate::harness::Artel;

/// Records, on the command line, the office, its conference, the campaign with two focus
/// cooperatives, three stages done between them, a finding with two actions — one done,
/// one due on 1 May 1954 and still open.
fn record_the_campaign(artel: &Artel) {
    office_and_conference(artel);
    artel.ok(&[
        "org",
        "add",
        "shashi-bamboo",
        "--kind",
        "cooperative",
        "--name",
        "Shashi Bamboo Cooperative",
        "--region",
        "shashi",
        "--founded",
        "1953-01-01",
    ]);
    assert!(add_campaign(artel).status.success());
    let on_campaign =
        |subcommand: &str, rest: &str| format!("campaign {subcommand} {CAMPAIGN} {rest}");
    artel.ok(&words(&on_campaign(
        "focus",
        "--org demo-weaving --org shashi-bamboo",
    )));
    for (org, stage, started, finished) in [
        ("demo-weaving", "mobilisation", "1954-03-02", "1954-03-09"),
        (
            "demo-weaving",
            "explaining-policy",
            "1954-03-10",
            "1954-03-20",
        ),
        ("shashi-bamboo", "mobilisation", "1954-03-05", "1954-03-15"),
    ] {
        let rest = format!(
            "--org {org} --stage {stage} --status done --started {started} --finished {finished}"
        );
        artel.ok(&words(&on_campaign("stage", &rest)));
    }
    let line = on_campaign(
        "finding",
        "--org demo-weaving --category finance-accounting",
    );
    let mut finding = words(&line);
    finding.extend(["--text", "No cash book is kept"]);
    assert_eq!(artel.ok(&finding).trim(), "1");
    for (owner, due) in [
        ("Accountant Wang", "1954-04-01"),
        ("Director Li", "1954-05-01"),
    ] {
        let line = on_campaign("action", &format!("--finding 1 --due {due}"));
        let mut action = words(&line);
        action.extend(["--owner", owner]);
        artel.ok(&action);
    }
    artel.ok(&words(&on_campaign(
        "action-done",
        "--action 1 --date 1954-03-30",
    )));
    // The demo's user is also an officer of the province, who may run the campaign.
    artel.ok(&words(
        "user add demo --role government-officer --region hubei",
    ));
}

async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(css).await.text().await.expect("its text")
}

#[test]
fn read_a_campaigns_dashboard_in_both_languages_and_close_an_overdue_action() {
    let artel = Artel::sqlite();
    drop(Server::demo(&artel));
    record_the_campaign(&artel);
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_to_demo(&server).await;
        // The home page offers the campaign to an officer of the province.
        browser
            .wait_for(&format!("a[href='/campaigns/{CAMPAIGN}']"))
            .await
            .click()
            .await
            .expect("open the campaign");
        browser.wait_for("#campaign-figures").await;
        client
            .goto(&server.url(&format!("/campaigns/{CAMPAIGN}?as_of=1954-05-10")))
            .await
            .expect("the dashboard on 10 May 1954");
        assert_eq!(
            text_of(&browser, "#days-to-deadline").await,
            "51 days to the deadline"
        );
        assert_eq!(text_of(&browser, "#stages-done").await, "3 of 12");
        assert_eq!(
            text_of(&browser, "#actions-summary").await,
            "1 open (1 overdue), 1 done"
        );
        assert_eq!(
            text_of(&browser, "#focus-demo-weaving .stages-done").await,
            "2/6"
        );
        assert_eq!(
            text_of(&browser, "#focus-shashi-bamboo .stages-done").await,
            "1/6"
        );
        let overdue = text_of(&browser, "tr.overdue").await;
        assert!(
            overdue.contains("Director Li") && overdue.contains("Overdue"),
            "{overdue}"
        );
        let rows = browser
            .wait_for("#actions-table tbody")
            .await
            .find_all(Locator::Css("tr.overdue"))
            .await
            .expect("rows");
        assert_eq!(
            rows.len(),
            1,
            "only the open action due before the day is overdue"
        );
        assert!(
            text_of(&browser, "#meeting")
                .await
                .contains("Provincial handicraft conference")
        );
        assert!(
            text_of(&browser, "#findings")
                .await
                .contains("No cash book is kept")
        );
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
            "距截止日期还有 51 天"
        );
        assert_eq!(text_of(&browser, "#stages-done").await, "3 / 12");
        assert_eq!(
            text_of(&browser, "#actions-summary").await,
            "未完成 1 项（逾期 1 项），已完成 1 项"
        );
        assert_eq!(text_of(&browser, "tr.overdue .action-status").await, "逾期");
        assert!(text_of(&browser, "#stages-grid").await.contains("思想发动"));
        browser.screenshot("campaign-dashboard-zh").await;

        // The overdue action is marked done from its form: none is overdue after.
        browser.wait_for("#done-date-2").await;
        client
            .execute(
                "document.getElementById('done-date-2').value = '1954-05-08';",
                vec![],
            )
            .await
            .expect("set the day");
        browser
            .wait_for("#action-2 button[type='submit']")
            .await
            .click()
            .await
            .expect("mark it done");
        assert_eq!(text_of(&browser, "p.notice").await, "措施已标记完成。");
        client
            .goto(&server.url(&format!("/campaigns/{CAMPAIGN}?as_of=1954-05-10")))
            .await
            .expect("the dashboard again");
        assert_eq!(
            text_of(&browser, "#actions-summary").await,
            "未完成 0 项（逾期 0 项），已完成 2 项"
        );
        let overdue = browser
            .wait_for("#actions-table tbody")
            .await
            .find_all(Locator::Css("tr.overdue"))
            .await
            .expect("rows");
        assert!(overdue.is_empty());
        browser.close().await;
    });
}
