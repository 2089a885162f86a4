//! Regions (a tree with a materialised path, so a subtree is one prefix query) and
//! organisations, each of which keeps one book. Opening an organisation's book creates its
//! chart of accounts and the head of its hash chain in the same transaction.

use artel_ledger::chain::GENESIS;
use artel_ledger::{Account, Currency};
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

/// A region to add; `level` is `province`, `district`, `county`, `city` or `subdistrict`.
#[derive(Debug, Clone)]
pub struct NewRegion {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub region_id: Uuid,
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_id: Option<Uuid>,
    /// `/hubei/shashi/`: the codes from the root down, so a subtree shares a prefix.
    pub path: String,
}

/// An organisation to add, with the accounts its book opens with.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub code: String,
    pub kind: String,
    pub name: String,
    pub region_code: Option<String>,
    pub parent_code: Option<String>,
    pub status: String,
    pub founded: Option<NaiveDate>,
    pub currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub org_id: OrgId,
    pub code: String,
    pub kind: String,
    pub name: String,
    pub region_id: Option<Uuid>,
    /// The materialised path of its region (`/hubei/shashi/`), for region-wide roles.
    pub region_path: Option<String>,
    pub parent_org_id: Option<OrgId>,
    pub status: String,
    pub founded: Option<NaiveDate>,
    pub currency: Currency,
}

/// The query of organisations with their region's path, for `organisation_from`, ending
/// in `$rest`.
macro_rules! organisations_and {
    ($rest:literal) => {
        concat!(
            "SELECT o.org_id, o.code, o.kind, o.name, o.region_id, r.path AS region_path, \
             o.parent_org_id, o.status, o.founded, o.currency, o.scale \
             FROM organisations o LEFT JOIN regions r ON r.region_id = o.region_id ",
            $rest
        )
    };
}

