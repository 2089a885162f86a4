//! Browser tests: Debian's Chromium, headless, driven through ChromeDriver against a real
//! `artel serve --demo`. Screenshots are kept under the build's test directory
//! (`browser-artifacts/`) for people to look at when a test fails.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use calamine::{DataType, Reader};
use fantoccini::{Client, ClientBuilder, Locator};

use crate::harness::Artel;
pub use crate::served::Server;

/// How long a page may take to show what a test waits for.
const PAGE_WAIT: Duration = Duration::from_secs(20);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

/// Headless Chromium behind its own ChromeDriver, with a fresh profile; closed when dropped.
pub struct Browser {
    driver: Child,
    pub client: Client,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "chromedriver must be installed (scripts/test installs Debian's chromium-driver)",
            );
        let profile = tempfile::tempdir().expect("a profile directory");
        let arguments = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,900",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({"binary": "/usr/bin/chromium", "args": arguments}),
        );
        let mut last_error = None;
        for _ in 0..50 {
            match ClientBuilder::rustls()
                .expect("TLS roots")
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => {
                    return Browser {
                        driver,
                        client,
                        _profile: profile,
                    };
                }
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("cannot start Chromium through ChromeDriver: {last_error:?}");
    }

    /// Saves a screenshot as `browser-artifacts/NAME.png` in the build's test directory.
    pub async fn screenshot(&self, name: &str) {
        let directory = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts");
        std::fs::create_dir_all(&directory).expect("the artifacts directory");
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(directory.join(format!("{name}.png")), png).expect("write the screenshot");
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PAGE_WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    /// Signs in to the demo from the keyboard (name, Tab, password, Enter) and waits for
    /// the home page's link to the demo's books.
    pub async fn sign_in_to_demo(&self, server: &Server) {
        self.sign_in_as(server, "demo").await;
    }

    /// Signs in to the demo as `user` (the demo's password) and waits for the home page's
    /// link to the demo's books, which the demo's user and its province's officer both read.
    pub async fn sign_in_as(&self, server: &Server, user: &str) {
        self.client
            .goto(&server.url("/sign-in"))
            .await
            .expect("open the sign-in page");
        self.wait_for("#name")
            .await
            .send_keys(&format!("{user}\u{E004}demo-artel-1954\u{E007}"))
            .await
            .expect("type");
        self.wait_for("a[href='/books/shashi-weaving']").await;
    }

    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Runs an async browser test on its own runtime.
pub fn run<F: std::future::Future<Output = ()>>(test: F) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(test);
}

#[test]
fn the_api_explorer_renders_under_the_content_security_policy() {
    let artel = Artel::sqlite();
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        browser
            .client
            .goto(&server.url("/api/explorer/"))
            .await
            .expect("open the explorer");
        let operation = browser.wait_for(".opblock").await;
        browser.screenshot("api-explorer").await;
        assert!(!operation.text().await.expect("its text").is_empty());
        let source = browser.client.source().await.expect("the page");
        assert!(
            source.contains("/books/{code}/trial-balance"),
            "the explorer does not list the API's routes"
        );
        browser.close().await;
    });
}

/// A database with the demo and a cooperative the demo user has no role over, "Other
/// Secret Cooperative" (`other-coop`), whose name must never reach the demo user's pages.
/// (The demo goes in first: it never loads beside other books.)
fn with_another_cooperative() -> Artel {
    let artel = Artel::sqlite();
    artel.ok(&["demo"]);
    artel.ok(&[
        "org",
        "add",
        "other-coop",
        "--kind",
        "cooperative",
        "--name",
        "Other Secret Cooperative",
    ]);
    artel
}

