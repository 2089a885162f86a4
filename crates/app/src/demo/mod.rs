//! The Hubei 1954 demo (`artel demo`, `artel serve --demo`): the province of the article
//! in `shared/seed` — its special districts, counties and cities (boundaries approximate),
//! the provincial handicraft office and its conference, the county governments' handicraft
//! sections, supply and marketing cooperatives, federations in preparation, handicraft
//! laborers associations, the twelve focus cooperatives of the rectification and the
//! cooperatives and teams founded in the first quarter — with the records that make the
//! article's figures come out of the reports: Shashi's weaving cooperative with a whole year
//! (its register and general assembly, production, stock and books, one module each),
//! Echeng's plow cooperative's half year, the other focus cooperatives' production, and
//! Yingcheng's combined contracts; the rectification campaign the conference decided, with its
//! focus cooperatives' stages, findings and actions, and Yingshan's exhibition and material
//! exchange meeting. Everything is recorded through the same use cases as
//! real data, and demo users sign in to it.
//!
//! Loading it again changes nothing: every entry of the books carries its own idempotency
//! key, an organisation or region that exists is left alone, a production report or stock
//! movement the demo already recorded (known by its source) is not recorded again, and each
//! other part (a register, products, contracts, labour) is recorded only when its
//! cooperative has none yet.

mod books;
mod campaign;
mod echeng;
mod focus;
mod members;
mod production;
mod province;
mod stock;

use std::cell::Cell;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::{AppError, Artel, NewPosting, OrganisationRequest, Scope};

/// The code of the cooperative the demo user keeps the books of: Shashi's weaving
/// cooperative, with a whole year of records.
pub const DEMO_BOOK: &str = "shashi-weaving";
const DEMO_USER: &str = "demo";
/// The demo's provincial officer, a government officer over the whole province.
const DEMO_OFFICER: &str = "province";
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
    /// A government officer over the province, with the same password.
    pub officer: String,
    pub region: String,
}

/// The files the demo imports, written to a directory of its own, and the entries it posts.
pub(super) struct DemoRecords {
    dir: tempfile::TempDir,
    written: Cell<usize>,
}

impl DemoRecords {
    fn new() -> Result<DemoRecords, AppError> {
        let dir = tempfile::Builder::new()
            .prefix("artel-demo-")
            .tempdir()
            .map_err(|e| AppError::Failed(format!("a directory for the demo's files: {e}")))?;
        Ok(DemoRecords {
            dir,
            written: Cell::new(0),
        })
    }

    /// A new file holding `contents`, for an import; `what` names it.
    pub(super) fn file(&self, what: &str, contents: &str) -> Result<PathBuf, AppError> {
        let number = self.written.get() + 1;
        self.written.set(number);
        let path = self.dir.path().join(format!("{number}-{what}.csv"));
        std::fs::write(&path, contents)
            .map_err(|e| AppError::Failed(format!("the demo's {what}: {e}")))?;
        Ok(path)
    }

    /// Products with their standard price (`"35000.00"`), unit and Chinese name.
    pub(super) async fn products(
        &self,
        artel: &Artel,
        code: &str,
        products: &[(&str, &str, &str, &str)],
    ) -> Result<(), AppError> {
        for (product, price, unit, name_zh) in products {
            let details = crate::ProductDetails {
                standard_price: Some((*price).to_owned()),
                unit: Some((*unit).to_owned()),
                name_zh: (!name_zh.is_empty()).then(|| (*name_zh).to_owned()),
            };
            artel.set_product(code, product, &details).await?;
        }
        Ok(())
    }

    /// Posts `entries` to the book of `code`, the `n`th with the idempotency key
    /// `{prefix}-{n}`, so a second load posts nothing.
    pub(super) async fn post(
        &self,
        artel: &Artel,
        code: &str,
        prefix: &str,
        entries: &[books::DemoEntry],
    ) -> Result<(), AppError> {
        for (number, (date, memo, postings)) in entries.iter().enumerate() {
            let postings: Vec<NewPosting> = postings
                .iter()
                .map(|(account, yuan)| NewPosting {
                    account: (*account).into(),
                    amount: format!("{yuan}.00"),
                })
                .collect();
            let key = format!("{prefix}-{number}");
            artel
                .post_entry(
                    code,
                    *date,
                    memo,
                    Some(format!("demo {number}")),
                    &postings,
                    Some(&key),
                )
                .await?;
        }
        Ok(())
    }
}

