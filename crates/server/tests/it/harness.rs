//! The test harness: a fresh database per test on either engine with two cooperatives in
//! different regions, a user for every role over the first, an outsider over the second and
//! a region officer; and a client that calls the router in process.

use artel_app::{Artel, OrganisationRequest, Scope};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// Generates, for each named `async fn NAME(app: &TestApp)`, a module `NAME` with two tests,
/// `sqlite` and `postgres`, so a failure names the engine it happened on.
macro_rules! engine_tests {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = crate::harness::TestApp::sqlite().await;
                    super::$test(&app).await;
                    app.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let app = crate::harness::TestApp::postgres().await;
                    super::$test(&app).await;
                    app.finish().await;
                }
            }
        )*
    };
}
pub(crate) use engine_tests;

/// Every role of INTERFACE.md.
pub const ROLES: [&str; 7] = [
    "member",
    "accountant",
    "director",
    "supervisor",
    "federation-officer",
    "government-officer",
    "administrator",
];

/// The first cooperative's journal: account names and a memo that appear nowhere else, so
/// that a leak of its data into another caller's answer can be searched for.
const COOP_A_JOURNAL: &str = "commodity CNY
2024-01-05 * Shares paid by the Weavers of Alpha
    Assets:Cash                      300.00 CNY
    Equity:Share Capital
2024-01-20 Alpha cloth sold on credit
    Assets:Receivables:Alpha Buyer   120.50 CNY
    Income:Sales
2024-03-02 Alpha yarn
    Expenses:Production:Materials     40.00 CNY
    Assets:Cash
";

const COOP_B_JOURNAL: &str = "commodity CNY
2024-02-01 * Bravo shares
    Assets:Cash                      900.00 CNY
    Equity:Share Capital
";

/// Strings of the first cooperative's data that must never reach a caller without a role there.
pub const COOP_A_SECRETS: [&str; 4] = [
    "Weavers of Alpha",
    "Alpha Buyer",
    "120.50",
    "Alpha Weaving Cooperative",
];

pub struct TestApp {
    pub artel: Artel,
    pub router: axum::Router,
    _directory: tempfile::TempDir,
    postgres_database: Option<String>,
}

fn postgres_base() -> String {
    std::env::var("ARTEL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        let directory = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", directory.path().join("server.db").display());
        TestApp::new(&url, directory, None).await
    }

    pub async fn postgres() -> TestApp {
        let name = format!("artel_s_{}", uuid::Uuid::now_v7().simple());
        let url = format!("{}/{name}", postgres_base().trim_end_matches('/'));
        TestApp::new(&url, tempfile::tempdir().unwrap(), Some(name)).await
    }

    async fn new(
        url: &str,
        directory: tempfile::TempDir,
        postgres_database: Option<String>,
    ) -> TestApp {
        let artel = Artel::open(url, "test-operator")
            .await
            .unwrap_or_else(|e| panic!("cannot open {url} (PostgreSQL must be reachable): {e}"));
        artel
            .add_region("hubei", "Hubei", None, Some("province"))
            .await
            .unwrap();
        artel
            .add_region("shashi", "Shashi", Some("hubei"), Some("city"))
            .await
            .unwrap();
        artel
            .add_region("hunan", "Hunan", None, Some("province"))
            .await
            .unwrap();
        for (code, name, region, journal) in [
            (
                "coop-a",
                "Alpha Weaving Cooperative",
                "shashi",
                COOP_A_JOURNAL,
            ),
            (
                "coop-b",
                "Bravo Plough Cooperative",
                "hunan",
                COOP_B_JOURNAL,
            ),
        ] {
            let request = OrganisationRequest {
                code: code.into(),
                kind: "cooperative".into(),
                name: name.into(),
                region: Some(region.into()),
                parent: None,
                currency: "CNY".into(),
                scale: 2,
                founded: None,
                status: None,
            };
            artel.add_organisation(&request).await.unwrap();
            let path = directory.path().join(format!("{code}.journal"));
            std::fs::write(&path, journal).unwrap();
            artel
                .import_journal(code, &path, artel_app::JournalFormat::Ledger, None)
                .await
                .unwrap();
        }
        for role in ROLES {
            artel
                .add_user(role, role, &Scope::Organisation("coop-a".into()))
                .await
                .unwrap();
        }
        artel
            .add_user(
                "outsider",
                "administrator",
                &Scope::Organisation("coop-b".into()),
            )
            .await
            .unwrap();
        artel
            .add_user(
                "hubei-officer",
                "government-officer",
                &Scope::Region("hubei".into()),
            )
            .await
            .unwrap();
        artel
            .add_user(
                "hunan-officer",
                "government-officer",
                &Scope::Region("hunan".into()),
            )
            .await
            .unwrap();
        artel
            .add_user(
                "province-admin",
                "administrator",
                &Scope::Region("hubei".into()),
            )
            .await
            .unwrap();
        // The server signs chain heads with a key of its own (`GET /books/{code}/head`).
        let signer = artel_app::HeadSigner::generate().unwrap();
        let router = artel_server::router(artel.clone().with_head_signer(signer));
        TestApp {
            artel,
            router,
            _directory: directory,
            postgres_database,
        }
    }

    /// A new API token for the user `name`.
    pub async fn token(&self, name: &str) -> String {
        self.artel
            .create_token(name, "test", Some(chrono::Duration::days(1)))
            .await
            .unwrap()
    }

    /// Calls the router; returns the status and the body as JSON (`Null` when empty or not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call_with(method, path, token, body, &[]).await
    }

    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = match body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// POSTs `body` with a bearer token and an `Idempotency-Key`.
    pub async fn post_keyed(
        &self,
        path: &str,
        token: &str,
        body: Value,
        key: &str,
    ) -> (StatusCode, Value) {
        self.call_with(
            Method::POST,
            path,
            Some(token),
            Some(body),
            &[("idempotency-key", key)],
        )
        .await
    }

    /// Calls the router and returns the body as text, asserting a 200.
    pub async fn raw(&self, method: Method, path: &str, token: &str) -> String {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    pub async fn finish(self) {
        let TestApp {
            artel,
            router,
            postgres_database,
            ..
        } = self;
        drop(router);
        artel.close().await.unwrap();
        if let Some(name) = postgres_database {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&format!(
                "{}/postgres",
                postgres_base().trim_end_matches('/')
            ))
            .await
            .unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await
            .unwrap();
        }
    }
}

/// A motion of `kind` put with `yes` votes for and none against: what the tests adopt.
pub fn motion(kind: &str, text: &str, yes: u32) -> artel_app::MotionRequest {
    artel_app::MotionRequest {
        kind: kind.into(),
        text: text.into(),
        ballot: "open".into(),
        member: None,
        yes,
        no: 0,
        abstain: 0,
        debts: artel_ledger::Money::ZERO,
        charter: None,
        effective: None,
        committee: None,
        elected: Vec::new(),
        term_ends: None,
    }
}