#[test]
fn sign_in_switch_language_and_be_refused_elsewhere() {
    let artel = with_another_cooperative();
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        client
            .goto(&server.url("/"))
            .await
            .expect("open the home page");
        browser.wait_for("form[action='/sign-in']").await;
        assert_eq!(
            client.current_url().await.expect("a URL").path(),
            "/sign-in",
            "a visitor is sent to sign in"
        );
        client
            .find(Locator::Id("name"))
            .await
            .expect("the name field")
            .send_keys("demo")
            .await
            .expect("type");
        // From the keyboard alone: the password, then Enter submits the form.
        client
            .find(Locator::Id("password"))
            .await
            .expect("the password field")
            .send_keys("demo-artel-1954\u{E007}")
            .await
            .expect("type");
        let link = browser.wait_for("a[href='/books/shashi-weaving']").await;
        assert!(
            link.text()
                .await
                .expect("its text")
                .contains("Shashi Weaving")
        );
        browser.screenshot("home-en").await;
        link.click().await.expect("open the books");
        browser.wait_for("figure.chart svg rect").await;
        browser.screenshot("dashboard-en").await;
        client
            .find(Locator::Css("button[name='lang']"))
            .await
            .expect("the language switch")
            .click()
            .await
            .expect("switch");
        browser.wait_for("html[lang='zh-CN']").await;
        browser.screenshot("dashboard-zh").await;
        client.goto(&server.url("/")).await.expect("back home");
        browser.wait_for("a[href='/books/shashi-weaving']").await;
        browser.screenshot("home-zh").await;
        let page = client.source().await.expect("the page");
        assert!(
            page.contains("沙市织布生产合作社"),
            "the cooperative is listed in Chinese too"
        );
        // Another organisation's page: refused, and it says nothing of it.
        client
            .goto(&server.url("/books/other-coop"))
            .await
            .expect("open another book");
        let page = client.source().await.expect("the page");
        browser.screenshot("refused-zh").await;
        assert!(
            page.contains("lang=\"zh-CN\""),
            "the refusal is in the reader's language"
        );
        assert!(!page.contains("Other Secret"), "{page}");
        let unknown = {
            client
                .goto(&server.url("/books/no-such-coop"))
                .await
                .expect("open a book that does not exist");
            client.source().await.expect("the page")
        };
        assert_eq!(
            page.replace("other-coop", "X"),
            unknown.replace("no-such-coop", "X"),
            "a refusal looks like a missing book"
        );
        browser.close().await;
    });
}

/// The debit balance of `account` on a trial balance page, in minor units.
fn debit_of(page: &str, account: &str) -> i64 {
    let cell = format!("<td>{account}</td><td class=\"amount\">");
    let start = page
        .find(&cell)
        .unwrap_or_else(|| panic!("{account} not on the trial balance: {page}"))
        + cell.len();
    let text = &page[start..start + page[start..].find('<').expect("the cell's end")];
    text.replace([',', '.'], "")
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {text}"))
}

/// Types `keys` into the element that has the focus; `\u{E004}` is Tab.
async fn type_here(client: &Client, keys: &str) {
    client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(keys)
        .await
        .expect("type");
}

async fn id_of_focus(client: &Client) -> String {
    client
        .active_element()
        .await
        .expect("a focused element")
        .attr("id")
        .await
        .expect("its id")
        .unwrap_or_default()
}

/// The trial balance of the demo book, its page's source.
async fn trial_balance(browser: &Browser, server: &Server) -> String {
    browser
        .client
        .goto(&server.url("/books/shashi-weaving/trial-balance"))
        .await
        .expect("open the trial balance");
    browser.wait_for("table.report tfoot").await;
    browser.client.source().await.expect("the page")
}

