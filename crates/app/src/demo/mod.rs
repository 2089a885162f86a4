//! The small demo: one weaving cooperative in Shashi with a whole year (1954) of records —
//! its member register, a general assembly, production, stock and books — all recorded
//! through the same use cases as real data, and a demo user to sign in with.
//!
//! Loading it again changes nothing: every entry of the books carries its own idempotency
//! key, a stock movement or production report the demo already recorded (known by its
//! source) is not recorded again, and the register with its general assembly is left alone
//! once it holds anyone. (The full Hubei 1954 dataset of the acceptance scenario is
//! `artel demo`'s.)

mod books;
mod members;
mod production;
mod stock;

use chrono::NaiveDate;

use crate::{AppError, Artel, NewPosting, OrganisationRequest, Scope};

/// The demo cooperative's code.
pub const DEMO_BOOK: &str = "demo-weaving";
const DEMO_USER: &str = "demo";
const DEMO_PASSWORD: &str = "demo-artel-1954";
/// The source the demo's production reports and stock movements are recorded with, before
/// their number (`demo-1954:7`): how a second load knows them.
const DEMO_SOURCE: &str = "demo-1954";

/// How to sign in to the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub user: String,
    pub password: String,
    pub book: String,
}

/// A demo record's source: the demo's and its number.
fn source(number: usize) -> String {
    format!("{DEMO_SOURCE}:{number}")
}

impl Artel {
    /// Loads the small demo (safe to run again) and returns how to sign in to it.
    pub async fn load_small_demo(&self) -> Result<DemoSignIn, AppError> {
        if self.db.region_by_code("hubei").await?.is_none() {
            self.add_region("hubei", "湖北省 Hubei", None, Some("province"))
                .await?;
        }
        if self.db.region_by_code("shashi").await?.is_none() {
            self.add_region("shashi", "沙市 Shashi", Some("hubei"), Some("city"))
                .await?;
        }
        if self.db.organisation_by_code(DEMO_BOOK).await?.is_none() {
            let request = OrganisationRequest {
                code: DEMO_BOOK.into(),
                kind: "cooperative".into(),
                name: "示范织布生产合作社 Demo Weaving Production Cooperative".into(),
                region: Some("shashi".into()),
                parent: None,
                currency: "CNY".into(),
                scale: 2,
                founded: NaiveDate::from_ymd_opt(1952, 5, 1),
            };
            self.add_organisation(&request).await?;
            for role in ["accountant", "director"] {
                self.add_user(DEMO_USER, role, &Scope::Organisation(DEMO_BOOK.into()))
                    .await?;
            }
            self.set_password(DEMO_USER, DEMO_PASSWORD).await?;
        }
        // The register first: the members pay the share capital the year starts with.
        self.load_demo_members().await?;
        self.post_demo_books().await?;
        self.load_demo_production().await?;
        self.load_demo_stock().await?;
        Ok(DemoSignIn {
            user: DEMO_USER.into(),
            password: DEMO_PASSWORD.into(),
            book: DEMO_BOOK.into(),
        })
    }

    /// Posts the year's entries that no other record of the demo posts, each with its own
    /// idempotency key.
    async fn post_demo_books(&self) -> Result<(), AppError> {
        for (number, (date, memo, postings)) in books::year_of_entries()?.into_iter().enumerate() {
            let postings: Vec<NewPosting> = postings
                .into_iter()
                .map(|(account, yuan)| NewPosting {
                    account: account.into(),
                    amount: format!("{yuan}.00"),
                })
                .collect();
            let key = format!("demo-1954-{number}");
            self.post_entry(
                DEMO_BOOK,
                date,
                &memo,
                Some(format!("demo {number}")),
                &postings,
                Some(&key),
            )
            .await?;
        }
        Ok(())
    }
}
