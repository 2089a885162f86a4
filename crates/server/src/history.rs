//! An organisation's history over HTTP — its events and memberships, a change of status,
//! a team's upgrade — its affiliated bodies, and counts over a region subtree as of a date.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Signed;
use crate::dto::AsOfQuery;
use crate::error::{ApiError, ErrorBody};

/// One event: from `date` on, the organisation is `kind` with `status`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventBody {
    pub sequence: u64,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// `founded`, `status` or `upgraded`.
    pub event: String,
    pub kind: String,
    pub status: String,
    pub note: String,
    /// When it was recorded (UTC).
    pub recorded_at: String,
}

/// A membership of `organisation` in `parent`, from `since` until (not including) `until`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipBody {
    pub organisation: String,
    pub parent: String,
    #[schema(value_type = String, format = Date)]
    pub since: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub until: Option<NaiveDate>,
}

impl From<artel_app::StoredMembership> for MembershipBody {
    fn from(m: artel_app::StoredMembership) -> MembershipBody {
        MembershipBody {
            organisation: m.org_code,
            parent: m.parent_code,
            since: m.since,
            until: m.until,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryBody {
    pub organisation: String,
    pub events: Vec<EventBody>,
    pub memberships: Vec<MembershipBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusChangeBody {
    /// `preparatory`, `active`, `under-rectification`, `merged` or `dissolved`.
    pub status: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpgradeBody {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BodyBody {
    /// `trade-union`, `youth-league`, `party-branch` or `women-committee`.
    pub kind: String,
    pub name: String,
    /// Default: today.
    #[schema(value_type = Option<String>, format = Date)]
    #[serde(default)]
    pub founded: Option<NaiveDate>,
    /// Members affiliated to it (in answers only).
    #[serde(default)]
    pub members: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CountBody {
    /// `organisations`, `organisations.KIND`, `organisations.KIND.STATUS`, `bodies`,
    /// `bodies.KIND`, `affiliated_members.KIND`.
    pub indicator: String,
    pub value: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionCountsBody {
    pub region: String,
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    pub rows: Vec<CountBody>,
}

fn event_body(e: artel_app::StoredOrgEvent) -> EventBody {
    EventBody {
        sequence: e.sequence,
        date: e.date,
        event: e.event,
        kind: e.kind,
        status: e.status,
        note: e.note,
        recorded_at: e.recorded_at.to_rfc3339(),
    }
}

/// The organisation's events in the order recorded, and its memberships.
#[utoipa::path(get, path = "/organisations/{code}/history", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = HistoryBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn history(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<HistoryBody>, ApiError> {
    let Path(code) = code?;
    let events = artel.org_history(&code).await?;
    let memberships = artel.memberships(&code).await?;
    Ok(Json(HistoryBody {
        organisation: code,
        events: events.into_iter().map(event_body).collect(),
        memberships: memberships.into_iter().map(MembershipBody::from).collect(),
    }))
}

/// Changes the organisation's status from a date on (nothing follows merged or dissolved).
#[utoipa::path(post, path = "/organisations/{code}/status", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = StatusChangeBody,
    responses((status = 201, body = EventBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_status(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<StatusChangeBody>, JsonRejection>,
) -> Result<(StatusCode, Json<EventBody>), ApiError> {
    let Path(code) = code?;
    artel.organisation(&code).await?;
    let Json(body) = body?;
    let event = artel
        .change_status(&code, &body.status, body.date, &body.note)
        .await?;
    Ok((StatusCode::CREATED, Json(event_body(event))))
}

/// Upgrades a production team to a cooperative from a date on, keeping its book.
#[utoipa::path(post, path = "/organisations/{code}/upgrade", tag = "organisations",
    params(("code" = String, Path, description = "The team's code")),
    request_body = UpgradeBody,
    responses((status = 201, body = EventBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upgrade(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<UpgradeBody>, JsonRejection>,
) -> Result<(StatusCode, Json<EventBody>), ApiError> {
    let Path(code) = code?;
    artel.organisation(&code).await?;
    let Json(body) = body?;
    let event = artel.upgrade_team(&code, body.date, &body.note).await?;
    Ok((StatusCode::CREATED, Json(event_body(event))))
}

/// The bodies affiliated to the organisation, with their numbers of members.
#[utoipa::path(get, path = "/organisations/{code}/bodies", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<BodyBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_bodies(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<BodyBody>>, ApiError> {
    let Path(code) = code?;
    let bodies = artel.bodies(&code).await?;
    Ok(Json(
        bodies
            .into_iter()
            .map(|b| BodyBody {
                kind: b.kind,
                name: b.name,
                founded: Some(b.founded),
                members: b.members,
            })
            .collect(),
    ))
}

/// Adds a body affiliated to the organisation.
#[utoipa::path(post, path = "/organisations/{code}/bodies", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = BodyBody,
    responses((status = 201, body = BodyBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_body(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<BodyBody>, JsonRejection>,
) -> Result<(StatusCode, Json<BodyBody>), ApiError> {
    let Path(code) = code?;
    artel.organisation(&code).await?;
    let Json(body) = body?;
    let added = artel
        .add_body(&code, &body.kind, &body.name, body.founded)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(BodyBody {
            kind: added.kind,
            name: added.name,
            founded: Some(added.founded),
            members: 0,
        }),
    ))
}

/// A parent organisation to join or leave on a date.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ParentBody {
    /// The parent's code: a cooperative for a team, a federation or a supply-and-marketing
    /// cooperative for a cooperative.
    pub parent: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
}

/// Records that the organisation joined a parent on a date; needs a role that allows it
/// over both.
#[utoipa::path(post, path = "/organisations/{code}/memberships", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = ParentBody,
    responses((status = 201, body = Vec<MembershipBody>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn join_parent(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<ParentBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Vec<MembershipBody>>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    artel.join_parent(&code, &body.parent, body.date).await?;
    Ok((
        StatusCode::CREATED,
        Json(memberships_of(&artel, &code).await?),
    ))
}

/// Records that the organisation left a parent on a date (a member until the day before).
#[utoipa::path(post, path = "/organisations/{code}/memberships/leave", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = ParentBody,
    responses((status = 200, body = Vec<MembershipBody>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn leave_parent(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<ParentBody>, JsonRejection>,
) -> Result<Json<Vec<MembershipBody>>, ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    artel.leave_parent(&code, &body.parent, body.date).await?;
    Ok(Json(memberships_of(&artel, &code).await?))
}

async fn memberships_of(
    artel: &artel_app::Artel,
    code: &str,
) -> Result<Vec<MembershipBody>, ApiError> {
    let memberships = artel.memberships(code).await?;
    Ok(memberships.into_iter().map(MembershipBody::from).collect())
}

/// A member's affiliation to one of the organisation's bodies.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AffiliationBody {
    /// The body's name.
    pub body: String,
    /// The member's number in the register.
    pub member: u64,
    #[schema(value_type = String, format = Date)]
    pub since: NaiveDate,
}

/// Records that a member belongs to one of the organisation's affiliated bodies (a
/// trade-union, youth-league or party branch, a women's committee) since a date.
#[utoipa::path(post, path = "/organisations/{code}/affiliations", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = AffiliationBody,
    responses((status = 201, body = AffiliationBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn affiliate_member(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<AffiliationBody>, JsonRejection>,
) -> Result<(StatusCode, Json<AffiliationBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    artel
        .affiliate_member(&code, &body.body, body.member, body.since)
        .await?;
    Ok((StatusCode::CREATED, Json(body)))
}

/// Counts over the region and every region below it at the end of a date (default
/// today): organisations by kind and status, bodies and affiliated members by body kind.
/// For federation and government officers and administrators over the region.
#[utoipa::path(get, path = "/regions/{code}/counts", tag = "organisations",
    params(("code" = String, Path, description = "The region's code"), AsOfQuery),
    responses((status = 200, body = RegionCountsBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn region_counts(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<AsOfQuery>, QueryRejection>,
) -> Result<Json<RegionCountsBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let as_of = query
        .as_of
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let counts = artel.region_counts(&code, as_of).await?;
    Ok(Json(RegionCountsBody {
        rows: counts
            .rows()
            .into_iter()
            .map(|(indicator, value)| CountBody { indicator, value })
            .collect(),
        region: counts.region.code,
        as_of: counts.as_of,
    }))
}
