//! In a real browser: the director of the demo cooperative (thirteen members, a general
//! assembly in 1954 that set the share at 100,000.00) admits two members from the
//! register, records an application, holds a general assembly, puts the admission to the
//! vote, and sees the applicant's shares reach share capital on the trial balance and the
//! resolution on the member's page — then reads the meeting in Chinese.

use fantoccini::Locator;

use crate::browser::{Browser, Server, run};
use crate::harness::Artel;

/// The credit of `account` on a trial balance page, in minor units.
fn credit_of(page: &str, account: &str) -> i64 {
    let row = format!("<td>{account}</td>");
    let start = page
        .find(&row)
        .unwrap_or_else(|| panic!("{account} not on the trial balance: {page}"));
    let cells: Vec<&str> = page[start..]
        .split("<td class=\"amount\">")
        .skip(1)
        .take(2)
        .map(|cell| &cell[..cell.find('<').expect("the cell's end")])
        .collect();
    let credit = cells.get(1).copied().unwrap_or_default();
    if credit.is_empty() {
        return 0;
    }
    credit
        .replace([',', '.'], "")
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {credit}"))
}

/// Replaces what the field `id` holds with `text`.
async fn fill(browser: &Browser, id: &str, text: &str) {
    let field = browser.wait_for(&format!("#{id}")).await;
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

async fn share_capital(browser: &Browser, server: &Server) -> i64 {
    browser
        .client
        .goto(&server.url("/books/shashi-weaving/trial-balance"))
        .await
        .expect("open the trial balance");
    browser.wait_for("table.report tfoot").await;
    let page = browser.client.source().await.expect("the page");
    credit_of(&page, "Equity:Share Capital")
}

#[test]
fn admit_a_member_by_a_vote_and_see_the_share_capital_in_the_books() {
    let artel = Artel::sqlite();
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_to_demo(&server).await;
        let before = share_capital(&browser, &server).await;

        // Two members admitted at once, one share paid each; then an application.
        for (name, applicant) in [
            ("Wang Xiuying", false),
            ("Li Guihua", false),
            ("Chen Guoqiang", true),
        ] {
            client
                .goto(&server.url("/books/shashi-weaving/members"))
                .await
                .expect("open the register");
            fill(&browser, "name", name).await;
            fill(&browser, "shares_subscribed", "3").await;
            fill(&browser, "shares_paid", if applicant { "3" } else { "1" }).await;
            if applicant {
                browser
                    .wait_for("#applicant")
                    .await
                    .click()
                    .await
                    .expect("tick");
            }
            fill(&browser, "trade", "weaver\u{E007}").await;
            let notice = browser.wait_for("p.notice").await;
            let text = notice.text().await.expect("the notice");
            assert!(text.contains(name), "{text}");
        }
        assert_eq!(
            share_capital(&browser, &server).await - before,
            20_000_000,
            "two shares of 100,000.00 paid"
        );

        // A general assembly: eight of the fifteen members who may vote are present (the
        // demo's thirteen and the two just admitted), more than the half the quorum needs.
        client
            .find(Locator::Css("a[href='/books/shashi-weaving/meetings']"))
            .await
            .expect("the meetings link")
            .click()
            .await
            .expect("open the meetings");
        fill(&browser, "title", "General assembly").await;
        fill(&browser, "present", "8\u{E007}").await;
        browser.wait_for("form[action$='/motions']").await;
        let page = client.source().await.expect("the meeting");
        assert!(page.contains("8 / 15"), "{page}");

        // The admission put to the vote.
        fill(&browser, "text", "Admit Chen Guoqiang").await;
        browser
            .wait_for("#member")
            .await
            .select_by_value("16")
            .await
            .expect("choose the applicant");
        fill(&browser, "yes", "8").await;
        fill(&browser, "no", "0\u{E007}").await;
        let decided = browser.wait_for("#decided").await;
        let text = decided.text().await.expect("the outcome");
        assert_eq!(text, "Motion 4: Adopted");
        browser.screenshot("motion-adopted-en").await;

        // The applicant's three shares are in the books. The demo's assembly decided motions
        // 1 to 3, so this one is the fourth.
        assert_eq!(
            share_capital(&browser, &server).await - before,
            50_000_000,
            "and three more"
        );
        client
            .goto(&server.url("/books/shashi-weaving/members/16"))
            .await
            .expect("open the member");
        let standing = browser.wait_for("#standing").await;
        assert_eq!(standing.text().await.expect("text"), "Member");
        let paid_in = browser.wait_for("#paid-in").await;
        assert_eq!(paid_in.text().await.expect("text"), "300,000.00");
        let history = browser
            .wait_for("#history")
            .await
            .text()
            .await
            .expect("history");
        assert!(history.contains("motion 4"), "{history}");
        browser.screenshot("member-en").await;

        // The same meeting in Chinese.
        client
            .goto(&server.url("/books/shashi-weaving/meetings/2"))
            .await
            .expect("open the meeting");
        client
            .find(Locator::Css("button[name='lang']"))
            .await
            .expect("the language switch")
            .click()
            .await
            .expect("switch");
        browser.wait_for("html[lang='zh-CN']").await;
        let motions = browser
            .wait_for("#motions")
            .await
            .text()
            .await
            .expect("motions");
        assert!(motions.contains("通过"), "{motions}");
        browser.screenshot("meeting-zh").await;
        browser.close().await;
    });
}
