//! Exhibitions and material exchange meetings: an event written under its organiser,
//! numbered per organiser, with the organisations taking part, the products shown and the
//! contracts signed there — each named by its holder and number and refused unless the
//! holder has it. A contract's value is read from the holder's contracts each time, so
//! the event's total is always what the contracts say.

use artel_ledger::Money;
use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::numbers::{to_i64, to_u64};

/// An event to record.
#[derive(Debug, Clone)]
pub struct NewExhibition {
    /// `exhibition` or `exchange-meeting`.
    pub kind: String,
    pub title: String,
    pub place: String,
    pub region_id: Option<Uuid>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub visitors: u64,
    pub participants: Vec<OrgId>,
    /// `(organisation that showed it, product)`.
    pub products: Vec<(OrgId, String)>,
    /// `(holder, contract number)`.
    pub contracts: Vec<(OrgId, String)>,
}

/// A contract signed at an event, with its value as its holder recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSignedContract {
    pub holder: OrgId,
    pub number: String,
    pub signed: NaiveDate,
    pub value: Money,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExhibition {
    /// The organiser.
    pub org_id: OrgId,
    pub number: u64,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub region_id: Option<Uuid>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub visitors: u64,
    pub participants: Vec<OrgId>,
    pub products: Vec<(OrgId, String)>,
    pub contracts: Vec<StoredSignedContract>,
}

for_each_engine! {
    pub(crate) async fn add(conn: &mut Conn, org_id: OrgId, event: &NewExhibition, actor: &Actor) -> Result<u64, StoreError> {
        let exhibition_id = Uuid::now_v7();
        let last: Option<i64> = sqlx::query("SELECT MAX(number) AS last FROM exhibitions WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("last")?;
        let number = last.unwrap_or(0) + 1;
        sqlx::query(
            "INSERT INTO exhibitions (org_id, exhibition_id, number, kind, title, place, region_id, first_day, last_day, visitors, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(org_id)
        .bind(exhibition_id)
        .bind(number)
        .bind(&event.kind)
        .bind(&event.title)
        .bind(&event.place)
        .bind(event.region_id)
        .bind(event.first_day)
        .bind(event.last_day)
        .bind(to_i64(event.visitors)?)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .map_err(StoreError::changed_when_unique(
            "exhibition",
            "another event was recorded meanwhile; retry",
        ))?;
        for participant in &event.participants {
            sqlx::query(
                "INSERT INTO exhibition_participants (org_id, exhibition_id, participant_org_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (org_id, exhibition_id, participant_org_id) DO NOTHING",
            )
            .bind(org_id)
            .bind(exhibition_id)
            .bind(participant)
            .execute(&mut *conn)
            .await?;
        }
        for (line, (shown_by, product)) in (1i64..).zip(&event.products) {
            sqlx::query(
                "INSERT INTO exhibition_products (org_id, exhibition_id, line, shown_by_org_id, product) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(org_id)
            .bind(exhibition_id)
            .bind(line)
            .bind(shown_by)
            .bind(product)
            .execute(&mut *conn)
            .await?;
        }
        for (holder, contract) in &event.contracts {
            let held = sqlx::query("SELECT number FROM contracts WHERE org_id = $1 AND number = $2")
                .bind(holder)
                .bind(contract)
                .fetch_optional(&mut *conn)
                .await?;
            if held.is_none() {
                return Err(StoreError::NotFound { what: "contract", key: contract.clone() });
            }
            sqlx::query("INSERT INTO exhibition_contracts (org_id, exhibition_id, holder_org_id, number) VALUES ($1, $2, $3, $4)")
                .bind(org_id)
                .bind(exhibition_id)
                .bind(holder)
                .bind(contract)
                .execute(&mut *conn)
                .await?;
        }
        let detail = format!(
            "{} {number} '{}' at {} from {} to {}: {} participants, {} contracts",
            event.kind, event.title, event.place, event.first_day, event.last_day,
            event.participants.len(), event.contracts.len()
        );
        peers::audit::record(conn, org_id, actor, "exhibition.add", &detail).await?;
        to_u64(number, "exhibition number")
    }

    pub(crate) async fn list(conn: &mut Conn) -> Result<Vec<StoredExhibition>, StoreError> {
        let rows = sqlx::query(
            "SELECT org_id, exhibition_id, number, kind, title, place, region_id, first_day, last_day, visitors \
             FROM exhibitions ORDER BY first_day, org_id, number",
        )
        .fetch_all(&mut *conn)
        .await?;
        let participants = sqlx::query("SELECT exhibition_id, participant_org_id FROM exhibition_participants")
            .fetch_all(&mut *conn)
            .await?;
        let products = sqlx::query("SELECT exhibition_id, shown_by_org_id, product FROM exhibition_products ORDER BY exhibition_id, line")
            .fetch_all(&mut *conn)
            .await?;
        // A contract's value is its holder's; the holder's primary key starts the join.
        let contracts = sqlx::query(
            "SELECT e.exhibition_id, e.holder_org_id, e.number, c.signed, c.value_minor FROM exhibition_contracts e \
             JOIN contracts c ON c.org_id = e.holder_org_id AND c.number = e.number ORDER BY e.exhibition_id, e.holder_org_id, e.number",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in &rows {
            let exhibition_id: Uuid = row.try_get("exhibition_id")?;
            let mut event = StoredExhibition {
                org_id: row.try_get("org_id")?,
                number: to_u64(row.try_get("number")?, "exhibition number")?,
                kind: row.try_get("kind")?,
                title: row.try_get("title")?,
                place: row.try_get("place")?,
                region_id: row.try_get("region_id")?,
                first_day: row.try_get("first_day")?,
                last_day: row.try_get("last_day")?,
                visitors: to_u64(row.try_get("visitors")?, "visitors")?,
                participants: Vec::new(),
                products: Vec::new(),
                contracts: Vec::new(),
            };
            for p in &participants {
                if p.try_get::<Uuid, _>("exhibition_id")? == exhibition_id {
                    event.participants.push(p.try_get("participant_org_id")?);
                }
            }
            for p in &products {
                if p.try_get::<Uuid, _>("exhibition_id")? == exhibition_id {
                    event.products.push((p.try_get("shown_by_org_id")?, p.try_get("product")?));
                }
            }
            for c in &contracts {
                if c.try_get::<Uuid, _>("exhibition_id")? == exhibition_id {
                    event.contracts.push(StoredSignedContract {
                        holder: c.try_get("holder_org_id")?,
                        number: c.try_get("number")?,
                        signed: c.try_get("signed")?,
                        value: Money::from_minor(c.try_get("value_minor")?),
                    });
                }
            }
            events.push(event);
        }
        Ok(events)
    }
}

impl Db {
    /// Records an event with its participants, products and contracts; a contract its
    /// holder does not have is refused (`StoreError::NotFound`) and nothing is written.
    /// The event's number under its organiser.
    pub async fn add_exhibition(
        &self,
        org_id: OrgId,
        event: &NewExhibition,
        actor: impl Into<Actor>,
    ) -> Result<u64, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add(conn, org_id, event, actor).await)
    }

    /// Every event, by first day.
    pub async fn exhibitions(&self) -> Result<Vec<StoredExhibition>, StoreError> {
        on_connection!(self, conn, engine => engine::list(conn).await)
    }
}