/// A demo record's source: the demo's and its number.
fn source(number: usize) -> String {
    format!("{DEMO_SOURCE}:{number}")
}

impl Artel {
    /// Loads the Hubei 1954 demo (safe to run again) and returns how to sign in to it.
    /// Its sign-ins have a published password, so it loads only into an empty database or
    /// one it was loaded into before, never beside real books.
    pub async fn load_demo(&self) -> Result<DemoSignIn, AppError> {
        if self.db.user_by_name(DEMO_USER).await?.is_none()
            && !self.db.organisations().await?.is_empty()
        {
            return Err(AppError::rejected(
                "--db",
                "the demo loads only into an empty database or one it was loaded into before: \
                 its sign-ins have a published password",
            ));
        }
        let records = DemoRecords::new()?;
        self.load_province().await?;
        if self.db.user_by_name(DEMO_USER).await?.is_none() {
            for role in ["accountant", "director"] {
                self.add_user(DEMO_USER, role, &Scope::Organisation(DEMO_BOOK.into()))
                    .await?;
            }
            self.set_password(DEMO_USER, DEMO_PASSWORD).await?;
        }
        if self.db.user_by_name(DEMO_OFFICER).await?.is_none() {
            self.add_user(
                DEMO_OFFICER,
                "government-officer",
                &Scope::Region("hubei".into()),
            )
            .await?;
            self.set_password(DEMO_OFFICER, DEMO_PASSWORD).await?;
        }
        // Shashi's register first: the members pay the share capital the year starts with.
        self.load_demo_members(&records).await?;
        records
            .post(self, DEMO_BOOK, "demo-1954", &books::year_of_entries()?)
            .await?;
        self.load_demo_production(&records).await?;
        self.load_demo_stock().await?;
        self.load_echeng_plow(&records).await?;
        self.load_focus_cooperatives(&records).await?;
        self.load_yingcheng_contracts(&records).await?;
        self.load_demo_campaign(&records).await?;
        Ok(DemoSignIn {
            user: DEMO_USER.into(),
            password: DEMO_PASSWORD.into(),
            book: DEMO_BOOK.into(),
            officer: DEMO_OFFICER.into(),
            region: "hubei".into(),
        })
    }

    /// The province's regions and organisations, each added unless it exists, with the
    /// focus cooperatives under rectification from the campaign's start.
    async fn load_province(&self) -> Result<(), AppError> {
        for (code, name, parent, level) in province::REGIONS {
            if self.db.region_by_code(code).await?.is_none() {
                self.add_region(code, name, *parent, Some(level)).await?;
            }
        }
        let focus = province::FOCUS
            .iter()
            .map(|(code, name, region, (year, month), ..)| {
                Ok(province::OrgRow {
                    code: (*code).into(),
                    kind: "cooperative",
                    name: (*name).into(),
                    region,
                    founded: NaiveDate::from_ymd_opt(*year, *month, 1)
                        .ok_or_else(|| AppError::Failed(format!("no month {year}-{month}")))?,
                    status: "active",
                })
            });
        let focus: Vec<province::OrgRow> = focus.collect::<Result<_, AppError>>()?;
        for row in focus.iter().chain(&province::organisations()?) {
            if self.db.organisation_by_code(&row.code).await?.is_some() {
                continue;
            }
            let request = OrganisationRequest {
                code: row.code.clone(),
                kind: row.kind.into(),
                name: row.name.clone(),
                region: Some(row.region.into()),
                parent: None,
                currency: "CNY".into(),
                scale: 2,
                founded: Some(row.founded),
                status: Some(row.status.into()),
            };
            self.add_organisation(&request).await?;
        }
        // The focus cooperatives were under rectification from March to the end of May.
        for (code, ..) in province::FOCUS {
            if self.org_history(code).await?.len() == 1 {
                let (from, to) = (books::day(3, 10)?, books::day(5, 31)?);
                let why = "重点整顿 Focus of the rectification campaign";
                self.change_status(code, "under-rectification", from, why)
                    .await?;
                self.change_status(code, "active", to, "整顿告一段落 Rectified")
                    .await?;
            }
        }
        Ok(())
    }
}