for_each_engine! {
    pub(crate) async fn region_by_code(conn: &mut Conn, code: &str) -> Result<Option<Region>, StoreError> {
        let row = sqlx::query("SELECT region_id, code, name, level, parent_id, path FROM regions WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|row| -> Result<Region, StoreError> {
            Ok(Region {
                region_id: row.try_get("region_id")?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                level: row.try_get("level")?,
                parent_id: row.try_get("parent_id")?,
                path: row.try_get("path")?,
            })
        })
        .transpose()
    }

    /// Every region, by materialised path (so a parent comes before its children).
    pub(crate) async fn regions(conn: &mut Conn) -> Result<Vec<Region>, StoreError> {
        let codes = sqlx::query("SELECT code FROM regions ORDER BY path").fetch_all(&mut *conn).await?;
        let mut found = Vec::with_capacity(codes.len());
        for row in codes {
            let code: String = row.try_get("code")?;
            found.extend(region_by_code(conn, &code).await?);
        }
        Ok(found)
    }

    /// Every organisation, by code. Organisations are reference data: the caller filters
    /// them by its roles before showing any.
    pub(crate) async fn organisations(conn: &mut Conn) -> Result<Vec<Organisation>, StoreError> {
        let rows = sqlx::query(organisations_and!("ORDER BY o.code")).fetch_all(&mut *conn).await?;
        rows.iter().map(organisation_from).collect()
    }

    pub(crate) async fn organisation_by_code(conn: &mut Conn, code: &str) -> Result<Option<Organisation>, StoreError> {
        let row = sqlx::query(organisations_and!("WHERE o.code = $1"))
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|row| organisation_from(&row)).transpose()
    }

    fn organisation_from(row: &DbRow) -> Result<Organisation, StoreError> {
        let scale: i32 = row.try_get("scale")?;
        let symbol: String = row.try_get("currency")?;
        let currency = u8::try_from(scale)
            .ok()
            .and_then(|scale| Currency::new(&symbol, scale).ok())
            .ok_or_else(|| StoreError::Corrupt(format!("currency {symbol} with scale {scale}")))?;
        Ok(Organisation {
            org_id: row.try_get("org_id")?,
            code: row.try_get("code")?,
            kind: row.try_get("kind")?,
            name: row.try_get("name")?,
            region_id: row.try_get("region_id")?,
            region_path: row.try_get("region_path")?,
            parent_org_id: row.try_get("parent_org_id")?,
            status: row.try_get("status")?,
            founded: row.try_get("founded")?,
            currency,
        })
    }

    pub(crate) async fn insert_region(conn: &mut Conn, region: &NewRegion) -> Result<Region, StoreError> {
        let parent = match &region.parent_code {
            Some(code) => Some(region_by_code(conn, code).await?.ok_or_else(|| StoreError::NotFound { what: "region", key: code.clone() })?),
            None => None,
        };
        let path = format!("{}{}/", parent.as_ref().map_or("/", |p| p.path.as_str()), region.code);
        let stored = Region {
            region_id: Uuid::now_v7(),
            code: region.code.clone(),
            name: region.name.clone(),
            level: region.level.clone(),
            parent_id: parent.map(|p| p.region_id),
            path,
        };
        sqlx::query("INSERT INTO regions (region_id, code, name, level, parent_id, path, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(stored.region_id)
            .bind(&stored.code)
            .bind(&stored.name)
            .bind(&stored.level)
            .bind(stored.parent_id)
            .bind(&stored.path)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await
            .map_err(|error| already_exists(error.into(), "region", &region.code))?;
        Ok(stored)
    }

    pub(crate) async fn insert_organisation(conn: &mut Conn, organisation: &NewOrganisation, chart: &[Account], actor: &Actor) -> Result<Organisation, StoreError> {
        let region = match &organisation.region_code {
            Some(code) => Some(region_by_code(conn, code).await?.ok_or_else(|| StoreError::NotFound { what: "region", key: code.clone() })?),
            None => None,
        };
        let parent_org_id = match &organisation.parent_code {
            Some(code) => Some(organisation_by_code(conn, code).await?.ok_or_else(|| StoreError::NotFound { what: "organisation", key: code.clone() })?.org_id),
            None => None,
        };
        let stored = Organisation {
            org_id: Uuid::now_v7(),
            code: organisation.code.clone(),
            kind: organisation.kind.clone(),
            name: organisation.name.clone(),
            region_id: region.as_ref().map(|r| r.region_id),
            region_path: region.map(|r| r.path),
            parent_org_id,
            status: organisation.status.clone(),
            founded: organisation.founded,
            currency: organisation.currency.clone(),
        };
        sqlx::query(
            "INSERT INTO organisations (org_id, code, kind, name, region_id, parent_org_id, status, founded, currency, scale, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(stored.org_id)
        .bind(&stored.code)
        .bind(&stored.kind)
        .bind(&stored.name)
        .bind(stored.region_id)
        .bind(stored.parent_org_id)
        .bind(&stored.status)
        .bind(stored.founded)
        .bind(stored.currency.symbol())
        .bind(i32::from(stored.currency.scale()))
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(|error| already_exists(error.into(), "organisation", &organisation.code))?;
        sqlx::query("INSERT INTO book_heads (org_id, sequence, hash) VALUES ($1, 0, $2)")
            .bind(stored.org_id)
            .bind(GENESIS.to_vec())
            .execute(&mut *conn)
            .await?;
        peers::accounts::insert(conn, stored.org_id, chart).await?;
        // The history starts on the founding date, or on the day the organisation is recorded.
        let since = organisation.founded.unwrap_or_else(|| Utc::now().date_naive());
        let founding = crate::org_history::NewOrgEvent {
            date: since,
            event: "founded".into(),
            kind: stored.kind.clone(),
            status: stored.status.clone(),
            note: String::new(),
        };
        peers::org_history::insert_event(conn, stored.org_id, 1, &founding).await?;
        if let Some(parent_org_id) = parent_org_id {
            peers::org_history::insert_membership(conn, stored.org_id, parent_org_id, since).await?;
        }
        peers::audit::record(conn, stored.org_id, actor, "organisation.add", &format!("{} {} ({})", stored.kind, stored.code, stored.name)).await?;
        Ok(stored)
    }
}

fn already_exists(error: StoreError, what: &'static str, key: &str) -> StoreError {
    if error.is_unique_violation() {
        StoreError::AlreadyExists {
            what,
            key: key.to_owned(),
        }
    } else {
        error
    }
}

impl Db {
    pub async fn add_region(&self, region: &NewRegion) -> Result<Region, StoreError> {
        in_transaction!(self, conn, engine => engine::insert_region(conn, region).await)
    }

    pub async fn region_by_code(&self, code: &str) -> Result<Option<Region>, StoreError> {
        on_connection!(self, conn, engine => engine::region_by_code(conn, code).await)
    }

    /// Adds an organisation and opens its book with the accounts of `chart`.
    pub async fn add_organisation(
        &self,
        organisation: &NewOrganisation,
        chart: &[Account],
        actor: impl Into<Actor>,
    ) -> Result<Organisation, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::insert_organisation(conn, organisation, chart, actor).await)
    }

    pub async fn regions(&self) -> Result<Vec<Region>, StoreError> {
        on_connection!(self, conn, engine => engine::regions(conn).await)
    }

    pub async fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        on_connection!(self, conn, engine => engine::organisations(conn).await)
    }

    pub async fn organisation_by_code(
        &self,
        code: &str,
    ) -> Result<Option<Organisation>, StoreError> {
        on_connection!(self, conn, engine => engine::organisation_by_code(conn, code).await)
    }

    /// The organisation with `code`, or a not-found error naming it.
    pub async fn organisation(&self, code: &str) -> Result<Organisation, StoreError> {
        self.organisation_by_code(code)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "organisation",
                key: code.to_owned(),
            })
    }
}
