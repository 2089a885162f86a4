//! Products, production reports and monthly plans. An import writes all its lines or none,
//! creating the products it names that are not known yet (at a standard price of nothing
//! until one is set) and issuing the materials they used from stock; a month's plan for a
//! product imported again replaces the earlier one.

use artel_ledger::Money;
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::count;
use crate::stock::StockWrites;

/// A production report to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProduction {
    pub date: NaiveDate,
    pub product: String,
    pub quantity: u32,
    pub defective: u32,
    pub first_grade: Option<u32>,
    /// The member (`12`) or team who made them; empty when not said.
    pub made_by: String,
    /// The materials used, as written (`yarn=45; cotton=150@Shashi SMC`).
    pub materials: String,
    /// Where it comes from (`production.csv:12`).
    pub source: String,
}

/// A month's plan for a product; `month` is `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub month: String,
    pub product: String,
    pub quantity: u32,
    pub value: Money,
}

/// A product as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProduct {
    pub name: String,
    pub unit: String,
    pub name_zh: String,
    pub standard_price: Money,
}

/// What to change of a product; `None` leaves it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductChange {
    pub standard_price: Option<Money>,
    pub unit: Option<String>,
    pub name_zh: Option<String>,
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductionImported {
    pub lines: usize,
    pub new_products: usize,
}

