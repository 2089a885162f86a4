//! Browser tests: Debian's Chromium, headless, driven through ChromeDriver against a real
//! `artel serve --demo`. Screenshots are kept under the build's test directory
//! (`browser-artifacts/`) for people to look at when a test fails.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

use crate::harness::Artel;

/// How long a page may take to show what a test waits for.
const PAGE_WAIT: Duration = Duration::from_secs(20);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

/// A running `artel serve --demo`, stopped (SIGTERM) when dropped.
pub struct Server {
    process: Child,
    pub address: String,
}

impl Server {
    pub fn demo(artel: &Artel) -> Server {
        let mut process = artel.spawn(&["serve", "--demo", "--addr", "127.0.0.1:0"]);
        let mut stderr = BufReader::new(process.stderr.take().expect("stderr"));
        let mut printed = String::new();
        let address = loop {
            let mut line = String::new();
            assert!(
                stderr.read_line(&mut line).expect("a line") > 0,
                "the server ended early: {printed}"
            );
            printed.push_str(&line);
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest
                    .split_whitespace()
                    .next()
                    .expect("an address")
                    .to_owned();
            }
        };
        Server { process, address }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.process.id().to_string()])
            .status();
        let _ = self.process.wait();
    }
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

#[test]
fn sign_in_switch_language_and_be_refused_elsewhere() {
    let artel = Artel::sqlite();
    artel.ok(&[
        "org",
        "add",
        "other-coop",
        "--kind",
        "cooperative",
        "--name",
        "Other Secret Cooperative",
    ]);
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
        let link = browser.wait_for("a[href='/books/demo-weaving']").await;
        assert!(
            link.text()
                .await
                .expect("its text")
                .contains("Demo Weaving")
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
        browser.wait_for("a[href='/books/demo-weaving']").await;
        browser.screenshot("home-zh").await;
        let page = client.source().await.expect("the page");
        assert!(
            page.contains("示范织布生产合作社"),
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