#[test]
fn keep_the_books_from_the_keyboard_in_both_languages() {
    let artel = with_another_cooperative();
    let server = Server::demo(&artel);
    run(async {
        let browser = Browser::start().await;
        let client = &browser.client;
        browser.sign_in_to_demo(&server).await;
        let before = debit_of(&trial_balance(&browser, &server).await, "Assets:Cash");

        // A new entry, from the keyboard alone: the date has the focus, Tab goes on, and
        // Ctrl+Enter posts.
        client
            .find(Locator::Css("a[href='/books/shashi-weaving/entries/new']"))
            .await
            .expect("the new-entry link")
            .click()
            .await
            .expect("open the form");
        browser.wait_for("#entry-form").await;
        assert_eq!(id_of_focus(client).await, "date", "the date has the focus");
        // Tab walks through the date's day, month and year, then on to the memo.
        for _ in 0..5 {
            if id_of_focus(client).await != "date" {
                break;
            }
            type_here(client, "\u{E004}").await;
        }
        assert_eq!(id_of_focus(client).await, "memo");
        type_here(client, "Cloth sold at the market\u{E004}").await;
        assert_eq!(id_of_focus(client).await, "account_0");
        type_here(client, "Assets:Cash\u{E004}12.50\u{E004}\u{E004}").await;
        assert_eq!(id_of_focus(client).await, "account_1");
        type_here(client, "Income:Sales\u{E004}\u{E004}12").await;
        let balance = browser.wait_for("#balance.off").await;
        assert!(
            balance.text().await.expect("its text").contains("0.50"),
            "the difference shows as one types"
        );
        type_here(client, ".50").await;
        let balance = browser.wait_for("#balance:not(.off)").await;
        assert!(
            balance.text().await.expect("its text").contains("balanced"),
            "and the balance when it is reached"
        );
        browser.screenshot("entry-form-en").await;
        type_here(client, "\u{E009}\u{E007}\u{E000}").await;
        let notice = browser.wait_for("p.notice").await;
        let posted = notice.text().await.expect("the notice");
        assert!(posted.contains("was posted"), "{posted}");
        let entry_url = client.current_url().await.expect("a URL");
        browser.screenshot("entry-posted-en").await;
        let after = debit_of(&trial_balance(&browser, &server).await, "Assets:Cash");
        assert_eq!(after - before, 1_250, "the trial balance has the 12.50");

        // Reverse it from its page.
        client
            .goto(entry_url.as_str())
            .await
            .expect("back to the entry");
        client
            .find(Locator::Css(
                "form[action$='/reverse'] button[type='submit']",
            ))
            .await
            .expect("the reverse button")
            .click()
            .await
            .expect("reverse");
        browser.wait_for("p.notice").await;
        let reversal = client.source().await.expect("the reversal");
        assert!(reversal.contains("Reversal of entry"), "{reversal}");
        browser.screenshot("reversal-en").await;
        let reversed = debit_of(&trial_balance(&browser, &server).await, "Assets:Cash");
        assert_eq!(reversed, before, "the reversal cancels the entry");

        // The same page in Chinese.
        client
            .find(Locator::Css("button[name='lang']"))
            .await
            .expect("the language switch")
            .click()
            .await
            .expect("switch");
        browser.wait_for("html[lang='zh-CN']").await;
        let chinese = client.source().await.expect("the page");
        assert!(chinese.contains("试算平衡表"), "{chinese}");
        assert!(
            chinese.contains("借方") && chinese.contains("下载"),
            "{chinese}"
        );
        assert!(!chinese.contains(">Trial balance<"), "{chinese}");
        browser.screenshot("trial-balance-zh").await;

        // The workbook behind the download link, fetched by the browser with its session,
        // opened with calamine: Chinese headings, the same cash balance.
        let href = client
            .find(Locator::Css("a[href*='trial-balance.xlsx']"))
            .await
            .expect("the XLSX link")
            .attr("href")
            .await
            .expect("its address")
            .expect("an address");
        let bytes = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0]).then(r => r.arrayBuffer())
                   .then(b => done(Array.from(new Uint8Array(b))));",
                vec![serde_json::Value::String(href)],
            )
            .await
            .expect("fetch the workbook");
        let bytes: Vec<u8> = serde_json::from_value(bytes).expect("bytes");
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a workbook");
        let sheet = workbook.sheet_names()[0].clone();
        assert_eq!(sheet, "试算平衡表");
        let range = workbook.worksheet_range(&sheet).expect("the sheet");
        let cash = range
            .rows()
            .find(|row| row.first().map(ToString::to_string).as_deref() == Some("Assets:Cash"))
            .expect("a row for the cash");
        let value = cash[1].as_f64().expect("a number");
        #[allow(clippy::cast_possible_truncation)]
        let minor = (value * 100.0).round() as i64;
        assert_eq!(minor, before, "the workbook's cash: {cash:?}");

        // On a phone-sized screen every page of the books fits its width: wide tables
        // scroll inside their own box, the page itself never sideways.
        client
            .set_window_size(390, 844)
            .await
            .expect("a phone-sized window");
        for page in [
            "",
            "/entries",
            "/entries/new",
            "/accounts",
            "/trial-balance",
            "/general-ledger?account=Assets%3ACash",
            "/balance-sheet",
            "/periods",
            "/members",
            "/sales",
        ] {
            client
                .goto(&server.url(&format!("/books/shashi-weaving{page}")))
                .await
                .expect("open the page");
            browser.wait_for("main h1").await;
            let overflow = client
                .execute(
                    "return document.documentElement.scrollWidth - window.innerWidth;",
                    vec![],
                )
                .await
                .expect("measure the page");
            assert!(
                overflow.as_i64().expect("a number") <= 0,
                "{page} is wider than a phone by {overflow}px"
            );
        }
        client
            .goto(&server.url("/books/shashi-weaving/entries/new"))
            .await
            .expect("open the form");
        browser.wait_for("#entry-form").await;
        browser.screenshot("entry-form-phone-zh").await;

        // Another organisation's books: refused like a book that does not exist.
        client
            .goto(&server.url("/books/other-coop/entries/new"))
            .await
            .expect("open another book");
        let refused = client.source().await.expect("the page");
        assert!(refused.contains("lang=\"zh-CN\""));
        assert!(!refused.contains("entry-form"), "{refused}");
        assert!(!refused.contains("Other Secret"), "{refused}");
        browser.screenshot("refused-entry-form-zh").await;
        browser.close().await;
    });
}