for_each_engine! {
    /// The product called `name`, created when it is not known yet; whether it was created.
    async fn product_id(conn: &mut Conn, org_id: OrgId, name: &str) -> Result<(Uuid, bool), StoreError> {
        let found = sqlx::query("SELECT product_id FROM products WHERE org_id = $1 AND name = $2")
            .bind(org_id)
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = found {
            return Ok((row.try_get("product_id")?, false));
        }
        let product_id = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO products (org_id, product_id, name, unit, name_zh, standard_price_minor, created_at) \
             VALUES ($1, $2, $3, '', '', 0, $4)",
        )
        .bind(org_id)
        .bind(product_id)
        .bind(name)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        Ok((product_id, true))
    }

    pub(crate) async fn import_production(conn: &mut Conn, org_id: OrgId, lines: &[NewProduction], issues: &StockWrites<'_>, actor: &Actor) -> Result<ProductionImported, StoreError> {
        let mut new_products = 0;
        let now = Utc::now();
        for line in lines {
            let (product_id, created) = product_id(conn, org_id, &line.product).await?;
            new_products += usize::from(created);
            sqlx::query(
                "INSERT INTO production_reports (org_id, report_id, date, product_id, quantity, defective, first_grade, made_by, materials, source, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(org_id)
            .bind(Uuid::now_v7())
            .bind(line.date)
            .bind(product_id)
            .bind(i64::from(line.quantity))
            .bind(i64::from(line.defective))
            .bind(line.first_grade.map(i64::from))
            .bind(&line.made_by)
            .bind(&line.materials)
            .bind(&line.source)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        if !issues.writes.is_empty() {
            peers::stock::record(conn, org_id, issues.writes, issues.accounts, actor).await?;
        }
        let detail = format!("{} production reports, {new_products} new products", lines.len());
        peers::audit::record(conn, org_id, actor, "production.import", &detail).await?;
        Ok(ProductionImported { lines: lines.len(), new_products })
    }

    pub(crate) async fn import_plans(conn: &mut Conn, org_id: OrgId, plans: &[NewPlan], actor: &Actor) -> Result<ProductionImported, StoreError> {
        let mut new_products = 0;
        let now = Utc::now();
        for plan in plans {
            let (product_id, created) = product_id(conn, org_id, &plan.product).await?;
            new_products += usize::from(created);
            sqlx::query("DELETE FROM production_plans WHERE org_id = $1 AND month = $2 AND product_id = $3")
                .bind(org_id)
                .bind(&plan.month)
                .bind(product_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO production_plans (org_id, month, product_id, quantity, value_minor, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(org_id)
            .bind(&plan.month)
            .bind(product_id)
            .bind(i64::from(plan.quantity))
            .bind(plan.value.minor())
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        let detail = format!("{} monthly plans, {new_products} new products", plans.len());
        peers::audit::record(conn, org_id, actor, "plans.import", &detail).await?;
        Ok(ProductionImported { lines: plans.len(), new_products })
    }

    pub(crate) async fn reports(conn: &mut Conn, org_id: OrgId, first: NaiveDate, last: NaiveDate) -> Result<Vec<NewProduction>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.date, p.name, r.quantity, r.defective, r.first_grade, r.made_by, r.materials, r.source FROM production_reports r \
             JOIN products p ON p.org_id = r.org_id AND p.product_id = r.product_id \
             WHERE r.org_id = $1 AND r.date >= $2 AND r.date <= $3 ORDER BY r.date, r.report_id",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                let first_grade: Option<i64> = row.try_get("first_grade")?;
                Ok(NewProduction {
                    date: row.try_get("date")?,
                    product: row.try_get("name")?,
                    quantity: count(row.try_get("quantity")?, "quantity")?,
                    defective: count(row.try_get("defective")?, "defective")?,
                    first_grade: first_grade.map(|n| count(n, "first grade")).transpose()?,
                    made_by: row.try_get("made_by")?,
                    materials: row.try_get("materials")?,
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }

    pub(crate) async fn plans(conn: &mut Conn, org_id: OrgId, first: &str, last: &str) -> Result<Vec<NewPlan>, StoreError> {
        let rows = sqlx::query(
            "SELECT pl.month, p.name, pl.quantity, pl.value_minor FROM production_plans pl \
             JOIN products p ON p.org_id = pl.org_id AND p.product_id = pl.product_id \
             WHERE pl.org_id = $1 AND pl.month >= $2 AND pl.month <= $3 ORDER BY pl.month, p.name",
        )
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(NewPlan {
                    month: row.try_get("month")?,
                    product: row.try_get("name")?,
                    quantity: count(row.try_get("quantity")?, "quantity")?,
                    value: Money::from_minor(row.try_get("value_minor")?),
                })
            })
            .collect()
    }

    pub(crate) async fn products(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredProduct>, StoreError> {
        let rows = sqlx::query(
            "SELECT name, unit, name_zh, standard_price_minor FROM products WHERE org_id = $1 ORDER BY name",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredProduct {
                    name: row.try_get("name")?,
                    unit: row.try_get("unit")?,
                    name_zh: row.try_get("name_zh")?,
                    standard_price: Money::from_minor(row.try_get("standard_price_minor")?),
                })
            })
            .collect()
    }

    pub(crate) async fn set_product(conn: &mut Conn, org_id: OrgId, name: &str, change: &ProductChange, actor: &Actor) -> Result<(), StoreError> {
        product_id(conn, org_id, name).await?;
        sqlx::query(
            "UPDATE products SET standard_price_minor = COALESCE($1, standard_price_minor), \
             unit = COALESCE($2, unit), name_zh = COALESCE($3, name_zh) WHERE org_id = $4 AND name = $5",
        )
        .bind(change.standard_price.map(Money::minor))
        .bind(change.unit.as_deref())
        .bind(change.name_zh.as_deref())
        .bind(org_id)
        .bind(name)
        .execute(&mut *conn)
        .await?;
        let mut said = Vec::new();
        if let Some(price) = change.standard_price {
            said.push(format!("standard price {} minor units", price.minor()));
        }
        if let Some(unit) = &change.unit {
            said.push(format!("unit '{unit}'"));
        }
        if let Some(name_zh) = &change.name_zh {
            said.push(format!("Chinese name '{name_zh}'"));
        }
        let detail = format!("product '{name}': {}", said.join(", "));
        peers::audit::record(conn, org_id, actor, "product.set", &detail).await?;
        Ok(())
    }
}

impl Db {
    /// Records production reports, all or none, creating the products not known yet, with
    /// the issues from stock of the materials they used.
    pub async fn import_production(
        &self,
        org_id: OrgId,
        lines: &[NewProduction],
        issues: &StockWrites<'_>,
        actor: impl Into<Actor>,
    ) -> Result<ProductionImported, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::import_production(conn, org_id, lines, issues, actor).await)
    }

    /// Records monthly plans, all or none; a month's plan for a product replaces the earlier.
    pub async fn import_plans(
        &self,
        org_id: OrgId,
        plans: &[NewPlan],
        actor: impl Into<Actor>,
    ) -> Result<ProductionImported, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::import_plans(conn, org_id, plans, actor).await)
    }

    /// The production reports dated between two days, both included.
    pub async fn production_reports(
        &self,
        org_id: OrgId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<NewProduction>, StoreError> {
        on_connection!(self, conn, engine => engine::reports(conn, org_id, first, last).await)
    }

    /// The plans of the months between two (`YYYY-MM`), both included.
    pub async fn production_plans(
        &self,
        org_id: OrgId,
        first: &str,
        last: &str,
    ) -> Result<Vec<NewPlan>, StoreError> {
        on_connection!(self, conn, engine => engine::plans(conn, org_id, first, last).await)
    }

    pub async fn products(&self, org_id: OrgId) -> Result<Vec<StoredProduct>, StoreError> {
        on_connection!(self, conn, engine => engine::products(conn, org_id).await)
    }

    /// Changes what `change` says of a product, creating the product when it is not known
    /// yet.
    pub async fn set_product(
        &self,
        org_id: OrgId,
        name: &str,
        change: &ProductChange,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::set_product(conn, org_id, name, change, actor).await)
    }
}
