//! The bodies affiliated to an organisation (a trade-union, youth-league or party branch,
//! a women's committee) and its members' affiliations to them.

use chrono::{NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

/// A body as stored, with its members' affiliations (member and since when).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBody {
    pub org_id: OrgId,
    pub body_id: Uuid,
    /// `trade-union`, `youth-league`, `party-branch` or `women-committee`.
    pub kind: String,
    pub name: String,
    pub founded: NaiveDate,
    pub affiliations: Vec<(Uuid, NaiveDate)>,
}

for_each_engine! {
    pub(crate) async fn insert_body(conn: &mut Conn, org_id: OrgId, kind: &str, name: &str, founded: NaiveDate, actor: &Actor) -> Result<Uuid, StoreError> {
        let body_id = Uuid::now_v7();
        sqlx::query("INSERT INTO org_bodies (org_id, body_id, kind, name, founded, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(org_id)
            .bind(body_id)
            .bind(kind)
            .bind(name)
            .bind(founded)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await
            .map_err(|error| {
                let error = StoreError::from(error);
                if error.is_unique_violation() {
                    StoreError::AlreadyExists { what: "body", key: name.to_owned() }
                } else {
                    error
                }
            })?;
        peers::audit::record(conn, org_id, actor, "body.add", &format!("{kind} {name}, founded {founded}")).await?;
        Ok(body_id)
    }

    pub(crate) async fn affiliate(conn: &mut Conn, org_id: OrgId, body: &StoredBody, member_id: Uuid, member_name: &str, since: NaiveDate, actor: &Actor) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO member_affiliations (org_id, body_id, member_id, since, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(org_id)
            .bind(body.body_id)
            .bind(member_id)
            .bind(since)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await
            .map_err(|error| {
                let error = StoreError::from(error);
                if error.is_unique_violation() {
                    StoreError::AlreadyExists { what: "affiliation", key: format!("{member_name} in {}", body.name) }
                } else {
                    error
                }
            })?;
        peers::audit::record(conn, org_id, actor, "body.affiliate", &format!("{member_name} in {} since {since}", body.name)).await
    }

    /// Bodies of one organisation (`org_id`) or of every organisation in a region subtree
    /// (`path`), by organisation and name, each with its affiliations.
    pub(crate) async fn select_bodies(conn: &mut Conn, org_id: Option<OrgId>, path: Option<&str>) -> Result<Vec<StoredBody>, StoreError> {
        let rows = sqlx::query(
            "SELECT b.org_id, b.body_id, b.kind, b.name, b.founded, a.member_id, a.since \
             FROM org_bodies b JOIN organisations o ON o.org_id = b.org_id LEFT JOIN regions r ON r.region_id = o.region_id \
             LEFT JOIN member_affiliations a ON a.org_id = b.org_id AND a.body_id = b.body_id \
             WHERE ($1 IS NULL OR b.org_id = $1) AND ($2 IS NULL OR r.path LIKE $2) \
             ORDER BY b.org_id, b.name, a.since, a.member_id",
        )
        .bind(org_id)
        .bind(path.map(|p| format!("{p}%")))
        .fetch_all(&mut *conn)
        .await?;
        let mut bodies: Vec<StoredBody> = Vec::new();
        for row in rows {
            let body_id: Uuid = row.try_get("body_id")?;
            let org_id: OrgId = row.try_get("org_id")?;
            let same = bodies.last().is_some_and(|b| b.body_id == body_id && b.org_id == org_id);
            if !same {
                bodies.push(StoredBody {
                    org_id,
                    body_id,
                    kind: row.try_get("kind")?,
                    name: row.try_get("name")?,
                    founded: row.try_get("founded")?,
                    affiliations: Vec::new(),
                });
            }
            let member: Option<Uuid> = row.try_get("member_id")?;
            let since: Option<NaiveDate> = row.try_get("since")?;
            if let (Some(member), Some(since), Some(body)) = (member, since, bodies.last_mut()) {
                body.affiliations.push((member, since));
            }
        }
        Ok(bodies)
    }
}

impl Db {
    /// Adds a body affiliated to the organisation, audited; its id.
    pub async fn add_body(
        &self,
        org_id: OrgId,
        kind: &str,
        name: &str,
        founded: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<Uuid, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::insert_body(conn, org_id, kind, name, founded, actor).await)
    }

    /// Records a member's affiliation to one of the organisation's bodies, audited.
    pub async fn affiliate_member(
        &self,
        org_id: OrgId,
        body: &StoredBody,
        member_id: Uuid,
        member_name: &str,
        since: NaiveDate,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::affiliate(conn, org_id, body, member_id, member_name, since, actor).await)
    }

    /// The organisation's bodies by name, with their affiliations.
    pub async fn bodies(&self, org_id: OrgId) -> Result<Vec<StoredBody>, StoreError> {
        on_connection!(self, conn, engine => engine::select_bodies(conn, Some(org_id), None).await)
    }

    /// The bodies of every organisation in the region subtree whose path is `path`.
    pub async fn bodies_in_region(&self, path: &str) -> Result<Vec<StoredBody>, StoreError> {
        on_connection!(self, conn, engine => engine::select_bodies(conn, None, Some(path)).await)
    }
}
