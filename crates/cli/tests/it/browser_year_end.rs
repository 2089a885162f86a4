//! In a real browser: the demo cooperative's members' labour of 1954 is recorded and the
//! year closed; a general assembly in January 1955 votes on the distribution of the
//! surplus; the director carries it out on the year-end page, sees every member's
//! dividends, and opens a member's statement as a PDF.

use crate::browser::{Browser, Server, run};
use crate::harness::Artel;

const BOOK: &str = "shashi-weaving";

/// Replaces what the field `id` holds with `text`.
async fn fill(browser: &Browser, id: &str, text: &str) {
    let field = browser.wait_for(&format!("#{id}")).await;
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

#[test]
fn distribute_the_surplus_after_a_vote_and_open_a_statement() {
    let artel = Artel::sqlite();
    // Load the demo, then record its year's labour and close 1954 while no server runs.
    drop(Server::demo(&artel));
    let mut labour = String::from("month,member,days,pieces,wages\n");
    for member in 1..=13 {
        for month in 1..=12 {
            labour.push_str(&format!(
                "1954-{month:02},{member},{},0,0\n",
                20 + member % 5
            ));
        }
    }
    let file = artel.write("labour.csv", &labour);
    artel.ok(&["import", "labour", file, "--org", BOOK]);
    let closed = artel.ok(&["year", "close", "--org", BOOK, "--year", "1954"]);
    assert!(closed.contains("1954 closed with a surplus of"), "{closed}");
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_to_demo(&server).await;

        // The general assembly of 15 January 1955, all thirteen members present.
        client
            .goto(&server.url(&format!("/books/{BOOK}/meetings")))
            .await
            .expect("open the meetings");
        browser.wait_for("#held_on").await;
        client
            .execute(
                "document.getElementById('held_on').value = '1955-01-15';",
                vec![],
            )
            .await
            .expect("set the day");
        fill(&browser, "title", "Year-end general assembly").await;
        fill(&browser, "present", "13\u{E007}").await;
        browser.wait_for("form[action$='/motions']").await;
        browser
            .wait_for("#kind")
            .await
            .select_by_value("distribution")
            .await
            .expect("a motion on the distribution");
        fill(
            &browser,
            "text",
            "Divide the surplus of 1954 as the charter says",
        )
        .await;
        fill(&browser, "yes", "13").await;
        fill(&browser, "no", "0\u{E007}").await;
        let decided = browser.wait_for("#decided").await;
        let outcome = decided.text().await.expect("the outcome");
        assert!(outcome.ends_with("Adopted"), "{outcome}");

        // The year-end page previews the division; the adopted motion carries it out.
        client
            .goto(&server.url(&format!("/books/{BOOK}/year-end?year=1954")))
            .await
            .expect("open the year end");
        browser.wait_for("#preview-parts").await;
        browser.screenshot("year-end-preview-en").await;
        browser
            .wait_for("#motion")
            .await
            .select_by_index(1)
            .await
            .expect("choose the adopted motion");
        browser
            .wait_for("#distribute")
            .await
            .click()
            .await
            .expect("distribute");
        let notice = browser.wait_for("p.notice").await;
        let text = notice.text().await.expect("the notice");
        assert_eq!(text, "The surplus is distributed and posted.");
        let made = browser.wait_for("#distribution-made").await;
        assert!(
            made.text()
                .await
                .expect("text")
                .contains("Adopted by motion")
        );
        let members = browser
            .wait_for("#distribution-members tbody")
            .await
            .find_all(fantoccini::Locator::Css("tr"))
            .await
            .expect("the members' rows");
        assert_eq!(members.len(), 13, "every member who worked gets a dividend");
        browser.screenshot("year-end-distributed-en").await;

        // A member's statement, fetched by the browser with its session: a PDF.
        let href = browser
            .wait_for("#statement-pdf-1")
            .await
            .attr("href")
            .await
            .expect("its address")
            .expect("an address");
        let answer = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0]).then(async r => done([r.status, r.headers.get('content-type'),
                   Array.from(new Uint8Array(await r.arrayBuffer())).slice(0, 5)]));",
                vec![serde_json::Value::String(href)],
            )
            .await
            .expect("fetch the statement");
        assert_eq!(answer[0], 200, "{answer}");
        assert_eq!(answer[1], "application/pdf", "{answer}");
        let start: Vec<u8> = serde_json::from_value(answer[2].clone()).expect("bytes");
        assert_eq!(start, b"%PDF-", "{answer}");
        browser.close().await;
    });
}
